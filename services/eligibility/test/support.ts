import 'reflect-metadata';
import { randomInt, randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { migrate } from '@benefits/platform';
import { mintToken } from '@benefits/testing';
import { eligibilityDatabase } from '../src/database';
import { COLUMN_NAMES, type RawRow } from '../src/imports/domain/import-layout';
import { csvLine, DEFAULT_AS_OF, generateRegister } from '../src/seed/generate-register';

/** Birth-registration province codes (Circular 07/2016/TT-BCA): a known one, so no ID warning. */
const PROVINCES = ['001', '002', '004', '031', '048', '079', '083', '087', '089', '091', '092', '093', '094', '095', '096'];
const used = new Set<string>();

/** A fresh 12-digit ID number agreeing with sex and birth year: tests never meet each other's persons. */
export function freshNationalId(sex: string, dateOfBirth: string): string {
  for (;;) {
    const century = Number(dateOfBirth.slice(0, 4)) >= 2000 ? 2 : 0;
    const id = `${PROVINCES[randomInt(PROVINCES.length)]}${century + (sex === 'female' ? 1 : 0)}${dateOfBirth.slice(2, 4)}${String(randomInt(1_000_000)).padStart(6, '0')}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/** Generated register rows (valid for the import) with fresh ID numbers. */
export async function freshRows(count: number, seed = randomInt(1_000_000)): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  // Households of their own too: the generator numbers them per call, and a household of an earlier call with another
  // poverty status would make this call's rows differ from the register.
  const households = randomUUID().slice(0, 8);
  for await (const row of generateRegister({ beneficiaries: count, seed, asOf: DEFAULT_AS_OF })) {
    const household = row.household_code ? { household_code: `${String(row.household_code)}-${households}` } : {};
    rows.push({ ...row, ...household, national_id: freshNationalId(String(row.sex), String(row.date_of_birth)) });
  }
  return rows;
}

export function csvOf(rows: readonly RawRow[]): string {
  return [csvLine(COLUMN_NAMES), ...rows.map((row) => csvLine(COLUMN_NAMES.map((name) => row[name] ?? '')))].join('\n') + '\n';
}

export const ALL_PROGRAMMES = ['social_assistance', 'social_pension', 'meritorious'] as const;

export async function bearer(roles: ('operator' | 'approver' | 'auditor' | 'admin')[], programmes: readonly string[] = ALL_PROGRAMMES): Promise<Record<string, string>> {
  const token = await mintToken({ sub: `test-${roles.join('-')}`, roles, programmes: [...programmes] as never, provinceCode: '91' });
  return { authorization: `Bearer ${token}` };
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

async function reply<T>(response: Response): Promise<Reply<T>> {
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** POST /imports as multipart (field "file"), as most clients send it. */
export async function uploadMultipart<T = Record<string, unknown>>(url: string, auth: Record<string, string>, content: string | Buffer, fileName: string, query = ''): Promise<Reply<T>> {
  const form = new FormData();
  form.append('file', new Blob([content]), fileName);
  return reply<T>(await fetch(`${url}/imports${query}`, { method: 'POST', headers: auth, body: form }));
}

/** POST /imports with the file as the raw body. */
export async function uploadRaw<T = Record<string, unknown>>(url: string, auth: Record<string, string>, content: string | Buffer, query = ''): Promise<Reply<T>> {
  return reply<T>(await fetch(`${url}/imports${query}`, { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: content }));
}

export async function call<T = Record<string, unknown>>(url: string, auth: Record<string, string>, method: string, path: string, body?: unknown): Promise<Reply<T>> {
  return reply<T>(await fetch(`${url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, ...(body !== undefined && { body: JSON.stringify(body) }) }));
}

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A database of the test's own, migrated like the real one: the test's persons never reach the shared register
 * (nor a payment run of another test), and it is dropped at the end.
 */
export async function isolatedDatabase(label: string): Promise<TestDatabase> {
  const name = `eligibility_${label}_${randomUUID().slice(0, 8)}`;
  const url = `postgres://postgres@127.0.0.1:5432/${name}`;
  await migrate(eligibilityDatabase({ DATABASE_URL: url }));
  return {
    url,
    async drop() {
      const admin = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
