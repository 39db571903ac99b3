import { randomUUID } from 'node:crypto';
import { LifeEventRecorded, PaymentOutcomeRecorded, createEvent } from '@benefits/contracts';
import { waitFor } from '@benefits/testing';
import { EntitlementWorld, item } from './world';

jest.setTimeout(180_000);

const operator = { sub: 'terminations-op', roles: ['operator' as const] };
const approver = { sub: 'terminations-approver', roles: ['approver' as const] };
const finance = { sub: 'terminations-fin', roles: ['finance' as const] };

/** 2.0 × 540,000 = 1,080,000 (the higher group, paid) and 1.5 × 540,000 = 810,000. */
const HIGHER = 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY';
const LOWER = 'SA_ELDERLY_POOR_NO_SUPPORT_60_80';

interface Recovery {
  month: string;
  programme: string;
  owed: string;
  paid: string;
  amount: string;
  reason: string;
  source: string;
  explanation: string[];
}

describe('a decision terminated with a last day paid in the past (real PostgreSQL and Kafka)', () => {
  let world: EntitlementWorld;

  beforeAll(async () => {
    world = await EntitlementWorld.start();
  });
  afterAll(() => world?.stop());

  const recoveriesOf = async (personRef: string) =>
    (await world.http<{ items: Recovery[] }>('GET', `/recoveries?personRef=${personRef}`, finance)).body.items.sort((a, b) => a.month.localeCompare(b.month));

  /**
   * As disbursement reports it: the person's payment of a run settled (or returned), and handled by entitlement.
   * Returns the payment's id.
   */
  async function settle(
    runId: string,
    personRef: string,
    month: string,
    amount: string,
    outcome: 'settled' | 'returned' = 'settled',
    paymentId = `P${randomUUID().replace(/-/g, '').slice(0, 30)}`,
  ): Promise<string> {
    const payment = { paymentId, runId, personRef, programme: 'social_assistance' as const };
    const event = createEvent(PaymentOutcomeRecorded, { ...payment, month, amount, outcome, occurredOn: new Date().toISOString().slice(0, 10) }, { correlationId: `test-${runId}`, producer: 'disbursement' });
    await world.handled(event, 'the outcome');
    return paymentId;
  }

  /** January to March of `year` calculated at `amount` (the person's social assistance) and paid: each month's run and payment. */
  async function paidFirstQuarter(year: number, personRef: string, items: Parameters<typeof item>[0][], amount: string): Promise<{ runId: string; paymentId: string }[]> {
    const payments: { runId: string; paymentId: string }[] = [];
    for (const month of [`${year}-01`, `${year}-02`, `${year}-03`]) {
      const paid = await world.run(month, items);
      expect(paid.items).toEqual([expect.objectContaining({ personRef, programme: 'social_assistance', amount })]);
      payments.push({ runId: paid.runId, paymentId: await settle(paid.runId, personRef, month, amount) });
    }
    return payments;
  }

  /** As eligibility publishes it (the termination service, or with a death of the person cared for). */
  const lifeEvent = (personRef: string, kind: 'decision_terminated' | 'cared_for_died', effectiveOn: string, details: Record<string, string>) =>
    createEvent(LifeEventRecorded, { personRef, kind, effectiveOn, programmes: ['social_assistance'], details }, { correlationId: `test-${kind}-${personRef}`, producer: 'eligibility' });

  /**
   * The severe disability decision amended from February to especially severe, as eligibility's amendment publishes
   * it (handled); the amending decision's item, owed from February (eligibility's late-decision window).
   */
  async function amendToEspeciallySevere(year: number, severe: { personRef: string; decisionId: string }) {
    const amended = lifeEvent(severe.personRef, 'decision_terminated', `${year}-01-31`, {
      decisionId: severe.decisionId,
      decisionNumber: '12/QĐ-UBND',
      groupCode: 'SA_DISABLED_SEVERE',
      reasonCode: 'AMENDED',
      amendedBy: randomUUID(),
      amendingGroupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
    });
    await world.handled(amended, 'the amendment');
    return {
      personRef: severe.personRef,
      decisionId: randomUUID(),
      programme: 'social_assistance' as const,
      groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY',
      ageYears: 70,
      attributes: { family: 'SA_DISABLED_ESPECIALLY_SEVERE', arrearsFrom: `${year}-02` },
    };
  }

  /** A standard level of 580,000 for the whole year, entered now and approved by a second person. */
  const raiseLevelOf = (year: number) => world.enterStandardLevel('social_assistance', `${year}-01`, `${year}-12`, '580000', { operator, approver });

  it('recovers, month by month, what the terminated decision added; once; and a later run does not pay it back', async () => {
    const year = await world.freshYear();
    const personRef = randomUUID();
    // As eligibility sends them: the band of the month, and the register's group (family) a termination names.
    const higher = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: HIGHER, attributes: { family: 'SA_DISABLED_SEVERE' } };
    const lower = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: LOWER, attributes: { family: 'SA_ELDERLY_POOR_NO_SUPPORT' } };
    await paidFirstQuarter(year, personRef, [higher, lower], '1080000');

    const terminated = lifeEvent(personRef, 'decision_terminated', `${year}-01-15`, {
      decisionId: higher.decisionId,
      decisionNumber: '12/QĐ-UBND',
      groupCode: 'SA_DISABLED_SEVERE',
      reasonCode: 'NO_LONGER_ELIGIBLE',
      lastDayPaid: `${year}-01-15`,
      terminatedFrom: `${year}-01-16`,
      firstMonthNotPaid: `${year}-02`,
      byDecisionNumber: '45/QĐ-UBND',
      bySigningLevel: 'commune',
      bySignedOn: `${year}-04-02`,
    });
    await world.publish([terminated]);
    const recovered = await waitFor(async () => {
      const items = await recoveriesOf(personRef);
      return items.length >= 2 ? items : undefined;
    }, 30_000, 'recoveries');
    expect(recovered.map((r) => [r.month, r.programme, r.owed, r.paid, r.amount, r.reason, r.source])).toEqual([
      [`${year}-02`, 'social_assistance', '810000', '1080000', '270000', 'OVERPAID', 'termination'],
      [`${year}-03`, 'social_assistance', '810000', '1080000', '270000', 'OVERPAID', 'termination'],
    ]);
    expect(recovered[0].explanation[0]).toBe(`decision 12/QĐ-UBND terminated, last day paid ${year}-01-15 (reason NO_LONGER_ELIGIBLE): from ${year}-02 it is not owed`);
    // An operator of another programme (Home Affairs: meritorious) does not read them; one of social assistance does.
    const ofOperator = async (programmes: string[]) =>
      (await world.http<{ items: Recovery[] }>('GET', `/recoveries?personRef=${personRef}`, { sub: 'op-recoveries', roles: ['operator'], programmes })).body.items;
    expect(await ofOperator(['meritorious'])).toEqual([]);
    expect(await ofOperator(['social_assistance', 'social_pension'])).toHaveLength(2);

    // The same event redelivered, and the same termination published again under a new event id: nothing new.
    const again = createEvent(LifeEventRecorded, terminated.envelope.payload as never, { correlationId: `test-termination-${personRef}`, producer: 'eligibility' });
    await world.publish([terminated]);
    await world.handled(again, 'the second event');
    expect(await recoveriesOf(personRef)).toHaveLength(2);
    expect(await world.query('SELECT event_id FROM entitlement.terminations WHERE decision_id = $1', [higher.decisionId])).toEqual([{ event_id: terminated.envelope.eventId }]);

    // A rate table entered later for those months (580,000): the next run looks at them again. Only the lower group's
    // increase is owed after the last day paid (1.5 × 40,000); the month of the last day paid keeps the higher one.
    await raiseLevelOf(year);
    const next = await world.run(`${year}-04`, [lower]);
    expect(next.items).toEqual([expect.objectContaining({ personRef, amount: String(870_000 + 80_000 + 60_000 + 60_000) })]);
    expect(next.items[0].arrears.map((a) => [a.month, a.amount, a.reason])).toEqual([
      [`${year}-01`, '80000', 'BACKDATED_RATE'],
      [`${year}-02`, '60000', 'BACKDATED_RATE'],
      [`${year}-03`, '60000', 'BACKDATED_RATE'],
    ]);
    expect(await recoveriesOf(personRef)).toHaveLength(2);
  });

  it('gives back what was recovered for a month when the bank returns its payment; a re-send that settles recovers it again', async () => {
    const year = await world.freshYear();
    const personRef = randomUUID();
    const higher = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: HIGHER, attributes: { family: 'SA_DISABLED_SEVERE' } };
    const lower = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: LOWER, attributes: { family: 'SA_ELDERLY_POOR_NO_SUPPORT' } };
    const [, , march] = await paidFirstQuarter(year, personRef, [higher, lower], '1080000');
    await world.handled(
      lifeEvent(personRef, 'decision_terminated', `${year}-01-31`, { decisionId: higher.decisionId, decisionNumber: '12/QĐ-UBND', groupCode: 'SA_DISABLED_SEVERE', reasonCode: 'NO_LONGER_ELIGIBLE' }),
      'the termination',
    );
    const amounts = async () => (await recoveriesOf(personRef)).map((r) => [r.month, r.owed, r.paid, r.amount, r.reason, r.source]);
    expect(await amounts()).toEqual([
      [`${year}-02`, '810000', '1080000', '270000', 'OVERPAID', 'termination'],
      [`${year}-03`, '810000', '1080000', '270000', 'OVERPAID', 'termination'],
    ]);

    // The bank returns March's 1,080,000: nothing of March reached the person, so its 270,000 is not to recover.
    await settle(march.runId, personRef, `${year}-03`, '1080000', 'returned', march.paymentId);
    const reversed = [`${year}-03`, '810000', '-270000', '-270000', 'REVERSED', 'outcome'];
    expect(await amounts()).toEqual([
      [`${year}-02`, '810000', '1080000', '270000', 'OVERPAID', 'termination'],
      [`${year}-03`, '810000', '1080000', '270000', 'OVERPAID', 'termination'],
      reversed,
    ]);
    const [reversal] = (await recoveriesOf(personRef)).filter((r) => r.reason === 'REVERSED');
    expect(reversal.explanation.slice(-1)).toEqual(['recovered 270,000 before, 0 to recover now: 270,000 given back (REVERSED)']);

    // Re-sent (a payment of its own) and settled: March paid 1,080,000 again, and 270,000 of it is to recover again.
    await settle(march.runId, personRef, `${year}-03`, '1080000', 'settled');
    expect(await amounts()).toEqual([
      [`${year}-02`, '810000', '1080000', '270000', 'OVERPAID', 'termination'],
      [`${year}-03`, '810000', '1080000', '270000', 'OVERPAID', 'termination'],
      reversed,
      [`${year}-03`, '810000', '1080000', '270000', 'OVERPAID', 'outcome'],
    ]);
  });

  it('pays the social pension as arrears for the months a terminated higher social assistance was paid instead of it', async () => {
    // 2.0 × 540,000 = 1,080,000 of social assistance was paid; the social pension 540,000 was not (only the higher).
    const year = await world.freshYear();
    const personRef = randomUUID();
    const assistance = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: HIGHER, ageYears: 80 };
    const pension = { personRef, decisionId: randomUUID(), programme: 'social_pension' as const, groupCode: 'SP_75_PLUS', ageYears: 80 };
    await paidFirstQuarter(year, personRef, [assistance, pension], '1080000');

    await world.publish([
      lifeEvent(personRef, 'decision_terminated', `${year}-01-31`, { decisionId: assistance.decisionId, decisionNumber: '31/QĐ-UBND', groupCode: HIGHER, reasonCode: 'NO_LONGER_ELIGIBLE' }),
    ]);
    const recovered = await waitFor(async () => {
      const items = await recoveriesOf(personRef);
      return items.length >= 2 ? items : undefined;
    }, 30_000, 'recoveries');
    expect(recovered.map((r) => [r.month, r.programme, r.owed, r.paid, r.amount, r.reason])).toEqual([
      [`${year}-02`, 'social_assistance', '0', '1080000', '1080000', 'NOT_ELIGIBLE'],
      [`${year}-03`, 'social_assistance', '0', '1080000', '1080000', 'NOT_ELIGIBLE'],
    ]);
    expect(recovered[0].explanation).toContain('owed instead: social_pension 540,000, paid as arrears by the next run');

    // The next run pays the pension of April and, as arrears, of February and March; the run after it nothing again.
    const next = await world.run(`${year}-04`, [pension]);
    expect(next.items).toEqual([expect.objectContaining({ personRef, programme: 'social_pension', amount: String(3 * 540_000) })]);
    expect(next.items[0].arrears.map((a) => [a.month, a.amount, a.reason])).toEqual([
      [`${year}-02`, '540000', 'HIGHER_BENEFIT_ENDED'],
      [`${year}-03`, '540000', 'HIGHER_BENEFIT_ENDED'],
    ]);
    const after = await world.run(`${year}-05`, [pension]);
    expect(after.items).toEqual([expect.objectContaining({ personRef, programme: 'social_pension', amount: '540000', arrears: [] })]);
    expect(await recoveriesOf(personRef)).toHaveLength(2);
  });

  it('recovers the care allowance for a foster child who died from the foster mother, and no later run pays it back', async () => {
    // Her own 1.5 × 540,000 = 810,000, and 2.5 × 540,000 = 1,350,000 for each of the two children under 4 she fosters.
    const year = await world.freshYear();
    const personRef = randomUUID();
    const [died, lives] = [randomUUID(), randomUUID()];
    const own = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: LOWER };
    const care = (caredForRef: string) => ({ personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: 'CARE_FOSTER_CHILD_U4', attributes: { caredForRef } });
    const [careOfDied, careOfLives] = [care(died), care(lives)];
    await paidFirstQuarter(year, personRef, [own, careOfDied, careOfLives], '3510000');

    // Eligibility publishes it with the child's death, keyed by the foster mother.
    const ended = lifeEvent(personRef, 'cared_for_died', `${year}-01-20`, {
      decisionId: careOfDied.decisionId,
      decisionNumber: 'F-7/QĐ-UBND',
      groupCode: 'CARE_FOSTER_CHILD',
      caredForRef: died,
    });
    await world.publish([ended, ended]);
    const recovered = await waitFor(async () => {
      const items = await recoveriesOf(personRef);
      return items.length >= 2 ? items : undefined;
    }, 30_000, 'recoveries');
    expect(recovered.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason, r.source])).toEqual([
      [`${year}-02`, '2160000', '3510000', '1350000', 'OVERPAID', 'termination'],
      [`${year}-03`, '2160000', '3510000', '1350000', 'OVERPAID', 'termination'],
    ]);
    expect(recovered[0].explanation[0]).toBe(
      `decision F-7/QĐ-UBND: the person cared for died on ${year}-01-20 (reason CARED_FOR_DECEASED): from ${year}-02 the care allowance for them is not owed`,
    );

    // A rate table entered later for those months (580,000): the next run looks at them again. January is owed the
    // increase of all three items; February and March of her own and the living child's only (60,000 + 100,000).
    await raiseLevelOf(year);
    const next = await world.run(`${year}-04`, [own, careOfLives]);
    expect(next.items[0].arrears.map((a) => [a.month, a.amount, a.reason])).toEqual([
      [`${year}-01`, '260000', 'BACKDATED_RATE'],
      [`${year}-02`, '160000', 'BACKDATED_RATE'],
      [`${year}-03`, '160000', 'BACKDATED_RATE'],
    ]);
    expect(next.items).toEqual([expect.objectContaining({ personRef, amount: String(870_000 + 1_450_000 + 260_000 + 160_000 + 160_000) })]);
    expect(await recoveriesOf(personRef)).toHaveLength(2);
  });

  it('recovers the care allowance of the household whose foster child died, when another household fosters one in the same group', async () => {
    // Two households, each paid 2.5 × 540,000 = 1,350,000 for the one child under 4 it fosters, priced in the same runs:
    // identical but for the child, so each month's calculation could be stored once for both.
    const year = await world.freshYear();
    const [first, second] = [randomUUID(), randomUUID()].sort();
    const fostering = (personRef: string) => ({
      personRef,
      decisionId: randomUUID(),
      programme: 'social_assistance' as const,
      groupCode: 'CARE_FOSTER_CHILD_U4',
      attributes: { family: 'CARE_FOSTER_CHILD', caredForRef: randomUUID() },
    });
    const households = [fostering(first), fostering(second)];
    for (const month of [`${year}-01`, `${year}-02`, `${year}-03`]) {
      const paid = await world.run(month, households);
      expect(paid.items.map((i) => [i.personRef, i.amount])).toEqual(households.map((h) => [h.personRef, '1350000']));
      for (const h of households) await settle(paid.runId, h.personRef, month, '1350000');
    }

    // The second household's child (after the first in person order) died in January.
    const died = households[1];
    await world.handled(
      lifeEvent(second, 'cared_for_died', `${year}-01-20`, {
        decisionId: died.decisionId,
        decisionNumber: 'F-9/QĐ-UBND',
        groupCode: 'CARE_FOSTER_CHILD',
        caredForRef: died.attributes.caredForRef,
      }),
      'the death of the child',
    );
    expect((await recoveriesOf(second)).map((r) => [r.month, r.owed, r.paid, r.amount])).toEqual([
      [`${year}-02`, '0', '1350000', '1350000'],
      [`${year}-03`, '0', '1350000', '1350000'],
    ]);
    expect(await recoveriesOf(first)).toEqual([]);
  });

  it('raises nothing for a decision amended from a past month, when the payment carrying the difference settles', async () => {
    // Severe disability at 60+: 2.0 × 540,000 = 1,080,000 paid; amended from February to especially severe, 2.5 × 540,000.
    const year = await world.freshYear();
    const personRef = randomUUID();
    const severe = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: HIGHER, ageYears: 70, attributes: { family: 'SA_DISABLED_SEVERE' } };
    await paidFirstQuarter(year, personRef, [severe], '1080000');

    // The amending decision, owed from February (eligibility's late-decision window): the run pays the difference.
    const especially = await amendToEspeciallySevere(year, severe);
    const next = await world.run(`${year}-04`, [especially]);
    expect(next.items[0].arrears.map((a) => [a.month, a.amount])).toEqual([
      [`${year}-02`, '270000'],
      [`${year}-03`, '270000'],
    ]);
    await settle(next.runId, personRef, `${year}-04`, String(1_350_000 + 2 * 270_000));
    expect(await recoveriesOf(personRef)).toEqual([]);

    // A rate table entered later for those months (580,000): each month is owed its increase on the decision in force
    // then (January 2.0 × 40,000, then 2.5 × 40,000); nothing is recovered.
    await raiseLevelOf(year);
    const later = await world.run(`${year}-05`, [{ ...especially, attributes: { family: 'SA_DISABLED_ESPECIALLY_SEVERE' } }]);
    expect(later.items[0].arrears.map((a) => [a.month, a.amount, a.reason])).toEqual([
      [`${year}-01`, '80000', 'BACKDATED_RATE'],
      [`${year}-02`, '100000', 'BACKDATED_RATE'],
      [`${year}-03`, '100000', 'BACKDATED_RATE'],
      [`${year}-04`, '100000', 'BACKDATED_RATE'],
    ]);
    expect(await recoveriesOf(personRef)).toEqual([]);
  });

  it('prices the months an amendment covers with the amending decision, after that decision has ended too', async () => {
    // Severe disability (2.0) beside the elderly group (1.5): 1,080,000 paid. Amended from February to especially
    // severe (2.5 × 540,000 = 1,350,000), paid in April; the especially severe decision then ended on 30 April.
    const year = await world.freshYear();
    const personRef = randomUUID();
    const severe = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: HIGHER, ageYears: 70, attributes: { family: 'SA_DISABLED_SEVERE' } };
    const lower = { personRef, decisionId: randomUUID(), programme: 'social_assistance' as const, groupCode: LOWER, ageYears: 70, attributes: { family: 'SA_ELDERLY_POOR_NO_SUPPORT' } };
    await paidFirstQuarter(year, personRef, [severe, lower], '1080000');
    const especially = await amendToEspeciallySevere(year, severe);
    const april = await world.run(`${year}-04`, [especially, lower]);
    expect(april.items[0].arrears.map((a) => [a.month, a.amount])).toEqual([
      [`${year}-02`, '270000'],
      [`${year}-03`, '270000'],
    ]);
    await settle(april.runId, personRef, `${year}-04`, String(1_350_000 + 2 * 270_000));
    const ended = lifeEvent(personRef, 'decision_terminated', `${year}-04-30`, {
      decisionId: especially.decisionId,
      decisionNumber: '40/QĐ-UBND',
      groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
      reasonCode: 'NO_LONGER_ELIGIBLE',
    });
    await world.handled(ended, 'the end of the amending decision');

    // 580,000 entered later for the year: February to April are owed 2.5 × 40,000 more, not re-priced with the
    // elderly group alone (1.5 × 580,000 = 870,000, which would ask 480,000 back for each of them).
    await raiseLevelOf(year);
    const may = await world.run(`${year}-05`, [lower]);
    expect(may.items[0].arrears.map((a) => [a.month, a.amount, a.reason])).toEqual([
      [`${year}-01`, '80000', 'BACKDATED_RATE'],
      [`${year}-02`, '100000', 'BACKDATED_RATE'],
      [`${year}-03`, '100000', 'BACKDATED_RATE'],
      [`${year}-04`, '100000', 'BACKDATED_RATE'],
    ]);
    expect(may.items[0].amount).toBe(String(870_000 + 80_000 + 3 * 100_000));
    expect(await recoveriesOf(personRef)).toEqual([]);
  });
});
