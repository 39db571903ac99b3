import 'reflect-metadata';
import { Pool, type PoolClient } from 'pg';
import { loadEligibilityConfig } from '../src/config';
import type { RegisterRow } from '../src/imports/domain/import-layout';
import { validateRow } from '../src/imports/domain/validate-row';
import { RegisterWriter } from '../src/register/register-writer';
import { DEFAULT_AS_OF } from '../src/seed/generate-register';
import { registerCipher, transportCipher } from '../src/shared/pii';
import { loadPersons, RegisterReader, type PageOfPersons, type PageScope } from '../src/snapshots/snapshot-loader';
import { freshRows, isolatedDatabase, type TestDatabase } from './support';

/**
 * The snapshot reads the register as a stream (one sorted cursor per fact table, merged page by page): it must give
 * every person exactly as a look-up by id does, skip those the run does not concern, and resume after a cursor.
 */
describe('RegisterReader: the register streamed in person-id order (own PostgreSQL database)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let ids: string[];
  const ALL: PageScope = { programmes: ['social_assistance', 'social_pension', 'meritorious'] };

  beforeAll(async () => {
    database = await isolatedDatabase('reader');
    pool = new Pool({ connectionString: database.url, max: 3 });
    const config = loadEligibilityConfig({ DATABASE_URL: database.url });
    const rows: RegisterRow[] = (await freshRows(240, 7)).map((raw) => {
      const result = validateRow(raw, DEFAULT_AS_OF);
      if (!result.valid) throw new Error(JSON.stringify(result.problems));
      return result.row;
    });
    // A second decision for some persons (their rows read twice by the person cursor's neighbours).
    const twice = rows.slice(0, 5).map((row) => ({ ...row, decision: { ...row.decision, decisionNumber: `${row.decision.decisionNumber}-2` } }));
    const client = await pool.connect();
    await client.query('BEGIN');
    await new RegisterWriter(registerCipher(config), transportCipher(config)).write(client, [...rows, ...twice], { recordedBy: 'test', operator: null });
    await client.query('COMMIT');
    client.release();
    // More than one row of the other facts for a few persons: a move, a suspension, a new account.
    const some = (await pool.query<{ id: string; decision: string }>(`SELECT p.id, min(d.id::text) AS decision FROM eligibility.person p JOIN eligibility.decision d ON d.person_id = p.id GROUP BY p.id ORDER BY p.id LIMIT 9`)).rows;
    for (const { id, decision } of some) {
      await pool.query(`INSERT INTO eligibility.residence (person_id, commune_code, province_code, valid_from) VALUES ($1, '30742', '91', '2026-10-01')`, [id]);
      await pool.query(`INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, recorded_by) VALUES ($1, 'suspended', '2026-09-01', 'test', 'test')`, [decision]);
      await pool.query(
        `INSERT INTO eligibility.payment_destination (person_id, channel, holder_name, cash_point_code, valid_from, recorded_by) VALUES ($1, 'post_office_cash', 'X', 'CP-1', '2026-10-01', 'test')`,
        [id],
      );
    }
    ids = (await pool.query<{ id: string }>('SELECT id FROM eligibility.person ORDER BY id')).rows.map((row) => row.id);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  async function readAll(scope: PageScope, pageSize: number, after: string | null = null): Promise<{ pages: PageOfPersons[][]; afters: string[] }> {
    const client: PoolClient = await pool.connect();
    const reader = await RegisterReader.open(client, after, scope, pageSize);
    try {
      const pages: PageOfPersons[][] = [];
      const afters: string[] = [];
      for (;;) {
        const page = await reader.nextPage(pageSize);
        if (!page.after) return { pages, afters };
        pages.push(page.persons);
        afters.push(page.after);
      }
    } finally {
      await reader.close();
      client.release();
    }
  }

  it('gives every person, page after page, exactly as a look-up by id does', async () => {
    const { pages, afters } = await readAll(ALL, 37);
    const streamed = pages.flat();
    expect(streamed.map((p) => p.id)).toEqual(ids);
    expect(pages.slice(0, -1).every((page) => page.length === 37)).toBe(true);
    expect(afters).toEqual(pages.map((page) => page[page.length - 1].id));
    expect(streamed).toEqual(await loadPersons(pool, { ids }, ALL.programmes));
    expect(streamed.filter((p) => p.decisions.length === 2)).toHaveLength(5);
    expect(streamed.filter((p) => p.facts.residences.length === 2 && p.destination?.cashPointCode === 'CP-1')).toHaveLength(9);
  });

  it('skips the persons the run does not concern: no decision of its programmes, or no residence in its communes', async () => {
    const pensions = (await readAll({ programmes: ['social_pension'] }, 50)).pages.flat();
    expect(pensions.length).toBeGreaterThan(0);
    expect(pensions.length).toBeLessThan(ids.length);
    expect(pensions.every((p) => p.decisions.length > 0 && p.decisions.every((d) => d.programme === 'social_pension'))).toBe(true);
    const moved = (await readAll({ ...ALL, communeCodes: ['30742'] }, 50)).pages.flat();
    expect(moved.length).toBeGreaterThanOrEqual(9);
    expect(moved.every((p) => p.facts.residences.some((r) => r.communeCode === '30742'))).toBe(true);
  });

  it('gives each residence the moment it was recorded: a move recorded after a run owes that run its months (late-decision.ts)', async () => {
    const recorded = (await pool.query<{ person_id: string; valid_from: string; at: string }>(
      `SELECT person_id, to_char(valid_from, 'YYYY-MM-DD') AS valid_from, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM eligibility.residence`,
    )).rows;
    const streamed = (await readAll(ALL, 50)).pages.flat();
    const residences = streamed.flatMap((p) => p.facts.residences.map((r) => ({ person_id: p.id, valid_from: r.from, at: r.recordedAt })));
    expect(residences).toHaveLength(recorded.length);
    expect(residences).toEqual(expect.arrayContaining(recorded));
  });

  it('resumes after a cursor: the persons after it, none before', async () => {
    const { pages } = await readAll(ALL, 40, ids[99]);
    expect(pages.flat().map((p) => p.id)).toEqual(ids.slice(100));
  });
});
