import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { OutboxRelay } from '@benefits/messaging';
import { maskDigits } from '@benefits/platform';
import { CHANNEL_ADAPTERS, type BatchRef, type PaymentForPartner, type SendResult } from '../channels/channel-adapter';
import { adapterFor, type ChannelAdapters } from '../channels/channels.module';
import { vietnamDate } from '@benefits/iso20022';
import { AtRestCipher } from '../common/pii';
import { select, selectOne } from '../common/sql';
import { LOGGER } from '../common/tokens';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { holdsFuneralSupport } from '../payments/funeral';
import { markBatchSent, transitionBatch } from './batch-planner';
import { isAcknowledged, type BatchStatus } from './domain/batch-status';
import { JobDispatcher } from './job-dispatcher';
import { RunProgress } from './run-progress';

interface BatchRow {
  batch_id: string;
  run_id: string;
  month: string;
  channel: BatchRef['channel'];
  group_key: string;
  status: BatchStatus;
  payload_cipher: string | null;
  statement_cursor: string | null;
}

export class UnknownBatchError extends Error {
  readonly code = 'UNKNOWN_BATCH';
}

/**
 * Sends one partner batch, safely however often it runs (a retried or stalled job, a worker killed mid-way):
 *  1. a batch already acknowledged or refused is never sent again (only its outcome polling is ensured);
 *  2. the payload is built once and STORED (encrypted) before anything leaves; every later attempt sends exactly
 *     those bytes under the same id, so the partner recognises a file it already has and answers with its
 *     idempotent replay — a new MsgId is never made for payments already sent;
 *  3. the answer is stored in one transaction with the payments' status.
 */
@Injectable()
export class BatchSender {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    private readonly cipher: AtRestCipher,
    private readonly recorder: OutcomeRecorder,
    private readonly notifications: NotificationDispatcher,
    private readonly jobs: JobDispatcher,
    private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly progress: RunProgress,
  ) {}

  async send(batchId: string): Promise<BatchStatus> {
    let batch = await this.load(this.dataSource.manager, batchId);
    // Its file not stored yet: stored now, and the batch read again under that lock. Another run of this job (a stalled
    // job taken again) may have stored, sent and settled it since the first read: it is then not sent again.
    if (batch.payload_cipher === null && batch.status === 'PLANNED') batch = await this.keepingError(batchId, () => this.storePayload(batchId));
    if (isAcknowledged(batch.status)) {
      await this.jobs.ensurePoller(batch.run_id, batchId);
      return batch.status;
    }
    if (batch.status === 'REJECTED' || batch.status === 'ATTENTION') return batch.status;
    const payloadCipher = batch.payload_cipher ?? (await this.keepingError(batchId, () => this.storePayload(batchId))).payload_cipher;
    await this.dataSource.query('UPDATE disbursement.partner_batches SET attempts = attempts + 1 WHERE batch_id = $1', [batchId]);
    const result: SendResult = await this.keepingError(batchId, () =>
      adapterFor(this.adapters, batch.channel).send({ ...ref(batch), payload: this.cipher.decrypt(payloadCipher) }),
    );
    const { status, notifications } = await this.dataSource.transaction((tx) => this.apply(tx, batch, result));
    this.relay.notify();
    await this.notifications.flush(notifications);
    if (status === 'ACKNOWLEDGED') await this.jobs.ensurePoller(batch.run_id, batchId);
    // A batch refused has no poller to move its run on: sent again out of ATTENTION, or queued again after Redis lost
    // its run's flow, nothing else would (its payments all final, the run left RELEASED or SENT).
    if (status === 'REJECTED') await this.progress.advance(batch.run_id);
    return status;
  }

  /**
   * `work`'s error is kept on the batch (lastError on GET /batches) before the job fails and is tried again: the
   * partner away, or a file that cannot be built, which no attempt will build and would otherwise fail in silence.
   */
  private async keepingError<T>(batchId: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      await this.dataSource.query('UPDATE disbursement.partner_batches SET last_error = $2 WHERE batch_id = $1', [batchId, (error as Error).message.slice(0, 2000)]);
      throw error;
    }
  }

  /** Builds the payload from the batch's payments (accounts decrypted only here) and stores it; from now on SENDING. */
  async storePayload(batchId: string): Promise<BatchRow & { payload_cipher: string }> {
    return this.dataSource.transaction(async (tx) => {
      const batch = await this.load(tx, batchId, true);
      if (batch.payload_cipher) return { ...batch, payload_cipher: batch.payload_cipher };
      const payments = await select<PaymentForPartner & { accountCipher: string | null }>(
        tx,
        `SELECT payment_id AS "paymentId", person_ref AS "personRef", programme, month, amount::text AS amount,
                arrears_amount::text AS "arrearsAmount", carried_over_amount::text AS "carriedOverAmount", total::text AS total,
                bank_bin AS "bankBin", account_cipher AS "accountCipher", holder_name AS "holderName",
                masked_national_id AS "maskedNationalId", commune_code AS "communeCode", cash_point_code AS "cashPointCode", address,
                ${holdsFuneralSupport('components')} AS "funeralSupport",
                -- The months its lines pay, named in the bank's narrative (one index lookup per payment, by payment_lines_payment_idx).
                ARRAY(SELECT DISTINCT l.month FROM disbursement.payment_lines l WHERE l.payment_id = p.payment_id AND l.voided_at IS NULL ORDER BY l.month) AS months
           FROM disbursement.payments p WHERE batch_id = $1 ORDER BY payment_id`,
        [batchId],
      );
      const forPartner = payments.map(({ accountCipher, ...p }) => ({ ...p, account: accountCipher ? this.cipher.decrypt(accountCipher) : null }));
      const payload = adapterFor(this.adapters, batch.channel).buildPayload(ref(batch), forPartner);
      const payloadCipher = this.cipher.encrypt(payload);
      const sha = createHash('sha256').update(payload).digest('hex');
      await tx.query('UPDATE disbursement.partner_batches SET payload_cipher = $2, payload_sha256 = $3 WHERE batch_id = $1', [batchId, payloadCipher, sha]);
      await transitionBatch(tx, batchId, ['PLANNED'], 'SENDING', `payload stored, sha256 ${sha}`);
      return { ...batch, status: 'SENDING', payload_cipher: payloadCipher };
    });
  }

  /** The batch's new status, and the notifications written (of payments refused with the batch). */
  private async apply(tx: EntityManager, batch: BatchRow, result: SendResult): Promise<{ status: BatchStatus; notifications: readonly string[] }> {
    // Its status only, locked: not the payload just sent.
    const current = await selectOne<{ status: BatchStatus }>(tx, 'SELECT status FROM disbursement.partner_batches WHERE batch_id = $1 FOR UPDATE', [batch.batch_id]);
    if (!current) throw new UnknownBatchError(`No partner batch ${batch.batch_id}`);
    if (current.status !== 'SENDING') return { status: current.status, notifications: [] };
    await tx.query('UPDATE disbursement.partner_batches SET ack_body = $2, last_error = NULL WHERE batch_id = $1', [batch.batch_id, result.ack]);
    if (result.kind === 'acknowledged') {
      await transitionBatch(tx, batch.batch_id, ['SENDING'], 'ACKNOWLEDGED', result.replay ? 'acknowledged (idempotent replay)' : 'acknowledged');
      await markBatchSent(tx, batch.batch_id);
      return { status: 'ACKNOWLEDGED', notifications: [] };
    }
    // A partner's words are kept and logged with their digits masked: a partner may quote an account number.
    const detail = maskDigits(result.detail).slice(0, 2000);
    if (result.kind === 'attention') {
      this.logger.error({ batchId: batch.batch_id, detail }, "the partner's answer neither takes nor refuses the batch: needs a person (GET /batches?status=ATTENTION)");
      await transitionBatch(tx, batch.batch_id, ['SENDING'], 'ATTENTION', detail);
      return { status: 'ATTENTION', notifications: [] };
    }
    this.logger.warn({ batchId: batch.batch_id, code: result.code, detail }, 'partner refused the whole batch');
    await transitionBatch(tx, batch.batch_id, ['SENDING'], 'REJECTED', `${result.code}: ${detail}`.slice(0, 2000));
    const refused = await this.recorder.refuseBatch(tx, batch.batch_id, { reasonCode: result.code, occurredOn: vietnamDate(new Date()) });
    return { status: 'REJECTED', notifications: refused.notificationIds };
  }

  private async load(tx: EntityManager, batchId: string, lock = false): Promise<BatchRow> {
    const batch = await selectOne<BatchRow>(
      tx,
      `SELECT b.batch_id, b.run_id, r.month, b.channel, b.group_key, b.status, b.payload_cipher, b.statement_cursor
         FROM disbursement.partner_batches b JOIN disbursement.runs r ON r.id = b.run_id WHERE b.batch_id = $1 ${lock ? 'FOR UPDATE OF b' : ''}`,
      [batchId],
    );
    if (!batch) throw new UnknownBatchError(`No partner batch ${batchId}`);
    return batch;
  }
}

export function ref(batch: Omit<BatchRow, 'status' | 'payload_cipher'>): BatchRef {
  return { batchId: batch.batch_id, runId: batch.run_id, month: batch.month, channel: batch.channel, groupKey: batch.group_key, cursor: batch.statement_cursor };
}
