import { computeArrears, monthOfDate, nextMonth, type ArrearsHistory, type Month, type RateBook, type RecoveryRecord } from '../../domain';
import { paymentRecord, priorAdjustments, receivedHistory, type PersonHistory } from '../../runs/domain/arrears-history';
import { recoveryReversals } from './recovery-reversals';

/** A dead person's payments, lines, arrears and recoveries of the months after the month of death, read as a run reads them. */
export interface DeathHistory extends PersonHistory {
  readonly personRef: string;
  /** "YYYY-MM-DD" */
  readonly dateOfDeath: string;
}

/**
 * A death reported late: every month after the month of death is owed nothing, so all that reached the person for
 * it is to be recovered: the month's own part of its payments, and arrears paid for it by a later payment (a month not
 * collected and carried over, a rate raised backdated), counted as a termination counts them (receivedHistory,
 * priorAdjustments). Arrears of earlier months carried by the same payments stay owed. Recoveries already raised
 * count, so a month is never recovered twice; one that asks back more than reached the person (its payment was
 * returned since) is given back (recoveryReversals).
 */
export function recoveriesAfterDeath(death: DeathHistory, book: RateBook): RecoveryRecord[] {
  const { personRef } = death;
  const deathMonth = monthOfDate(death.dateOfDeath);
  const after = (row: { month: Month }) => row.month > deathMonth;
  const received = receivedHistory(death);
  const payments = received.payments.filter(after);
  const adjustments = priorAdjustments(received, after);
  const months = [...new Set([...payments, ...adjustments].map((row) => row.month))].sort();
  if (months.length === 0) return [];
  const history: ArrearsHistory = {
    personRef,
    currentMonth: nextMonth(months[months.length - 1]),
    months: months.map((month) => ({ month, entitlement: { personRef, items: [] } })),
    payments: payments.map((p) => paymentRecord(p, personRef, death.lines)),
    adjustments,
  };
  const result = computeArrears(history, book);
  const why = `died on ${death.dateOfDeath}: payments stop from the month after the month of death`;
  return [...result.recoveries, ...recoveryReversals(history, result)].map((r) => ({ ...r, explanation: [why, ...r.explanation] }));
}
