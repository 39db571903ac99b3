import { formatDong, sum } from '@benefits/money';
import type { ArrearsHistory, ArrearsResult, RecoveryRecord } from '../../domain';

/**
 * Recoveries raised before that now ask back more than is to be recovered: the money they were raised on came back
 * (a payment returned by the bank after it settled), so it no longer reached the person. computeArrears sees such a
 * month as owed more than paid (recoveries count against what was paid); each is given back by a reversing entry of
 * the excess, negative (REVERSED): recoveries are append-only, the old record stays and the two net to what is to
 * recover now. Never more than was recovered: a month owed beyond that is a run's to pay as arrears, not a recovery's.
 */
export function recoveryReversals(history: ArrearsHistory, result: ArrearsResult): RecoveryRecord[] {
  return result.lines.flatMap((line) => {
    const recovered = sum(
      history.adjustments
        .filter((a) => a.kind === 'recovery' && a.month === line.month && a.programme === line.programme && a.recipientRef === line.recipientRef)
        .map((a) => a.amount),
    );
    const excess = line.difference < recovered ? line.difference : recovered;
    if (excess <= 0n) return [];
    const { personRef, recipientRef, month, programme, owed, paid } = line;
    const explanation = [
      `${month} ${programme} to ${recipientRef}: owed ${formatDong(owed)}, paid ${formatDong(paid + recovered)} before recoveries`,
      `recovered ${formatDong(recovered)} before, ${formatDong(recovered - excess)} to recover now: ${formatDong(excess)} given back (REVERSED)`,
    ];
    return [{ personRef, recipientRef, month, programme, owed, paid, amount: -excess, reason: 'REVERSED' as const, explanation }];
  });
}
