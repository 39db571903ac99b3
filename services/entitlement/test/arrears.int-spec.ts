import { randomUUID } from 'node:crypto';
import { LifeEventRecorded, PaymentOutcomeRecorded, PaymentOutcomesRecorded, createEvent, type EntitlementItem } from '@benefits/contracts';
import { waitFor } from '@benefits/testing';
import { EntitlementWorld } from './world';

jest.setTimeout(120_000);

const operator = { sub: 'arrears-op', roles: ['operator' as const] };
const approver = { sub: 'arrears-approver', roles: ['approver' as const] };

describe('arrears and corrections in the next run (real PostgreSQL and Kafka)', () => {
  let world: EntitlementWorld;

  beforeAll(async () => {
    world = await EntitlementWorld.start();
  });
  afterAll(() => world?.stop());

  /** A payment outcome as the ledger holds it (disbursement reports them in PaymentOutcomesRecorded). */
  async function paid(personRef: string, programme: string, month: string, amount: string, occurredOn: string, outcome = 'settled') {
    await world.query(
      `INSERT INTO entitlement.payments_received (event_id, payment_id, run_id, person_ref, programme, month, amount, outcome, occurred_on)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [randomUUID(), `PAY-${randomUUID().slice(0, 20)}`, randomUUID(), personRef, programme, month, amount, outcome, occurredOn],
    );
  }

  it('pays the difference for months paid at 500,000 before Decree 335/2026 (540,000 from July 2026, entered in October)', async () => {
    const personRef = randomUUID();
    for (const month of ['2026-07', '2026-08', '2026-09']) await paid(personRef, 'social_pension', month, '500000', `${month}-10`);
    const { items } = await world.run('2026-11', [{ personRef, programme: 'social_pension', groupCode: 'SP_75_PLUS' }]);
    expect(items).toEqual([
      expect.objectContaining({
        personRef,
        amount: '660000',
        arrears: [
          { month: '2026-07', amount: '40000', reason: 'BACKDATED_RATE' },
          { month: '2026-08', amount: '40000', reason: 'BACKDATED_RATE' },
          { month: '2026-09', amount: '40000', reason: 'BACKDATED_RATE' },
        ],
      }),
    ]);
  });

  it('pays exactly the difference after a table is approved for months already paid', async () => {
    const year = await world.freshYear();
    const personRef = randomUUID();
    // Paid (today, for months of a far-future year no other test touches) before the new table is entered.
    for (const month of [`${year}-07`, `${year}-08`, `${year}-09`]) await paid(personRef, 'social_pension', month, '540000', new Date().toISOString().slice(0, 10));
    await world.enterStandardLevel('social_pension', `${year}-07`, `${year}-12`, '580000', { operator, approver });

    const { runId, items } = await world.run(`${year}-10`, [{ personRef, programme: 'social_pension', groupCode: 'SP_75_PLUS' }]);
    expect(items).toEqual([expect.objectContaining({ amount: String(580_000 + 3 * 40_000) })]);
    expect(items[0].arrears.map((a) => [a.month, a.amount, a.reason])).toEqual([
      [`${year}-07`, '40000', 'BACKDATED_RATE'],
      [`${year}-08`, '40000', 'BACKDATED_RATE'],
      [`${year}-09`, '40000', 'BACKDATED_RATE'],
    ]);
    const view = await world.http<{ arrears: { explanation: string[] }[] }>('GET', `/runs/${runId}/persons/${personRef}`, operator);
    expect(view.body.arrears[0].explanation).toEqual(expect.arrayContaining([expect.stringContaining('owed 580,000'), 'arrears 40,000 (BACKDATED_RATE)']));
  });

  it('keeps each outcome of a PaymentOutcomesRecorded once, under its own id: the one not collected is carried into the next run', async () => {
    const [carried, settled] = [randomUUID(), randomUUID()];
    const persons = [carried, settled].map((personRef) => ({ personRef, programme: 'social_assistance' as const, groupCode: 'SA_CHILD_NO_SUPPORT_4_16' }));
    const first = await world.run('2026-12', persons);
    const outcome = (personRef: string, result: 'settled' | 'not_collected') => ({
      outcomeId: randomUUID(),
      paymentId: `P${randomUUID().replace(/-/g, '').slice(0, 30)}`,
      personRef,
      programme: 'social_assistance' as const,
      month: '2026-12',
      amount: '810000',
      outcome: result,
      occurredOn: '2026-12-20',
      lines: [{ kind: 'regular' as const, month: '2026-12', amount: '810000' }],
    });
    const outcomes = [outcome(carried, 'not_collected'), outcome(settled, 'settled')];
    const event = createEvent(PaymentOutcomesRecorded, { runId: first.runId, outcomes }, { correlationId: `test-${first.runId}`, producer: 'disbursement' });
    await world.publish([event, event]);
    await waitForLedger(settled);
    const ledger = await world.query<{ event_id: string; person_ref: string; outcome: string }>(
      'SELECT event_id, person_ref, outcome FROM entitlement.payments_received WHERE person_ref = ANY($1) ORDER BY outcome',
      [[carried, settled]],
    );
    expect(ledger).toEqual([
      { event_id: outcomes[0].outcomeId, person_ref: carried, outcome: 'not_collected' },
      { event_id: outcomes[1].outcomeId, person_ref: settled, outcome: 'settled' },
    ]);

    const next = await world.run('2027-01', persons);
    expect(next.items.find((i) => i.personRef === carried)).toMatchObject({ amount: '1620000', arrears: [{ month: '2026-12', amount: '810000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(next.items.find((i) => i.personRef === settled)).toMatchObject({ amount: '810000', arrears: [] });
  });

  it('carries a payment that was not collected into the next run (a single PaymentOutcomeRecorded, as before)', async () => {
    const personRef = randomUUID();
    const first = await world.run('2026-12', [{ personRef, programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16' }]);
    expect(first.items[0].amount).toBe('810000');
    const context = { correlationId: `test-${first.runId}`, producer: 'disbursement' };
    const outcome = { paymentId: `P${randomUUID().replace(/-/g, '').slice(0, 30)}`, runId: first.runId, personRef, programme: 'social_assistance' as const };
    await world.publish([
      createEvent(PaymentOutcomeRecorded, { ...outcome, month: '2026-12', amount: '810000', outcome: 'not_collected', occurredOn: '2026-12-20' }, context),
    ]);
    await waitForLedger(personRef);

    const next = await world.run('2027-01', [{ personRef, programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16' }]);
    expect(next.items).toEqual([
      expect.objectContaining({ amount: '1620000', arrears: [{ month: '2026-12', amount: '810000', reason: 'UNPAID_CARRY_OVER' }] }),
    ]);
  });

  it('pays the months before a decision signed late, from the month it starts', async () => {
    const personRef = randomUUID();
    const { items } = await world.run('2026-11', [{ personRef, programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE', attributes: { arrearsFrom: '2026-08' } }]);
    expect(items[0].arrears).toEqual([
      { month: '2026-08', amount: '810000', reason: 'LATE_DECISION' },
      { month: '2026-09', amount: '810000', reason: 'LATE_DECISION' },
      { month: '2026-10', amount: '810000', reason: 'LATE_DECISION' },
    ]);
    expect(items[0].amount).toBe(String(4 * 810_000));
  });

  it('pays each month of a late decision in the band of that month: a child who turned 4 since at 2.5 before the birthday month', async () => {
    const personRef = randomUUID();
    const arrearsMonths = JSON.stringify([{ month: '2026-08', groupCode: 'SA_CHILD_NO_SUPPORT_U4' }]);
    const { items } = await world.run('2026-11', [
      { personRef, programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16', attributes: { family: 'SA_CHILD_NO_SUPPORT', arrearsFrom: '2026-08', arrearsMonths } },
    ]);
    expect(items[0].arrears).toEqual([
      { month: '2026-08', amount: '1350000', reason: 'LATE_DECISION' },
      { month: '2026-09', amount: '810000', reason: 'LATE_DECISION' },
      { month: '2026-10', amount: '810000', reason: 'LATE_DECISION' },
    ]);
  });

  it('pays the Decree 335 arrears of a child no longer paid (turned 16 in September), and nothing for the run month', async () => {
    const personRef = randomUUID();
    for (const month of ['2026-07', '2026-08', '2026-09']) await paid(personRef, 'social_assistance', month, '750000', `${month}-10`);
    const arrearsMonths = JSON.stringify([{ month: '2026-10', owed: false }]);
    const { items } = await world.run('2026-11', [
      {
        personRef, programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16',
        attributes: { family: 'SA_CHILD_NO_SUPPORT', arrearsOnly: true, arrearsFrom: '2026-06', arrearsMonths },
      },
    ]);
    expect(items).toEqual([
      expect.objectContaining({
        personRef,
        amount: '180000',
        components: [expect.objectContaining({ kind: 'arrears_only', amount: '0' })],
        arrears: [
          { month: '2026-07', amount: '60000', reason: 'BACKDATED_RATE' },
          { month: '2026-08', amount: '60000', reason: 'BACKDATED_RATE' },
          { month: '2026-09', amount: '60000', reason: 'BACKDATED_RATE' },
        ],
      }),
    ]);
  });

  it('re-prices a month with the item its arrears were paid for: a late care allowance is owed again, not recovered, when a level is backdated', async () => {
    const year = await world.freshYear();
    const personRef = randomUUID();
    const own = { personRef, programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT_60_80' } as const;
    // July's run pays her own allowance (1.5 × 540,000); a foster-care allowance (2.5) recorded late is paid as July
    // arrears by August's run.
    await world.run(`${year}-07`, [own]);
    // Paid today, before the level below is entered (the months are of a far-future year no other test touches).
    await paid(personRef, 'social_assistance', `${year}-07`, '810000', new Date().toISOString().slice(0, 10));
    const care = { personRef, programme: 'social_assistance', groupCode: 'CARE_FOSTER_CHILD_U4', decisionId: randomUUID(), attributes: { caredForRef: randomUUID() } } as const;
    const august = await world.run(`${year}-08`, [own, { ...care, attributes: { ...care.attributes, arrearsFrom: `${year}-07` } }]);
    expect(august.items[0].arrears).toEqual([{ month: `${year}-07`, amount: '1350000', reason: 'LATE_DECISION' }]);
    // A level of 580,000 from July entered later: July is owed (1.5 + 2.5) × 580,000 = 2,320,000 against 2,160,000 paid.
    await world.enterStandardLevel('social_assistance', `${year}-07`, `${year}-12`, '580000', { operator, approver });
    const { items } = await world.run(`${year}-09`, [own, care]);
    expect(items[0].arrears).toEqual([{ month: `${year}-07`, amount: '160000', reason: 'BACKDATED_RATE' }]);
    expect(await world.query('SELECT month, amount FROM entitlement.recoveries WHERE person_ref = $1', [personRef])).toEqual([]);
  });

  it('pays a level entered later on months paid only as arrears (a late decision), not only on months paid as such', async () => {
    const year = await world.freshYear();
    const personRef = randomUUID();
    // The province's July and August runs (another person): those months were run before the level below is entered.
    for (const month of [`${year}-07`, `${year}-08`]) await world.run(month, [{ personRef: randomUUID(), programme: 'social_pension', groupCode: 'SP_75_PLUS' }]);
    // Her social pension, signed in August from July, is first paid by September's run: July and August as arrears.
    const september = await world.run(`${year}-09`, [{ personRef, programme: 'social_pension', groupCode: 'SP_75_PLUS', attributes: { arrearsFrom: `${year}-07` } }]);
    expect(september.items[0].arrears).toEqual([
      { month: `${year}-07`, amount: '540000', reason: 'LATE_DECISION' },
      { month: `${year}-08`, amount: '540000', reason: 'LATE_DECISION' },
    ]);
    // That payment settled today, before the level below is entered.
    await world.query(
      `INSERT INTO entitlement.payments_received (event_id, payment_id, run_id, person_ref, programme, month, amount, outcome, occurred_on)
       VALUES ($1, $2, $3, $4, 'social_pension', $5, '1620000', 'settled', $6)`,
      [randomUUID(), `PAY-${randomUUID().slice(0, 20)}`, september.runId, personRef, `${year}-09`, new Date().toISOString().slice(0, 10)],
    );
    await world.enterStandardLevel('social_pension', `${year}-07`, `${year}-12`, '580000', { operator, approver });
    const { items } = await world.run(`${year}-10`, [{ personRef, programme: 'social_pension', groupCode: 'SP_75_PLUS' }]);
    expect(items[0].arrears).toEqual([
      { month: `${year}-07`, amount: '40000', reason: 'BACKDATED_RATE' },
      { month: `${year}-08`, amount: '40000', reason: 'BACKDATED_RATE' },
      { month: `${year}-09`, amount: '40000', reason: 'BACKDATED_RATE' },
    ]);
    expect(items[0].amount).toBe(String(580_000 + 3 * 40_000));
  });

  it('pays the suspended months when a suspension is lifted with arrears', async () => {
    const personRef = randomUUID();
    await paid(personRef, 'social_pension', '2026-12', '540000', '2026-12-08');
    const { items } = await world.run('2027-03', [{ personRef, programme: 'social_pension', groupCode: 'SP_75_PLUS', attributes: { arrearsAfterSuspension: true } }]);
    expect(items[0].arrears).toEqual([
      { month: '2027-01', amount: '540000', reason: 'RESUMED_AFTER_SUSPENSION' },
      { month: '2027-02', amount: '540000', reason: 'RESUMED_AFTER_SUSPENSION' },
    ]);
  });

  it('on a death reported late: recovers what was paid after it and pays funeral support in the next run', async () => {
    const { year, communeCode } = await world.funeralScope();
    const personRef = randomUUID();
    await paid(personRef, 'social_assistance', `${year}-04`, '810000', `${year}-04-05`);
    await paid(personRef, 'social_assistance', `${year}-05`, '810000', `${year}-05-05`);
    const death = { personRef, kind: 'death' as const, effectiveOn: `${year}-03-20`, programmes: ['social_assistance' as const], details: { communeCode } };
    await world.publish([createEvent(LifeEventRecorded, death, { correlationId: `test-death-${personRef}`, producer: 'eligibility' })]);

    const recoveries = await waitForRecoveries(personRef, 2);
    // One recovery per month overpaid; recorded in one statement, so their ids need not follow the months.
    expect(recoveries.map((r) => [r.month, r.amount, r.reason]).sort()).toEqual([
      [`${year}-04`, '810000', 'NOT_ELIGIBLE'],
      [`${year}-05`, '810000', 'NOT_ELIGIBLE'],
    ]);
    // The funeral support goes with the next run, though the person is no longer in its snapshot.
    const other = randomUUID();
    const { items } = await world.run(`${year}-06`, [{ personRef: other, programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' }], [communeCode]);
    expect(items.find((i) => i.personRef === personRef)).toEqual(
      expect.objectContaining({
        amount: '10800000',
        components: [expect.objectContaining({ kind: 'funeral_support', amount: '10800000', text: expect.stringMatching(/^20 × 540,000 = 10,800,000 funeral support/) })],
      }),
    );
  });

  it('pays funeral support with a run of the commune the person lived in when they died, never with a run of other communes', async () => {
    const { year } = await world.funeralScope();
    const personRef = randomUUID();
    const details = { communeCode: '30742' };
    const death = { personRef, kind: 'death' as const, effectiveOn: `${year}-03-20`, programmes: ['social_assistance' as const], details };
    await world.publish([createEvent(LifeEventRecorded, death, { correlationId: `test-death-${personRef}`, producer: 'eligibility' })]);
    await waitFor(async () => (await world.query('SELECT 1 FROM entitlement.one_offs WHERE person_ref = $1', [personRef])).length > 0, 30_000, 'the funeral support');
    const living = () => ({ personRef: randomUUID(), programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE' });

    // Eligibility sends no payee for the deceased with a run of another commune: the support waits for their own.
    const elsewhere = await world.run(`${year}-04`, [living()], ['30316']);
    expect(elsewhere.items.find((i) => i.personRef === personRef)).toBeUndefined();
    const [waiting] = await world.query<{ commune_code: string; claimed: boolean }>(
      `SELECT o.commune_code, EXISTS (SELECT 1 FROM entitlement.one_off_schedules s WHERE s.one_off_id = o.id) AS claimed FROM entitlement.one_offs o WHERE o.person_ref = $1`,
      [personRef],
    );
    expect(waiting).toEqual({ commune_code: '30742', claimed: false });

    const own = await world.run(`${year}-04`, [living()], ['30316', '30742']);
    expect(own.items.find((i) => i.personRef === personRef)).toEqual(
      expect.objectContaining({ amount: '10800000', components: [expect.objectContaining({ kind: 'funeral_support', amount: '10800000' })] }),
    );
  });

  it('tops up a funeral support paid before a higher standard level was entered for the month of death, once', async () => {
    const { year, communeCode } = await world.funeralScope();
    const personRef = randomUUID();
    const death = { personRef, kind: 'death' as const, effectiveOn: `${year}-03-20`, programmes: ['social_assistance' as const], details: { communeCode } };
    await world.publish([createEvent(LifeEventRecorded, death, { correlationId: `test-death-${personRef}`, producer: 'eligibility' })]);
    await waitFor(async () => (await world.query('SELECT 1 FROM entitlement.one_offs WHERE person_ref = $1', [personRef])).length > 0, 30_000, 'the funeral support');
    const living = { personRef: randomUUID(), programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE' };
    const funeralOf = (items: EntitlementItem[]) => items.find((i) => i.personRef === personRef);

    expect(funeralOf((await world.run(`${year}-04`, [living], [communeCode])).items)?.amount).toBe('10800000');
    // A level of 580,000 entered later for the whole year: 20 × 580,000 = 11,600,000 was owed for a death in March.
    await world.enterStandardLevel('social_assistance', `${year}-01`, `${year}-12`, '580000', { operator, approver });
    expect(funeralOf((await world.run(`${year}-05`, [living], [communeCode])).items)).toEqual(
      expect.objectContaining({
        amount: '800000',
        components: [
          expect.objectContaining({ kind: 'funeral_support', amount: '800000', text: expect.stringMatching(/^20 × 580,000 = 11,600,000 funeral support .*; 10,800,000 recorded before: 800,000 more$/) }),
        ],
      }),
    );
    expect(funeralOf((await world.run(`${year}-06`, [living], [communeCode])).items)).toBeUndefined();
  });

  describe('a death reported late, and a payment returned since', () => {
    const finance = { sub: 'arrears-fin', roles: ['finance' as const] };
    type Outcome = { paymentId: string; personRef: string; month: string; amount: string; outcome: 'settled' | 'returned' | 'not_collected'; occurredOn: string; resendOf?: string };
    type Line = { kind: 'regular' | 'arrears' | 'resent'; month: string; amount: string };

    /** As disbursement reports them: outcomes of one run's payments recorded together, handled by entitlement. */
    async function recorded(runId: string, outcomes: readonly (Outcome & { lines?: Line[] })[]): Promise<void> {
      const payload = { runId, outcomes: outcomes.map((o) => ({ outcomeId: randomUUID(), programme: 'social_assistance' as const, ...o })) };
      await world.handled(createEvent(PaymentOutcomesRecorded, payload, { correlationId: `test-${runId}`, producer: 'disbursement' }), 'the outcomes');
    }
    const paymentId = () => `P${randomUUID().replace(/-/g, '').slice(0, 30)}`;
    const died = (personRef: string, effectiveOn: string, communeCode: string) =>
      createEvent(LifeEventRecorded, { personRef, kind: 'death', effectiveOn, programmes: ['social_assistance'], details: { communeCode } }, { correlationId: `test-death-${personRef}`, producer: 'eligibility' });
    const recoveriesOf = async (personRef: string) =>
      (await world.http<{ items: { month: string; amount: string; reason: string; source: string }[] }>('GET', `/recoveries?personRef=${personRef}`, finance)).body.items
        .map((r) => [r.month, r.amount, r.reason, r.source])
        .sort();
    const reportTotal = async (year: number) => (await world.http<{ totals: { amount: string } }>('GET', `/reports/recoveries?from=${year}-01&to=${year}-12`, finance)).body.totals.amount;


    it('never recovers the funeral support once it is paid: it is no month of the deceased', async () => {
      const { year, communeCode } = await world.funeralScope();
      const personRef = randomUUID();
      await world.handled(died(personRef, `${year}-03-20`, communeCode), 'the death');
      const { runId, items } = await world.run(`${year}-04`, [{ personRef: randomUUID(), programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' }], [communeCode]);
      expect(items.find((i) => i.personRef === personRef)?.amount).toBe('10800000');
      // Disbursement reports the item's components (the funeral support) as the regular line of April's payment.
      await recorded(runId, [
        { paymentId: paymentId(), personRef, month: `${year}-04`, amount: '10800000', outcome: 'settled', occurredOn: `${year}-04-10`, lines: [{ kind: 'regular', month: `${year}-04`, amount: '10800000' }] },
      ]);
      expect(await recoveriesOf(personRef)).toEqual([]);
    });
    it('recovers the month not collected and carried into the next payment too (1,620,000), and gives it all back when that payment is returned', async () => {
      // 1.5 × 540,000 = 810,000 a month. Died on 20 January; February's payment was not collected, March's run carried
      // it over and its payment of 1,620,000 was collected; the death is reported in April. Then the bank returns March's.
      const { year, communeCode } = await world.funeralScope();
      const personRef = randomUUID();
      const child = [{ personRef, programme: 'social_assistance' as const, groupCode: 'SA_CHILD_NO_SUPPORT_4_16', communeCode }];
      const february = await world.run(`${year}-02`, child, [communeCode]);
      const regular = (month: string): Line => ({ kind: 'regular', month, amount: '810000' });
      await recorded(february.runId, [{ paymentId: paymentId(), personRef, month: `${year}-02`, amount: '810000', outcome: 'not_collected', occurredOn: `${year}-02-20`, lines: [regular(`${year}-02`)] }]);
      const march = await world.run(`${year}-03`, child, [communeCode]);
      expect(march.items.find((i) => i.personRef === personRef)).toMatchObject({ amount: '1620000', arrears: [{ month: `${year}-02`, amount: '810000', reason: 'UNPAID_CARRY_OVER' }] });
      const paid = { paymentId: paymentId(), personRef, month: `${year}-03`, amount: '1620000', lines: [regular(`${year}-03`), { kind: 'arrears' as const, month: `${year}-02`, amount: '810000' }] };
      await recorded(march.runId, [{ ...paid, outcome: 'settled', occurredOn: `${year}-03-10` }]);

      await world.handled(died(personRef, `${year}-01-20`, communeCode), 'the death');
      expect(await recoveriesOf(personRef)).toEqual([
        [`${year}-02`, '810000', 'NOT_ELIGIBLE', 'death'],
        [`${year}-03`, '810000', 'NOT_ELIGIBLE', 'death'],
      ]);

      await recorded(march.runId, [{ ...paid, outcome: 'returned', occurredOn: `${year}-04-12` }]);
      expect(await recoveriesOf(personRef)).toEqual([
        [`${year}-02`, '-810000', 'REVERSED', 'outcome'],
        [`${year}-02`, '810000', 'NOT_ELIGIBLE', 'death'],
        [`${year}-03`, '-810000', 'REVERSED', 'outcome'],
        [`${year}-03`, '810000', 'NOT_ELIGIBLE', 'death'],
      ]);
      expect(await reportTotal(year)).toBe('0');
    });

    it('counts a month whose returned payment disbursement re-sent as paid once: no overpayment in the next run, and once recovered after a death', async () => {
      // February's 810,000 is returned (account closed) and re-sent, in the same run, to a corrected account, where it
      // settles. March looks at February again (a returned payment): owed 810,000, paid 810,000, nothing to recover.
      const { year, communeCode } = await world.funeralScope();
      const personRef = randomUUID();
      const child = [{ personRef, programme: 'social_assistance' as const, groupCode: 'SA_CHILD_NO_SUPPORT_4_16', communeCode }];
      const february = await world.run(`${year}-02`, child, [communeCode]);
      const original = { paymentId: paymentId(), personRef, month: `${year}-02`, amount: '810000' };
      await recorded(february.runId, [
        { ...original, outcome: 'settled', occurredOn: `${year}-02-05`, lines: [{ kind: 'regular', month: `${year}-02`, amount: '810000' }] },
        { ...original, outcome: 'returned', occurredOn: `${year}-02-09`, lines: [{ kind: 'regular', month: `${year}-02`, amount: '810000' }] },
      ]);
      const resend = { paymentId: paymentId(), personRef, month: `${year}-02`, amount: '810000', resendOf: original.paymentId };
      await recorded(february.runId, [{ ...resend, outcome: 'settled', occurredOn: `${year}-02-20`, lines: [{ kind: 'resent', month: `${year}-02`, amount: '810000' }] }]);

      const march = await world.run(`${year}-03`, child, [communeCode]);
      expect(march.items.find((i) => i.personRef === personRef)).toMatchObject({ amount: '810000', arrears: [] });
      expect(await recoveriesOf(personRef)).toEqual([]);

      await world.handled(died(personRef, `${year}-01-20`, communeCode), 'the death');
      expect(await recoveriesOf(personRef)).toEqual([[`${year}-02`, '810000', 'NOT_ELIGIBLE', 'death']]);
    });

    it('gives back a recovery raised on a payment after the death once the bank returns it; one settled and returned at once raises none', async () => {
      // Died on 10 January, recorded; February's 810,000 then settles (to recover), and comes back.
      const { year, communeCode } = await world.funeralScope();
      const personRef = randomUUID();
      await world.handled(died(personRef, `${year}-01-10`, communeCode), 'the death');
      const runId = randomUUID();
      const february = { paymentId: paymentId(), personRef, month: `${year}-02`, amount: '810000' };
      await recorded(runId, [{ ...february, outcome: 'settled', occurredOn: `${year}-02-05` }]);
      expect(await recoveriesOf(personRef)).toEqual([[`${year}-02`, '810000', 'NOT_ELIGIBLE', 'outcome']]);
      await recorded(runId, [{ ...february, outcome: 'returned', occurredOn: `${year}-02-25` }]);
      expect(await recoveriesOf(personRef)).toEqual([
        [`${year}-02`, '-810000', 'REVERSED', 'outcome'],
        [`${year}-02`, '810000', 'NOT_ELIGIBLE', 'outcome'],
      ]);

      // March's settled and returned on one day in one event (a statement returning a payment never reported settled).
      const march = { paymentId: paymentId(), personRef, month: `${year}-03`, amount: '810000', occurredOn: `${year}-03-06` };
      await recorded(runId, [
        { ...march, outcome: 'settled' },
        { ...march, outcome: 'returned' },
      ]);
      expect((await recoveriesOf(personRef)).filter(([month]) => month === `${year}-03`)).toEqual([]);
      expect(await reportTotal(year)).toBe('0');
    });

    it('counts arrears carried by a payment not collected and then re-sent and collected as paid: nothing owed again', async () => {
      // A child aged out: an arrears-only payment of November carries July to September's Decree 335 difference
      // (60,000 each). The post office cannot pay it; disbursement re-sends it to a bank account, where it settles.
      const personRef = randomUUID();
      for (const month of ['2026-07', '2026-08', '2026-09']) await paid(personRef, 'social_assistance', month, '750000', `${month}-10`);
      const item = {
        personRef, programme: 'social_assistance' as const, groupCode: 'SA_CHILD_NO_SUPPORT_4_16',
        attributes: { family: 'SA_CHILD_NO_SUPPORT', arrearsOnly: true, arrearsFrom: '2026-06', arrearsMonths: JSON.stringify([{ month: '2026-10', owed: false }]) },
      };
      const november = await world.run('2026-11', [item]);
      expect(november.items[0]).toMatchObject({ amount: '180000' });
      const lines = (kind: 'arrears' | 'resent'): Line[] => ['2026-07', '2026-08', '2026-09'].map((month) => ({ kind, month, amount: '60000' }));
      const original = { paymentId: paymentId(), personRef, month: '2026-11', amount: '180000' };
      await recorded(november.runId, [{ ...original, outcome: 'not_collected', occurredOn: '2026-11-20', lines: lines('arrears') }]);
      await recorded(november.runId, [
        { paymentId: paymentId(), personRef, month: '2026-11', amount: '180000', resendOf: original.paymentId, outcome: 'settled', occurredOn: '2026-11-28', lines: lines('resent') },
      ]);
      const december = await world.run('2026-12', [item]);
      expect(december.items.find((i) => i.personRef === personRef)?.arrears ?? []).toEqual([]);
    });
  });

  async function waitForLedger(personRef: string): Promise<void> {
    await waitFor(async () => (await world.query('SELECT 1 FROM entitlement.payments_received WHERE person_ref = $1', [personRef])).length > 0, 30_000, 'the outcome in the ledger');
  }

  async function waitForRecoveries(personRef: string, count: number) {
    return waitFor(async () => {
      const { body } = await world.http<{ items: { month: string; amount: string; reason: string }[] }>('GET', `/recoveries?personRef=${personRef}`, { sub: 'fin', roles: ['finance'] });
      return body.items.length >= count ? body.items : undefined;
    }, 30_000, 'recoveries');
  }
});
