import { Injectable, Logger } from '@nestjs/common';
import { FUNERAL_SUPPORT_KIND, LifeEventRecorded, readPayload } from '@benefits/contracts';
import { PermanentError, type ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import { EntitlementError, NoFuneralSchemeError, computeFuneralSupport, type FuneralSupport } from '../domain';
import { RecoveriesService } from '../payments/recoveries.service';
import { RateBookStore } from '../rate-tables/rate-book.store';

type FuneralProgramme = 'social_assistance' | 'social_pension';
const FUNERAL_PROGRAMMES: readonly FuneralProgramme[] = ['social_assistance', 'social_pension'];

/**
 * Life events that change what is owed without waiting for a snapshot. A death of a person on monthly social
 * assistance or the social pension: funeral support (the highest scheme only), paid with the next run — to the
 * funeral organiser, whose destination eligibility sends for the deceased; and what was paid for months after the
 * death becomes a recovery. Other kinds reach entitlement through the snapshots.
 */
@Injectable()
export class LifeEventsService {
  private readonly logger = new Logger(LifeEventsService.name);

  constructor(
    private readonly books: RateBookStore,
    private readonly recoveries: RecoveriesService,
  ) {}

  async handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void> {
    const deaths = events
      .map((event) => ({ eventId: event.envelope.eventId, ...readPayload(LifeEventRecorded, event.envelope) }))
      .filter((event) => event.kind === 'death');
    for (const death of deaths) {
      const recorded: unknown[] = await tx.query(
        `INSERT INTO entitlement.deaths (person_ref, date_of_death, programmes, event_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person_ref) DO NOTHING RETURNING person_ref`,
        [death.personRef, death.effectiveOn, JSON.stringify(death.programmes), death.eventId],
      );
      if (recorded.length === 0) {
        this.logger.warn({ personRef: death.personRef, eventId: death.eventId }, 'death already recorded; event ignored');
        continue;
      }
      const funeral = this.funeral(death.personRef, death.effectiveOn, await this.programmesOf(tx, death.personRef, death.programmes));
      if (funeral) await this.addOneOff(tx, funeral, death.eventId);
      await this.recoveries.afterDeaths(tx, [{ personRef: death.personRef, dateOfDeath: death.effectiveOn, sourceId: death.eventId }], 'death');
    }
  }

  /** The event's programmes; if it names none, those the person was last paid for. */
  private async programmesOf(tx: EntityManager, personRef: string, named: readonly string[]): Promise<FuneralProgramme[]> {
    let programmes = named;
    if (programmes.length === 0) {
      const rows: { programme: string }[] = await tx.query(
        `SELECT DISTINCT programme FROM entitlement.entitlement_lines
          WHERE person_ref = $1 AND month = (SELECT max(month) FROM entitlement.entitlement_lines WHERE person_ref = $1)`,
        [personRef],
      );
      programmes = rows.map((r) => r.programme);
    }
    return FUNERAL_PROGRAMMES.filter((p) => programmes.includes(p));
  }

  private funeral(personRef: string, dateOfDeath: string, programmes: FuneralProgramme[]): FuneralSupport | undefined {
    try {
      return computeFuneralSupport({ personRef, dateOfDeath, programmes }, this.books.current());
    } catch (error) {
      if (error instanceof NoFuneralSchemeError) return undefined;
      // No standard level for the month of death: parked on the dead-letter topic, replayable once the table exists.
      if (error instanceof EntitlementError) throw new PermanentError(error.message, error.code, { cause: error });
      throw error;
    }
  }

  private async addOneOff(tx: EntityManager, funeral: FuneralSupport, eventId: string): Promise<void> {
    await tx.query(
      `INSERT INTO entitlement.one_offs (person_ref, kind, programme, month, amount, instrument, explanation, event_id)
       VALUES ($1, $8, $2, $3, $4, $5, $6, $7) ON CONFLICT ON CONSTRAINT one_offs_person_kind_uq DO NOTHING`,
      [funeral.personRef, funeral.scheme, funeral.month, funeral.amount.toString(), funeral.instrument, JSON.stringify(funeral.explanation), eventId, FUNERAL_SUPPORT_KIND],
    );
  }
}
