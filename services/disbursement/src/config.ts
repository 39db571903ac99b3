import { z } from 'zod/v4';
import { amountSchema } from '@benefits/contracts';
import { baseConfigSchema, checkPiiSettings, DEV_PII_KEYS, flagSetting, loadConfig, piiSettings, portSetting, redisUrlSetting } from '@benefits/platform';

const positive = z.coerce.number().int().positive();
const millis = z.coerce.number().int().nonnegative();

/** The disbursement service's settings: validated once at boot. */
export const configSchema = baseConfigSchema
  .extend({
    PORT: portSetting.default(3003),
    HOST: z.string().default('127.0.0.1'),
    REDIS_URL: redisUrlSetting.default('redis://127.0.0.1:6379'),
    ...piiSettings(DEV_PII_KEYS.disbursement),

    /** Partner endpoints (the sandboxes of infra/sandboxes locally). */
    BANK_URL: z.string().url().default('http://127.0.0.1:4101'),
    POST_OFFICE_URL: z.string().url().default('http://127.0.0.1:4102'),
    /** One HTTP call to a partner may take this long before it counts as failed (and is retried). */
    PARTNER_TIMEOUT_MS: positive.default(15_000),
    /**
     * The accounts the bank debits (pain.001 Dbtr): the Department of Health's for social assistance and the social
     * pension, the Department of Home Affairs' for meritorious service (channels/domain/paying-account.ts).
     */
    DEBTOR_ACCOUNT: z.string().regex(/^\d{6,19}$/).default('1234567890'),
    DEBTOR_NAME: z.string().min(1).default('So Y te tinh An Giang'),
    DEBTOR_BIN: z.string().regex(/^\d{6}$/).default('970418'),
    HOME_AFFAIRS_DEBTOR_ACCOUNT: z.string().regex(/^\d{6,19}$/).default('2234567890'),
    HOME_AFFAIRS_DEBTOR_NAME: z.string().min(1).default('So Noi vu tinh An Giang'),
    HOME_AFFAIRS_DEBTOR_BIN: z.string().regex(/^\d{6}$/).default('970418'),

    /** Kafka consumer group of the run inputs (entitlements, destinations). */
    RUN_INPUTS_GROUP: z.string().min(1).default('disbursement.run-inputs'),
    /** Where the group starts when it has no committed offset: true = the earliest retained message (nothing skipped). */
    RUN_INPUTS_FROM_BEGINNING: flagSetting.prefault('true'),
    /** BullMQ key prefix in Redis: one per installation (tests use their own). */
    QUEUE_PREFIX: z.string().regex(/^[\w-]+$/).default('bull'),
    /** Payments per pain.001 file (per bank BIN) and per post-office list. */
    BANK_BATCH_SIZE: positive.default(1000),
    POST_OFFICE_BATCH_SIZE: positive.default(1000),
    /** Tries of a partner batch job (exponential backoff from BATCH_BACKOFF_MS). */
    BATCH_ATTEMPTS: positive.default(6),
    BATCH_BACKOFF_MS: positive.default(2000),
    /** Batch jobs of one partner in flight at once in this process (each is mostly waiting for the partner). */
    BATCH_CONCURRENCY: positive.max(64).default(2),
    /** At most RATE_MAX batch jobs per RATE_DURATION_MS, per partner. */
    BANK_RATE_MAX: positive.default(5),
    BANK_RATE_DURATION_MS: positive.default(1000),
    POST_OFFICE_RATE_MAX: positive.default(5),
    POST_OFFICE_RATE_DURATION_MS: positive.default(1000),
    /** How often an acknowledged batch is asked for its outcomes, until every payment of it is final. */
    OUTCOME_POLL_INTERVAL_MS: positive.default(5000),
    /**
     * Days after a bank acknowledged a file by which every payment of it should have its outcome; past them (and for
     * the post office, past its settlement report's last day, the 19th, and RECON_GRACE_DAYS), the batch says how
     * many still have none (lastError on GET /batches, an error logged) while it is still polled (execution/domain/outcome-deadline.ts).
     */
    OUTCOME_OVERDUE_DAYS: z.coerce.number().int().min(1).max(60).default(3),
    /** After every payment of a bank batch is final, its statements are still watched this long for returns. */
    RETURN_WATCH_MS: millis.default(10 * 60_000),
    /**
     * How often a bank batch watched for returns reads its camt.054. Returns are rare and the bank statement brings
     * them too (reconciliation), so a batch that waits for nothing else is not asked every OUTCOME_POLL_INTERVAL_MS.
     */
    RETURN_POLL_INTERVAL_MS: positive.default(30_000),
    /** How often runs whose inputs are complete are checked and prepared. */
    PREPARE_POLL_MS: positive.default(1000),
    /** Without RunDestinationsCompleted: how long after EntitlementCompleted missing destinations are awaited. */
    DESTINATIONS_GRACE_MS: millis.default(120_000),
    /** Preview exception: a payment above this many đồng. */
    AMOUNT_THRESHOLD: amountSchema.default('10000000'),
    /** Preview exception: one account receiving for at least this many beneficiaries. */
    SHARED_ACCOUNT_THRESHOLD: z.coerce.number().int().min(2).default(3),
    /** Rows listed under each preview item (the counts are always complete). */
    PREVIEW_SAMPLE_SIZE: z.coerce.number().int().min(1).max(1000).default(50),
    /** Where beneficiaries are told of outcomes: a log in development; sms and zalo are interfaces only so far. */
    NOTIFIER: z.enum(['log', 'sms', 'zalo']).default('log'),
    /** Reconciliation: the largest statement file accepted (camt.053/054 XML or a post-office settlement report). */
    STATEMENT_MAX_BYTES: positive.default(100 * 1024 * 1024),
    /** Days after a payment's settlement (bank) or its report's last day, the 19th (post office), before a line absent from every statement is an exception. */
    RECON_GRACE_DAYS: z.coerce.number().int().min(0).max(31).default(2),
    /**
     * At boot, and every RECOVERY_INTERVAL_MS after: queue the work of released runs and planned batches whose jobs were
     * never created, and resume the polling of open batches.
     */
    RECOVER_ON_BOOT: flagSetting.prefault('true'),
    RECOVERY_INTERVAL_MS: positive.default(300_000),
    /** Off on read-only API replicas: no Kafka consumer, no workers, no preparation loop in this process. */
    WORKERS_ENABLED: flagSetting.prefault('true'),
  })
  .superRefine((config, context) => checkPiiSettings(config, context));

export type DisbursementConfig = z.infer<typeof configSchema>;

export function loadDisbursementConfig(env: Record<string, string | undefined> = process.env): DisbursementConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'disbursement';
export const SERVICE_DESCRIPTION = 'The monthly payment run: preview, four-eyes approval, release, partner batches, outcomes.';
