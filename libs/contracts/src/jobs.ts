import { z } from 'zod/v4';
import { channelSchema, runIdSchema } from './common';

/** BullMQ queues and jobs of the disbursement service: one typed name and payload each. */
export const Queues = {
  runs: 'disbursement-runs',
  releases: 'disbursement-releases',
  partnerBatches: 'disbursement-partner-batches',
  outcomes: 'disbursement-outcomes',
} as const;

export const JobNames = {
  /** Release an approved run: reject what cannot be sent, plan the partner batches, create the run's flow. */
  releaseRun: 'release-run',
  /** Parent of a run's flow: completes when every partner batch is done. */
  executeRun: 'execute-run',
  /** Child: send one batch to one partner (a bank BIN, or the post office). */
  sendBatch: 'send-batch',
  /** Poll a partner for the outcomes of a batch already acknowledged. */
  pollOutcomes: 'poll-outcomes',
} as const;

export const releaseRunJobSchema = z.object({ runId: runIdSchema }).strict();
export const executeRunJobSchema = z.object({ runId: runIdSchema, releasedBy: z.string().min(1) }).strict();
export const sendBatchJobSchema = z
  .object({ runId: runIdSchema, batchId: z.string().min(1).max(35), channel: channelSchema, partner: z.string().min(1) })
  .strict();
export const pollOutcomesJobSchema = z.object({ runId: runIdSchema, batchId: z.string().min(1).max(35) }).strict();

export type ReleaseRunJob = z.infer<typeof releaseRunJobSchema>;
export type ExecuteRunJob = z.infer<typeof executeRunJobSchema>;
export type SendBatchJob = z.infer<typeof sendBatchJobSchema>;
export type PollOutcomesJob = z.infer<typeof pollOutcomesJobSchema>;
