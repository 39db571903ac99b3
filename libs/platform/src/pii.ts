import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Personal data (Decree 13/2023/ND-CP): personal ID numbers and account numbers are stored encrypted
 * (AES-256-GCM), found through a keyed hash (HMAC-SHA256), masked in responses and never logged whole.
 *
 * Keys come from config as base64 32-byte values, each with a key id. A ciphertext carries its key id
 * ("k1:iv:tag:data"), so keys can be rotated: add the new key as current, keep the old ones for decryption,
 * re-encrypt in the background (see docs/security.md), then retire the old key.
 */
export class PiiCryptoError extends Error {
  readonly code = 'PII_CRYPTO';
}

export interface PiiKeys {
  /** id of the key used to encrypt new values */
  current: string;
  /** every key that may still be needed to decrypt, by id: base64 of 32 bytes */
  keys: Record<string, string>;
  /** key for the look-up hash: base64 of 32 bytes. Rotating it means re-hashing every row. */
  hashKey: string;
}

/** AES-GCM's 96-bit nonce. */
const IV_BYTES = 12;
/** IVs taken from one call to the CSPRNG (48 kB). */
const IVS_PER_DRAW = 4096;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

/**
 * A fresh random IV for each encryption, cut from a pool the CSPRNG fills 4,096 IVs at a time, as Node's randomUUID
 * pools its random bytes: a call of randomBytes(12) per value cost as much as the encryption itself (9 µs of 18),
 * and a run encrypts each account number twice (for transport and at rest). The bytes are the same CSPRNG's; each
 * IV is handed out once, and a spent pool is replaced, never refilled in place.
 */
function nextIv(): Buffer {
  if (ivOffset + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_BYTES * IVS_PER_DRAW);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + IV_BYTES);
  ivOffset += IV_BYTES;
  return iv;
}

export class PiiCipher {
  private readonly keys = new Map<string, Buffer>();
  private readonly hashKey: Buffer;

  constructor(private readonly config: PiiKeys) {
    for (const [id, b64] of Object.entries(config.keys)) this.keys.set(id, decodeKey(b64, `key ${id}`));
    if (!this.keys.has(config.current)) throw new PiiCryptoError(`The current PII key "${config.current}" is not among the keys`);
    this.hashKey = decodeKey(config.hashKey, 'hash key');
  }

  encrypt(plain: string): string {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.config.current)!, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.config.current, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  decrypt(stored: string): string {
    const [keyId, iv, tag, data] = stored.split(':');
    const key = this.keys.get(keyId);
    if (!key || !iv || !tag || data === undefined) throw new PiiCryptoError(`Cannot decrypt: unknown key "${keyId}" or malformed value`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for exact look-ups ("find the person with this ID number"). */
  lookupHash(plain: string): string {
    return createHmac('sha256', this.hashKey).update(plain.trim()).digest('hex');
  }

  /** The key id a stored value was encrypted with: rows with an old id are due for re-encryption. */
  static keyIdOf(stored: string): string {
    return stored.split(':', 1)[0];
  }
}

function decodeKey(b64: string, what: string): Buffer {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new PiiCryptoError(`The PII ${what} must be 32 bytes in base64 (got ${key.length} bytes)`);
  return key;
}

/** "079203001234" → "079*******34": enough for a person to recognise their own number, not to use it. */
export function maskNationalId(id: string): string {
  return id.length <= 5 ? '*'.repeat(id.length) : id.slice(0, 3) + '*'.repeat(id.length - 5) + id.slice(-2);
}

/** "0123456789" → "******6789". */
export function maskAccount(account: string): string {
  return account.length <= 4 ? '*'.repeat(account.length) : '*'.repeat(account.length - 4) + account.slice(-4);
}

/**
 * What stays whole in a log line: a UUID (a request, run or person ref, which a long run of its digits made look like a
 * number), an ISO date or month with a time of day beside it. The last alternative, captured, is the number to mask:
 * 9–19 digits written together or in groups split by single spaces or dashes ("0912 345 678", "079-203-001-234").
 */
const UUID_DATE_OR_LONG_NUMBER =
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?(?![\d-])|\d{4}-\d{2}(?![\d-])|(\d(?:[ -]?\d){8,18})/gi;

/**
 * Masks every number of 9–19 digits in free text (IDs are 12, accounts 6–19, phones 10; shorter runs are counts and
 * amounts), written together or in groups, keeping its first and last two digits. UUIDs and dates stay whole, so that
 * the ids and days a log line is found by can still be searched for.
 */
export function maskDigits(text: string): string {
  return text.replace(UUID_DATE_OR_LONG_NUMBER, (match: string, number: string | undefined) => {
    if (number === undefined) return match;
    const digits = number.replace(/[ -]/g, '');
    return digits.slice(0, 2) + '*'.repeat(digits.length - 4) + digits.slice(-2);
  });
}

/** Credentials, at any depth and however their key is spelt (case, `_`, `-`): passwords, secrets, tokens, API keys, cookies. */
const CREDENTIAL_KEY = /password|secret|token|authorization|cookie|apikey/;

export function isCredentialKey(key: string): boolean {
  return CREDENTIAL_KEY.test(key.toLowerCase().replace(/[_-]/g, ''));
}

/** A bearer or basic credential quoted in free text (an error repeating a request's headers): only its scheme stays. */
const QUOTED_CREDENTIAL = /\b(Bearer|Basic)\s+[\w.~+/-]+=*/gi;

/** Free text as logs and the audit trail keep it: a quoted credential reduced to its scheme, long numbers masked (maskDigits). */
export function maskFreeText(text: string): string {
  return maskDigits(text.replace(QUOTED_CREDENTIAL, '$1 [redacted]'));
}
