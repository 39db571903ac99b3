import { dong } from '@benefits/money';
import type { Programme } from '../domain';
import type { PaymentRow } from './domain/arrears-history';

/**
 * The month's own amount of a payment (alias `row`), from the lines disbursement reported: 0 when none is of its
 * month (an item of arrears only); null when it reported no lines at all. A re-send's line of its month pays the
 * original's lines of that month again: its regular line only (arrears and amounts carried over are for earlier
 * months).
 */
export const regularOf = (row: string) =>
  `(SELECT CASE WHEN count(*) > 0 THEN COALESCE(sum((l->>'amount')::bigint) FILTER (WHERE l->>'kind' IN ('regular', 'resent') AND l->>'month' = ${row}.month), 0)::text END
      FROM jsonb_array_elements(${row}.lines) l) AS regular`;

export interface PaymentRecordRow {
  readonly payment_id: string;
  readonly run_id: string;
  readonly programme: Programme;
  readonly month: string;
  readonly amount: string;
  readonly outcome: PaymentRow['outcome'];
  readonly occurred_on: string;
  readonly received_at: Date;
  readonly regular: string | null;
  readonly resend_of: string | null;
}

export function paymentRow(p: PaymentRecordRow): PaymentRow {
  return {
    paymentId: p.payment_id,
    runId: p.run_id,
    programme: p.programme,
    month: p.month,
    amount: dong(p.amount),
    outcome: p.outcome,
    occurredOn: p.occurred_on,
    receivedAt: p.received_at.toISOString(),
    ...(p.regular !== null && { regular: dong(p.regular) }),
    ...(p.resend_of !== null && { resendOf: p.resend_of }),
  };
}
