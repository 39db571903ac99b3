import 'reflect-metadata';
import { createEvent, PROGRAMMES, RunRequested } from '@benefits/contracts';
import { Outbox } from '@benefits/messaging';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { loadEligibilityConfig } from '../src/config';
import { eligibilityDatabase } from '../src/database';
import type { RegisterRow } from '../src/imports/domain/import-layout';
import { validateRow } from '../src/imports/domain/validate-row';
import { RegisterWriter } from '../src/register/register-writer';
import { DEFAULT_AS_OF } from '../src/seed/generate-register';
import { registerCipher, transportCipher } from '../src/shared/pii';
import { SnapshotService } from '../src/snapshots/snapshot.service';
import { freshRows, isolatedDatabase, type TestDatabase } from './support';

/**
 * A snapshot in parts, driven the way the snapshot threads drive it (SnapshotLoop): which builder gets a part, who
 * takes over a part nobody builds, and that the run comes out whole whoever built what.
 */
describe('snapshot parts: several builders, one run (own PostgreSQL database)', () => {
  const PERSONS = 300;
  let database: TestDatabase;
  let dataSource: DataSource;
  let pool: Pool;
  let snapshots: SnapshotService;

  beforeAll(async () => {
    database = await isolatedDatabase('parts');
    const config = loadEligibilityConfig({ DATABASE_URL: database.url, SNAPSHOT_THREADS: '3', SNAPSHOT_PAGE_SIZE: '100', SNAPSHOT_CHUNK_SIZE: '25' });
    pool = new Pool({ connectionString: database.url, max: 2 });
    const rows: RegisterRow[] = (await freshRows(PERSONS, 11)).map((raw) => {
      const result = validateRow(raw, DEFAULT_AS_OF);
      if (!result.valid) throw new Error(JSON.stringify(result.problems));
      return result.row;
    });
    const client = await pool.connect();
    await client.query('BEGIN');
    await new RegisterWriter(registerCipher(config), transportCipher(config)).write(client, rows, { recordedBy: 'test', operator: null });
    await client.query('COMMIT');
    client.release();
    dataSource = await new DataSource(eligibilityDatabase(config)).initialize();
    snapshots = new SnapshotService(dataSource, config, new Outbox('eligibility'), registerCipher(config), transportCipher(config));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await pool?.end();
    await database?.drop();
  });

  async function requestRun(): Promise<string> {
    const runId = randomUUID();
    const payload = { runId, month: '2026-11', scope: { provinceCode: '91', programmes: [...PROGRAMMES] }, requestedBy: 'test' };
    const { envelope } = createEvent(RunRequested, payload, { correlationId: runId, producer: 'test' });
    await dataSource.transaction((tx) => snapshots.request(tx, payload, envelope));
    return runId;
  }

  async function chunkNumbers(runId: string, type: string): Promise<number[]> {
    const rows = (await pool.query<{ n: number }>(`SELECT (envelope::jsonb #>> '{payload,chunkNo}')::int AS n FROM eligibility.outbox WHERE type = $1 AND key = $2`, [type, runId])).rows;
    return rows.map((row) => row.n).sort((a, b) => a - b);
  }

  it('gives a part to one builder at a time, lets a free builder take the parts nobody builds, and completes the run whole', async () => {
    const runId = await requestRun();
    // Each thread starts with its own part, then the ones after it.
    expect((await snapshots.pending(0)).map((p) => p.part)).toEqual([0, 1, 2]);
    expect((await snapshots.pending(1)).map((p) => p.part)).toEqual([1, 2, 0]);

    // Two builders on part 0 at once: one builds it. The other finds it locked; or, had it come late, already done, or
    // its cursor moved on by the time it wrote a page: either way it writes nothing.
    const reports = await Promise.all([snapshots.build({ runId, part: 0 }), snapshots.build({ runId, part: 0 })]);
    const [builder, other] = [...reports].sort((a, b) => b.pages - a.pages);
    expect(builder).toMatchObject({ outcome: 'done' });
    expect(builder.pages).toBeGreaterThan(0);
    expect(other).toMatchObject({ pages: 0 });
    expect(['busy', 'done', 'handed_over']).toContain(other.outcome);

    // One builder left: it takes over parts 1 and 2 in turn; the last part done completes the run.
    expect((await snapshots.pending(0)).map((p) => p.part)).toEqual([1, 2]);
    for (const part of await snapshots.pending(0)) expect((await snapshots.build(part)).outcome).toBe('done');
    expect(await snapshots.pending(0)).toEqual([]);

    const [snapshot] = (await pool.query(`SELECT status, next_chunk_no, next_destinations_chunk_no, payable_count, not_payable_count FROM eligibility.snapshot WHERE run_id = $1`, [runId])).rows;
    expect(snapshot.status).toBe('completed');
    const [{ items, persons }] = (await pool.query(`SELECT count(*)::int AS items, count(DISTINCT person_id)::int AS persons FROM eligibility.snapshot_item WHERE run_id = $1`, [runId])).rows;
    expect(persons).toBe(PERSONS);
    expect(items).toBe(snapshot.payable_count + snapshot.not_payable_count);
    // Chunk numbers handed out as pages committed, whichever part they came from: 0, 1, 2, … with none twice.
    const chunks = await chunkNumbers(runId, 'EligibilitySnapshotChunk');
    expect(chunks).toEqual(Array.from({ length: snapshot.next_chunk_no }, (_, n) => n));
    expect(await chunkNumbers(runId, 'RunDestinationsChunk')).toEqual(Array.from({ length: snapshot.next_destinations_chunk_no }, (_, n) => n));
    const [completed] = (await pool.query(`SELECT envelope::jsonb AS envelope FROM eligibility.outbox WHERE type = 'EligibilitySnapshotCompleted' AND key = $1`, [runId])).rows;
    expect(completed.envelope.payload.chunkCount).toBe(chunks.length);
  });
});
