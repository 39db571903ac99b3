import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { callApi as api, startService, waitFor, type RunningService } from '@benefits/testing';
import { communeRunCalculated, connectProducer, nationalId, reportOutcome } from './support/kafka';

/**
 * Benefits ended late, through the real eligibility and entitlement services over Kafka: what eligibility sends (its
 * snapshot's items, its life events) is what entitlement reads. The test stands in for disbursement: it asks for the
 * runs and reports the payments settled. January and February 2025 are paid, then a fact dated in January is
 * recorded: February is recovered, in full, for finance.
 */
const OPERATOR = { sub: 'e2e.termination.operator', roles: ['operator' as const] };
const FINANCE = { sub: 'e2e.termination.finance', roles: ['finance' as const] };
const COMMUNE = '30742';
const MONTHS = ['2025-01', '2025-02'];

jest.setTimeout(180_000);

/** A person of the commune with one decision, effective December 2024 to February 2025: no later run finds them. */
function person(sex: 'female' | 'male', dateOfBirth: string, decision: Record<string, string>) {
  return {
    nationalId: nationalId(sex, dateOfBirth),
    fullName: sex === 'female' ? 'Trần Thị Hoa' : 'Lê Văn Phúc',
    sex,
    dateOfBirth,
    household: { code: `HH-${randomUUID()}`, povertyYear: 2025, povertyStatus: 'poor' },
    residence: { communeCode: COMMUNE, from: dateOfBirth > '1990-01-01' ? dateOfBirth : '1990-01-01' },
    decision: {
      programme: 'social_assistance',
      decisionNumber: `E2E-${randomUUID().slice(0, 8)}/QĐ-UBND`,
      signingLevel: 'commune',
      signedOn: '2024-11-20',
      effectiveFrom: '2024-12-01',
      effectiveTo: '2025-02-28',
      ...decision,
    },
    destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789' },
  };
}

interface RecoveryRow {
  month: string;
  programme: string;
  owed: string;
  paid: string;
  amount: string;
  reason: string;
  source: string;
}

/**
 * February's outcome and the termination reach entitlement on different topics, in either order: whichever it reads
 * second raises the recovery ('termination' or 'outcome'), of the same amount. Entitlement's terminations int-spec
 * reads the termination after the outcomes, for the first.
 */
const RAISED_BY_EITHER = expect.stringMatching(/^(termination|outcome)$/);

describe('a decision terminated late, eligibility to entitlement', () => {
  let eligibility: RunningService;
  let entitlement: RunningService;
  let producer: Producer;

  beforeAll(async () => {
    [eligibility, entitlement] = await Promise.all([startService('eligibility'), startService('entitlement')]);
    producer = await connectProducer('termination');
  });
  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all([eligibility, entitlement].filter(Boolean).map((s) => s.stop()));
  });

  /** As disbursement does: request the run of the commune; entitlement calculates it; the person's payment settles. */
  async function paidRun(month: string, personRef: string): Promise<string> {
    const runId = await communeRunCalculated(producer, entitlement, OPERATOR, { month, communeCode: COMMUNE });
    const person = await api<{ lines: { programme: string; total: string }[] }>(entitlement, OPERATOR, 'GET', `/runs/${runId}/persons/${personRef}`);
    expect(person.body.lines).toEqual([expect.objectContaining({ programme: 'social_assistance' })]);
    const amount = person.body.lines[0].total;
    await reportOutcome(producer, { runId, personRef, month, amount, outcome: 'settled' });
    return amount;
  }

  const register = async (body: object) => {
    const registered = await api<{ personRef: string; decisionId: string }>(eligibility, OPERATOR, 'POST', '/persons', body);
    expect(registered.status).toBe(201);
    return registered.body;
  };

  const recoveriesOf = (personRef: string) =>
    waitFor(async () => {
      const page = await api<{ items: RecoveryRow[] }>(entitlement, FINANCE, 'GET', `/recoveries?personRef=${personRef}`);
      return page.body.items.length > 0 ? page.body.items : undefined;
    }, 60_000, 'the recovery');

  it('recovers February in full once the decision is terminated with a last day paid in January', async () => {
    // Poor, 84 in January 2025, alone: SA_ELDERLY_POOR_NO_SUPPORT, paid in the band of 80 and over.
    const { personRef, decisionId } = await register(person('female', '1940-03-02', { groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT' }));

    const [, february] = [await paidRun(MONTHS[0], personRef), await paidRun(MONTHS[1], personRef)];

    const terminated = await api(eligibility, OPERATOR, 'POST', `/persons/${personRef}/decisions/${decisionId}/terminate`, {
      effectiveTo: '2025-01-31',
      reasonCode: 'NO_LONGER_ELIGIBLE',
      decisionNumber: '77/QĐ-UBND',
      signingLevel: 'commune',
      signedOn: '2025-03-10',
    });
    expect(terminated.status).toBe(201);

    const recovered = await recoveriesOf(personRef);
    expect(recovered.map((r) => [r.month, r.programme, r.owed, r.paid, r.amount, r.reason, r.source])).toEqual([
      ['2025-02', 'social_assistance', '0', february, february, 'NOT_ELIGIBLE', RAISED_BY_EITHER],
    ]);
  });

  it('recovers February\'s care allowance from the foster mother once the death of the child in January is recorded', async () => {
    // The child's own benefit is not social assistance, so that the death raises no funeral support: a one-off waiting
    // for "the next run" would be paid by whichever test's run comes next, and change what that test expects.
    const childId = nationalId('male', '2021-05-01');
    const child = await register({ ...person('male', '2021-05-01', { programme: 'meritorious', groupCode: 'NCC_MARTYR_RELATIVE_1' }), nationalId: childId });
    // Her only decision: the care allowance for the child she fosters (CARE_FOSTER_CHILD, paid as …_U4), paid to her.
    const mother = await register(person('female', '1975-08-12', { groupCode: 'CARE_FOSTER_CHILD', caredForNationalId: childId }));

    const [, february] = [await paidRun(MONTHS[0], mother.personRef), await paidRun(MONTHS[1], mother.personRef)];
    expect((await api(eligibility, OPERATOR, 'POST', `/persons/${child.personRef}/life-events`, { kind: 'death', effectiveOn: '2025-01-20' })).status).toBe(201);

    const recovered = await recoveriesOf(mother.personRef);
    expect(recovered.map((r) => [r.month, r.programme, r.owed, r.paid, r.amount, r.reason, r.source])).toEqual([
      ['2025-02', 'social_assistance', '0', february, february, 'NOT_ELIGIBLE', RAISED_BY_EITHER],
    ]);
  });
});
