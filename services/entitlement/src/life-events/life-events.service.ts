import { Injectable, Logger } from '@nestjs/common';
import { LifeEventRecorded, readPayload } from '@benefits/contracts';
import { PermanentError, type ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod/v4';
import { EntitlementError, FUNERAL_PROGRAMMES, NoFuneralSchemeError, computeFuneralSupport, type FuneralSupport, type RateBook } from '../domain';
import type { RecordedTermination } from '../payments/recoveries.repository';
import { CARED_FOR_DECEASED } from '../runs/domain/arrears-history';
import { RecoveriesService } from '../payments/recoveries.service';
import { RateBookStore } from '../rate-tables/rate-book.store';
import { recordCommune } from '../runs/person-communes';
import { insertFuneralOneOff } from './one-offs';

type LifeEvent = z.infer<typeof LifeEventRecorded.schema> & { readonly eventId: string; readonly occurredAt: string };
type FuneralProgramme = (typeof FUNERAL_PROGRAMMES)[number];

/**
 * Life events that change what is owed without waiting for a snapshot. A death of a person on monthly social
 * assistance or the social pension: funeral support (the highest scheme only), paid with the next run — to the
 * funeral organiser, whose destination eligibility sends for the deceased; and what was paid for months after the
 * death becomes a recovery. A decision terminated with a last day paid in the past, or a care allowance whose person
 * cared for died: what was paid for later months beyond what they are owed without it becomes a recovery. Other kinds
 * reach entitlement through the snapshots.
 */

@Injectable()
export class LifeEventsService {
  private readonly logger = new Logger(LifeEventsService.name);

  constructor(
    private readonly books: RateBookStore,
    private readonly recoveries: RecoveriesService,
  ) {}

  async handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void> {
    for (const event of events) {
      const recorded = { eventId: event.envelope.eventId, occurredAt: event.envelope.occurredAt, ...readPayload(LifeEventRecorded, event.envelope) };
      if (recorded.kind === 'death') await this.death(tx, recorded);
      if (recorded.kind === 'decision_terminated') await this.termination(tx, terminationOf(recorded));
      if (recorded.kind === 'cared_for_died') await this.termination(tx, careEndOf(recorded));
    }
  }

  private async death(tx: EntityManager, death: LifeEvent): Promise<void> {
    const recorded: unknown[] = await tx.query(
      `INSERT INTO entitlement.deaths (person_ref, date_of_death, programmes, event_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (person_ref) DO NOTHING RETURNING person_ref`,
      [death.personRef, death.effectiveOn, JSON.stringify(death.programmes), death.eventId],
    );
    if (recorded.length === 0) {
      this.logger.warn({ personRef: death.personRef, eventId: death.eventId }, 'death already recorded; event ignored');
      return;
    }
    // Eligibility names the programmes of the decisions in force on the day of death: none, no funeral support. The book
    // as approved now (read in this transaction), not as held in memory: a level approved on another replica since the
    // last refresh topped up the supports recorded before it, and would never top up this one (funeral-top-ups.ts).
    // Under the approvals' lock: an approval committing meanwhile would neither be seen here nor see this support.
    const book = await this.books.approvedNow(tx);
    const funeral = this.funeral(death.personRef, death.effectiveOn, FUNERAL_PROGRAMMES.filter((p) => death.programmes.includes(p)), book);
    // Where they lived when they died (eligibility names the commune): a run of that commune pays it.
    const communeCode = typeof death.details.communeCode === 'string' ? death.details.communeCode : null;
    if (funeral) {
      const { personRef, scheme, month, amount, instrument, explanation } = funeral;
      await insertFuneralOneOff(tx, { personRef, programme: scheme, month, amount, instrument, explanation, eventId: death.eventId, communeCode });
      // Paid to a person maybe in no snapshot any more: their commune, for the reads of tokens limited to communes.
      if (communeCode) await recordCommune(tx, { personRef, programme: scheme, communeCode, month });
    }
    await this.recoveries.afterDeaths(tx, [{ personRef: death.personRef, dateOfDeath: death.effectiveOn, sourceId: death.eventId }], 'death');
  }

  /**
   * One decision terminated, or a care allowance ended by a death (the first event for a decision wins; a redelivery
   * changes nothing): the months paid after its last day paid are re-priced without it, and what was paid beyond that
   * becomes a recovery — unless an amending decision continues it (RecoveriesService.afterTerminations).
   */
  private async termination(tx: EntityManager, termination: RecordedTermination): Promise<void> {
    const recorded: unknown[] = await tx.query(
      `INSERT INTO entitlement.terminations (decision_id, person_ref, programme, group_code, last_day_paid, decision_number, reason_code, event_id, terminated_at,
                                            cared_for_ref, amending_group_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id`,
      [
        termination.decisionId,
        termination.personRef,
        termination.programme,
        termination.groupCode,
        termination.lastDayPaid,
        termination.decisionNumber,
        termination.reasonCode,
        termination.eventId,
        termination.terminatedAt,
        termination.caredForRef ?? null,
        termination.amendingFamily ?? null,
      ],
    );
    if (recorded.length === 0) {
      this.logger.warn({ personRef: termination.personRef, decisionId: termination.decisionId, eventId: termination.eventId }, 'termination already recorded; event ignored');
      return;
    }
    await this.recoveries.afterTerminations(tx, [{ ...termination, sourceId: termination.eventId }], 'termination');
  }

  private funeral(personRef: string, dateOfDeath: string, programmes: FuneralProgramme[], book: RateBook): FuneralSupport | undefined {
    try {
      return computeFuneralSupport({ personRef, dateOfDeath, programmes }, book);
    } catch (error) {
      if (error instanceof NoFuneralSchemeError) return undefined;
      // No standard level for the month of death: parked on the dead-letter topic, replayable once the table exists.
      if (error instanceof EntitlementError) throw new PermanentError(error.message, error.code, { cause: error });
      throw error;
    }
  }

}

/** The termination an event tells, or a PermanentError (dead-lettered with the reason) when it cannot say which item ended. */
function terminationOf(event: LifeEvent): RecordedTermination {
  const text = detailOf(event);
  if (event.programmes.length !== 1) {
    throw new PermanentError(`${event.kind} event ${event.eventId} names ${event.programmes.length} programmes, not the decision's one`, 'TERMINATION_UNREADABLE');
  }
  // An amendment names the amending decision's group (amendment.service.ts in eligibility): it continues this one.
  const amendingFamily = event.details.amendingGroupCode;
  // A care allowance names the person cared for: the item held for them ends, not another of the same group.
  const caredForRef = event.details.caredForRef;
  if (caredForRef !== undefined && (typeof caredForRef !== 'string' || !UUID.test(caredForRef))) {
    throw new PermanentError(`${event.kind} event ${event.eventId}: caredForRef is not a person reference (uuid)`, 'TERMINATION_UNREADABLE');
  }
  return {
    decisionId: text('decisionId'),
    personRef: event.personRef,
    programme: event.programmes[0],
    groupCode: text('groupCode'),
    lastDayPaid: event.effectiveOn,
    decisionNumber: text('decisionNumber'),
    reasonCode: event.kind === 'cared_for_died' ? CARED_FOR_DECEASED : text('reasonCode'),
    eventId: event.eventId,
    terminatedAt: event.occurredAt,
    ...(typeof amendingFamily === 'string' && amendingFamily.length > 0 && { amendingFamily }),
    ...(caredForRef !== undefined && { caredForRef }),
  };
}

/** A care allowance whose person cared for died: a termination of the holder's care decision on the date of death. */
function careEndOf(event: LifeEvent): RecordedTermination {
  const termination = terminationOf(event);
  if (termination.caredForRef === undefined) throw new PermanentError(`cared_for_died event ${event.eventId} has no caredForRef in its details`, 'TERMINATION_UNREADABLE');
  return termination;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function detailOf(event: LifeEvent): (name: string) => string {
  return (name) => {
    const value = event.details[name];
    if (typeof value !== 'string' || value.length === 0) {
      throw new PermanentError(`${event.kind} event ${event.eventId} has no ${name} in its details: the months paid after it cannot be re-priced`, 'TERMINATION_UNREADABLE');
    }
    return value;
  };
}
