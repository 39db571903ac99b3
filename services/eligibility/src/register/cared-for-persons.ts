import { rowsOf, type Sql } from '@benefits/messaging';
import type { CaredForPerson } from '../imports/domain/cared-for';

/**
 * The persons of the register under these keyed hashes of ID numbers, as the person cared for of a care allowance
 * (imports/domain/cared-for.ts): the import (per batch of rows) and POST /persons ask it.
 */
export async function caredForPersonsOf(sql: Sql, hashes: readonly string[]): Promise<Map<string, CaredForPerson>> {
  if (hashes.length === 0) return new Map();
  const found = rowsOf<{ hash: string; dob: string; dod: string | null }>(
    await sql.query(
      `SELECT national_id_hash AS hash, to_char(date_of_birth, 'YYYY-MM-DD') AS dob, to_char(date_of_death, 'YYYY-MM-DD') AS dod
         FROM eligibility.person WHERE national_id_hash = ANY($1::text[])`,
      [[...new Set(hashes)]],
    ),
  );
  return new Map(found.map((row) => [row.hash, { dateOfBirth: row.dob, dateOfDeath: row.dod }]));
}
