import { z, type RefinementCtx } from 'zod/v4';
import { isDevelopmentKey, type DevPiiKeys } from './dev-pii-keys';

/**
 * The PII key settings of a service that stores ID or account numbers (see pii.ts for the cipher). Each service has
 * its own at-rest keys; the transport key is shared by the producer and the consumer of encrypted fields.
 */
export const base64KeySetting = z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes in base64');
const keyEntry = z.string().regex(/^[\w-]+:[A-Za-z0-9+/=]+$/, 'must be id:base64');
const keyEntryOf32Bytes = keyEntry.pipe(
  z.string().refine((v) => Buffer.from(v.slice(v.indexOf(':') + 1), 'base64').length === 32, 'key must be 32 bytes in base64'),
);

/** "id:base64,id:base64" → { id: base64 }: every key that may still be needed to decrypt. */
const keyList = z
  .string()
  .transform((text) => text.split(',').map((entry) => entry.trim()).filter(Boolean))
  .pipe(z.array(keyEntry).min(1))
  .transform((entries) => Object.fromEntries(entries.map((entry) => [entry.slice(0, entry.indexOf(':')), entry.slice(entry.indexOf(':') + 1)])))
  .pipe(z.record(z.string(), base64KeySetting));

/** "true" | "false" from the environment. */
export const flagSetting = z.enum(['true', 'false']).transform((value) => value === 'true');

export function piiSettings(dev: DevPiiKeys) {
  return {
    /** Id of the key that encrypts new values at rest; must be one of PII_KEYS. */
    PII_KEY_ID: z.string().min(1).default(dev.keyId),
    /** Every at-rest key still needed to decrypt: "id:base64,id:base64" (32-byte AES-256 keys). */
    PII_KEYS: keyList.prefault(`${dev.keyId}:${dev.key}`),
    /** Key of the look-up hash (HMAC-SHA256): base64 of 32 bytes. */
    PII_HASH_KEY: base64KeySetting.default(dev.hashKey),
    /** "id:base64": the key account numbers travel encrypted with between eligibility and disbursement. */
    PII_TRANSPORT_KEY: keyEntryOf32Bytes.default(dev.transportKey),
  };
}

interface PiiConfig {
  NODE_ENV: string;
  PII_KEY_ID: string;
  PII_KEYS: Record<string, string>;
  PII_HASH_KEY: string;
  PII_TRANSPORT_KEY: string;
}

/**
 * The current key must exist, and production refuses to run with any development key: any service's, under any id,
 * in any of PII_KEYS (an old key kept to decrypt is as public as the current one), compared by the bytes it decodes
 * to (padding left off, or another id, is the same key).
 */
export function checkPiiSettings(config: PiiConfig, context: RefinementCtx): void {
  if (!(config.PII_KEY_ID in config.PII_KEYS)) {
    context.addIssue({ code: 'custom', path: ['PII_KEY_ID'], message: `"${config.PII_KEY_ID}" is not among the ids of PII_KEYS` });
  }
  if (config.NODE_ENV !== 'production') return;
  const transport = config.PII_TRANSPORT_KEY.slice(config.PII_TRANSPORT_KEY.indexOf(':') + 1);
  const devValues: [string, boolean][] = [
    ...Object.entries(config.PII_KEYS).map(([id, key]): [string, boolean] => [`PII_KEYS (${id})`, isDevelopmentKey(key)]),
    ['PII_HASH_KEY', isDevelopmentKey(config.PII_HASH_KEY)],
    ['PII_TRANSPORT_KEY', isDevelopmentKey(transport)],
  ];
  for (const [setting, isDev] of devValues) {
    if (isDev) context.addIssue({ code: 'custom', path: [setting.split(' ')[0]], message: `${setting}: a public development key: set a real one in production` });
  }
}

/** The same settings without development defaults, for tools that must be told every key (infra/scripts/reencrypt-pii.ts). */
export { keyList as piiKeyListSetting, keyEntryOf32Bytes as piiKeyEntrySetting };
