import { Injectable } from '@nestjs/common';
import { InvalidEventError, PaymentOutcomeRecorded, PaymentOutcomesRecorded, readPayload, type Envelope } from '@benefits/contracts';
import type { ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod/v4';
import { RecoveriesService } from './recoveries.service';

/** One outcome as the ledger keeps it: `eventId` is the outcome's own id (the event's, for a single outcome). */
type Outcome = z.infer<typeof PaymentOutcomeRecorded.schema> & { readonly eventId: string };

/**
 * The ledger of what was actually paid: every outcome (settled, not collected, returned, rejected) of
 * PaymentOutcomesRecorded, or of a single PaymentOutcomeRecorded, appended to payments_received under its own id.
 * Runs read it for arrears (a not-collected payment is carried over) and a payment for a month after a recorded
 * death becomes a recovery (given back if the payment is returned).
 */
@Injectable()
export class OutcomesService {
  constructor(private readonly recoveries: RecoveriesService) {}

  async handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void> {
    const outcomes = events.flatMap((event) => outcomesOf(event.envelope));
    if (outcomes.length === 0) return;
    await tx.query(
      `INSERT INTO entitlement.payments_received (event_id, payment_id, run_id, person_ref, programme, month, amount, outcome, reason_code, occurred_on, lines, resend_of)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::date[], $11::jsonb[], $12::text[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        outcomes.map((o) => o.eventId),
        outcomes.map((o) => o.paymentId),
        outcomes.map((o) => o.runId),
        outcomes.map((o) => o.personRef),
        outcomes.map((o) => o.programme),
        outcomes.map((o) => o.month),
        outcomes.map((o) => o.amount),
        outcomes.map((o) => o.outcome),
        outcomes.map((o) => o.reasonCode ?? null),
        outcomes.map((o) => o.occurredOn),
        outcomes.map((o) => (o.lines ? JSON.stringify(o.lines) : null)),
        outcomes.map((o) => o.resendOf ?? null),
      ],
    );
    // What reached a person changes when a payment settles, or comes back (returned: only ever after it settled):
    // their recoveries are worked out again, and given back where they now ask for money that came back.
    await this.recoveries.afterOutcomes(tx, outcomes.filter((o) => o.outcome === 'settled' || o.outcome === 'returned'));
  }
}

function outcomesOf(envelope: Envelope): Outcome[] {
  if (envelope.type === PaymentOutcomesRecorded.type) {
    const { runId, outcomes } = readPayload(PaymentOutcomesRecorded, envelope);
    return outcomes.map(({ outcomeId, ...outcome }) => ({ ...outcome, runId, eventId: outcomeId }));
  }
  if (envelope.type === PaymentOutcomeRecorded.type) return [{ ...readPayload(PaymentOutcomeRecorded, envelope), eventId: envelope.eventId }];
  throw new InvalidEventError(`Unexpected ${envelope.type} on the payment outcomes topic`);
}
