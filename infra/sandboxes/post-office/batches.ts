import type { Logger } from 'pino';
import { sha256, vietnamDate, vietnamDateTime } from '../shared/determinism';
import type { Scheduler } from '../shared/scheduler';
import type { Batch } from './batch';
import type { PostOfficeConfig } from './config';
import { decideAccountPayment, decideCashPayment, type PaymentOutcome } from './outcomes';
import { settlementReport, type SettlementReport } from './settlement';

export interface BatchAck {
  batchId: string;
  status: 'ACCEPTED';
  receivedAt: string;
  acceptedCount: number;
  acceptedTotal: string;
}

interface StoredBatch {
  batch: Batch;
  hash: string;
  ack: BatchAck;
  outcomes: Map<string, PaymentOutcome>;
}

export type ReceiveResult = { kind: 'accepted'; ack: BatchAck; replay: boolean } | { kind: 'conflict'; batchId: string };

export interface BatchesDeps {
  config: PostOfficeConfig;
  scheduler: Scheduler;
  logger: Logger;
  /** Called once per batch with its final settlement report. */
  onFinal: (report: SettlementReport) => void;
}

/**
 * Accepted payment lists and their outcomes. Same batchId with the same content is a resend and gets the first
 * acknowledgement; same batchId with other content is a conflict. Lists that were refused are not kept.
 */
export class Batches {
  private batches = new Map<string, StoredBatch>();

  constructor(private readonly deps: BatchesDeps) {}

  /** `batch` is already validated and checked (checkBatch). */
  receive(batch: Batch): ReceiveResult {
    const { scheduler, config, logger } = this.deps;
    // The schema rebuilds objects in its own key order, so equal lists hash equal however the JSON was written.
    const hash = sha256(JSON.stringify(batch));
    const known = this.batches.get(batch.batchId);
    if (known) {
      return known.hash === hash ? { kind: 'accepted', ack: known.ack, replay: true } : { kind: 'conflict', batchId: batch.batchId };
    }
    const now = scheduler.now();
    const stored: StoredBatch = {
      batch,
      hash,
      ack: {
        batchId: batch.batchId,
        status: 'ACCEPTED',
        receivedAt: vietnamDateTime(now),
        acceptedCount: batch.items.length,
        acceptedTotal: batch.totalAmount,
      },
      outcomes: new Map(),
    };
    this.batches.set(batch.batchId, stored);
    scheduler.at(now + config.outcomeDelayMs, (at) => this.settle(stored, at));
    logger.info({ batchId: batch.batchId, kind: batch.kind, items: batch.items.length, total: batch.totalAmount }, 'payment list accepted');
    return { kind: 'accepted', ack: stored.ack, replay: false };
  }

  report(batchId: string): SettlementReport | undefined {
    const stored = this.batches.get(batchId);
    return stored && this.render(stored, this.deps.scheduler.now());
  }

  count(): number {
    return this.batches.size;
  }

  reset(): void {
    this.batches.clear();
  }

  private settle(stored: StoredBatch, at: number): void {
    const { config } = this.deps;
    const { batch } = stored;
    const paidOn = vietnamDate(at);
    for (const item of batch.items) {
      const outcome =
        batch.kind === 'account'
          ? decideAccountPayment(item, paidOn)
          : decideCashPayment(item, { ...config, pointCode: batch.pointCode ?? '', paidOn });
      stored.outcomes.set(item.paymentId, outcome);
    }
    const report = this.render(stored, at);
    this.deps.logger.info({ batchId: batch.batchId, totals: report.totals }, 'payment list settled');
    this.deps.onFinal(report);
  }

  private render(stored: StoredBatch, now: number): SettlementReport {
    return settlementReport(stored.batch, stored.outcomes, this.deps.config.balancePolicy, vietnamDateTime(now));
  }
}
