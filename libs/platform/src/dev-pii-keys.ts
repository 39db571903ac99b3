import { DEV_PII_TRANSPORT_KEY } from '@benefits/contracts';

/** Public development values: `npm start` works on a fresh clone; production must replace every one of them. */
export interface DevPiiKeys {
  keyId: string;
  key: string;
  hashKey: string;
  transportKey: string;
}

/**
 * LOCAL DEVELOPMENT DEFAULTS ONLY: these keys are public (they are in this repository) so that `npm start` works on a
 * fresh clone. Production sets PII_KEY_ID, PII_KEYS, PII_HASH_KEY and PII_TRANSPORT_KEY from its secret store; a
 * service refuses to start in production while any key it is given is one of these, whichever service's it is.
 */
export const DEV_PII_KEYS = {
  eligibility: { keyId: 'dev1', key: '+05orD/gSVH8K8bTUxZmL0cDsxR1AZtW1pMd0np3lUI=', hashKey: '7neNiTzBD4qO74kDChj0qDwzRkRQbSyZ0ekD/8hmxoU=', transportKey: DEV_PII_TRANSPORT_KEY },
  disbursement: { keyId: 'dev1', key: 'BAKLg5MhRiartjHgcf9NAZi/8ROT6Q1WNfUkIOyWRYI=', hashKey: 'i/x1r2m7ahvYr+TXTALJ+AVUVJv0uzOdM9ObhoaRANI=', transportKey: DEV_PII_TRANSPORT_KEY },
} as const satisfies Record<string, DevPiiKeys>;

/** The bytes of every development key, hex: a key is refused by what it decodes to, however it is written. */
const DEV_KEY_BYTES = new Set(
  Object.values(DEV_PII_KEYS).flatMap((keys) => [keys.key, keys.hashKey, keys.transportKey.slice(keys.transportKey.indexOf(':') + 1)].map(bytesOf)),
);

function bytesOf(base64: string): string {
  return Buffer.from(base64, 'base64').toString('hex');
}

/** Whether this base64 key decodes to a development key of any service. */
export function isDevelopmentKey(base64: string): boolean {
  return DEV_KEY_BYTES.has(bytesOf(base64));
}
