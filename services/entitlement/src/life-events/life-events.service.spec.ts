import { randomUUID } from 'node:crypto';
import { createEvent, LifeEventRecorded } from '@benefits/contracts';
import type { ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import { seedBook } from '../domain/test-factory';
import type { RecoveriesService } from '../payments/recoveries.service';
import type { RateBookStore } from '../rate-tables/rate-book.store';
import { LifeEventsService } from './life-events.service';

/**
 * The rate book held in memory is refreshed every RATE_BOOK_REFRESH_MS: a level approved on another replica a moment
 * ago (Decree 335, from July 2026) is in the database and not yet in memory. The approval topped up the funeral
 * supports recorded before it (funeral-top-ups.ts); one recorded after it with the stale book is never topped up.
 */
describe('LifeEventsService: a death prices its funeral support with the rate book as approved, not as held in memory', () => {
  it('refreshes the book in the consumer transaction before pricing', async () => {
    const approved = seedBook();
    const stale = approved.asOf('2026-09-01');
    const books = { current: () => stale, refresh: jest.fn(async () => approved) } as unknown as RateBookStore;
    const recoveries = { afterDeaths: jest.fn(async () => undefined) } as unknown as RecoveriesService;
    const amounts: string[] = [];
    const tx = {
      query: jest.fn(async (sql: string, params: unknown[]) => {
        if (sql.includes('INSERT INTO entitlement.deaths')) return [{ person_ref: params[0] }];
        if (sql.includes('INSERT INTO entitlement.one_offs')) amounts.push(String(params[4]));
        return [];
      }),
    } as unknown as EntityManager;
    const { envelope } = createEvent(
      LifeEventRecorded,
      { personRef: randomUUID(), kind: 'death', effectiveOn: '2026-07-15', programmes: ['social_assistance'], details: {} },
      { correlationId: 'c', producer: 'eligibility' },
    );
    const event = { envelope, topic: 't', partition: 0, offset: '0', key: null, headers: {} } as ConsumedEvent;

    await new LifeEventsService(books, recoveries).handleBatch([event], tx);

    expect(amounts).toEqual(['10800000']);
  });
});
