import { z } from 'zod/v4';
import { baseConfigSchema, checkPiiSettings, DEV_PII_KEYS, flagSetting, loadConfig, piiSettings, portSetting } from '@benefits/platform';

/** The eligibility service's settings: validated once at boot. */
export const configSchema = baseConfigSchema
  .extend({
    PORT: portSetting.default(3001),
    HOST: z.string().default('127.0.0.1'),
    ...piiSettings(DEV_PII_KEYS.eligibility),
    /** Largest register file accepted by POST /imports, in bytes (default 32 MiB: split bigger registers by commune). */
    IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
    /** Persons evaluated per snapshot page (one transaction, a few set-based queries). */
    SNAPSHOT_PAGE_SIZE: z.coerce.number().int().min(100).max(50_000).default(5000),
    /**
     * Parts a requested snapshot is split into (ranges of person ids), and threads that build them side by side: a
     * snapshot is CPU work, so up to one per core the service has to itself. A part whose thread stopped is taken over
     * by another thread or replica. Each thread adds 60 MB idle and up to 140 MB of heap: on 2 cores shared with
     * PostgreSQL and Kafka a second thread takes 1,000,000 decisions from 67 s to 63 s and the process past 512 MB,
     * so the default is one.
     */
    SNAPSHOT_THREADS: z.coerce.number().int().min(1).max(16).default(1),
    /** Items per EligibilitySnapshotChunk / RunDestinationsChunk event. */
    SNAPSHOT_CHUNK_SIZE: z.coerce.number().int().min(10).max(5000).default(1000),
    /**
     * Whether this process runs the background work: the Kafka consumers, the snapshot worker and the outbox relay.
     * Off for an API-only process (the outbox it writes is relayed by another process of the service).
     */
    WORKERS_ENABLED: flagSetting.prefault('true'),
    /**
     * Searches by an exact ID number that find nobody, per user and hour, before that user's searches by ID number are
     * refused (429) for the rest of the hour: the masked ID, birth date and sex of a person leave four digits to guess.
     */
    NATIONAL_ID_MISSES_PER_HOUR: z.coerce.number().int().min(1).default(30),
  })
  .superRefine((config, context) => checkPiiSettings(config, context));

export type EligibilityConfig = z.infer<typeof configSchema>;

export function loadEligibilityConfig(env: Record<string, string | undefined> = process.env): EligibilityConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'eligibility';
export const SERVICE_DESCRIPTION = 'The register of beneficiaries and their decisions; who qualifies for which benefit in a month, and why.';
