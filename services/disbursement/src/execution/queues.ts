import { Queues } from '@benefits/contracts';
import type { JobsOptions } from 'bullmq';
import type { DisbursementConfig } from '../config';
import type { Partner } from './domain/batch-status';

/** One partner-batch queue per partner, so each partner has its own rate limit. */
export function partnerQueue(partner: Partner): string {
  return `${Queues.partnerBatches}-${partner}`;
}

/** BullMQ's connection from REDIS_URL; workers need maxRetriesPerRequest null (they block on Redis). */
export function redisConnection(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

/** Job ids are derived from what they work on: adding the same job twice is a no-op. */
export const runJobId = (runId: string) => `run-${runId}`;
export const releaseJobId = (runId: string) => `release-${runId}`;
export const batchJobId = (batchId: string) => `batch-${batchId}`;
export const pollSchedulerId = (batchId: string) => `poll-${batchId}`;

/** A release that fails (the database away) is tried again as a batch is; after the last attempt, the recovery sweep. */
export function releaseJobOptions(config: DisbursementConfig, runId: string): JobsOptions {
  return retriedJob(config, releaseJobId(runId));
}

export function batchJobOptions(config: DisbursementConfig, batchId: string): JobsOptions {
  return retriedJob(config, batchJobId(batchId));
}

/**
 * BATCH_ATTEMPTS with exponential backoff; kept a week once done, and for good once failed (a person looks; the
 * recovery sweep tries a failed release or batch again every RECOVERY_INTERVAL_MS).
 */
function retriedJob(config: DisbursementConfig, jobId: string): JobsOptions {
  return {
    jobId,
    attempts: config.BATCH_ATTEMPTS,
    backoff: { type: 'exponential', delay: config.BATCH_BACKOFF_MS },
    removeOnComplete: { age: 7 * 24 * 3600 },
    removeOnFail: false,
  };
}
