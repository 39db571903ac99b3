import { randomUUID } from 'node:crypto';
import { createEvent, LifeEventRecorded, type lifeEventKindSchema, type Programme } from '@benefits/contracts';
import type { Outbox, Sql } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { PRODUCER } from '../shared/tokens';

export interface Recording {
  readonly source: 'api' | 'kafka';
  readonly recordedBy: string;
  readonly correlationId: string;
  readonly causationId?: string;
  /** API calls: the operator, whose programmes and communes must cover the person (register/write-scope). */
  readonly user?: AuthUser;
}

export interface LoggedLifeEvent {
  readonly personRef: string;
  readonly kind: (typeof lifeEventKindSchema.options)[number];
  readonly effectiveOn: string;
  readonly programmes: readonly Programme[];
  /** What changed; never a name or a whole ID or account number (they go to Kafka). */
  readonly details: Record<string, string | number | boolean>;
  readonly decisionIds: readonly string[];
}

/**
 * Keeps a change of the register in life_event (the audit trail, with the decisions it touched) and writes
 * LifeEventRecorded to the outbox, in the caller's transaction. Returns the life event's id.
 */
export async function logLifeEvent(tx: Sql, outbox: Outbox, event: LoggedLifeEvent, recording: Recording): Promise<string> {
  const lifeEventId = randomUUID();
  await tx.query(
    `INSERT INTO eligibility.life_event (id, person_id, kind, effective_on, details, source, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [lifeEventId, event.personRef, event.kind, event.effectiveOn, JSON.stringify({ ...event.details, decisionIds: event.decisionIds }), recording.source, recording.recordedBy],
  );
  await outbox.add(tx, [
    createEvent(
      LifeEventRecorded,
      { personRef: event.personRef, kind: event.kind, effectiveOn: event.effectiveOn, programmes: [...event.programmes], details: event.details },
      { correlationId: recording.correlationId, causationId: recording.causationId ?? null, producer: PRODUCER },
    ),
  ]);
  return lifeEventId;
}
