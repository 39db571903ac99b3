import { deadLetterMessage, headersToStrings, toDeadLetter, type RawMessage } from './dead-letter';

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
