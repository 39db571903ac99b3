import { randomUUID } from 'node:crypto';
import { EntitlementRunHalted, LifeEventRecorded, RunClosedUnpaid, RunItemsLeftOut, createEvent, readPayload, type EntitlementItem } from '@benefits/contracts';
import { waitFor } from '@benefits/testing';
import { EntitlementWorld, item, snapshot } from './world';

jest.setTimeout(120_000);

/** A run disbursement closed before release (cancelled, rejected, halted): what entitlement scheduled for it is owed again. */
describe('a run closed unpaid in disbursement (real PostgreSQL and Kafka)', () => {
  let world: EntitlementWorld;

  beforeAll(async () => {
    // A run whose calculation keeps failing is halted at its third failure (5 by default), to keep the test short.
    world = await EntitlementWorld.start({ CALCULATION_MAX_FAILURES: '3' });
  });
  afterAll(() => world?.stop());

  /** As disbursement publishes it, and handled by entitlement. */
  async function close(runId: string, month: string, status: 'CANCELLED' | 'REJECTED' | 'HALTED'): Promise<void> {
    const closed = createEvent(RunClosedUnpaid, { runId, month, status, reason: 'amounts to check', closedBy: 'approver-1' }, { correlationId: runId, producer: 'disbursement' });
    await world.handled(closed, 'the closure');
  }

  /** A person on social assistance of this commune whose death eligibility reports: their funeral support is owed. */
  async function diedOn(day: string, communeCode: string): Promise<string> {
    const deceased = randomUUID();
    const death = { personRef: deceased, kind: 'death' as const, effectiveOn: day, programmes: ['social_assistance' as const], details: { communeCode } };
    await world.publish([createEvent(LifeEventRecorded, death, { correlationId: `test-death-${deceased}`, producer: 'eligibility' })]);
    await waitFor(async () => (await world.query('SELECT 1 FROM entitlement.one_offs WHERE person_ref = $1', [deceased])).length > 0, 30_000, 'the funeral support');
    return deceased;
  }

  const statusOf = async (runId: string) => (await world.query<{ status: string }>('SELECT status FROM entitlement.runs WHERE run_id = $1', [runId]))[0]?.status;

  it('pays again the arrears and the funeral support of a run rejected at its preview, and only once more', async () => {
    const { year, communeCode } = await world.funeralScope();
    const month = `${year}-05`;
    const late = { personRef: randomUUID(), programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE', attributes: { arrearsFrom: `${year}-02` } };
    const deceased = await diedOn(`${year}-04-20`, communeCode);

    const arrearsOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === late.personRef)?.arrears.map((a) => [a.month, a.amount, a.reason]);
    const funeralOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === deceased)?.amount;
    const owed = [
      [`${year}-02`, '810000', 'LATE_DECISION'],
      [`${year}-03`, '810000', 'LATE_DECISION'],
      [`${year}-04`, '810000', 'LATE_DECISION'],
    ];
    const rejected = await world.run(month, [late], [communeCode]);
    expect(arrearsOf(rejected.items)).toEqual(owed);
    expect(funeralOf(rejected.items)).toBe('10800000');

    await close(rejected.runId, month, 'REJECTED');
    expect(await statusOf(rejected.runId)).toBe('CANCELLED');
    const [closure] = await world.query<{ detail: { haltedReason: string } }>(`SELECT detail FROM entitlement.run_events WHERE run_id = $1 AND status = 'CANCELLED'`, [rejected.runId]);
    expect(closure.detail.haltedReason).toBe('REJECTED in disbursement by approver-1: amounts to check');

    // The month requested again: the arrears and the funeral support are owed as if the rejected run never was. Its
    // request names the rejected run, whose closure was consumed already: naming it changes nothing.
    const again = await world.run(month, [late], [communeCode], [rejected.runId]);
    expect(arrearsOf(again.items)).toEqual(owed);
    expect(funeralOf(again.items)).toBe('10800000');
    expect(await world.query(`SELECT 1 FROM entitlement.run_events WHERE run_id = $1 AND status = 'CANCELLED'`, [rejected.runId])).toHaveLength(1);
    // While that run stands, a further run of the month does not schedule them a third time.
    const third = await world.run(month, [late], [communeCode]);
    expect(arrearsOf(third.items)).toEqual([]);
    expect(funeralOf(third.items)).toBeUndefined();
  });

  it('owes again the arrears and funeral support of items a run left out (already paid by the month\'s first run), once', async () => {
    const { year, communeCode } = await world.funeralScope();
    const month = `${year}-05`;
    const late = { personRef: randomUUID(), programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE', attributes: { arrearsFrom: `${year}-03` } };
    const deceased = await diedOn(`${year}-04-20`, communeCode);
    const arrearsOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === late.personRef)?.arrears.map((a) => [a.month, a.amount]);
    const funeralOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === deceased)?.amount;
    const owed = [[`${year}-03`, '810000'], [`${year}-04`, '810000']];

    const second = await world.run(month, [late], [communeCode]);
    expect(arrearsOf(second.items)).toEqual(owed);
    expect(funeralOf(second.items)).toBe('10800000');
    // Disbursement leaves both out: the first run of the month paid these persons' May.
    const items = [late.personRef, deceased].map((personRef) => ({ personRef, programme: 'social_assistance' as const }));
    const leftOut = createEvent(RunItemsLeftOut, { runId: second.runId, month, reason: 'ALREADY_PAID', items }, { correlationId: second.runId, producer: 'disbursement' });
    await world.handled(leftOut, 'the items left out');
    await world.handled(createEvent(RunItemsLeftOut, { runId: second.runId, month, reason: 'ALREADY_PAID', items }, { correlationId: second.runId, producer: 'disbursement' }), 'the same items again');
    // History stays as it was; the items are recorded as left out, with what they held, once.
    expect(await world.query('SELECT 1 FROM entitlement.arrears_lines WHERE run_id = $1', [second.runId])).toHaveLength(2);
    const recorded = await world.query<{ person_ref: string; arrears: { month: string; amount: string }[]; one_off_ids: string[] }>(
      'SELECT person_ref, arrears, one_off_ids FROM entitlement.run_items_left_out WHERE run_id = $1 ORDER BY person_ref',
      [second.runId],
    );
    expect(recorded.find((r) => r.person_ref === late.personRef)?.arrears.map((a) => [a.month, a.amount])).toEqual(owed);
    expect(recorded.find((r) => r.person_ref === deceased)?.one_off_ids).toHaveLength(1);

    // The next month's run owes them again, once.
    const june = await world.run(`${year}-06`, [late], [communeCode]);
    expect(arrearsOf(june.items)).toEqual([...owed, [`${year}-05`, '810000']]);
    expect(funeralOf(june.items)).toBe('10800000');
  });

  it('owes again the arrears of a late decision left out even once the snapshot no longer names them, once', async () => {
    // Eligibility names a late decision's months (arrearsFrom) in the first run after it was recorded only. That
    // run's item is left out (May already paid by the month's first run): June's snapshot has no arrearsFrom, and
    // March and April are still owed; July owes nothing more.
    const { year, communeCode } = await world.funeralScope();
    const month = `${year}-05`;
    const personRef = randomUUID();
    const person = { personRef, programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE' };
    const arrearsOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === personRef)?.arrears.map((a) => [a.month, a.amount, a.reason]);

    const may = await world.run(month, [{ ...person, attributes: { arrearsFrom: `${year}-03` } }], [communeCode]);
    expect(arrearsOf(may.items)).toEqual([
      [`${year}-03`, '810000', 'LATE_DECISION'],
      [`${year}-04`, '810000', 'LATE_DECISION'],
    ]);
    const items = [{ personRef, programme: 'social_assistance' as const }];
    await world.handled(createEvent(RunItemsLeftOut, { runId: may.runId, month, reason: 'ALREADY_PAID', items }, { correlationId: may.runId, producer: 'disbursement' }), 'the items left out');

    const june = await world.run(`${year}-06`, [person], [communeCode]);
    expect(arrearsOf(june.items)).toEqual([
      [`${year}-03`, '810000', 'LATE_DECISION'],
      [`${year}-04`, '810000', 'LATE_DECISION'],
    ]);
    const july = await world.run(`${year}-07`, [person], [communeCode]);
    expect(arrearsOf(july.items)).toEqual([]);
  });

  it('prices the month requested again before the closure of its cancelled run was consumed as if that run never was: the late decision\'s arrears are paid, once', async () => {
    // Disbursement cancels May's run and an operator requests May again. RunClosedUnpaid (run requests' topic, group
    // entitlement.run-closures) and the new run's snapshot (eligibility's topic, group entitlement.snapshots) travel
    // apart: here the new run is priced first. Eligibility names the late decision's months again (the previous run
    // of an earlier month is April's), and the new run's request named the cancelled run (closedRunIds, passed on in
    // its snapshot's completion): it no longer stands when the new run is priced, so its arrears are owed again there.
    // June's snapshot no longer names them: had they counted as scheduled, March and April would be paid by nobody.
    const { year, communeCode } = await world.funeralScope();
    const month = `${year}-05`;
    const personRef = randomUUID();
    const person = { personRef, programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE' };
    const late = { ...person, attributes: { arrearsFrom: `${year}-03` } };
    const arrearsOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === personRef)?.arrears.map((a) => [a.month, a.amount]) ?? [];
    const owed = [[`${year}-03`, '810000'], [`${year}-04`, '810000']];

    const cancelled = await world.run(month, [late], [communeCode]);
    expect(arrearsOf(cancelled.items)).toEqual(owed);
    // Also named: a run of the month closed before entitlement saw any of it (its snapshot still on its way).
    const unseen = randomUUID();
    const again = await world.run(month, [late], [communeCode], [cancelled.runId, unseen]);
    expect(arrearsOf(again.items)).toEqual(owed);
    expect(await statusOf(cancelled.runId)).toBe('CANCELLED');
    expect(await statusOf(unseen)).toBe('CANCELLED');
    const reasonOf = async (runId: string) => (await world.query<{ halted_reason: string }>('SELECT halted_reason FROM entitlement.runs WHERE run_id = $1', [runId]))[0]?.halted_reason;
    const named = `closed unpaid in disbursement before run ${again.runId} of the month was requested`;
    expect(await reasonOf(cancelled.runId)).toBe(named);

    // The closure consumed at last changes nothing.
    await close(cancelled.runId, month, 'CANCELLED');
    expect(await statusOf(cancelled.runId)).toBe('CANCELLED');
    expect(await reasonOf(cancelled.runId)).toBe(named);
    expect(await world.query(`SELECT 1 FROM entitlement.run_events WHERE run_id = $1 AND status = 'CANCELLED'`, [cancelled.runId])).toHaveLength(1);
    const june = await world.run(`${year}-06`, [person], [communeCode]);
    // Paid by the run requested again, and not by June's: once in all.
    expect(arrearsOf(june.items).filter(([m]) => m < month)).toEqual([]);
    expect([...arrearsOf(again.items), ...arrearsOf(june.items)].filter(([m]) => m < month)).toEqual(owed);
  });

  it('halts a run whose calculation keeps failing, tells disbursement why, and goes on with later runs', async () => {
    const year = await world.freshYear();
    const month = `${year}-05`;
    const runId = randomUUID();
    const personRef = randomUUID();
    // A line already stored under the run's key for its only person: every attempt at its page fails the same way.
    await world.query(
      `INSERT INTO entitlement.entitlement_lines (run_id, person_ref, programme, month, amount, arrears_amount, one_off_amount, total)
       VALUES ($1, $2, 'social_assistance', $3, 0, 0, 0, 0)`,
      [runId, personRef, month],
    );
    await world.publish(snapshot(runId, month, [item({ personRef, programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' })]));
    const output = await world.outputOf(runId, (events) => events.some((e) => e.type === EntitlementRunHalted.type), 90_000);
    const [haltedEvent] = output.filter((e) => e.type === EntitlementRunHalted.type);
    const halted = readPayload(EntitlementRunHalted, haltedEvent);
    // 3 times here; 4 or 5 when services of other test files running beside this one (5 by default) took part.
    expect(halted.reason).toMatch(/^calculation failed [3-5] times: duplicate key value violates unique constraint/);
    expect(await statusOf(runId)).toBe('HALTED');
    expect(await world.query('SELECT 1 FROM entitlement.snapshot_items WHERE run_id = $1', [runId])).toEqual([]);

    // The runs after it are calculated (its page is no longer claimed first, for ever).
    const later = await world.run(month, [{ personRef: randomUUID(), programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' }]);
    expect(later.items).toHaveLength(1);
  });

  it('ignores the snapshot of a run closed before it arrived', async () => {
    const year = await world.freshYear();
    const runId = randomUUID();
    await close(runId, `${year}-05`, 'CANCELLED');
    expect(await statusOf(runId)).toBe('CANCELLED');
    const events = snapshot(runId, `${year}-05`, [item({ personRef: randomUUID(), programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' })]);
    await world.publish(events);
    const ids = events.map((e) => e.envelope.eventId);
    await waitFor(async () => (await world.query('SELECT 1 FROM entitlement.inbox WHERE event_id = ANY($1)', [ids])).length === ids.length, 30_000, 'the snapshot handled');
    expect(await statusOf(runId)).toBe('CANCELLED');
    expect(await world.query('SELECT 1 FROM entitlement.snapshot_items WHERE run_id = $1', [runId])).toEqual([]);
    expect(world.outputSoFar(runId)).toEqual([]);
  });
});
