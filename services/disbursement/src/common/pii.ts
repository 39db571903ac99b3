import { maskAccount, PiiCipher } from '@benefits/platform';
import type { DisbursementConfig } from '../config';

/** Encrypts account numbers (and stored partner files) at rest; its look-up hash finds accounts shared by many. */
export class AtRestCipher extends PiiCipher {}

/** Decrypts the account numbers eligibility sends in RunDestinationsChunk (PII_TRANSPORT_KEY, "id:base64"). */
export class TransportCipher extends PiiCipher {}

export function atRestCipher(config: Pick<DisbursementConfig, 'PII_KEY_ID' | 'PII_KEYS' | 'PII_HASH_KEY'>): AtRestCipher {
  return new AtRestCipher({ current: config.PII_KEY_ID, keys: config.PII_KEYS, hashKey: config.PII_HASH_KEY });
}

export function transportCipher(config: Pick<DisbursementConfig, 'PII_TRANSPORT_KEY' | 'PII_HASH_KEY'>): TransportCipher {
  const setting = config.PII_TRANSPORT_KEY;
  const keyId = setting.slice(0, setting.indexOf(':'));
  return new TransportCipher({ current: keyId, keys: { [keyId]: setting.slice(setting.indexOf(':') + 1) }, hashKey: config.PII_HASH_KEY });
}

/** An account number as it is stored: encrypted, its keyed hash, and its masked form for APIs and messages. */
export interface StoredAccount {
  readonly cipher: string;
  readonly hash: string;
  readonly masked: string;
}

export function storeAccount(cipher: AtRestCipher, account: string): StoredAccount {
  return { cipher: cipher.encrypt(account), hash: cipher.lookupHash(account), masked: maskAccount(account) };
}
