import { randomBytes } from 'node:crypto';
import { maskAccount, maskDigits, maskNationalId, PiiCipher, PiiCryptoError } from './pii';

const key = () => randomBytes(32).toString('base64');

describe('personal data protection', () => {
  const k1 = key();
  const hashKey = key();
  const cipher = new PiiCipher({ current: 'k1', keys: { k1 }, hashKey });

  it('encrypts so the stored value reveals nothing and decrypts back', () => {
    const stored = cipher.encrypt('079203001234');
    expect(stored).not.toContain('079203001234');
    expect(stored.startsWith('k1:')).toBe(true);
    expect(cipher.encrypt('079203001234')).not.toBe(stored); // random IV
    expect(cipher.decrypt(stored)).toBe('079203001234');
  });

  it('never uses an IV twice: each of many values (more than one draw of the IV pool) has its own, and decrypts back', () => {
    const values = Array.from({ length: 10_000 }, (_, i) => String(1_000_000_000 + i));
    const stored = values.map((v) => cipher.encrypt(v));
    const ivs = stored.map((s) => Buffer.from(s.split(':')[1], 'base64'));
    expect(ivs.every((iv) => iv.length === 12)).toBe(true);
    expect(new Set(ivs.map((iv) => iv.toString('hex'))).size).toBe(values.length);
    expect(stored.map((s) => cipher.decrypt(s))).toEqual(values);
  });

  it('finds a value through a keyed hash that is stable and key-dependent', () => {
    expect(cipher.lookupHash('079203001234')).toBe(cipher.lookupHash(' 079203001234 '));
    const other = new PiiCipher({ current: 'k1', keys: { k1 }, hashKey: key() });
    expect(other.lookupHash('079203001234')).not.toBe(cipher.lookupHash('079203001234'));
  });

  it('rotates keys: new values use the new key, old values still decrypt', () => {
    const old = cipher.encrypt('0123456789');
    const rotated = new PiiCipher({ current: 'k2', keys: { k1, k2: key() }, hashKey });
    expect(rotated.decrypt(old)).toBe('0123456789');
    expect(PiiCipher.keyIdOf(rotated.encrypt('0123456789'))).toBe('k2');
  });

  it('refuses tampered values and wrong keys', () => {
    const stored = cipher.encrypt('0123456789');
    const parts = stored.split(':');
    parts[3] = Buffer.from('9999999999').toString('base64');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
    expect(() => new PiiCipher({ current: 'k9', keys: { k1 }, hashKey })).toThrow(PiiCryptoError);
    expect(() => new PiiCipher({ current: 'k1', keys: { k1: 'c2hvcnQ=' }, hashKey })).toThrow(/32 bytes/);
  });

  it('masks ID and account numbers', () => {
    expect(maskNationalId('079203001234')).toBe('079*******34');
    expect(maskAccount('0123456789')).toBe('******6789');
    expect(maskDigits('person 079203001234 paid to 9704361234567890 on 2026-11-05 amount 1250000')).toBe(
      'person 07********34 paid to 97************90 on 2026-11-05 amount 1250000',
    );
  });

  it('leaves a UUID whole, even one with a long run of digits, and masks a number beside it', () => {
    expect(maskDigits('request b25b1076-3470-4761-94ec-825551293d62 for 079203001234 (run 16C68A51-D685-4EAB-8C08-217883D15AB3)')).toBe(
      'request b25b1076-3470-4761-94ec-825551293d62 for 07********34 (run 16C68A51-D685-4EAB-8C08-217883D15AB3)',
    );
    expect(maskDigits('account 1234-5678-0793-4567-123456789012')).toBe('account 12***************23' + '45*****12');
  });

  it('masks a number written in groups, as people write phones, IDs and accounts, and leaves dates and times whole', () => {
    expect(maskDigits('phone 0912 345 678, ID 079-203-001-234, account 0071 0001 23456')).toBe('phone 09******78, ID 07********34, account 00*********56');
    expect(maskDigits('run of 2026-11 paid on 2026-11-29 10:15:00 and 2026-11-30T08:00:00Z, 1250000 đồng to 12 people')).toBe(
      'run of 2026-11 paid on 2026-11-29 10:15:00 and 2026-11-30T08:00:00Z, 1250000 đồng to 12 people',
    );
    expect(maskDigits('statement 2026-11-05 0071000123456')).toBe('statement 2026-11-05 00*********56');
  });
});
