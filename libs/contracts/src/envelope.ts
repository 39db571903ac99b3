import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';

/**
 * One envelope for every event on every topic. The payload is validated against the schema of its
 * (type, version); the Kafka key is chosen by the event's definition so one entity's events stay in order.
 *
 * Schemas are strict: a producer cannot put a field on an event that its contract does not name (a personal field
 * slipped into an event is refused, not published). A consumer reads tolerantly: fields it does not know, added by a
 * newer producer as optional fields are, are dropped before it validates the rest, so the services of a release can be
 * deployed one after the other. A change a consumer must understand is a new version of the event.
 */
export const envelopeSchema = z
  .object({
    eventId: z.guid(),
    type: z.string().min(1),
    version: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }),
    correlationId: z.string().min(1).max(100),
    causationId: z.string().min(1).max(100).nullable(),
    producer: z.string().min(1),
    payload: z.unknown(),
  })
  .strict();

export type Envelope<P = unknown> = Omit<z.infer<typeof envelopeSchema>, 'payload'> & { payload: P };

export interface EventDefinition<P> {
  readonly topic: string;
  readonly type: string;
  readonly version: number;
  readonly schema: z.ZodType<P, unknown>;
  /** The Kafka key: the entity whose events must stay in order. */
  readonly key: (payload: P) => string;
}

export function defineEvent<P>(definition: EventDefinition<P>): EventDefinition<P> {
  return definition;
}

export class InvalidEventError extends Error {
  readonly code = 'INVALID_EVENT';
  constructor(message: string, readonly issues: string[] = []) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
  }
}

export interface EventContext {
  correlationId: string;
  causationId?: string | null;
  producer: string;
  occurredAt?: Date;
  eventId?: string;
}

/** Builds a validated envelope and the key it is published under. */
export function createEvent<P>(definition: EventDefinition<P>, payload: P, context: EventContext) {
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) throw new InvalidEventError(`Invalid ${definition.type} v${definition.version}`, describe(parsed.error));
  const envelope: Envelope<P> = {
    eventId: context.eventId ?? randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: (context.occurredAt ?? new Date()).toISOString(),
    correlationId: context.correlationId,
    causationId: context.causationId ?? null,
    producer: context.producer,
    payload: parsed.data,
  };
  return { topic: definition.topic, key: definition.key(parsed.data), envelope };
}

/** Parses raw bytes from Kafka into an envelope; throws InvalidEventError for anything malformed. */
export function parseEnvelope(raw: Buffer | string | null): Envelope {
  if (raw === null) throw new InvalidEventError('Empty message');
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    throw new InvalidEventError('Message is not JSON');
  }
  const parsed = parseTolerantly(envelopeSchema, json);
  if (!parsed.success) throw new InvalidEventError('Invalid envelope', describe(parsed.error));
  // z.unknown() lets the key be missing; a consumer hashes the payload (its inbox) and would fail on every delivery.
  if (parsed.data.payload === undefined) throw new InvalidEventError('Invalid envelope', ['payload: missing']);
  return parsed.data as Envelope;
}

/** Validates an envelope's payload against a definition of the same type and version. */
export function readPayload<P>(definition: EventDefinition<P>, envelope: Envelope): P {
  if (envelope.type !== definition.type || envelope.version !== definition.version) {
    throw new InvalidEventError(
      `Expected ${definition.type} v${definition.version}, got ${envelope.type} v${envelope.version}`,
    );
  }
  const parsed = parseTolerantly(definition.schema, envelope.payload);
  if (!parsed.success) throw new InvalidEventError(`Invalid ${definition.type} v${definition.version}`, describe(parsed.error));
  return parsed.data;
}

/**
 * Validates what a consumer received; when the only faults are fields the schema does not know, validates again
 * without them. Anything else wrong (a field missing, a wrong value) is refused as before.
 */
function parseTolerantly<T>(schema: z.ZodType<T, unknown>, value: unknown): z.ZodSafeParseResult<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success || !parsed.error.issues.every((issue) => issue.code === 'unrecognized_keys')) return parsed;
  const known = structuredClone(value);
  for (const issue of parsed.error.issues) {
    const holder = issue.path.reduce<unknown>((node, step) => (node as Record<PropertyKey, unknown>)[step], known) as Record<string, unknown>;
    for (const key of (issue as z.core.$ZodIssueUnrecognizedKeys).keys) delete holder[key];
  }
  return schema.safeParse(known);
}

function describe(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
