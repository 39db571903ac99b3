import { createEvent, defineEvent, readPayload } from '@benefits/contracts';
import { PermanentError, type ConsumedEvent, type EventHandler, type MessagingLogger, type Sql } from '../../src';
import { z } from 'zod/v4';

/** A test event on a test topic; keyed by beneficiary like the real ones. */
export function benefitGranted(topic: string) {
  return defineEvent({
    topic,
    type: 'test.benefit-granted',
    version: 1,
    schema: z.object({ beneficiaryId: z.string().min(1), amountDong: z.string().regex(/^\d+$/) }).strict(),
    key: (payload) => payload.beneficiaryId,
  });
}

export function grant(topic: string, beneficiaryId: string, amountDong: string, eventId?: string) {
  return createEvent(benefitGranted(topic), { beneficiaryId, amountDong }, { correlationId: `corr-${beneficiaryId}`, producer: 'messaging-int-spec', eventId });
}

/**
 * The handler the consumer tests use: validates the payload (InvalidEventError when it does not match), refuses a
 * zero grant with a PermanentError, and applies the rest with ONE multi-row insert into `effects`. `before` runs
 * first in the same transaction; `perMessage` offers it as a per-message handler instead of a batch handler.
 */
export function effectsHandler(
  schema: string,
  topic: string,
  options: { before?: (tx: Sql) => Promise<unknown>; perMessage?: boolean } = {},
): EventHandler<Sql> {
  const definition = benefitGranted(topic);
  const apply = async (events: readonly ConsumedEvent[], tx: Sql) => {
    await options.before?.(tx);
    const grants = events.map((event) => ({ id: event.envelope.eventId, ...readPayload(definition, event.envelope) }));
    const zero = grants.find((g) => g.amountDong === '0');
    if (zero) throw new PermanentError(`Grant ${zero.id} of 0 đồng`, 'ZERO_AMOUNT');
    await tx.query(
      `INSERT INTO ${schema}.effects (event_id, beneficiary_id, amount) SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[])`,
      [grants.map((g) => g.id), grants.map((g) => g.beneficiaryId), grants.map((g) => g.amountDong)],
    );
  };
  return options.perMessage ? { handle: (event, tx) => apply([event], tx) } : { handleBatch: apply };
}

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  obj: object;
  msg?: string;
}

/** A logger that keeps what it is told, so tests can assert on what was reported. */
export function recordingLogger(): MessagingLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry['level']) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
