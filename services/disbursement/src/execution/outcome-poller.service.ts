import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { vietnamDate } from '@benefits/iso20022';
import { OutboxRelay } from '@benefits/messaging';
import { CHANNEL_ADAPTERS, PartnerLostBatchError, type OutcomeReport } from '../channels/channel-adapter';
import { adapterFor, type ChannelAdapters } from '../channels/channels.module';
import { select, selectOne } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { transitionBatch } from './batch-planner';
import { ref } from './batch-sender.service';
import { isAcknowledged, type BatchStatus } from './domain/batch-status';
import { outcomesDueBy, overdueOutcomes } from './domain/outcome-deadline';
import { isOverdue } from '../reports/domain/due-dates';
import { JobDispatcher } from './job-dispatcher';
import { RunProgress } from './run-progress';

interface PollRow {
  batch_id: string;
  run_id: string;
  month: string;
  channel: 'bank' | 'post_office_account' | 'post_office_cash';
  group_key: string;
  status: BatchStatus;
  statement_cursor: string | null;
  status_report_sha256: string | null;
  outcomes_complete_at: Date | null;
  /** When it was (last) acknowledged: its status is ACKNOWLEDGED since. */
  status_changed_at: Date;
  watched_ms: number | null;
  /** Why the last poll failed (the partner unreachable, its report unreadable); cleared by the next that reads it. */
  last_error: string | null;
}

/** What a poll did: the batch's status after it (UNKNOWN: no such batch; BUSY: another poll of it was at work) and how many payments it changed. */
export interface PollResult {
  readonly status: BatchStatus | 'UNKNOWN' | 'BUSY';
  readonly changed: number;
}

/**
 * One look at a batch's outcomes (a repeatable job runs it until the batch is FINAL): records what changed,
 * notifies, moves the run on. A bank batch whose statuses are all final is still watched for returns for
 * RETURN_WATCH_MS (they arrive days later on camt.054), every RETURN_POLL_INTERVAL_MS and without reading its
 * pain.002 again, before it is FINAL and its polling stops.
 */
@Injectable()
export class OutcomePoller {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly recorder: OutcomeRecorder,
    private readonly notifications: NotificationDispatcher,
    private readonly jobs: JobDispatcher,
    private readonly progress: RunProgress,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * One look at a batch at a time. A partner's callback (poll-now) and the scheduled poll of the same batch used to run
   * together: both asked the partner and read its report, and the second then waited on the first's row locks only to
   * find nothing left to change. A poll now takes a session advisory lock on the batch; one that finds it taken leaves
   * the batch to the poll at work (BUSY) and frees its worker for another batch. Nothing is lost: a report that comes
   * after that poll asked is read by the next scheduled one. The lock goes with its connection if the process dies.
   * The poll's reads and its transaction use that same connection: a poll holds one of the pool's, not two.
   */
  async poll(batchId: string): Promise<PollResult> {
    const lock = this.dataSource.createQueryRunner();
    const key = [`disbursement.poll:${batchId}`];
    await lock.connect();
    try {
      const [{ locked }] = (await lock.query('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', key)) as { locked: boolean }[];
      if (!locked) return { status: 'BUSY', changed: 0 };
      try {
        return await this.pollOnce(batchId, lock.manager);
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', key);
      }
    } finally {
      await lock.release();
    }
  }

  private async pollOnce(batchId: string, db: EntityManager): Promise<PollResult> {
    const batch = await this.load(db, batchId);
    if (!batch || batch.status === 'FINAL' || !isAcknowledged(batch.status)) {
      await this.jobs.removePoller(batchId);
      return { status: batch?.status ?? 'UNKNOWN', changed: 0 };
    }
    let report: OutcomeReport;
    try {
      report = await adapterFor(this.adapters, batch.channel).fetchOutcomes({
        ...ref(batch),
        statusReportSha256: batch.status_report_sha256,
        outcomesComplete: batch.outcomes_complete_at !== null,
      });
    } catch (error) {
      if (error instanceof PartnerLostBatchError) return this.needsPerson(db, batch, 'partner lost an acknowledged batch: needs a person', error.message);
      // Unreachable, or a report it cannot read (a field missing or malformed): tried again at the next poll, and shown
      // on the batch meanwhile, so that a report the partner keeps sending wrong does not go unnoticed.
      await db.query('UPDATE disbursement.partner_batches SET last_error = $2 WHERE batch_id = $1', [batchId, (error as Error).message.slice(0, 2000)]);
      throw error;
    }
    const { refused } = report;
    if (refused?.duplicate) {
      // A refusal for duplication says the bank holds the file: its payments are not refused (a re-send would pay twice).
      const detail = `the bank refuses the acknowledged file as a duplicate (${refused.reasonCode}${refused.detail ? `: ${refused.detail}` : ''})`;
      return this.needsPerson(db, batch, 'partner refuses an acknowledged batch as a duplicate: needs a person', detail);
    }
    if (refused) this.logger.warn({ batchId, runId: batch.run_id, code: refused.reasonCode }, 'partner refused the whole batch after acknowledging it: its undecided payments are rejected');
    const { changed, notifications, final, watching } = await db.transaction(async (tx) => {
      // A refusal of the whole file (GrpSts or PmtInfSts RJCT, often without a status per payment) decides every
      // payment the report leaves open; before, nothing was recorded and the batch was polled for ever.
      const recorded = refused
        ? await this.recorder.refuseBatch(tx, batchId, refused, report.outcomes)
        : report.settledOn
          ? await this.recorder.settleBatch(tx, batchId, report.settledOn, report.outcomes)
          : await this.recorder.record(tx, report.outcomes, batchId);
      // The partner's word that its report is complete counts once every payment of the batch has its outcome: a
      // report that leaves one out (a bank listing only its rejections) must not end the batch with it still sent.
      const awaiting = report.complete && batch.outcomes_complete_at === null ? await this.awaitingOutcome(tx, batchId) : 0;
      // Such a report is not recorded as seen: read again at every poll, it says so again on the batch (lastError) until
      // the partner decides them. Skipped as seen, the batch was polled for ever in silence, its payments sent.
      const reportedComplete = awaiting > 0 ? `the partner reports every outcome of the batch, but ${awaiting} payment(s) of it have none: still polling; check with the partner` : undefined;
      if (awaiting > 0) this.logger.error({ batchId, runId: batch.run_id, awaiting }, 'partner reports the batch complete, but payments of it have no outcome: still polling');
      // A partner gone quiet on a batch (a pending status that never ends, a settlement report that never comes) is
      // told on the batch once its outcomes are past due, and logged when that changes; it is still polled.
      const overdue = reportedComplete ? undefined : await this.overdue(tx, batch, report.complete);
      if (overdue && batch.last_error !== overdue) this.logger.error({ batchId, runId: batch.run_id, reason: overdue }, 'payments of an acknowledged batch are past due without an outcome: still polling');
      const lastError = reportedComplete ?? overdue ?? null;
      if (batch.last_error !== lastError) await tx.query('UPDATE disbursement.partner_batches SET last_error = $2 WHERE batch_id = $1', [batchId, lastError]);
      const reportSeen = awaiting > 0 ? null : (report.statusReportSha256 ?? null);
      if (report.cursor || reportSeen) {
        await tx.query(
          `UPDATE disbursement.partner_batches SET statement_cursor = COALESCE($2, statement_cursor), status_report_sha256 = COALESCE($3, status_report_sha256)
            WHERE batch_id = $1`,
          [batchId, report.cursor ?? null, reportSeen],
        );
      }
      const newlyComplete = report.complete && batch.outcomes_complete_at === null && awaiting === 0;
      if (newlyComplete) await tx.query('UPDATE disbursement.partner_batches SET outcomes_complete_at = now() WHERE batch_id = $1', [batchId]);
      const complete = newlyComplete || batch.outcomes_complete_at !== null;
      const watched = batch.channel !== 'bank' || (batch.watched_ms ?? 0) >= this.config.RETURN_WATCH_MS;
      const isFinal = complete && watched && (await transitionBatch(tx, batchId, ['ACKNOWLEDGED'], 'FINAL', 'every outcome known'));
      return { changed: recorded.applied.length, notifications: recorded.notificationIds, final: isFinal, watching: newlyComplete && !isFinal };
    });
    // Every status is final: from now on the batch is only watched for returns, at the slower pace.
    if (watching) await this.jobs.ensurePoller(batch.run_id, batchId, true);
    if (changed > 0) {
      this.relay.notify();
      await this.notifications.flush(notifications);
      this.logger.info({ batchId, runId: batch.run_id, changed }, 'payment outcomes recorded');
    }
    await this.progress.advance(batch.run_id);
    if (final) await this.jobs.removePoller(batchId);
    return { status: final ? 'FINAL' : batch.status, changed };
  }

  /** Polling again would not help: the batch waits for a person (its payments keep their status). */
  private async needsPerson(db: EntityManager, batch: PollRow, message: string, detail: string): Promise<PollResult> {
    this.logger.error({ batchId: batch.batch_id, runId: batch.run_id, reason: detail }, message);
    await db.transaction((tx) => transitionBatch(tx, batch.batch_id, ['ACKNOWLEDGED'], 'ATTENTION', detail));
    await this.jobs.removePoller(batch.batch_id);
    return { status: 'ATTENTION', changed: 0 };
  }

  /** What the batch says once its outcomes are past due (outcome-deadline.ts); counted only then. */
  private async overdue(tx: EntityManager, batch: PollRow, reportComplete: boolean): Promise<string | undefined> {
    if (reportComplete || batch.outcomes_complete_at !== null) return undefined;
    const acknowledged = { channel: batch.channel, month: batch.month, acknowledgedOn: vietnamDate(batch.status_changed_at) };
    const today = vietnamDate(new Date());
    if (!isOverdue(outcomesDueBy(acknowledged, this.config).dueBy, today)) return undefined;
    return overdueOutcomes(acknowledged, await this.awaitingOutcome(tx, batch.batch_id), today, this.config);
  }

  /** How many payments of the batch are still without an outcome (queued in it, or sent). */
  private async awaitingOutcome(tx: EntityManager, batchId: string): Promise<number> {
    const [row] = await select<{ count: number }>(tx, `SELECT count(*)::int AS count FROM disbursement.payments WHERE batch_id = $1 AND status IN ('queued', 'sent')`, [batchId]);
    return row?.count ?? 0;
  }

  /**
   * Not the stored payload: megabytes per batch, which a poll never needs. How long it was watched comes as a float8 (a
   * JavaScript number; null before its outcomes were complete): cast to int, it failed every poll after 24.8 days, and
   * the batch was never FINAL nor its run COMPLETED.
   */
  private load(db: EntityManager, batchId: string): Promise<PollRow | undefined> {
    return selectOne<PollRow>(
      db,
      `SELECT b.batch_id, b.run_id, r.month, b.channel, b.group_key, b.status, b.statement_cursor, b.status_report_sha256, b.outcomes_complete_at, b.status_changed_at, b.last_error,
              (extract(epoch FROM now() - b.outcomes_complete_at) * 1000)::float8 AS watched_ms
         FROM disbursement.partner_batches b JOIN disbursement.runs r ON r.id = b.run_id WHERE b.batch_id = $1`,
      [batchId],
    );
  }
}
