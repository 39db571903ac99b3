import type { IHeaders, Message } from 'kafkajs';

/** A Kafka message as it arrived, before any parsing: what a dead-letter record preserves. */
export interface RawMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers?: IHeaders;
  readonly timestamp: string;
}

export interface DeadLetterReason {
  /** Stable code: INVALID_EVENT, CONFLICTING_DUPLICATE, HANDLER_FAILED or the handler error's own code. */
  readonly code: string;
  readonly message: string;
}

/** The value of a record on the dead-letter topic: the original message, byte for byte, and why it was parked. */
export interface DeadLetterRecord {
  readonly reason: DeadLetterReason;
  readonly consumerGroup: string;
  readonly eventId: string | null;
  readonly correlationId: string | null;
  readonly deadLetteredAt: string;
  readonly original: {
    readonly topic: string;
    readonly partition: number;
    readonly offset: string;
    readonly timestamp: string;
    readonly key: string | null;
    /** The value as UTF-8 text when it decodes to exactly its bytes, else null (see valueBase64). */
    readonly value: string | null;
    /**
     * The exact bytes of a value that is not UTF-8 text; null when `value` holds it, and for a tombstone. One copy
     * of the original only: a record with both was 2.5 times its original, and a large chunk's record was refused.
     */
    readonly valueBase64: string | null;
    readonly headers: Record<string, string>;
  };
}

export function headersToStrings(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined) continue;
    result[name] = (Array.isArray(value) ? value : [value]).map((item) => item.toString()).join(',');
  }
  return result;
}

function utf8OrNull(bytes: Buffer): string | null {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : null;
}

export function toDeadLetter(
  message: RawMessage,
  reason: DeadLetterReason,
  context: { consumerGroup: string; eventId?: string; correlationId?: string; now?: Date },
): DeadLetterRecord {
  const value = message.value ? utf8OrNull(message.value) : null;
  return {
    reason,
    consumerGroup: context.consumerGroup,
    eventId: context.eventId ?? null,
    correlationId: context.correlationId ?? null,
    deadLetteredAt: (context.now ?? new Date()).toISOString(),
    original: {
      topic: message.topic,
      partition: message.partition,
      offset: message.offset,
      timestamp: message.timestamp,
      key: message.key?.toString('utf8') ?? null,
      value,
      valueBase64: message.value && value === null ? message.value.toString('base64') : null,
      headers: headersToStrings(message.headers),
    },
  };
}

/** The Kafka message for a dead-letter record: same key as the original, reason also in headers for quick filtering. */
export function deadLetterMessage(record: DeadLetterRecord): Message {
  return {
    key: record.original.key,
    value: JSON.stringify(record),
    headers: { 'dead-letter-reason': record.reason.code, 'original-topic': record.original.topic },
  };
}
