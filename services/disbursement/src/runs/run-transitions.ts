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
export const UNPAID_ENDS = ['CANCELLED', 'REJECTED', 'HALTED'] as const;
export type UnpaidEnd = (typeof UNPAID_ENDS)[number];

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
  // A run halts before its preview: it never held a line another run could have relied on.
  if (to !== 'HALTED') await flagRunsThatReliedOn(tx, run, to);
  const event = createEvent(RunClosedUnpaid, { runId: run.id, month: run.month, status: to, reason, closedBy: by }, { correlationId: run.correlationId, producer: SERVICE_NAME });
  await outbox.add(tx, [event]);
}

/** The anomaly of a run that left out persons as already paid by a run closed unpaid since. */
export const PAYER_RUN_CLOSED = 'PAYER_RUN_CLOSED';

/**
 * Another run of the month prepared while this one held a person's month (two commune runs, the person moved between
 * their snapshots) left that person out as already paid. With this run closed unpaid, nobody pays them: the other run
 * gets an anomaly. Not released yet, it is neither approved nor released as prepared (cancel it and request it anew,
 * which pays them); released meanwhile, its anomaly tells the operator to request a run of the month for its scope
 * once it is done. The other runs are locked first, so a release in progress is waited for, not missed; the caller
 * holds the preparation lock (PREPARATION_LOCK), so no run is being prepared meanwhile. Runs not prepared yet need
 * nothing: their preparation no longer finds the lines voided here.
 */
async function flagRunsThatReliedOn(tx: EntityManager, closed: { id: string; month: string }, to: UnpaidEnd): Promise<void> {
  await tx.query(
    `WITH relying AS (
       SELECT r.id, r.status FROM disbursement.runs r
        WHERE r.month = $2 AND r.id <> $1::uuid AND r.status IN ('PREVIEW_READY', 'APPROVED', 'RELEASING', 'RELEASED', 'SENT', 'COMPLETED')
        ORDER BY r.id FOR UPDATE)
     INSERT INTO disbursement.run_anomalies (run_id, kind, detail)
     SELECT r.id, $3, format('%s person(s) left out of this run as already paid by run %s, which was %s since: nobody pays them; %s',
                             count(*), $5::text, lower($4::text),
                             CASE WHEN r.status IN ('PREVIEW_READY', 'APPROVED') THEN 'cancel this run and request it anew'
                                  ELSE 'once this run is done, request a run of the month for its scope: it pays them' END)
       FROM relying r
       -- From the closed run's own month lines (a commune run's are few), each looked up in the other run's items.
       JOIN disbursement.payments p ON p.run_id = $1::uuid
       JOIN disbursement.payment_lines l ON l.payment_id = p.payment_id AND l.kind = 'regular' AND l.month = $2
       JOIN disbursement.run_entitlements e ON e.run_id = r.id AND e.programme = l.programme AND e.person_ref = l.person_ref AND e.components_total > 0
      WHERE NOT EXISTS (SELECT 1 FROM disbursement.payments q WHERE q.run_id = r.id AND q.person_ref = e.person_ref AND q.programme = e.programme)
        -- Nobody else pays the month either (a third run's line would).
        AND NOT EXISTS (SELECT 1 FROM disbursement.payment_lines x
                         WHERE x.kind = 'regular' AND x.programme = e.programme AND x.month = $2 AND x.person_ref = e.person_ref
                           AND x.origin_ref = '' AND x.voided_at IS NULL)
      GROUP BY r.id, r.status`,
    [closed.id, closed.month, PAYER_RUN_CLOSED, to, closed.id],
  );
}
