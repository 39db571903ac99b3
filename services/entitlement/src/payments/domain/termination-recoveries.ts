import { formatDong } from '@benefits/money';
import {
  calculateMonth,
  computeArrears,
  monthOfDate,
  nextMonth,
  type ArrearsLine,
  type Month,
  type MonthCalculator,
  type Programme,
  type RateBook,
  type RecoveryRecord,
} from '../../domain';
import {
  arrearsHistory,
  CARED_FOR_DECEASED,
  receivedHistory,
  type PastArrearsRow,
  type PastLineRow,
  type PastRecoveryRow,
  type PaymentRow,
  type TerminationRow,
} from '../../runs/domain/arrears-history';
import { recoveryReversals } from './recovery-reversals';

/** One decision terminated by an operator, as LifeEventRecorded (decision_terminated) told it. */
export interface Termination extends TerminationRow {
  readonly decisionNumber: string;
  readonly reasonCode: string;
}

export interface TerminationHistory {
  readonly personRef: string;
  readonly termination: Termination;
  /** Every termination recorded for the person, this one included: all are left out of the months they follow. */
  readonly terminations: readonly TerminationRow[];
  /** Payments, lines (with the items each was calculated from), arrears and recoveries of months after the last day paid. */
  readonly payments: readonly PaymentRow[];
  readonly lines: readonly PastLineRow[];
  readonly arrears: readonly PastArrearsRow[];
  readonly recoveries: readonly PastRecoveryRow[];
  /** "YYYY-MM-DD", when the person's death is recorded: the months after its month are the death's (recoveriesAfterDeath). */
  readonly dateOfDeath?: string;
}

export interface TerminationRecoveries {
  readonly recoveries: readonly RecoveryRecord[];
  /**
   * Months paid after the last day paid that could not be re-priced: paid only through arrears lines (no stored
   * inputs for the month), or no rate table for them. Nothing is recorded for them: the service logs them.
   */
  readonly notExamined: readonly Month[];
  /**
   * What those months are owed now in another programme and were not paid: the social pension of a person whose
   * higher social assistance was terminated (only the higher of the two is paid: Decree 176/2025/ND-CP). Not paid
   * here: the next run looks at these months again and pays them as arrears (RecoveriesService records them).
   */
  readonly owedElsewhere: readonly ArrearsLine[];
}

/**
 * A decision terminated with a last day paid in the past (or a care allowance whose person cared for died): each month after the month of that day that was paid
 * (a settled payment of the decision's programme, from a run whose line kept the items it priced) is re-priced
 * from those items without the terminated decision's item, exactly as a run re-examining the month would
 * (arrearsHistory, computeArrears); what was paid beyond that is to be recovered. Another decision of the person
 * still applies: two social-assistance groups, the higher one terminated, leave the lower one owed; a social
 * pension left unpaid beside a higher social assistance is owed once that assistance is terminated (owedElsewhere).
 * Arrears paid and recoveries already raised for a month count, so a month is never recovered twice. Only what
 * reached the person in the programme counts as paid (receivedHistory): a recovery that asks back more than that (its
 * payment was returned since) is given back (recoveryReversals). The months after a recorded death are left to the
 * death's recoveries, which owe nothing there: re-priced here, the decisions left would count as owed and give back
 * what the death recovered.
 */
export function recoveriesAfterTermination(
  history: TerminationHistory,
  book: RateBook,
  provinceCode: string,
  calculate: MonthCalculator = calculateMonth,
): TerminationRecoveries {
  const { termination, personRef } = history;
  const programme: Programme = termination.programme;
  const lastMonth = monthOfDate(termination.lastDayPaid);
  const deathMonth = history.dateOfDeath === undefined ? undefined : monthOfDate(history.dateOfDeath);
  const later = (row: { month: Month }) => row.month > lastMonth && (deathMonth === undefined || row.month <= deathMonth);
  const after = (row: { programme: Programme; month: Month }) => row.programme === programme && later(row);
  const reached = receivedHistory(history);
  const received = reached.payments.filter(after);
  const receivedArrears = reached.arrears.filter(after);
  const lines = history.lines.filter((l) => l.programme === programme);
  const priced = (p: PaymentRow) => lines.some((l) => l.runId === p.runId && l.month === p.month && l.inputs.length > 0);
  const paid = new Set([...received, ...receivedArrears].map((row) => row.month));
  // A month recovered before of which nothing reached the person any more (returned since): its recovery is given back.
  const cameBack = history.recoveries.filter((r) => after(r) && !paid.has(r.month)).map((r) => r.month);
  const months = [...new Set([...received.filter(priced).map((p) => p.month), ...cameBack])].sort();
  const unreadable = [...paid].filter((m) => !months.includes(m));
  if (months.length === 0) return { recoveries: [], notExamined: unreadable.sort(), owedElsewhere: [] };

  // Every programme of those months: what another programme was paid counts against what it is owed now. The other
  // programmes are read as a run reads them (what they are owed instead, a run pays), this one as recoveries count it.
  const other = (row: { programme: Programme; month: Month }) => row.programme !== programme && later(row);
  const past = arrearsHistory(
    { personRef, items: [], windows: [], problems: [] },
    provinceCode,
    nextMonth(months[months.length - 1]),
    { months, suspended: new Set(), owed: new Map() },
    {
      payments: [...received, ...history.payments.filter(other)],
      lines: history.lines.filter(later),
      arrears: [...receivedArrears, ...history.arrears.filter(other)],
      recoveries: history.recoveries.filter(later),
      terminations: history.terminations,
    },
  );
  // Not counted across social assistance and the social pension: each decision's termination recovers what its own
  // programme received (the other's own termination recovers the rest), and a pension owed instead is owed elsewhere.
  const result = computeArrears(past, book, calculate, { countAcrossOneBenefit: false });
  const why =
    termination.reasonCode === CARED_FOR_DECEASED
      ? `decision ${termination.decisionNumber}: the person cared for died on ${termination.lastDayPaid} (reason ${termination.reasonCode}): from ${nextMonth(lastMonth)} the care allowance for them is not owed`
      : `decision ${termination.decisionNumber} terminated, last day paid ${termination.lastDayPaid} (reason ${termination.reasonCode}): from ${nextMonth(lastMonth)} it is not owed`;
  const owedElsewhere = result.lines.filter((l) => l.programme !== programme).map((l) => ({ ...l, explanation: [why, ...l.explanation] }));
  const instead = (month: Month) =>
    owedElsewhere.filter((l) => l.month === month).map((l) => `owed instead: ${l.programme} ${formatDong(l.difference)}, paid as arrears by the next run`);
  return {
    recoveries: [...result.recoveries, ...recoveryReversals(past, result)]
      .filter((r) => r.programme === programme)
      .map((r) => ({ ...r, explanation: [why, ...r.explanation, ...instead(r.month)] })),
    notExamined: [...unreadable, ...result.unpriced.map((u) => u.month)].sort(),
    owedElsewhere,
  };
}
