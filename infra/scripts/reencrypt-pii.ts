import { parseArgs } from 'node:util';
import { Pool, type PoolClient } from 'pg';
import { z } from 'zod/v4';
import { base64KeySetting, createLogger, loadConfig, PiiCipher, piiKeyEntrySetting, piiKeyListSetting, postgresUrlSetting } from '@benefits/platform';

/**
 * Re-encrypts a service's stored ID and account numbers with its current PII key, in batches, after a key rotation
 * (docs/security.md, "Rotating the PII keys"). With --rehash it also recomputes the look-up hashes with the current
 * PII_HASH_KEY: run that one with the service stopped, since look-ups by hash miss while old and new hashes are mixed.
 *
 *   node -r ./infra/paths.js dist/infra/scripts/reencrypt-pii.js --service eligibility [--rehash] [--batch 500] [--dry-run]
 *
 * Reads DATABASE_URL, PII_KEY_ID, PII_KEYS (the new key and every old one still in use), PII_HASH_KEY and, for
 * eligibility, PII_TRANSPORT_KEY: the same values the service runs with. Idempotent and resumable: a value already
 * under the current key is left alone. Rows are changed in place: these columns hold values, not history.
 */

/** A column holding a ciphertext, the look-up hash derived from it, and a copy under the transport key. */
export interface EncryptedColumn {
  cipher: string;
  hash?: string;
  /** eligibility only: the same number encrypted with PII_TRANSPORT_KEY for disbursement. */
  transport?: string;
}

export interface EncryptedTable {
  table: string;
  key: { column: string; type: 'uuid' | 'text' | 'bigint' }[];
  columns: EncryptedColumn[];
}

/**
 * Every column of the services that holds an encrypted ID or account number (or an encrypted partner file).
 * A new encrypted column must be added here in the same change that creates it.
 */
export const ENCRYPTED: Record<'eligibility' | 'disbursement', EncryptedTable[]> = {
  eligibility: [
    { table: 'eligibility.person', key: [{ column: 'id', type: 'uuid' }], columns: [{ cipher: 'national_id_cipher', hash: 'national_id_hash' }, { cipher: 'phone_cipher' }] },
    {
      table: 'eligibility.payment_destination',
      key: [{ column: 'id', type: 'bigint' }],
      columns: [{ cipher: 'account_cipher', hash: 'account_hash', transport: 'account_transport_cipher' }],
    },
  ],
  disbursement: [
    {
      table: 'disbursement.run_destinations',
      key: [{ column: 'run_id', type: 'uuid' }, { column: 'person_ref', type: 'uuid' }],
      columns: [{ cipher: 'account_cipher', hash: 'account_hash' }],
    },
    { table: 'disbursement.payments', key: [{ column: 'payment_id', type: 'text' }], columns: [{ cipher: 'account_cipher', hash: 'account_hash' }] },
    { table: 'disbursement.resend_requests', key: [{ column: 'id', type: 'uuid' }], columns: [{ cipher: 'account_cipher', hash: 'account_hash' }] },
    { table: 'disbursement.partner_batches', key: [{ column: 'batch_id', type: 'text' }], columns: [{ cipher: 'payload_cipher' }] },
  ],
};

export interface Ciphers {
  atRest: PiiCipher;
  currentKeyId: string;
  transport?: { cipher: PiiCipher; keyId: string };
}

/**
 * The new values of one row's columns, or undefined when nothing is due: each value is re-encrypted unless already
 * under the current key; with `rehash`, its hash is recomputed; a transport copy follows the value it copies.
 */
export function renewRow(row: Record<string, string | null>, columns: readonly EncryptedColumn[], ciphers: Ciphers, rehash: boolean): Record<string, string | null> | undefined {
  const renewed: Record<string, string | null> = {};
  for (const column of columns) {
    const stored = row[column.cipher];
    if (stored === null || stored === undefined) continue;
    const stale = PiiCipher.keyIdOf(stored) !== ciphers.currentKeyId;
    const copy = column.transport ? row[column.transport] : null;
    const transport = column.transport && copy && ciphers.transport && PiiCipher.keyIdOf(copy) !== ciphers.transport.keyId ? ciphers.transport : undefined;
    if (!stale && !rehash && !transport) continue;
    const plain = ciphers.atRest.decrypt(stored);
    if (stale) renewed[column.cipher] = ciphers.atRest.encrypt(plain);
    if (rehash && column.hash) renewed[column.hash] = ciphers.atRest.lookupHash(plain);
    if (transport && column.transport) renewed[column.transport] = transport.cipher.encrypt(plain);
  }
  return Object.keys(renewed).length > 0 ? renewed : undefined;
}

const settings = z.object({
  DATABASE_URL: postgresUrlSetting.default('postgres://postgres@127.0.0.1:5432/benefits'),
  PII_KEY_ID: z.string().min(1),
  PII_KEYS: piiKeyListSetting,
  PII_HASH_KEY: base64KeySetting,
  PII_TRANSPORT_KEY: piiKeyEntrySetting.optional(),
});

export interface RunOptions {
  service: keyof typeof ENCRYPTED;
  rehash: boolean;
  batch: number;
  dryRun: boolean;
}

/** Walks each table in key order, one transaction per batch; returns the rows changed per table. */
export async function reencrypt(pool: Pool, ciphers: Ciphers, options: RunOptions, log: (table: string, changed: number) => void): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const spec of ENCRYPTED[options.service]) {
    totals[spec.table] = 0;
    let after: string[] | undefined;
    for (;;) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const rows = await page(client, spec, after, options.batch);
        if (rows.length === 0) {
          await client.query('ROLLBACK');
          break;
        }
        const changes = rows.flatMap((row) => {
          const renewed = renewRow(row, spec.columns, ciphers, options.rehash);
          return renewed ? [{ ...row, ...renewed }] : [];
        });
        if (changes.length > 0 && !options.dryRun) await update(client, spec, changes);
        totals[spec.table] += changes.length;
        await client.query('COMMIT');
        after = spec.key.map((k) => String(rows[rows.length - 1][k.column]));
        log(spec.table, totals[spec.table]);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    }
  }
  return totals;
}

async function page(client: PoolClient, spec: EncryptedTable, after: string[] | undefined, batch: number): Promise<Record<string, string | null>[]> {
  const keys = spec.key.map((k) => k.column);
  // Keys are read as text and ordered and compared as what they are (t.id, not the text alias: 10 < 9 as text).
  const columns = [...keys.map((k) => `t.${k}::text AS ${k}`), ...valueColumns(spec).map((c) => `t.${c}`)];
  const ordered = keys.map((k) => `t.${k}`).join(', ');
  const where = after ? `WHERE (${ordered}) > (${spec.key.map((k, i) => `$${i + 1}::${k.type}`).join(', ')})` : '';
  const result = await client.query(`SELECT ${columns.join(', ')} FROM ${spec.table} AS t ${where} ORDER BY ${ordered} LIMIT ${batch} FOR UPDATE`, after ?? []);
  return result.rows as Record<string, string | null>[];
}

/** One statement per batch: every value column is set, to its new value or to the one it had (the rows are locked). */
async function update(client: PoolClient, spec: EncryptedTable, rows: Record<string, string | null>[]): Promise<void> {
  const values = valueColumns(spec);
  const all = [...spec.key.map((k) => k.column), ...values];
  const match = spec.key.map((k) => `t.${k.column} = v.${k.column}::${k.type}`).join(' AND ');
  await client.query(
    `UPDATE ${spec.table} AS t SET ${values.map((c) => `${c} = v.${c}`).join(', ')}
       FROM unnest(${all.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS v(${all.join(', ')})
      WHERE ${match}`,
    all.map((column) => rows.map((row) => row[column])),
  );
}

function valueColumns(spec: EncryptedTable): string[] {
  return spec.columns.flatMap((c) => [c.cipher, ...(c.hash ? [c.hash] : []), ...(c.transport ? [c.transport] : [])]);
}

async function main() {
  const { values } = parseArgs({
    options: {
      service: { type: 'string' },
      rehash: { type: 'boolean', default: false },
      batch: { type: 'string', default: '500' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  if (values.service !== 'eligibility' && values.service !== 'disbursement') {
    console.error('usage: reencrypt-pii --service eligibility|disbursement [--rehash] [--batch 500] [--dry-run]');
    process.exit(2);
  }
  const logger = createLogger('reencrypt-pii');
  const config = loadConfig(settings, process.env);
  const ciphers: Ciphers = {
    atRest: new PiiCipher({ current: config.PII_KEY_ID, keys: config.PII_KEYS, hashKey: config.PII_HASH_KEY }),
    currentKeyId: config.PII_KEY_ID,
  };
  if (values.service === 'eligibility') {
    if (!config.PII_TRANSPORT_KEY) throw new Error('PII_TRANSPORT_KEY: required for eligibility (its transport copies follow the account numbers)');
    const [keyId, key] = [config.PII_TRANSPORT_KEY.slice(0, config.PII_TRANSPORT_KEY.indexOf(':')), config.PII_TRANSPORT_KEY.slice(config.PII_TRANSPORT_KEY.indexOf(':') + 1)];
    ciphers.transport = { cipher: new PiiCipher({ current: keyId, keys: { [keyId]: key }, hashKey: config.PII_HASH_KEY }), keyId };
  }
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2, application_name: 'reencrypt-pii' });
  try {
    const options = { service: values.service, rehash: values.rehash ?? false, batch: Number(values.batch), dryRun: values['dry-run'] ?? false } as const;
    const totals = await reencrypt(pool, ciphers, options, (table, changed) => logger.debug({ table, changed }, 'batch done'));
    logger.info({ schema: options.service, rehash: options.rehash, dryRun: options.dryRun, currentKeyId: config.PII_KEY_ID, totals }, options.dryRun ? 'Rows that would change' : 'Re-encryption done');
  } finally {
    await pool.end();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
