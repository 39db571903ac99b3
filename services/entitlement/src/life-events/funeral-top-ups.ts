import { randomUUID } from 'node:crypto';
import { FUNERAL_SUPPORT_KIND } from '@benefits/contracts';
import { dong } from '@benefits/money';
import type { EntityManager } from 'typeorm';
import { insertFuneralOneOff } from './one-offs';
import { computeFuneralSupport, EntitlementError, FUNERAL_PROGRAMMES, funeralTopUp, type Month, type RateBook } from '../domain';

interface RecordedFuneral {
  id: string;
  person_ref: string;
  programme: string;
  month: string;
  commune_code: string | null;
  date_of_death: string;
  programmes: string[];
  /** The first one-off and its top-ups. */
  recorded: string;
}

/**
 * After a standard level is approved for months already past: every funeral support recorded for a death in those
 * months is priced again with the book that now holds the level, and what it is owed beyond what was recorded
 * becomes a one-off of its own (tops_up: the first), paid with the next run to the same payee. In the approval's
 * transaction, so a top-up exists exactly when its table does. Returns how many were recorded.
 */
export async function topUpFuneralSupport(tx: EntityManager, book: RateBook, months: { from: Month; to?: Month }): Promise<number> {
  const recorded: RecordedFuneral[] = await tx.query(
    `SELECT o.id::text, o.person_ref, o.programme, o.month, o.commune_code, d.date_of_death::text AS date_of_death, d.programmes,
            (o.amount + coalesce((SELECT sum(t.amount) FROM entitlement.one_offs t WHERE t.tops_up = o.id), 0))::text AS recorded
       FROM entitlement.one_offs o JOIN entitlement.deaths d ON d.person_ref = o.person_ref
      WHERE o.kind = $1 AND o.tops_up IS NULL AND o.month >= $2 AND ($3::text IS NULL OR o.month <= $3)`,
    [FUNERAL_SUPPORT_KIND, months.from, months.to ?? null],
  );
  let count = 0;
  for (const funeral of recorded) {
    // The programmes the death was reported with, and the scheme that paid (the death may have named none).
    const programmes = FUNERAL_PROGRAMMES.filter((p) => funeral.programmes.includes(p) || funeral.programme === p);
    let support;
    try {
      support = computeFuneralSupport({ personRef: funeral.person_ref, dateOfDeath: funeral.date_of_death, programmes }, book);
    } catch (error) {
      if (error instanceof EntitlementError) continue;
      throw error;
    }
    const topUp = funeralTopUp(dong(funeral.recorded), support);
    if (!topUp) continue;
    await insertFuneralOneOff(tx, {
      personRef: funeral.person_ref,
      programme: support.scheme,
      month: funeral.month,
      amount: topUp.amount,
      instrument: support.instrument,
      explanation: topUp.explanation,
      eventId: randomUUID(),
      communeCode: funeral.commune_code,
      topsUp: funeral.id,
    });
    count++;
  }
  return count;
}
