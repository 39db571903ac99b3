import { randomUUID } from 'node:crypto';
import { createEvent, LifeEventRecorded } from '@benefits/contracts';
import type { ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import { seedBook } from '../domain/test-factory';
import type { RecoveriesService } from '../payments/recoveries.service';
import type { DataSource } from 'typeorm';
import type { EntitlementConfig } from '../config';
import { SEED_TABLE_VERSIONS } from '../data';
import { RateBookStore } from '../rate-tables/rate-book.store';
import { toStoredRows, type VersionRecord } from '../rate-tables/rate-table.mapping';
import { RateTableRepository } from '../rate-tables/rate-table.repository';
import { LifeEventsService } from './life-events.service';

/** A death on social assistance reported by eligibility, as the consumer receives it. */
function deathOn(effectiveOn: string): ConsumedEvent {
  const { envelope } = createEvent(
    LifeEventRecorded,
    { personRef: randomUUID(), kind: 'death', effectiveOn, programmes: ['social_assistance'], details: {} },
    { correlationId: 'c', producer: 'eligibility' },
  );
  return { envelope, topic: 't', partition: 0, offset: '0', key: null, headers: {} } as ConsumedEvent;
}

/**
 * The rate book held in memory is refreshed every RATE_BOOK_REFRESH_MS: a level approved on another replica a moment
 * ago (Decree 335, from July 2026) is in the database and not yet in memory. The approval topped up the funeral
 * supports recorded before it (funeral-top-ups.ts); one recorded after it with the stale book is never topped up.
 */
describe('LifeEventsService: a death prices its funeral support with the rate book as approved, not as held in memory', () => {
  it('refreshes the book in the consumer transaction before pricing', async () => {
    const approved = seedBook();
    const stale = approved.asOf('2026-09-01');
    const books = { current: () => stale, refresh: jest.fn(async () => approved), approvedNow: jest.fn(async () => approved) } as unknown as RateBookStore;
    const recoveries = { afterDeaths: jest.fn(async () => undefined) } as unknown as RecoveriesService;
    const amounts: string[] = [];
    const tx = {
      query: jest.fn(async (sql: string, params: unknown[]) => {
        if (sql.includes('INSERT INTO entitlement.deaths')) return [{ person_ref: params[0] }];
        if (sql.includes('INSERT INTO entitlement.one_offs')) amounts.push(String(params[4]));
        return [];
      }),
    } as unknown as EntityManager;
    await new LifeEventsService(books, recoveries).handleBatch([deathOn('2026-07-15')], tx);

    expect(amounts).toEqual(['10800000']);
  });
});

/**
 * A death consumed while an approval of a level for its month is in progress: the approval tops up the funeral supports
 * it can see when it commits, and the death prices with the book it can see. Unless the two take turns, the death reads
 * the book before the approval commits and the approval reads the one-offs before the death commits: 10,000,000
 * recorded, never topped up to 10,800,000.
 */
describe('LifeEventsService: a death takes its turn with the approvals of rate tables', () => {
  it('takes the rate book lock in its transaction before it reads the book it prices with', async () => {
    const calls: string[] = [];
    // The seed versions as the repository reads them, approved when their figures became known.
    const approved: VersionRecord[] = SEED_TABLE_VERSIONS.map((v) => ({
      id: v.id, table_name: v.table, scope: v.scope ?? null, effective_from: v.effectiveFrom, effective_to: v.effectiveTo ?? null,
      instrument: v.instrument, confidence: v.confidence, standard_level: v.standardLevel?.toString() ?? null, rows: toStoredRows(v.rows),
      proposed_by: 'seed', proposed_at: new Date(v.enteredAt), decision: 'approved', decided_by: 'seed', decided_at: new Date(v.enteredAt), reason: null,
    }));
    const books = new RateBookStore(new RateTableRepository({} as DataSource), {} as EntitlementConfig);
    const recoveries = { afterDeaths: jest.fn(async () => undefined) } as unknown as RecoveriesService;
    const tx = {
      query: jest.fn(async (sql: string, params: unknown[]) => {
        if (sql.includes('pg_advisory_xact_lock')) calls.push('lock');
        if (sql.includes('FROM entitlement.rate_table_versions')) return (calls.push('book'), approved);
        if (sql.includes('INSERT INTO entitlement.deaths')) return [{ person_ref: params[0] }];
        if (sql.includes('INSERT INTO entitlement.one_offs')) calls.push('one-off');
        return [];
      }),
    } as unknown as EntityManager;
    await new LifeEventsService(books, recoveries).handleBatch([deathOn('2026-07-15')], tx);

    expect(calls).toEqual(['lock', 'book', 'one-off']);
  });
});
