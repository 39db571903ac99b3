import { randomBytes } from 'node:crypto';
import { DEV_PII_KEYS } from '@benefits/platform';
import { loadEligibilityConfig } from './config';

const key = () => randomBytes(32).toString('base64');

describe('eligibility config', () => {
  it('starts on a fresh clone with the development keys and limits', () => {
    const config = loadEligibilityConfig({});
    expect(config).toMatchObject({ PORT: 3001, PII_KEY_ID: 'dev1', IMPORT_MAX_BYTES: 32 * 1024 * 1024, SNAPSHOT_PAGE_SIZE: 5000, SNAPSHOT_CHUNK_SIZE: 1000, WORKERS_ENABLED: true });
    expect(Object.keys(config.PII_KEYS)).toEqual(['dev1']);
    expect(config.PII_TRANSPORT_KEY).toMatch(/^transport-dev1:/);
  });

  it('reads several at-rest keys for rotation, and the current one must be among them', () => {
    const [a, b] = [key(), key()];
    expect(loadEligibilityConfig({ PII_KEY_ID: 'k2', PII_KEYS: `k1:${a}, k2:${b}` }).PII_KEYS).toEqual({ k1: a, k2: b });
    expect(() => loadEligibilityConfig({ PII_KEY_ID: 'k3', PII_KEYS: `k1:${a}` })).toThrow(/PII_KEY_ID.*not among/);
    expect(() => loadEligibilityConfig({ PII_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
  });

  it('refuses the public development keys in production', () => {
    expect(() => loadEligibilityConfig({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://id.example/jwks' })).toThrow(/PII_KEYS.*development[\s\S]*PII_HASH_KEY[\s\S]*PII_TRANSPORT_KEY/);
    const production = { NODE_ENV: 'production', PII_KEY_ID: 'p1', PII_KEYS: `p1:${key()}`, PII_HASH_KEY: key(), PII_TRANSPORT_KEY: `t1:${key()}` };
    expect(loadEligibilityConfig(production).PII_KEY_ID).toBe('p1');
  });

  it('refuses a development key however it is given: renamed, without padding, kept for rotation, or another service\'s', () => {
    const production = { NODE_ENV: 'production', PII_KEY_ID: 'p1', PII_KEYS: `p1:${key()}`, PII_HASH_KEY: key(), PII_TRANSPORT_KEY: `t1:${key()}` };
    const { eligibility, disbursement } = DEV_PII_KEYS;
    const transport = eligibility.transportKey.slice(eligibility.transportKey.indexOf(':') + 1);
    expect(() => loadEligibilityConfig({ ...production, PII_TRANSPORT_KEY: `prod1:${transport}` })).toThrow(/PII_TRANSPORT_KEY.*development/);
    expect(() => loadEligibilityConfig({ ...production, PII_HASH_KEY: eligibility.hashKey.replace(/=+$/, '') })).toThrow(/PII_HASH_KEY.*development/);
    expect(() => loadEligibilityConfig({ ...production, PII_KEYS: `${production.PII_KEYS},old:${eligibility.key}` })).toThrow(/PII_KEYS \(old\).*development/);
    expect(() => loadEligibilityConfig({ ...production, PII_HASH_KEY: disbursement.hashKey })).toThrow(/PII_HASH_KEY.*development/);
  });

  it('names a bad setting', () => {
    expect(() => loadEligibilityConfig({ IMPORT_MAX_BYTES: '-1' })).toThrow(/IMPORT_MAX_BYTES/);
    expect(() => loadEligibilityConfig({ WORKERS_ENABLED: 'maybe' })).toThrow(/WORKERS_ENABLED/);
  });
});
