import { createEvent, RunClosedUnpaid } from '@benefits/contracts';
import type { Outbox } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import { RunStateError } from '../common/errors';
import { select } from '../common/sql';
import { SERVICE_NAME } from '../config';
import { cancelRunPayments } from '../payments/payment-ledger';
import { assertTransition, type RunStatus } from './domain/run-status';

/**
 * Moves a run to its next status: the runs row holds the current status, and every change is also appended to
 * run_status_changes with when, by whom and why. The update names the status it expects, so two concurrent
 * changes cannot both win.
 */
export async function transitionRun(tx: EntityManager, run: { id: string; status: RunStatus }, to: RunStatus, by: string, reason?: string | null): Promise<void> {
  assertTransition(run.status, to);
  const updated = await select<{ id: string }>(
    tx,
    `UPDATE disbursement.runs SET status = $2, status_changed_at = now(), halt_reason = CASE WHEN $2 = 'HALTED' THEN $4 ELSE halt_reason END
      WHERE id = $1 AND status = $3 RETURNING id`,
    [run.id, to, run.status, reason ?? null],
  );
  if (updated.length === 0) throw new RunStateError(`The run ${run.id} changed meanwhile; it is no longer ${run.status}`);
  await tx.query(
    'INSERT INTO disbursement.run_status_changes (run_id, from_status, to_status, changed_by, reason) VALUES ($1, $2, $3, $4, $5)',
    [run.id, run.status, to, by, reason ?? null],
  );
  run.status = to;
}

/** The ends of a run before release: nothing of it is paid. */
export type UnpaidEnd = 'CANCELLED' | 'REJECTED' | 'HALTED';

/**
 * Ends a run before release, in the caller's transaction: the status change, its pending payments cancelled and their
 * obligation lines voided (the next run of the month may pay them), and RunClosedUnpaid to entitlement, which then
 * no longer counts the arrears and one-offs it scheduled for this run, so the next run owes them again.
 */
export async function closeRunUnpaid(
  tx: EntityManager,
  outbox: Outbox,
  run: { id: string; status: RunStatus; month: string; correlationId: string },
  to: UnpaidEnd,
  by: string,
  reason: string,
): Promise<void> {
  await transitionRun(tx, run, to, by, reason);
  await cancelRunPayments(tx, run.id, by, `RUN_${to}`);
  const event = createEvent(RunClosedUnpaid, { runId: run.id, month: run.month, status: to, reason, closedBy: by }, { correlationId: run.correlationId, producer: SERVICE_NAME });
  await outbox.add(tx, [event]);
}
