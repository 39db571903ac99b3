import { FUNERAL_SUPPORT_KIND } from '@benefits/contracts';
import type { Dong } from '@benefits/money';
import type { EntityManager } from 'typeorm';

export interface FuneralOneOff {
  readonly personRef: string;
  /** The scheme that pays it (social_assistance or social_pension). */
  readonly programme: string;
  readonly month: string;
  readonly amount: Dong;
  readonly instrument: string;
  readonly explanation: readonly string[];
  readonly eventId: string;
  /** The commune the deceased lived in when they died (a run of that commune pays it); null: not known. */
  readonly communeCode: string | null;
  /** A top-up after a backdated rate table: the one-off it adds to. */
  readonly topsUp?: string;
}

/** Records a funeral support, paid with the next run: the first once per person (a redelivered death adds nothing). */
export async function insertFuneralOneOff(tx: EntityManager, oneOff: FuneralOneOff): Promise<void> {
  await tx.query(
    `INSERT INTO entitlement.one_offs (person_ref, kind, programme, month, amount, instrument, explanation, event_id, commune_code, tops_up)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (person_ref, kind) WHERE tops_up IS NULL DO NOTHING`,
    [
      oneOff.personRef,
      FUNERAL_SUPPORT_KIND,
      oneOff.programme,
      oneOff.month,
      oneOff.amount.toString(),
      oneOff.instrument,
      JSON.stringify(oneOff.explanation),
      oneOff.eventId,
      oneOff.communeCode,
      oneOff.topsUp ?? null,
    ],
  );
}
