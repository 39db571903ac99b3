import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type pino from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxRelay } from '@benefits/messaging';
import { maskDigits, type AuthUser } from '@benefits/platform';
import { BatchNotFoundError, BatchStateError, ScopeForbiddenError } from '../common/errors';
import { scopeRefusal } from '../runs/domain/scope';
import { RunEntity } from '../runs/run.entity';
import { scopeOf } from '../runs/runs.service';
import { pageKey, pageOf, timeKeySql, type Page } from '../common/page';
import { select } from '../common/sql';
import { LOGGER } from '../common/tokens';
import { vietnamDate } from '@benefits/iso20022';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { RunProgress } from './run-progress';
import { markBatchSent, transitionBatch } from './batch-planner';
import type { BatchStatus, Partner } from './domain/batch-status';
import { JobDispatcher, type OpenBatch } from './job-dispatcher';

export interface BatchView {
  batchId: string;
  runId: string;
  channel: string;
  partner: Partner;
  status: BatchStatus;
  itemCount: number;
  total: string;
  attempts: number;
  statusChangedAt: string;
  /** Why it is in its status: the last change's detail (the partner's answer, digits masked). */
  detail: string | null;
  /** The status it came from. */
  cameFrom: string | null;
  lastError: string | null;
}

interface BatchRow {
  batch_id: string;
  run_id: string;
  channel: OpenBatch['channel'];
  partner: Partner;
  status: BatchStatus;
  item_count: number;
  total: string;
  attempts: number;
  status_changed_at: Date;
  detail: string | null;
  came_from: string | null;
  last_error: string | null;
  /** created_at to the microsecond: the key of its page (pageOf). */
  page_key: string;
}

/**
 * A batch (b) not final whose lastError says what is wrong: its outcomes past due, a report the partner keeps sending
 * wrong, the partner unreachable, a file that cannot be built. GET /batches?withError=true and the metric
 * disbursement_partner_batches_with_error both count these.
 */
export const WITH_ERROR = `b.last_error IS NOT NULL AND b.status NOT IN ('FINAL', 'REJECTED')`;

/** A batch id as the planner makes it: 'B' and 32 hex digits. */
const BATCH_KEY = /^B[0-9A-F]{32}$/;

/** The batch's (b) last status change (c): why it is in its status, and what it came from. */
const LAST_CHANGE = `LEFT JOIN LATERAL (SELECT detail, from_status FROM disbursement.partner_batch_status_changes c
                                WHERE c.batch_id = b.batch_id ORDER BY c.id DESC LIMIT 1) c ON true`;

/**
 * Partner batches as operators follow them, and the way out of ATTENTION for a batch whose file was never taken:
 * the partner answered its sending with something that neither takes nor refuses it (a gateway's 401 while its
 * credentials were renewed, a 404 during a deployment). Once a person has checked with the partner, the same stored
 * file is sent again under the same id: a partner that took it the first time recognises it and answers with its
 * replay, so nothing is paid twice. A batch the partner acknowledged and then no longer knew is never sent again from
 * here: once settled with the partner, it is watched again (the partner holds it) or declared lost (its payments
 * rejected, each to be re-sent with four eyes).
 */
@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobDispatcher,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly recorder: OutcomeRecorder,
    private readonly notifications: NotificationDispatcher,
    private readonly progress: RunProgress,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Newest first, in pages: in (created_at, batch_id) order, which a batch keeps whatever happens to it, so none is
   * skipped nor shown twice across pages (in the order of its last change, a batch changing while an operator reads
   * would jump over the page boundary).
   */
  async list(query: { status?: BatchStatus; runId?: string; batchId?: string; withError?: boolean; limit?: number; cursor?: string }): Promise<Page<BatchView>> {
    const limit = query.limit ?? 200;
    const after = pageKey('batches', query.cursor, BATCH_KEY);
    const rows = await select<BatchRow>(
      this.dataSource.manager,
      `SELECT b.batch_id, b.run_id, b.channel, b.partner, b.status, b.item_count, b.total::text AS total, b.attempts, b.status_changed_at,
              b.last_error, c.detail, c.from_status AS came_from, ${timeKeySql('b.created_at')} AS page_key
         FROM disbursement.partner_batches b
         ${LAST_CHANGE}
        WHERE ($1::text IS NULL OR b.status = $1) AND ($2::uuid IS NULL OR b.run_id = $2) AND ($3::text IS NULL OR b.batch_id = $3)
          AND ($6::timestamptz IS NULL OR (b.created_at, b.batch_id) < ($6::timestamptz, $7::text))
          AND (NOT $4::boolean OR (${WITH_ERROR}))
        ORDER BY b.created_at DESC, b.batch_id DESC LIMIT $5`,
      [query.status ?? null, query.runId ?? null, query.batchId ?? null, query.withError === true, limit + 1, after?.at ?? null, after?.id ?? null],
    );
    const page = pageOf('batches', rows, limit, (row) => ({ at: row.page_key, id: row.batch_id }));
    return { ...page, rows: page.rows.map(view) };
  }

  /** One batch as listed, after an operator's decision on it. */
  private async one(batchId: string): Promise<BatchView> {
    const { rows } = await this.list({ batchId });
    return rows[0];
  }

  /** ATTENTION → SENDING, recorded with who and why, and the batch's job run again. */
  async sendAgain(user: AuthUser, batchId: string, reason: string): Promise<BatchView> {
    const batch = await this.dataSource.transaction(async (tx) => {
      const row = await this.lockAttention(tx, user, batchId, ['SENDING'], 'the partner acknowledged it before it needed attention: watch it again or declare it lost once settled with the partner');
      await transitionBatch(tx, batchId, ['ATTENTION'], 'SENDING', `sent again by ${user.id}: ${reason}`);
      return row;
    });
    try {
      await this.jobs.sendAgain(batch.run_id, { batch_id: batchId, channel: batch.channel, partner: batch.partner });
    } catch (error) {
      // The decision stands (SENDING, recorded): the recovery sweep runs the batch's job again (requeueMissing).
      this.logger.error({ err: error, batchId, runId: batch.run_id }, 'batch sent again but its job could not be queued: the recovery sweep will run it');
    }
    return this.one(batchId);
  }

  /**
   * A batch the partner holds after all, confirmed with it: one it acknowledged, then no longer knew (or refused as a
   * duplicate), or one it refused as a duplicate at its sending (an earlier attempt that timed out here delivered it;
   * sent again, the same file is refused again). ATTENTION → ACKNOWLEDGED, its payments sent if they were not yet, and
   * its outcomes are polled again (back to ATTENTION if the partner does not know it).
   */
  async watchAgain(user: AuthUser, batchId: string, reason: string): Promise<BatchView> {
    const batch = await this.dataSource.transaction(async (tx) => {
      const row = await this.lockAttention(tx, user, batchId, ['ACKNOWLEDGED', 'SENDING'], 'it is not waiting for a person');
      await transitionBatch(tx, batchId, ['ATTENTION'], 'ACKNOWLEDGED', `watched again by ${user.id}: ${reason}`);
      await markBatchSent(tx, batchId);
      return row;
    });
    await this.jobs.ensurePoller(batch.run_id, batchId);
    return this.one(batchId);
  }

  /**
   * A batch the partner acknowledged and then lost, confirmed by the partner to have paid nothing of it: ATTENTION →
   * REJECTED, and each of its payments still without an outcome is rejected (BATCH_LOST), the beneficiary told and
   * entitlement too. Nothing is sent by this: each payment can then be re-sent, with four eyes, and not one a bank
   * statement shows debited (ResendService).
   */
  async declareLost(user: AuthUser, batchId: string, reason: string): Promise<BatchView> {
    const { runId, notifications } = await this.dataSource.transaction(async (tx) => {
      const row = await this.lockAttention(tx, user, batchId, ['ACKNOWLEDGED'], 'the partner never acknowledged it: send it again');
      await transitionBatch(tx, batchId, ['ATTENTION'], 'REJECTED', `declared lost by ${user.id}: ${reason}`);
      const recorded = await this.recorder.refuseBatch(tx, batchId, { reasonCode: BATCH_LOST, occurredOn: vietnamDate(new Date()), detail: reason });
      return { runId: row.run_id, notifications: recorded.notificationIds };
    });
    this.logger.warn({ batchId, runId, declaredBy: user.id }, 'batch declared lost by the partner: its payments are rejected, to be re-sent');
    this.relay.notify();
    await this.notifications.flush(notifications);
    await this.progress.advance(runId);
    return this.one(batchId);
  }

  /**
   * The batch, locked, in ATTENTION from one of `cameFrom` (SENDING: never acknowledged, or refused as a duplicate at
   * its sending; ACKNOWLEDGED: acknowledged, then lost or refused as a duplicate), within the user's scope. Acting on a run's file is acting on the run: only within
   * the user's programmes, province and communes.
   */
  private async lockAttention(tx: EntityManager, user: AuthUser, batchId: string, cameFrom: readonly ('SENDING' | 'ACKNOWLEDGED')[], otherwise: string): Promise<BatchRow> {
    const [row] = await select<BatchRow>(
      tx,
      `SELECT b.batch_id, b.run_id, b.channel, b.partner, b.status, c.from_status AS came_from
         FROM disbursement.partner_batches b
         ${LAST_CHANGE}
        WHERE b.batch_id = $1 FOR UPDATE OF b`,
      [batchId],
    );
    if (!row) throw new BatchNotFoundError(batchId);
    const run = await tx.getRepository(RunEntity).findOneByOrFail({ id: row.run_id });
    const refusal = scopeRefusal(user, scopeOf(run));
    if (refusal) throw new ScopeForbiddenError(`You may not act on this batch: ${refusal}`);
    if (row.status !== 'ATTENTION') throw new BatchStateError(`Batch ${batchId} is ${row.status}, not waiting for a person`);
    if (!cameFrom.some((from) => from === row.came_from)) throw new BatchStateError(`Batch ${batchId} cannot be: ${otherwise}`);
    return row;
  }
}

/** The reason of a payment whose batch the partner lost, confirmed with it (BatchesService.declareLost). */
export const BATCH_LOST = 'BATCH_LOST';

function view(row: BatchRow): BatchView {
  return {
    batchId: row.batch_id,
    runId: row.run_id,
    channel: row.channel,
    partner: row.partner,
    status: row.status,
    itemCount: row.item_count,
    total: row.total,
    attempts: row.attempts,
    statusChangedAt: row.status_changed_at.toISOString(),
    detail: row.detail === null ? null : maskDigits(row.detail),
    cameFrom: row.came_from,
    lastError: row.last_error === null ? null : maskDigits(row.last_error),
  };
}
