import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InjectConfig } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { RateBookStore } from '../rate-tables/rate-book.store';
import { RunOutputRepository } from '../runs/run-output.repository';
import { recoveriesAfterDeath } from './domain/death-recoveries';
import { recoveriesAfterTermination } from './domain/termination-recoveries';
import { RecoveriesRepository, type RecordedTermination } from './recoveries.repository';

/** The reason code eligibility gives the termination of an amended decision (life-events/domain/amendment.ts there). */
const AMENDED = 'AMENDED';

/**
 * Recoveries for finance when money was paid for months after a death or a termination: never a negative payment. A
 * recovery whose money came back is given back by a reversing entry (REVERSED, negative), never edited.
 */
@Injectable()
export class RecoveriesService {
  private readonly logger = new Logger(RecoveriesService.name);

  constructor(
    private readonly repository: RecoveriesRepository,
    private readonly output: RunOutputRepository,
    private readonly books: RateBookStore,
    @InjectConfig() private readonly config: EntitlementConfig,
  ) {}

  /** For each death: what was paid for the months after it and not recovered yet, raised under `sourceId`. */
  async afterDeaths(tx: EntityManager, deaths: readonly { personRef: string; dateOfDeath: string; sourceId: string }[], source: 'death' | 'outcome'): Promise<void> {
    const sourceOf = new Map(deaths.map((d) => [d.personRef, d.sourceId]));
    for (const history of await this.repository.deathHistories(tx, deaths)) {
      const recoveries = recoveriesAfterDeath(history, this.books.current());
      await this.output.insertRecoveries(tx, source, sourceOf.get(history.personRef) ?? history.personRef, recoveries);
    }
  }

  /**
   * For each termination: what was paid for the months after its last day paid beyond what those months are owed
   * without the decision, and not recovered yet, raised under `sourceId`; what those months are owed now in another
   * programme (the social pension beside a terminated higher assistance), kept for the next run to pay as arrears.
   * Months that cannot be re-priced are logged.
   */
  async afterTerminations(tx: EntityManager, terminations: readonly (RecordedTermination & { sourceId: string })[], source: 'termination' | 'outcome'): Promise<void> {
    // An amended decision (eligibility's amendment, reason AMENDED) is continued by its amending decision: the runs
    // re-price the months already paid with the new facts and settle only the difference (arrears or a recovery).
    // Recovering the old amounts would ask the person to pay back money the amendment still owes them.
    for (const termination of terminations.filter((t) => t.reasonCode !== AMENDED)) {
      const history = await this.repository.terminationHistory(tx, termination);
      const { recoveries, notExamined, owedElsewhere } = recoveriesAfterTermination(history, this.books.current(), this.config.PROVINCE_CODE);
      await this.output.insertRecoveries(tx, source, termination.sourceId, recoveries);
      await this.repository.insertOwedElsewhere(tx, termination.sourceId, owedElsewhere);
      if (notExamined.length > 0) {
        const { personRef, decisionId, programme } = termination;
        this.logger.warn(
          { personRef, decisionId, programme, months: notExamined, sourceId: termination.sourceId },
          'terminated decision: months paid after the last day paid could not be re-priced (paid through arrears only, or no rate table); nothing recovered for them',
        );
      }
    }
  }

  /**
   * After new payment outcomes (settled or returned): those that paid a dead person for a month after the death, or a
   * terminated decision, are recovered; recoveries whose money came back are given back.
   */
  async afterOutcomes(tx: EntityManager, outcomes: readonly { personRef: string; eventId: string }[]): Promise<void> {
    const lastEvent = new Map(outcomes.map((o) => [o.personRef, o.eventId]));
    const persons = [...lastEvent.keys()];
    const deaths = await this.repository.deathsOf(tx, persons);
    const withSource = deaths.map((d) => ({ ...d, sourceId: lastEvent.get(d.personRef) ?? d.personRef }));
    await this.afterDeaths(tx, withSource, 'outcome');
    // After the deaths: a termination then sees what a death recovered under the same source id, never the reverse.
    const terminations = persons.length > 0 ? await this.repository.terminationsOf(tx, persons) : [];
    await this.afterTerminations(tx, terminations.map((t) => ({ ...t, sourceId: lastEvent.get(t.personRef) ?? t.personRef })), 'outcome');
  }
}
