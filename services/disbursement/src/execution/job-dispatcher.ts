import { InjectFlowProducer, InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FlowProducer, Queue, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobNames, Queues, type ExecuteRunJob, type PollOutcomesJob, type ReleaseRunJob, type SendBatchJob } from '@benefits/contracts';
import { select } from '../common/sql';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import type { BatchStatus, Partner } from './domain/batch-status';
import { batchJobId, batchJobOptions, partnerQueue, pollSchedulerId, releaseJobId, releaseJobOptions, runJobId } from './queues';

export const FLOW_PRODUCER = 'disbursement-flow';

export interface OpenBatch {
  batch_id: string;
  channel: SendBatchJob['channel'];
  partner: Partner;
}

/** Puts work on the BullMQ queues: a run's release and flow, standalone batches (re-sends), and the outcome pollers. */
@Injectable()
export class JobDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @InjectFlowProducer(FLOW_PRODUCER) private readonly flow: FlowProducer,
    @InjectQueue(Queues.releases) private readonly releases: Queue,
    @InjectQueue(Queues.runs) private readonly runs: Queue,
    @InjectQueue(Queues.outcomes) private readonly outcomes: Queue,
    @InjectQueue(partnerQueue('bank')) private readonly bank: Queue,
    @InjectQueue(partnerQueue('post_office')) private readonly postOffice: Queue,
  ) {}

  /** The job that releases a RELEASING run (its id is the run's: queueing it twice adds nothing). */
  async queueRelease(runId: string): Promise<void> {
    const data: ReleaseRunJob = { runId };
    await this.releases.add(JobNames.releaseRun, data, releaseJobOptions(this.config, runId));
  }

  /**
   * Runs still RELEASING `olderThanMs` after the approver released them whose job Redis does not hold, or holds as
   * failed (every attempt spent): queued again. The job was never queued (the process died after the commit, or Redis
   * refused it), Redis lost it, or the database was away for all its attempts. Returns how many were queued.
   */
  async requeueReleases(olderThanMs: number): Promise<number> {
    const releasing = await select<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM disbursement.runs WHERE status = 'RELEASING' AND status_changed_at < now() - make_interval(secs => $1 / 1000.0) ORDER BY id`,
      [olderThanMs],
    );
    let queued = 0;
    for (const run of releasing) {
      const job = await this.releases.getJob(releaseJobId(run.id));
      if (job && !(await job.isFailed())) continue;
      await job?.remove();
      await this.queueRelease(run.id);
      queued++;
    }
    return queued;
  }

  /**
   * A released run as a flow: the parent (executeRun) completes once every child — one sendBatch per partner
   * batch, on its partner's queue — has. Job ids come from the run and batch ids, so dispatching twice adds nothing.
   */
  async dispatchRun(runId: string, releasedBy: string): Promise<void> {
    const batches = await this.openBatches(runId);
    const data: ExecuteRunJob = { runId, releasedBy };
    await this.flow.add({
      name: JobNames.executeRun,
      queueName: Queues.runs,
      data,
      opts: { jobId: runJobId(runId), removeOnComplete: { age: 7 * 24 * 3600 } },
      children: batches.map((b) => ({
        name: JobNames.sendBatch,
        queueName: partnerQueue(b.partner),
        data: this.batchData(runId, b),
        opts: batchJobOptions(this.config, b.batch_id),
      })),
    });
    await this.dataSource.query('UPDATE disbursement.runs SET dispatched_at = now() WHERE id = $1', [runId]);
    await this.markDispatched(batches.map((b) => b.batch_id));
  }

  /** Batches planned outside a run's release (re-sends): each a job of its own on its partner's queue. */
  async dispatchBatches(runId: string, batchIds: readonly string[]): Promise<void> {
    const batches = (await this.openBatches(runId)).filter((b) => batchIds.includes(b.batch_id));
    for (const b of batches) {
      await this.queueOf(b.partner).add(JobNames.sendBatch, this.batchData(runId, b), batchJobOptions(this.config, b.batch_id));
    }
    await this.markDispatched(batches.map((b) => b.batch_id));
  }

  /**
   * Batches of dispatched runs, not yet sent, planned, queued or sent again at least `olderThanMs` ago, whose send job
   * Redis does not hold, or holds as failed (or, for a batch a person sent again, as completed: queueing its job again
   * failed after the decision was recorded): queued now, under the same job id, or the job tried again (attempts anew,
   * in its run's flow). A job is missing when it was never queued (the process died after the commit that planned the
   * batch, or Redis refused the job: `dispatched_at` is null) or Redis lost it (it keeps its jobs in memory: a restart
   * without persistence, or a flush); it failed when the partner was away longer than its attempts, or its worker
   * died twice while sending it. Sending is idempotent (a batch already sent goes again as the same file, which the
   * partner recognises), so a batch caught between its job and its commit comes to no harm, and a batch is never left
   * unsent for want of a person retrying it. A run whose flow was never created is ReleaseService.dispatchForgotten's.
   * Returns how many were queued or tried again.
   */
  async requeueMissing(olderThanMs: number): Promise<number> {
    const open = await select<{ run_id: string; batch_id: string; partner: Partner; status: BatchStatus; quiet: boolean }>(
      this.dataSource.manager,
      `SELECT b.run_id, b.batch_id, b.partner, b.status, b.status_changed_at < now() - make_interval(secs => $1 / 1000.0) AS quiet
         FROM disbursement.partner_batches b JOIN disbursement.runs r ON r.id = b.run_id AND r.dispatched_at IS NOT NULL
        WHERE b.status IN ('PLANNED', 'SENDING') AND COALESCE(b.dispatched_at, b.created_at) < now() - make_interval(secs => $1 / 1000.0)
        ORDER BY b.run_id, b.batch_id`,
      [olderThanMs],
    );
    const missing = new Map<string, string[]>();
    let retried = 0;
    for (const b of open) {
      const job = await this.queueOf(b.partner).getJob(batchJobId(b.batch_id));
      if (job) {
        // A send job completes only once its batch left SENDING: one completed for a batch SENDING (for a while: not
        // one a person is sending again right now) was sent again and its job never ran again.
        if (await retryFinished(job, b.status === 'SENDING' && b.quiet)) retried++;
        continue;
      }
      const ofRun = missing.get(b.run_id) ?? [];
      ofRun.push(b.batch_id);
      missing.set(b.run_id, ofRun);
    }
    for (const [runId, batchIds] of missing) await this.dispatchBatches(runId, batchIds);
    return retried + [...missing.values()].reduce((count, batchIds) => count + batchIds.length, 0);
  }

  /**
   * The send job of a batch a person sends again (out of ATTENTION): its finished job runs again, attempts counted
   * anew; a job Redis no longer holds is queued anew; a job still waiting or running will find the batch SENDING.
   */
  async sendAgain(runId: string, batch: OpenBatch): Promise<void> {
    const queue = this.queueOf(batch.partner);
    const job = await queue.getJob(batchJobId(batch.batch_id));
    if (!job) {
      await queue.add(JobNames.sendBatch, this.batchData(runId, batch), batchJobOptions(this.config, batch.batch_id));
      return;
    }
    const state = (await job.isCompleted()) ? 'completed' : (await job.isFailed()) ? 'failed' : undefined;
    if (state) await job.retry(state, ATTEMPTS_ANEW);
  }

  private async markDispatched(batchIds: readonly string[]): Promise<void> {
    if (batchIds.length === 0) return;
    await this.dataSource.query('UPDATE disbursement.partner_batches SET dispatched_at = now() WHERE batch_id = ANY($1::text[]) AND dispatched_at IS NULL', [batchIds]);
  }

  /**
   * A repeatable job asks the partner for the batch's outcomes every OUTCOME_POLL_INTERVAL_MS, or, once every status
   * is final and the batch is only watched for returns, every RETURN_POLL_INTERVAL_MS (upsert: idempotent, and the
   * way the interval changes).
   */
  async ensurePoller(runId: string, batchId: string, watchingForReturns = false): Promise<void> {
    const data: PollOutcomesJob = { runId, batchId };
    await this.outcomes.upsertJobScheduler(
      pollSchedulerId(batchId),
      { every: watchingForReturns ? this.config.RETURN_POLL_INTERVAL_MS : this.config.OUTCOME_POLL_INTERVAL_MS },
      { name: JobNames.pollOutcomes, data, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  /**
   * One look at a batch's outcomes now, when its partner says they are ready (a callback). Its job id is the batch's:
   * while one such look is waiting, more callbacks add nothing.
   */
  async pollNow(runId: string, batchId: string): Promise<void> {
    const data: PollOutcomesJob = { runId, batchId };
    await this.outcomes.add(JobNames.pollOutcomes, data, { jobId: `poll-now-${batchId}`, removeOnComplete: true, removeOnFail: 100 });
  }

  async removePoller(batchId: string): Promise<void> {
    await this.outcomes.removeJobScheduler(pollSchedulerId(batchId));
  }

  /** Every queue of the service (for the dashboard). */
  queues(): Queue[] {
    return [this.releases, this.runs, this.bank, this.postOffice, this.outcomes];
  }

  private openBatches(runId: string): Promise<OpenBatch[]> {
    return select<OpenBatch>(
      this.dataSource.manager,
      `SELECT batch_id, channel, partner FROM disbursement.partner_batches WHERE run_id = $1 AND status IN ('PLANNED', 'SENDING') ORDER BY batch_id`,
      [runId],
    );
  }

  private batchData(runId: string, b: OpenBatch): SendBatchJob {
    return { runId, batchId: b.batch_id, channel: b.channel, partner: b.partner };
  }

  private queueOf(partner: Partner): Queue {
    return partner === 'bank' ? this.bank : this.postOffice;
  }
}

/** A job run again is given all its attempts again. */
const ATTEMPTS_ANEW = { resetAttemptsMade: true, resetAttemptsStarted: true };

/**
 * A failed job back to waiting, with its attempts counted anew; false when it has not failed, or another replica's
 * sweep moved it first (BullMQ refuses to retry a job that is no longer failed).
 */
async function retryFinished(job: Job, completedToo: boolean): Promise<boolean> {
  const state = (await job.isFailed()) ? 'failed' : completedToo && (await job.isCompleted()) ? 'completed' : undefined;
  if (state === undefined) return false;
  try {
    await job.retry(state, ATTEMPTS_ANEW);
    return true;
  } catch {
    return false;
  }
}
