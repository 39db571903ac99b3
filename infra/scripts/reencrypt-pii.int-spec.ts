import { randomBytes, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { PiiCipher } from '@benefits/platform';
import { reencrypt, type Ciphers } from './reencrypt-pii';

jest.setTimeout(60_000);

const key = () => randomBytes(32).toString('base64');
const [k1, k2, oldHash, newHash, t1, t2] = [key(), key(), key(), key(), key(), key()];
const before = new PiiCipher({ current: 'k1', keys: { k1 }, hashKey: oldHash });
const transportBefore = new PiiCipher({ current: 't1', keys: { t1 }, hashKey: oldHash });
const ciphers: Ciphers = {
  atRest: new PiiCipher({ current: 'k2', keys: { k1, k2 }, hashKey: newHash }),
  currentKeyId: 'k2',
  transport: { cipher: new PiiCipher({ current: 't2', keys: { t2 }, hashKey: newHash }), keyId: 't2' },
};

/**
 * A key rotation of the eligibility register, in a database of the test's own holding the encrypted columns the
 * script rewrites: every value ends under the new key, hashes under the new hash key, nothing else changes.
 */
describe('re-encrypting after a PII key rotation (real PostgreSQL)', () => {
  const name = `pii_rotation_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
  let pool: Pool;
  const people = Array.from({ length: 23 }, (_, i) => ({ id: randomUUID(), nationalId: `0792030${String(10000 + i)}`, account: `00710001${String(20000 + i)}` }));

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE ${name}`);
    pool = new Pool({ connectionString: `postgres://postgres@127.0.0.1:5432/${name}`, max: 4 });
    // The database is dropped WITH (FORCE) at the end: an idle connection cut then is expected, not a failure.
    pool.on('error', () => undefined);
    await pool.query(`CREATE SCHEMA eligibility;
      CREATE TABLE eligibility.person (id uuid PRIMARY KEY, national_id_cipher text NOT NULL, national_id_hash text NOT NULL UNIQUE, phone_cipher text, full_name text NOT NULL);
      CREATE TABLE eligibility.payment_destination (id bigserial PRIMARY KEY, person_id uuid NOT NULL, account_cipher text, account_hash text, account_transport_cipher text)`);
    for (const [i, p] of people.entries()) {
      // One person was registered after the new key went live: already under k2.
      const cipher = i === 0 ? ciphers.atRest : before;
      await pool.query('INSERT INTO eligibility.person VALUES ($1, $2, $3, $4, $5)', [p.id, cipher.encrypt(p.nationalId), before.lookupHash(p.nationalId), i % 2 ? before.encrypt('0912345678') : null, `Person ${i}`]);
      await pool.query('INSERT INTO eligibility.payment_destination (person_id, account_cipher, account_hash, account_transport_cipher) VALUES ($1, $2, $3, $4)', [
        p.id, before.encrypt(p.account), before.lookupHash(p.account), transportBefore.encrypt(p.account),
      ]);
      await pool.query('INSERT INTO eligibility.payment_destination (person_id, account_cipher, account_hash, account_transport_cipher) VALUES ($1, NULL, NULL, NULL)', [p.id]);
    }
  });
  afterAll(async () => {
    await pool?.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('re-encrypts and re-hashes every value in batches, then finds nothing left to do', async () => {
    const options = { service: 'eligibility', rehash: true, batch: 5, dryRun: false } as const;
    const totals = await reencrypt(pool, ciphers, options, () => undefined);
    expect(totals).toEqual({ 'eligibility.person': 23, 'eligibility.payment_destination': 23 });

    const persons = await pool.query('SELECT id, national_id_cipher, national_id_hash, phone_cipher, full_name FROM eligibility.person');
    for (const row of persons.rows) {
      const person = people.find((p) => p.id === row.id)!;
      expect(PiiCipher.keyIdOf(row.national_id_cipher)).toBe('k2');
      expect(ciphers.atRest.decrypt(row.national_id_cipher)).toBe(person.nationalId);
      expect(row.national_id_hash).toBe(ciphers.atRest.lookupHash(person.nationalId));
      if (row.phone_cipher) expect(ciphers.atRest.decrypt(row.phone_cipher)).toBe('0912345678');
    }
    const destinations = await pool.query('SELECT person_id, account_cipher, account_hash, account_transport_cipher FROM eligibility.payment_destination WHERE account_cipher IS NOT NULL');
    for (const row of destinations.rows) {
      const person = people.find((p) => p.id === row.person_id)!;
      expect(ciphers.atRest.decrypt(row.account_cipher)).toBe(person.account);
      expect(row.account_hash).toBe(ciphers.atRest.lookupHash(person.account));
      expect(PiiCipher.keyIdOf(row.account_transport_cipher)).toBe('t2');
      expect(ciphers.transport!.cipher.decrypt(row.account_transport_cipher)).toBe(person.account);
    }

    expect(await reencrypt(pool, ciphers, { ...options, rehash: false }, () => undefined)).toEqual({ 'eligibility.person': 0, 'eligibility.payment_destination': 0 });
  });
});
