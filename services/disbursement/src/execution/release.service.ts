import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { OutboxRelay } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { vietnamDate } from '@benefits/iso20022';
import { RunInputsChangedError, RunNotFoundError, RunStateError, ScopeForbiddenError } from '../common/errors';
import { select, selectOne } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { SYSTEM } from '../payments/payment-ledger';
import type { RunStatus } from '../runs/domain/run-status';
import { scopeRefusal } from '../runs/domain/scope';
import { RunEntity } from '../runs/run.entity';
import { PAYER_RUN_CLOSED, transitionRun } from '../runs/run-transitions';
import { scopeOf } from '../runs/runs.service';
import { planBatches } from './batch-planner';
import { JobDispatcher } from './job-dispatcher';

const NO_NOTIFICATIONS: readonly string[] = [];

/**
 * Release, in two steps, so that the approver's request does not wait for the planning of a national run (tens of
 * seconds at a million payments). The request: an APPROVED run becomes RELEASING, and a job is queued. The job, in one
 * transaction: the payments that cannot be sent (no valid destination) are rejected with their reason, the rest are
 * put into partner batches, and the run is RELEASED; then its BullMQ flow is created. Should the job not be queued
 * (Redis refused it), or the process die in between, the recovery sweep queues the job, or creates the flow
 * (dispatched_at is null).
 */
@Injectable()
export class ReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly recorder: OutcomeRecorder,
    private readonly notifications: NotificationDispatcher,
    private readonly jobs: JobDispatcher,
    private readonly relay: OutboxRelay,
  ) {}

  /** The approver's release: answered at once with the run RELEASING; GET /runs/:id shows it RELEASED, then SENT. */
  async release(user: AuthUser, runId: string): Promise<RunEntity> {
    await this.dataSource.transaction(async (tx) => {
      const run = await tx.getRepository(RunEntity).findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new RunNotFoundError(runId);
      const refusal = scopeRefusal(user, scopeOf(run));
      if (refusal) throw new ScopeForbiddenError(`You may not release this run: ${refusal}`);
      if (run.status !== 'APPROVED') throw new RunStateError(`Only an approved run can be released; this one is ${run.status}`);
      // The approval refused any anomaly on record: one on record now came after it. A run it left persons out for, as
      // already paid, closed unpaid since (PAYER_RUN_CLOSED, run-transitions.ts), or an input of its producers that
      // differs from what was prepared and approved (a chunk again with other content, a late declaration): either
      // way the approved preview is no longer what would be paid. Cancel the run and request it anew.
      const changed = await select<{ kind: string; detail: string }>(tx, 'SELECT kind, detail FROM disbursement.run_anomalies WHERE run_id = $1 ORDER BY id', [runId]);
      if (changed.length > 0) {
        const first = changed[0].kind === PAYER_RUN_CLOSED ? changed[0].detail : `${changed[0].kind}: ${changed[0].detail}; cancel this run and request it anew`;
        const more = changed.length > 1 ? ` (and ${changed.length - 1} more)` : '';
        throw new RunInputsChangedError(`This run cannot be released as prepared: ${first}${more}`, { anomalies: changed });
      }
      await transitionRun(tx, run, 'RELEASING', user.id);
      this.logger.info({ runId, releasedBy: user.id }, 'run release requested');
    });
    // The release is committed: if its job cannot be queued now (Redis refused it), the recovery sweep queues it
    // (JobDispatcher.requeueReleases); the approver is not told the release failed when it did not.
    await this.jobs.queueRelease(runId).catch((error: unknown) => {
      this.logger.error({ err: error, runId }, 'run released but its job could not be queued: the recovery sweep will queue it');
    });
    return this.dataSource.getRepository(RunEntity).findOneByOrFail({ id: runId });
  }

  /**
   * The release job. Idempotent: a run no longer RELEASING is left as it is, except that a RELEASED run whose flow
   * was not created (the job failed after the commit) gets it now. Returns the run's status.
   */
  async completeRelease(runId: string): Promise<RunStatus | undefined> {
    const released = await this.dataSource.transaction(async (tx) => {
      const run = await selectOne<{ id: string; status: RunStatus; dispatched: boolean }>(
        tx,
        'SELECT id, status, dispatched_at IS NOT NULL AS dispatched FROM disbursement.runs WHERE id = $1 FOR UPDATE',
        [runId],
      );
      if (!run) return undefined;
      if (run.status === 'RELEASED') return { status: run.status, dispatch: !run.dispatched, releasedBy: await releaser(tx, runId), notifications: NO_NOTIFICATIONS };
      if (run.status !== 'RELEASING') return { status: run.status, dispatch: false, releasedBy: SYSTEM, notifications: NO_NOTIFICATIONS };
      const releasedBy = await releaser(tx, runId);
      const unsendable = await select<{ payment_id: string; destination_problem: string }>(
        tx,
        `SELECT payment_id, destination_problem FROM disbursement.payments WHERE run_id = $1 AND status = 'pending' AND destination_problem IS NOT NULL`,
        [runId],
      );
      const today = vietnamDate(new Date());
      const refused = await this.recorder.record(
        tx,
        unsendable.map((p) => ({ paymentId: p.payment_id, outcome: 'rejected' as const, reasonCode: p.destination_problem, occurredOn: today })),
        null,
      );
      const planned = await planBatches(tx, runId, { bank: this.config.BANK_BATCH_SIZE, postOffice: this.config.POST_OFFICE_BATCH_SIZE });
      await transitionRun(tx, { id: run.id, status: run.status }, 'RELEASED', releasedBy);
      this.logger.info({ runId, batches: planned.length, unsendable: unsendable.length, releasedBy }, 'run released');
      return { status: 'RELEASED' as const, dispatch: true, releasedBy, notifications: refused.notificationIds };
    });
    if (!released?.dispatch) return released?.status;
    this.relay.notify();
    await this.notifications.flush(released.notifications);
    // A failure here fails the job, which is tried again: the run is RELEASED by then, and only its flow is created.
    await this.jobs.dispatchRun(runId, released.releasedBy);
    return released.status;
  }

  /** Runs released whose flow was never created (the process died right after the release's commit): create it now. */
  async dispatchForgotten(olderThanMs: number): Promise<number> {
    const forgotten = await select<{ id: string; released_by: string }>(
      this.dataSource.manager,
      `SELECT r.id, (SELECT changed_by FROM disbursement.run_status_changes c WHERE c.run_id = r.id AND c.to_status = 'RELEASED' LIMIT 1) AS released_by
         FROM disbursement.runs r
        WHERE r.status = 'RELEASED' AND r.dispatched_at IS NULL AND r.status_changed_at < now() - make_interval(secs => $1 / 1000.0)`,
      [olderThanMs],
    );
    for (const run of forgotten) await this.jobs.dispatchRun(run.id, run.released_by);
    return forgotten.length;
  }
}

/** Who released the run: the approver whose request made it RELEASING. */
async function releaser(tx: EntityManager, runId: string): Promise<string> {
  const change = await selectOne<{ changed_by: string }>(
    tx,
    `SELECT changed_by FROM disbursement.run_status_changes WHERE run_id = $1 AND to_status = 'RELEASING' ORDER BY id DESC LIMIT 1`,
    [runId],
  );
  return change?.changed_by ?? SYSTEM;
}
