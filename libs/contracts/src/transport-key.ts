/**
 * Account numbers travel from eligibility to disbursement encrypted (RunDestinationsChunk.accountCipher) with a key
 * both services hold: setting PII_TRANSPORT_KEY = "<keyId>:<base64 of 32 bytes>", used with PiiCipher
 * ({ current: keyId, keys: { [keyId]: base64 } }); the ciphertext names its key id, so the key can be rotated.
 * This value is the LOCAL DEVELOPMENT default of both services, public in this repository: production sets its own.
 */
export const DEV_PII_TRANSPORT_KEY = 'transport-dev1:eUudeZs4jQKxMUN/tyfxfC1ryXsbSIc5j9/ANJOUUfU=';
