import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type pino from 'pino';
import { OutboxRelay } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { vietnamDate } from '../channels/domain/partner-dates';
import { RunNotFoundError, RunStateError, ScopeForbiddenError } from '../common/errors';
import { select } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { scopeRefusal } from '../runs/domain/scope';
import { RunEntity } from '../runs/run.entity';
import { transitionRun } from '../runs/run-transitions';
import { scopeOf } from '../runs/runs.service';
import { planBatches } from './batch-planner';
import { JobDispatcher } from './job-dispatcher';

/**
 * Release: only an APPROVED run. In one transaction the payments that cannot be sent (no valid destination) are
 * rejected with their reason, the rest are put into partner batches, and the run is RELEASED; then its BullMQ
 * flow is created. Should the process die in between, or Redis refuse the flow, the recovery sweep creates it
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

  async release(user: AuthUser, runId: string): Promise<RunEntity> {
    await this.dataSource.transaction(async (tx) => {
      const run = await tx.getRepository(RunEntity).findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new RunNotFoundError(runId);
      const refusal = scopeRefusal(user, scopeOf(run));
      if (refusal) throw new ScopeForbiddenError(`You may not release this run: ${refusal}`);
      if (run.status !== 'APPROVED') throw new RunStateError(`Only an approved run can be released; this one is ${run.status}`);
      const unsendable = await select<{ payment_id: string; destination_problem: string }>(
        tx,
        `SELECT payment_id, destination_problem FROM disbursement.payments WHERE run_id = $1 AND status = 'pending' AND destination_problem IS NOT NULL`,
        [runId],
      );
      const today = vietnamDate(new Date());
      await this.recorder.record(
        tx,
        unsendable.map((p) => ({ paymentId: p.payment_id, outcome: 'rejected' as const, reasonCode: p.destination_problem, occurredOn: today })),
        null,
      );
      const planned = await planBatches(tx, runId, { bank: this.config.BANK_BATCH_SIZE, postOffice: this.config.POST_OFFICE_BATCH_SIZE });
      await transitionRun(tx, run, 'RELEASED', user.id);
      this.logger.info({ runId, batches: planned.length, unsendable: unsendable.length, releasedBy: user.id }, 'run released');
    });
    this.relay.notify();
    await this.notifications.flush();
    // The release is committed: if its flow cannot be created now (Redis refused it), the recovery sweep creates it
    // (dispatchForgotten); the approver is not told the release failed when it did not.
    await this.jobs.dispatchRun(runId, user.id).catch((error: unknown) => {
      this.logger.error({ err: error, runId }, 'run released but its flow could not be created: the recovery sweep will create it');
    });
    return this.dataSource.getRepository(RunEntity).findOneByOrFail({ id: runId });
  }

  /** Runs released whose flow was never created (the process died right after the release): create it now. */
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
