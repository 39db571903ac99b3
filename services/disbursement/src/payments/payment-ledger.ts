import type { EntityManager } from 'typeorm';
import { select } from '../common/sql';
import type { PaymentStatus } from './domain/payment-status';

/** Who changes payments when no person does: the service itself (partner outcomes, release, preparation). */
export const SYSTEM = 'system';

export interface PaymentChange {
  readonly paymentId: string;
  readonly from: PaymentStatus | null;
  readonly to: PaymentStatus;
  readonly reasonCode?: string | null;
}

/** Appends status changes, many in one statement. */
export async function appendPaymentChanges(tx: EntityManager, changes: readonly PaymentChange[], by: string): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `INSERT INTO disbursement.payment_status_changes (payment_id, from_status, to_status, reason_code, changed_by)
     SELECT p, f, t, r, $5 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(p, f, t, r)`,
    [changes.map((c) => c.paymentId), changes.map((c) => c.from), changes.map((c) => c.to), changes.map((c) => c.reasonCode ?? null), by],
  );
}

/**
 * A run cancelled or rejected before release: its pending payments are cancelled and their obligation lines
 * voided, so the next run for the month may pay them. Set-based; returns how many payments were cancelled.
 */
export async function cancelRunPayments(tx: EntityManager, runId: string, by: string, reasonCode: string): Promise<number> {
  await tx.query(
    `UPDATE disbursement.payment_lines l SET voided_at = now() FROM disbursement.payments p
      WHERE p.run_id = $1 AND p.status = 'pending' AND l.payment_id = p.payment_id AND l.voided_at IS NULL`,
    [runId],
  );
  await tx.query(
    `INSERT INTO disbursement.payment_status_changes (payment_id, from_status, to_status, reason_code, changed_by)
     SELECT payment_id, 'pending', 'cancelled', $2, $3 FROM disbursement.payments WHERE run_id = $1 AND status = 'pending'`,
    [runId, reasonCode, by],
  );
  const cancelled = await select<{ n: number }>(
    tx,
    `WITH c AS (UPDATE disbursement.payments SET status = 'cancelled', status_changed_at = now(), reason_code = $2
                 WHERE run_id = $1 AND status = 'pending' RETURNING 1)
     SELECT count(*)::int AS n FROM c`,
    [runId, reasonCode],
  );
  return cancelled[0]?.n ?? 0;
}
