import {
  computeArrears,
  monthOfDate,
  nextMonth,
  type ArrearsHistory,
  type RateBook,
  type RecoveryRecord,
} from '../../domain';
import { isReceived, latestOutcomes, regularPart, type PastLineRow, type PastRecoveryRow, type PaymentRow } from '../../runs/domain/arrears-history';

export interface DeathHistory {
  readonly personRef: string;
  /** "YYYY-MM-DD" */
  readonly dateOfDeath: string;
  readonly payments: readonly PaymentRow[];
  /** Lines of the runs those payments paid: what part of each payment was the month's own amount. */
  readonly lines: readonly PastLineRow[];
  readonly recoveries: readonly PastRecoveryRow[];
}

/**
 * A death reported late: every month after the month of death that was paid is owed nothing, so what was paid for
 * it (the month's own amount; arrears of earlier months carried by the same payment stay owed) is to be
 * recovered. Recoveries already raised for a month count, so a month is never recovered twice.
 */
export function recoveriesAfterDeath(death: DeathHistory, book: RateBook): RecoveryRecord[] {
  const deathMonth = monthOfDate(death.dateOfDeath);
  const payments = latestOutcomes(death.payments).filter((p) => p.month > deathMonth && isReceived(p));
  if (payments.length === 0) return [];
  const months = [...new Set(payments.map((p) => p.month))].sort();
  const { personRef } = death;
  const history: ArrearsHistory = {
    personRef,
    currentMonth: nextMonth(months[months.length - 1]),
    months: months.map((month) => ({ month, entitlement: { personRef, items: [] } })),
    payments: payments.map((p) => ({
      month: p.month,
      programme: p.programme,
      recipientRef: personRef,
      amount: regularPart(p, death.lines),
      status: 'settled' as const,
      settledOn: p.occurredOn,
    })),
    adjustments: death.recoveries
      .filter((r) => months.includes(r.month))
      .map((r) => ({ kind: 'recovery' as const, month: r.month, programme: r.programme, recipientRef: r.recipientRef, amount: r.amount })),
  };
  const why = `died on ${death.dateOfDeath}: payments stop from the month after the month of death`;
  return computeArrears(history, book).recoveries.map((r) => ({ ...r, explanation: [why, ...r.explanation] }));
}
