import { randomUUID } from 'node:crypto';
import {
  ALL_TOPICS,
  createEvent,
  EligibilitySnapshotChunk,
  EligibilitySnapshotCompleted,
  InvalidEventError,
  parseEnvelope,
  OUTCOMES_PER_EVENT,
  PaymentOutcomeRecorded,
  PaymentOutcomesRecorded,
  PayeeReportedDeceased,
  readPayload,
  RunClosedUnpaid,
  RunItemsLeftOut,
  ITEMS_LEFT_OUT_PER_EVENT,
  RunRequested,
  Topics,
} from './index';

const context = { correlationId: 'corr-1', producer: 'disbursement' };
const runId = randomUUID();
const personRef = randomUUID();

describe('event contracts', () => {
  it('wraps a valid payload in the one envelope, keyed by the entity whose events must stay in order', () => {
    const { topic, key, envelope } = createEvent(
      RunRequested,
      { runId, month: '2026-11', scope: { provinceCode: '91', programmes: ['social_assistance'] }, requestedBy: 'an.nguyen' },
      { ...context, causationId: 'cause-1' },
    );
    expect(topic).toBe(Topics.runRequests.name);
    expect(key).toBe(runId);
    expect(envelope).toMatchObject({ type: 'RunRequested', version: 1, correlationId: 'corr-1', causationId: 'cause-1', producer: 'disbursement' });
    expect(envelope.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(envelope.occurredAt)).not.toBeNaN();
  });

  it('keys payment outcomes by person so one person’s outcomes are consumed in order', () => {
    const { key } = createEvent(
      PaymentOutcomeRecorded,
      { paymentId: 'P1', runId, personRef, programme: 'social_pension', month: '2026-11', amount: '500000', outcome: 'settled', occurredOn: '2026-11-05' },
      context,
    );
    expect(key).toBe(personRef);
  });

  it('keys the outcomes of a run by the run, each with its own id, at most OUTCOMES_PER_EVENT of them', () => {
    const outcome = { outcomeId: randomUUID(), paymentId: 'P1', personRef, programme: 'social_pension' as const, month: '2026-11', amount: '500000', outcome: 'settled' as const, occurredOn: '2026-11-05' };
    expect(createEvent(PaymentOutcomesRecorded, { runId, outcomes: [outcome] }, context).key).toBe(runId);
    expect(() => createEvent(PaymentOutcomesRecorded, { runId, outcomes: [{ ...outcome, amount: '1e6' }] }, context)).toThrow(/outcomes\.0\.amount: must be a whole number of đồng/);
    expect(() => createEvent(PaymentOutcomesRecorded, { runId, outcomes: [] }, context)).toThrow(/outcomes/);
    const tooMany = Array.from({ length: OUTCOMES_PER_EVENT + 1 }, () => ({ ...outcome, outcomeId: randomUUID() }));
    expect(() => createEvent(PaymentOutcomesRecorded, { runId, outcomes: tooMany }, context)).toThrow(/outcomes/);
  });

  it('tells a run closed before release on the run requests\' topic, keyed by the run, with how it ended', () => {
    const closed = createEvent(RunClosedUnpaid, { runId, month: '2026-11', status: 'CANCELLED', reason: 'wrong communes', closedBy: 'an.nguyen' }, context);
    expect([closed.topic, closed.key]).toEqual([Topics.runRequests.name, runId]);
    expect(() => createEvent(RunClosedUnpaid, { runId, month: '2026-11', status: 'RELEASED' as never, reason: 'x', closedBy: 'x' }, context)).toThrow(/status/);
  });

  it('names in a run request, and passes on in its snapshot\'s completion, the runs of the month closed unpaid before it (optional)', () => {
    const request = { runId, month: '2026-11', scope: { provinceCode: '91', programmes: ['social_assistance' as const] }, requestedBy: 'an.nguyen' };
    const closedRunIds = [randomUUID(), randomUUID()];
    expect(createEvent(RunRequested, { ...request, closedRunIds }, context).envelope.payload.closedRunIds).toEqual(closedRunIds);
    // An event published before the field reads as it was: no run closed.
    expect(readPayload(RunRequested, parseEnvelope(Buffer.from(JSON.stringify(createEvent(RunRequested, request, context).envelope))))).not.toHaveProperty('closedRunIds');
    expect(() => createEvent(RunRequested, { ...request, closedRunIds: ['run-1'] }, context)).toThrow(/closedRunIds\.0/);

    const completed = { runId, month: '2026-11', chunkCount: 1, countsByProgramme: { social_assistance: 3 }, checksum: 'a'.repeat(64) };
    expect(createEvent(EligibilitySnapshotCompleted, { ...completed, closedRunIds }, context).envelope.payload.closedRunIds).toEqual(closedRunIds);
    expect(createEvent(EligibilitySnapshotCompleted, completed, context).envelope.payload).not.toHaveProperty('closedRunIds');
    expect(() => createEvent(EligibilitySnapshotCompleted, { ...completed, closedRunIds: 'all' as never }, context)).toThrow(/closedRunIds/);
  });

  it('tells the items a run left out on the run requests\' topic, keyed by the run, at most ITEMS_LEFT_OUT_PER_EVENT of them', () => {
    const item = { personRef, programme: 'social_assistance' as const };
    const leftOut = createEvent(RunItemsLeftOut, { runId, month: '2026-11', reason: 'ALREADY_PAID', items: [item] }, context);
    expect([leftOut.topic, leftOut.key]).toEqual([Topics.runRequests.name, runId]);
    expect(() => createEvent(RunItemsLeftOut, { runId, month: '2026-11', reason: 'ALREADY_PAID', items: [] }, context)).toThrow(/items/);
    const tooMany = Array.from({ length: ITEMS_LEFT_OUT_PER_EVENT + 1 }, () => item);
    expect(() => createEvent(RunItemsLeftOut, { runId, month: '2026-11', reason: 'ALREADY_PAID', items: tooMany }, context)).toThrow(/items/);
  });

  it('tells eligibility of a payee reported deceased (MD07) on the collection alerts\' topic, keyed by the person', () => {
    const report = { personRef, programme: 'social_pension' as const, month: '2026-11', paymentId: 'P1', reasonCode: 'MD07' as const, reportedOn: '2026-11-06' };
    const { topic, key } = createEvent(PayeeReportedDeceased, report, context);
    expect([topic, key]).toEqual([Topics.collectionAlerts.name, personRef]);
    expect(() => createEvent(PayeeReportedDeceased, { ...report, reasonCode: 'AC04' } as never, context)).toThrow(/reasonCode/);
  });

  it('refuses a payload that breaks its schema, naming the field', () => {
    expect(() =>
      createEvent(RunRequested, { runId, month: '2026-13', scope: { provinceCode: '91', programmes: [] }, requestedBy: 'x' }, context),
    ).toThrow(/month: must be a month YYYY-MM.*scope.programmes/);
    expect(() =>
      createEvent(
        PaymentOutcomeRecorded,
        { paymentId: 'P1', runId, personRef, programme: 'social_pension', month: '2026-11', amount: '500000.5', outcome: 'settled', occurredOn: '2026-11-05' },
        context,
      ),
    ).toThrow(/amount: must be a whole number of đồng/);
  });

  it("passes an eligible item's attributes through as they are, and refuses any that JSON could not carry flat", () => {
    const item = {
      personRef,
      decisionId: randomUUID(),
      programme: 'social_assistance' as const,
      groupCode: 'SA_ELDERLY_80',
      communeCode: '30280',
      ageYears: 81,
      attributes: { family: 'SA_ELDERLY', coefficient: 1.5, studying: false },
    };
    const chunk = (attributes: unknown) => createEvent(EligibilitySnapshotChunk, { runId, month: '2026-11', chunkNo: 0, items: [{ ...item, attributes } as never] }, context);
    expect(chunk(item.attributes).envelope.payload.items[0].attributes).toBe(item.attributes);
    expect(chunk(undefined).envelope.payload.items[0].attributes).toEqual({});
    for (const bad of [{ coefficient: Number.NaN }, { children: [1, 2] }, { payee: { kind: 'cash' } }, { when: null }, [], 'SA_ELDERLY', new Date()]) {
      expect(() => chunk(bad)).toThrow(/items\.0\.attributes: must be an object of strings, finite numbers and booleans/);
    }
  });

  it('reads an envelope back from Kafka bytes and validates the payload for its type and version', () => {
    const { envelope } = createEvent(
      EligibilitySnapshotCompleted,
      { runId, month: '2026-11', chunkCount: 2, countsByProgramme: { social_assistance: 1500 }, checksum: 'a'.repeat(64) },
      context,
    );
    const parsed = parseEnvelope(Buffer.from(JSON.stringify(envelope)));
    expect(readPayload(EligibilitySnapshotCompleted, parsed)).toEqual(envelope.payload);
    expect(() => readPayload(RunRequested, parsed)).toThrow(/Expected RunRequested v1, got EligibilitySnapshotCompleted v1/);
  });

  it('reads an event from a newer producer without the fields it does not know, and still refuses a payload missing one it needs', () => {
    const { envelope } = createEvent(
      RunRequested,
      { runId, month: '2026-11', scope: { provinceCode: '91', programmes: ['social_pension'] }, requestedBy: 'an.nguyen' },
      context,
    );
    const newer = { ...envelope, schemaHint: 'v1+', payload: { ...envelope.payload, priority: 'high', scope: { ...envelope.payload.scope, hamlets: ['A'] } } };
    const parsed = parseEnvelope(Buffer.from(JSON.stringify(newer)));
    expect(parsed).not.toHaveProperty('schemaHint');
    expect(readPayload(RunRequested, parsed)).toEqual(envelope.payload);

    const broken = { ...newer, payload: { ...newer.payload, month: undefined } };
    expect(() => readPayload(RunRequested, parseEnvelope(Buffer.from(JSON.stringify(broken))))).toThrow(/month/);
    // A producer is held to its contract: a field the contract does not name is not published.
    expect(() => createEvent(RunRequested, { ...envelope.payload, nationalId: '079203001234' } as never, context)).toThrow(/nationalId/);
  });

  it.each([
    ['not JSON', Buffer.from('{oops')],
    ['no envelope', Buffer.from(JSON.stringify({ hello: 1 }))],
    ['an empty message', null],
  ])('refuses %s as an invalid event', (_, raw) => {
    expect(() => parseEnvelope(raw)).toThrow(InvalidEventError);
  });

  it('declares every topic once, versioned in its name, with a partition count', () => {
    const names = ALL_TOPICS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    for (const topic of ALL_TOPICS) {
      expect(topic.name).toMatch(/^[a-z]+\.[a-z-]+\.v\d+$/);
      expect(topic.partitions).toBeGreaterThan(0);
    }
  });
});
