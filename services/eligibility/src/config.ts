import { z } from 'zod';
import { DEV_PII_TRANSPORT_KEY } from '@benefits/contracts';
import { baseConfigSchema, loadConfig, portSetting } from '@benefits/platform';

/**
 * LOCAL DEVELOPMENT DEFAULTS ONLY: these keys are public (they are in this file) so that `npm start` works on a
 * fresh clone. Production sets PII_KEY_ID, PII_KEYS, PII_HASH_KEY and PII_TRANSPORT_KEY from its secret store;
 * the service refuses to start in production while any of them still has its development value.
 */
const DEV_PII_KEY_ID = 'dev1';
const DEV_PII_KEY = '+05orD/gSVH8K8bTUxZmL0cDsxR1AZtW1pMd0np3lUI=';
const DEV_PII_KEYS = `${DEV_PII_KEY_ID}:${DEV_PII_KEY}`;
const DEV_PII_HASH_KEY = '7neNiTzBD4qO74kDChj0qDwzRkRQbSyZ0ekD/8hmxoU=';

const base64Key = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64');
const keyEntry = z.string().regex(/^[\w-]+:[A-Za-z0-9+/=]+$/, 'must be id:base64');

/** "id:base64,id:base64" → { id: base64 }: every key that may still be needed to decrypt. */
const keyList = z
  .string()
  .transform((text) => text.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(keyEntry).min(1))
  .transform((entries) => Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)])))
  .pipe(z.record(base64Key));

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** The eligibility service's settings: validated once at boot. */
export const configSchema = baseConfigSchema
  .extend({
    PORT: portSetting.default(3001),
    HOST: z.string().default('127.0.0.1'),
    /** Id of the key that encrypts new ID, phone and account numbers at rest; must be one of PII_KEYS. */
    PII_KEY_ID: z.string().min(1).default(DEV_PII_KEY_ID),
    /** Every at-rest key still needed to decrypt: "id:base64,id:base64" (32-byte AES-256 keys). */
    PII_KEYS: keyList.default(DEV_PII_KEYS),
    /** Key of the look-up hash (HMAC-SHA256) of ID and account numbers: base64 of 32 bytes. */
    PII_HASH_KEY: base64Key.default(DEV_PII_HASH_KEY),
    /** "id:base64": the key account numbers are encrypted with for disbursement (RunDestinationsChunk). */
    PII_TRANSPORT_KEY: keyEntry.pipe(z.string().refine((v) => Buffer.from(v.slice(v.indexOf(':') + 1), 'base64').length === 32, 'key must be 32 bytes in base64')).default(DEV_PII_TRANSPORT_KEY),
    /** Largest register file accepted by POST /imports, in bytes (default 32 MiB: split bigger registers by commune). */
    IMPORT_MAX_BYTES: z.coerce.number().int().positive().default(32 * 1024 * 1024),
    /** Persons evaluated per snapshot page (one transaction, a few set-based queries). */
    SNAPSHOT_PAGE_SIZE: z.coerce.number().int().min(100).max(50_000).default(5000),
    /** Items per EligibilitySnapshotChunk / RunDestinationsChunk event. */
    SNAPSHOT_CHUNK_SIZE: z.coerce.number().int().min(10).max(5000).default(1000),
    /**
     * Whether this process runs the background work: the Kafka consumers, the snapshot worker and the outbox relay.
     * Off for an API-only process (the outbox it writes is relayed by another process of the service).
     */
    WORKERS_ENABLED: flag.default('true'),
  })
  .superRefine((config, context) => {
    if (!(config.PII_KEY_ID in config.PII_KEYS)) {
      context.addIssue({ code: 'custom', path: ['PII_KEY_ID'], message: `"${config.PII_KEY_ID}" is not among the ids of PII_KEYS` });
    }
    if (config.NODE_ENV !== 'production') return;
    const devValues: [keyof typeof config, boolean][] = [
      ['PII_KEYS', config.PII_KEYS[config.PII_KEY_ID] === DEV_PII_KEY],
      ['PII_HASH_KEY', config.PII_HASH_KEY === DEV_PII_HASH_KEY],
      ['PII_TRANSPORT_KEY', config.PII_TRANSPORT_KEY === DEV_PII_TRANSPORT_KEY],
    ];
    for (const [setting, isDev] of devValues) {
      if (isDev) context.addIssue({ code: 'custom', path: [setting], message: 'still the public development key: set a real one in production' });
    }
  });

export type EligibilityConfig = z.infer<typeof configSchema>;

export function loadEligibilityConfig(env: Record<string, string | undefined> = process.env): EligibilityConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'eligibility';
export const SERVICE_DESCRIPTION = 'The register of beneficiaries and their decisions; who qualifies for which benefit in a month, and why.';
