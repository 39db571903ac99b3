import type { EntityManager } from 'typeorm';
import { select } from '../common/sql';
import { payingDepartmentSql } from '../channels/domain/paying-account';
import { SYSTEM } from '../payments/payment-ledger';

export interface PlannedBatch {
  batch_id: string;
  channel: string;
  partner: string;
  item_count: number;
}

/**
 * The group a payment is batched in, in SQL over a row of payment columns (`alias.` before each, if given): bank
 * payments by creditor BIN and paying department (channels/domain/paying-account.ts: one debtor account per file),
 * post-office account payments together, cash payments by commune cash point. Preparation writes a run's payments
 * in this order (instruction-builder.ts), so that each batch's rows lie together on disk.
 */
export function batchGroupKeySql(alias?: string): string {
  const col = (name: string) => (alias ? `${alias}.${name}` : name);
  return `CASE ${col('channel')} WHEN 'bank' THEN ${col('bank_bin')} || '/' || ${payingDepartmentSql(col('programme'))}
               WHEN 'post_office_account' THEN 'account' ELSE ${col('commune_code')} || '/' || ${col('cash_point_code')} END`;
}

/**
 * Puts a run's pending, sendable payments into partner batches, set-based: each group of batchGroupKeySql, in
 * payment id order, cut into batches of the configured size. A batch id is derived from the run, the group and the
 * payment ids it holds ('B' + 32 hex of a sha256): planning the same payments again gives the same ids.
 */
export async function planBatches(tx: EntityManager, runId: string, sizes: { bank: number; postOffice: number }): Promise<PlannedBatch[]> {
  // Step by step through analysed temp tables: on freshly written rows the planner's estimates are off, and a
  // window function joined to its own aggregate can turn into a quadratic nested loop.
  await tx.query(
    `CREATE TEMP TABLE plan ON COMMIT DROP AS
     SELECT payment_id, channel, total, group_key,
            (row_number() OVER (PARTITION BY channel, group_key ORDER BY payment_id) - 1)
              / CASE channel WHEN 'bank' THEN $2::int ELSE $3::int END AS seq,
            NULL::text AS batch_id
       FROM (SELECT payment_id, channel, total, ${batchGroupKeySql()} AS group_key
               FROM disbursement.payments
              WHERE run_id = $1 AND status = 'pending' AND destination_problem IS NULL AND batch_id IS NULL) keyed`,
    [runId, sizes.bank, sizes.postOffice],
  );
  await tx.query('ANALYZE plan');
  await tx.query(
    `CREATE TEMP TABLE plan_batches ON COMMIT DROP AS
     SELECT channel, group_key, seq,
            'B' || upper(substr(encode(sha256(convert_to($1::text || '|' || channel || '|' || group_key || '|'
                   || string_agg(payment_id, ',' ORDER BY payment_id), 'UTF8')), 'hex'), 1, 32)) AS batch_id
       FROM plan GROUP BY channel, group_key, seq`,
    [runId],
  );
  await tx.query('ANALYZE plan_batches');
  await tx.query(
    `UPDATE plan p SET batch_id = b.batch_id FROM plan_batches b WHERE p.channel = b.channel AND p.group_key = b.group_key AND p.seq = b.seq`,
  );
  const batches = await select<PlannedBatch>(
    tx,
    `INSERT INTO disbursement.partner_batches (batch_id, run_id, channel, partner, group_key, item_count, total, status)
     SELECT batch_id, $1, channel, CASE channel WHEN 'bank' THEN 'bank' ELSE 'post_office' END, group_key, count(*)::int, sum(total), 'PLANNED'
       FROM plan GROUP BY batch_id, channel, group_key
     RETURNING batch_id, channel, partner, item_count`,
    [runId],
  );
  await tx.query(
    `INSERT INTO disbursement.partner_batch_status_changes (batch_id, from_status, to_status, detail)
     SELECT batch_id, NULL, 'PLANNED', item_count || ' payments' FROM disbursement.partner_batches WHERE batch_id = ANY($1::text[])`,
    [batches.map((b) => b.batch_id)],
  );
  await tx.query(
    `UPDATE disbursement.payments p SET batch_id = plan.batch_id, status = 'queued', status_changed_at = now()
       FROM plan WHERE p.payment_id = plan.payment_id`,
  );
  await tx.query(
    `INSERT INTO disbursement.payment_status_changes (payment_id, from_status, to_status, changed_by)
     SELECT payment_id, 'pending', 'queued', $1 FROM plan`,
    [SYSTEM],
  );
  await tx.query('DROP TABLE plan, plan_batches');
  // The run's payments and lines were all written since the last statistics: without fresh ones, each batch's
  // "payments of this batch still queued" and "lines of these payments" scanned every queued payment and every
  // open line of the run (a BitmapAnd with the status and obligation indexes), 30-50 ms per batch at 100,000.
  await tx.query('ANALYZE disbursement.payments, disbursement.payment_lines');
  return batches;
}

/** Appends a batch status change and sets the current status, if the batch is still in `from`. */
export async function transitionBatch(tx: EntityManager, batchId: string, from: readonly string[], to: string, detail?: string | null): Promise<boolean> {
  const rows = await select<{ status: string }>(
    tx,
    `WITH old AS (SELECT status FROM disbursement.partner_batches WHERE batch_id = $1 AND status = ANY($2::text[]) FOR UPDATE)
     UPDATE disbursement.partner_batches b SET status = $3, status_changed_at = now() FROM old WHERE b.batch_id = $1 RETURNING old.status`,
    [batchId, from, to],
  );
  if (rows.length === 0) return false;
  await tx.query(
    'INSERT INTO disbursement.partner_batch_status_changes (batch_id, from_status, to_status, detail) VALUES ($1, $2, $3, $4)',
    [batchId, rows[0].status, to, detail ?? null],
  );
  return true;
}

/** The batch's payments still queued are with the partner (it acknowledged the file): sent, each change recorded. */
export async function markBatchSent(tx: EntityManager, batchId: string): Promise<void> {
  // One statement: the payments updated are those whose change is recorded, read once.
  await tx.query(
    `WITH sent AS (UPDATE disbursement.payments SET status = 'sent', status_changed_at = now() WHERE batch_id = $1 AND status = 'queued' RETURNING payment_id)
     INSERT INTO disbursement.payment_status_changes (payment_id, from_status, to_status, changed_by) SELECT payment_id, 'queued', 'sent', $2 FROM sent`,
    [batchId, SYSTEM],
  );
}
