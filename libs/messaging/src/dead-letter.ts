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

/** One record read back from the dead-letter topic; `record` is null when it is not a dead-letter record. */
export interface DeadLetterEntry {
  readonly partition: number;
  readonly offset: string;
  readonly record: DeadLetterRecord | null;
}

export function readDeadLetter(partition: number, message: { offset: string; value: Buffer | null }): DeadLetterEntry {
  return { partition, offset: message.offset, record: parseDeadLetterRecord(message.value) };
}

function parseDeadLetterRecord(value: Buffer | null): DeadLetterRecord | null {
  try {
    const record = JSON.parse(value?.toString('utf8') ?? 'null') as Partial<DeadLetterRecord> | null;
    const original = record?.original;
    const readable =
      typeof record?.reason?.code === 'string' &&
      typeof record.consumerGroup === 'string' &&
      typeof original?.topic === 'string' &&
      (original.key === null || typeof original.key === 'string') &&
      (original.value === null || typeof original.value === 'string') &&
      (original.valueBase64 === null || typeof original.valueBase64 === 'string') &&
      typeof original.headers === 'object';
    return readable ? (record as DeadLetterRecord) : null;
  } catch {
    return null;
  }
}

/** Which dead letters to list or replay; every criterion given must hold. */
export interface DeadLetterFilter {
  readonly partition?: number;
  readonly offsets?: readonly string[];
  /** The consumer group that parked the message. */
  readonly group?: string;
  readonly reason?: string;
  /** The original message's topic. */
  readonly topic?: string;
}

/** The readable entries that match `filter`, in the dead-letter topic's order. */
export function selectDeadLetters(entries: readonly DeadLetterEntry[], filter: DeadLetterFilter): DeadLetterEntry[] {
  return entries.filter(
    ({ partition, offset, record }) =>
      record !== null &&
      (filter.partition === undefined || partition === filter.partition) &&
      (filter.offsets === undefined || filter.offsets.includes(offset)) &&
      (filter.group === undefined || record.consumerGroup === filter.group) &&
      (filter.reason === undefined || record.reason.code === filter.reason) &&
      (filter.topic === undefined || record.original.topic === filter.topic),
  );
}

/**
 * The original message of a dead letter, to publish again on its own topic under its own key (the same partition,
 * with the same partitioner), with its headers and one more naming the dead letter it came from. Its event id is
 * unchanged: a consumer group that had handled it finds it in its inbox and skips it.
 */
export function originalMessage(entry: DeadLetterEntry): { topic: string; message: Message } {
  const { record } = entry;
  const where = `${entry.partition}:${entry.offset}`;
  if (!record) throw new Error(`Dead letter ${where} is not a dead-letter record; it cannot be replayed`);
  const { topic, key, value, valueBase64, headers } = record.original;
  const bytes = value !== null ? Buffer.from(value, 'utf8') : valueBase64 !== null ? Buffer.from(valueBase64, 'base64') : null;
  return { topic, message: { key, value: bytes, headers: { ...headers, 'replayed-from-dead-letter': where } } };
}
