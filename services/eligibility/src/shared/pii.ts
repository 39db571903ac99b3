import { PiiCipher } from '@benefits/platform';
import type { EligibilityConfig } from '../config';

/** Encrypts ID, phone and account numbers at rest and computes their look-up hashes. */
export class RegisterCipher extends PiiCipher {}

/** Encrypts account numbers for disbursement (RunDestinationsChunk.accountCipher), with PII_TRANSPORT_KEY. */
export class TransportCipher extends PiiCipher {
  readonly keyId: string;

  constructor(setting: string, hashKey: string) {
    const keyId = setting.slice(0, setting.indexOf(':'));
    super({ current: keyId, keys: { [keyId]: setting.slice(setting.indexOf(':') + 1) }, hashKey });
    this.keyId = keyId;
  }
}

export function registerCipher(config: Pick<EligibilityConfig, 'PII_KEY_ID' | 'PII_KEYS' | 'PII_HASH_KEY'>): RegisterCipher {
  return new RegisterCipher({ current: config.PII_KEY_ID, keys: config.PII_KEYS, hashKey: config.PII_HASH_KEY });
}

export function transportCipher(config: Pick<EligibilityConfig, 'PII_TRANSPORT_KEY' | 'PII_HASH_KEY'>): TransportCipher {
  return new TransportCipher(config.PII_TRANSPORT_KEY, config.PII_HASH_KEY);
}
