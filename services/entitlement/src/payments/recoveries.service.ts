import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RateBookStore } from '../rate-tables/rate-book.store';
import { RunOutputRepository } from '../runs/run-output.repository';
import { recoveriesAfterDeath } from './domain/death-recoveries';
import { RecoveriesRepository } from './recoveries.repository';

/** Recoveries for finance when money was paid for months after a death: never a negative payment. */
@Injectable()
export class RecoveriesService {
  constructor(
    private readonly repository: RecoveriesRepository,
    private readonly output: RunOutputRepository,
    private readonly books: RateBookStore,
  ) {}

  /** For each death: what was paid for the months after it and not recovered yet, raised under `sourceId`. */
  async afterDeaths(tx: EntityManager, deaths: readonly { personRef: string; dateOfDeath: string; sourceId: string }[], source: 'death' | 'outcome'): Promise<void> {
    const sourceOf = new Map(deaths.map((d) => [d.personRef, d.sourceId]));
    for (const history of await this.repository.deathHistories(tx, deaths)) {
      const recoveries = recoveriesAfterDeath(history, this.books.current());
      await this.output.insertRecoveries(tx, source, sourceOf.get(history.personRef) ?? history.personRef, recoveries);
    }
  }

  /** After new payment outcomes: those that paid a dead person for a month after the death. */
  async afterOutcomes(tx: EntityManager, outcomes: readonly { personRef: string; eventId: string }[]): Promise<void> {
    const lastEvent = new Map(outcomes.map((o) => [o.personRef, o.eventId]));
    const deaths = await this.repository.deathsOf(tx, [...lastEvent.keys()]);
    const withSource = deaths.map((d) => ({ ...d, sourceId: lastEvent.get(d.personRef) ?? d.personRef }));
    await this.afterDeaths(tx, withSource, 'outcome');
  }
}
