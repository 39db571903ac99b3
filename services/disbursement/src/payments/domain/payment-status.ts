/**
 * A payment instruction's life: pending until its run is released, queued in a partner batch, sent once the
 * partner acknowledged the batch, then an outcome. A settled bank payment may still come back (returned).
 */
export const PAYMENT_STATUSES = ['pending', 'queued', 'sent', 'settled', 'rejected', 'returned', 'not_collected', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type Outcome = 'settled' | 'rejected' | 'returned' | 'not_collected';
export type PaymentKind = 'regular' | 'resend';
/** The post office's money not paid out: returned to the department, or kept to pay again next month. */
export type BalanceDisposition = 'kept' | 'returned';

/** regular: the month's own amount; arrears: for an earlier month; repay: an unpaid line of an earlier payment paid again. */
export type LineKind = 'regular' | 'arrears' | 'repay';
export type LineSource = 'regular' | 'arrears' | 'unpaid_arrears' | 'carry_over' | 'resend';

export const FINAL_STATUSES: readonly PaymentStatus[] = ['settled', 'rejected', 'returned', 'not_collected', 'cancelled'];
/** Not final yet: made, or on its way, its outcome still to come. */
export const AWAITING_OUTCOME: readonly PaymentStatus[] = PAYMENT_STATUSES.filter((status) => !FINAL_STATUSES.includes(status));
/** Final and unpaid: the money can be paid again (re-sent, carried over, or paid as arrears), once. */
export const UNPAID_STATUSES: readonly PaymentStatus[] = ['rejected', 'returned', 'not_collected'];
/** Money may be on its way or arrived: a re-send is never allowed. */
export const IN_FLIGHT_OR_PAID: readonly PaymentStatus[] = ['queued', 'sent', 'settled'];

const OUTCOME_FROM: Record<Outcome, readonly PaymentStatus[]> = {
  settled: ['queued', 'sent'],
  rejected: ['pending', 'queued', 'sent'],
  not_collected: ['queued', 'sent'],
  returned: ['settled'],
};

/** Whether an outcome reported now changes the payment: reports are repeated, and only a change has effects. */
export function outcomeApplies(current: PaymentStatus, outcome: Outcome): boolean {
  return OUTCOME_FROM[outcome].includes(current);
}

/**
 * The statuses some of these outcomes would change: a payment in any other status is unchanged by all of them, so
 * the recorder neither reads nor locks it (a report read again lists thousands of payments already recorded).
 */
export function statusesChangedBy(outcomes: readonly Outcome[]): PaymentStatus[] {
  return PAYMENT_STATUSES.filter((status) => outcomes.some((outcome) => outcomeApplies(status, outcome)));
}

/**
 * Why a payment cannot be re-sent, judged on its status alone, or null. A rejected or returned payment can be. So can
 * a not-collected one that no later payment may carry (`mayHaveNoNextPayment`): a carry-over joins a later payment of
 * the same person and programme, which a deceased person never has (funeral support), nor, most often, a person paid
 * only arrears (month amount 0: a decision that has stopped); without a re-send they would never be paid. Any other
 * not-collected payment is carried into the person's next payment instead. Whichever of a re-send and a carry-over
 * comes first pays it, once (the repay lines' key).
 */
export function resendRefusal(status: PaymentStatus, mayHaveNoNextPayment: boolean): string | null {
  if (status === 'rejected' || status === 'returned') return null;
  if (status === 'not_collected') {
    return mayHaveNoNextPayment
      ? null
      : 'a payment not collected is carried into the person’s next payment, not re-sent; only funeral support and arrears paid alone (never carried over) are';
  }
  return 'only a rejected or returned payment, or a funeral support not collected, can be re-sent';
}

export function isFinal(status: PaymentStatus): boolean {
  return FINAL_STATUSES.includes(status);
}

/** The kind a line is reported with in PaymentOutcomeRecorded.lines. */
export function reportedLineKind(source: LineSource): 'regular' | 'arrears' | 'carried_over' | 'resent' {
  switch (source) {
    case 'regular':
      return 'regular';
    case 'arrears':
    case 'unpaid_arrears':
      return 'arrears';
    case 'carry_over':
      return 'carried_over';
    case 'resend':
      return 'resent';
  }
}
