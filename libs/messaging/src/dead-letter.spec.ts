import { deadLetterMessage, headersToStrings, originalMessage, readDeadLetter, selectDeadLetters, toDeadLetter, type RawMessage } from './dead-letter';

const message = (value: Buffer | null): RawMessage => ({
  topic: 'entitlement.benefit-granted.v1',
  partition: 2,
  offset: '41',
  key: Buffer.from('B-1'),
  value,
  headers: { 'correlation-id': Buffer.from('corr-1'), multi: [Buffer.from('a'), 'b'], absent: undefined },
  timestamp: '1764460800000',
});
const now = new Date('2025-11-30T00:00:00.000Z');

describe('dead-letter records', () => {
  it('keep the original message and the reason', () => {
    const record = toDeadLetter(message(Buffer.from('{"not":"an envelope"}')), { code: 'INVALID_EVENT', message: 'Invalid envelope' }, { consumerGroup: 'disbursement', now });
    expect(record).toEqual({
      reason: { code: 'INVALID_EVENT', message: 'Invalid envelope' },
      consumerGroup: 'disbursement',
      eventId: null,
      correlationId: null,
      deadLetteredAt: '2025-11-30T00:00:00.000Z',
      original: {
        topic: 'entitlement.benefit-granted.v1',
        partition: 2,
        offset: '41',
        timestamp: '1764460800000',
        key: 'B-1',
        value: '{"not":"an envelope"}',
        valueBase64: null,
        headers: { 'correlation-id': 'corr-1', multi: 'a,b' },
      },
    });
  });

  it('keep bytes that are not UTF-8 exactly, in base64 only', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const record = toDeadLetter(message(bytes), { code: 'INVALID_EVENT', message: 'Message is not JSON' }, { consumerGroup: 'g', now });
    expect(record.original.value).toBeNull();
    expect(Buffer.from(record.original.valueBase64 ?? '', 'base64').equals(bytes)).toBe(true);
  });

  it('keep a tombstone as nulls', () => {
    const record = toDeadLetter(message(null), { code: 'INVALID_EVENT', message: 'Empty message' }, { consumerGroup: 'g', now });
    expect(record.original).toMatchObject({ value: null, valueBase64: null });
  });

  it('are published under the original key with the reason in a header', () => {
    const record = toDeadLetter(message(Buffer.from('x')), { code: 'CONFLICTING_DUPLICATE', message: 'm' }, { consumerGroup: 'g', eventId: 'e', now });
    const kafkaMessage = deadLetterMessage(record);
    expect(kafkaMessage.key).toBe('B-1');
    expect(kafkaMessage.headers).toEqual({ 'dead-letter-reason': 'CONFLICTING_DUPLICATE', 'original-topic': 'entitlement.benefit-granted.v1' });
    expect(JSON.parse(kafkaMessage.value as string)).toEqual(record);
  });

  it('flatten headers to strings', () => {
    expect(headersToStrings(undefined)).toEqual({});
  });
});

describe('replaying dead letters', () => {
  const record = (code: string, consumerGroup: string, value: Buffer | null = Buffer.from('{"eventId":"e"}')) =>
    toDeadLetter(message(value), { code, message: 'm' }, { consumerGroup, now });
  const entry = (offset: string, code = '57014', group = 'entitlement.payment-outcomes') => {
    const kafka = deadLetterMessage(record(code, group));
    return readDeadLetter(0, { offset, value: Buffer.from(kafka.value as string) });
  };

  it('rebuild the original message: its topic, key, value and headers, and say where the copy came from', () => {
    const { topic, message: replayed } = originalMessage(entry('7'));
    expect(topic).toBe('entitlement.benefit-granted.v1');
    expect(replayed).toEqual({
      key: 'B-1',
      value: Buffer.from('{"eventId":"e"}'),
      headers: { 'correlation-id': 'corr-1', multi: 'a,b', 'replayed-from-dead-letter': '0:7' },
    });
  });

  it('rebuild a value that was not UTF-8 byte for byte, and a tombstone as a tombstone', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const binary = readDeadLetter(0, { offset: '1', value: Buffer.from(deadLetterMessage(record('INVALID_EVENT', 'g', bytes)).value as string) });
    expect(originalMessage(binary).message.value).toEqual(bytes);
    const tombstone = readDeadLetter(0, { offset: '2', value: Buffer.from(deadLetterMessage(record('INVALID_EVENT', 'g', null)).value as string) });
    expect(originalMessage(tombstone).message.value).toBeNull();
  });

  it('keep a record that is not a dead letter as unreadable, never to be replayed', () => {
    const unreadable = readDeadLetter(0, { offset: '3', value: Buffer.from('{"reason":"x"}') });
    expect(unreadable.record).toBeNull();
    expect(selectDeadLetters([unreadable], { offsets: ['3'] })).toEqual([]);
    expect(() => originalMessage(unreadable)).toThrow(/0:3 is not a dead-letter record/);
  });

  it('select by offset, consumer group, reason and original topic, all criteria together', () => {
    const entries = [entry('1'), entry('2', 'CONFLICTING_DUPLICATE'), entry('3', '57014', 'eligibility.collection-alerts'), entry('4')];
    const offsets = (selected: ReturnType<typeof selectDeadLetters>) => selected.map((e) => e.offset);
    expect(offsets(selectDeadLetters(entries, {}))).toEqual(['1', '2', '3', '4']);
    expect(offsets(selectDeadLetters(entries, { offsets: ['4', '2'] }))).toEqual(['2', '4']);
    expect(offsets(selectDeadLetters(entries, { reason: '57014' }))).toEqual(['1', '3', '4']);
    expect(offsets(selectDeadLetters(entries, { reason: '57014', group: 'entitlement.payment-outcomes' }))).toEqual(['1', '4']);
    expect(offsets(selectDeadLetters(entries, { topic: 'other.v1' }))).toEqual([]);
    expect(offsets(selectDeadLetters(entries, { partition: 1 }))).toEqual([]);
  });
});
