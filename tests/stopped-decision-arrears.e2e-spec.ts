import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { callApi as api, startService, waitFor, type RunningService } from '@benefits/testing';
import { communeRunCalculated, connectProducer, nationalId, reportOutcome } from './support/kafka';

/**
 * What a decision that has stopped still owes, through the real eligibility and entitlement services over Kafka. The
 * test stands in for disbursement: it asks for the runs and reports the outcomes. A decision paid to the end of May
 * 2025 whose May payment was not collected: the June run no longer pays June, but still pays May (eligibility sends
 * the decision as an arrears-only item; entitlement's ledger names the month). Months after the termination spec's
 * (January and February 2025), so that neither sees the other's runs as its previous one.
 */
const OPERATOR = { sub: 'e2e.stopped.operator', roles: ['operator' as const] };
const COMMUNE = '30742';

jest.setTimeout(180_000);

interface PersonLines {
  lines: { programme: string; amount: string; arrearsAmount: string; total: string }[];
  arrears: { month: string; amount: string; reason: string }[];
}

describe('a decision that has stopped still pays what it owed before, eligibility to entitlement', () => {
  let eligibility: RunningService;
  let entitlement: RunningService;
  let producer: Producer;

  beforeAll(async () => {
    [eligibility, entitlement] = await Promise.all([startService('eligibility'), startService('entitlement')]);
    producer = await connectProducer('stopped');
  });
  afterAll(async () => {
    await producer?.disconnect();
    await Promise.all([eligibility, entitlement].filter(Boolean).map((s) => s.stop()));
  });

  /** As disbursement does: the run of the commune, calculated by entitlement; the person's line as it shows it. */
  async function run(month: string, personRef: string): Promise<{ runId: string; person: PersonLines | undefined }> {
    const runId = await communeRunCalculated(producer, entitlement, OPERATOR, { month, communeCode: COMMUNE });
    const view = await api<PersonLines>(entitlement, OPERATOR, 'GET', `/runs/${runId}/persons/${personRef}`);
    return { runId, person: view.status === 200 ? view.body : undefined };
  }

  const outcome = (runId: string, personRef: string, month: string, amount: string, result: 'settled' | 'not_collected') =>
    reportOutcome(producer, { runId, personRef, month, amount, outcome: result });

  it('pays May, not collected, in the June run after the decision ended in May', async () => {
    // Severely disabled, decision from April to May 2025: 500,000 × 1.5 = 750,000 a month.
    const registered = await api<{ personRef: string }>(eligibility, OPERATOR, 'POST', '/persons', {
      nationalId: nationalId('male', '1970-04-04'),
      fullName: 'Phạm Văn Lộc',
      sex: 'male',
      dateOfBirth: '1970-04-04',
      household: { code: `HH-${randomUUID()}`, povertyYear: 2026, povertyStatus: 'none' },
      residence: { communeCode: COMMUNE, from: '1990-01-01' },
      decision: {
        programme: 'social_assistance',
        groupCode: 'SA_DISABLED_SEVERE',
        certificateDate: '2025-03-01',
        decisionNumber: `E2E-${randomUUID().slice(0, 8)}/QĐ-UBND`,
        signingLevel: 'commune',
        signedOn: '2025-03-20',
        effectiveFrom: '2025-04-01',
        effectiveTo: '2025-05-31',
      },
      destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789' },
    });
    expect(registered.status).toBe(201);
    const { personRef } = registered.body;

    const april = await run('2025-04', personRef);
    await outcome(april.runId, personRef, '2025-04', String(april.person?.lines[0].total), 'settled');
    const may = await run('2025-05', personRef);
    const owed = String(may.person?.lines[0].total);
    expect(owed).toBe('750000');
    await outcome(may.runId, personRef, '2025-05', owed, 'not_collected');

    // June: the decision has ended; the money of May is still the person's. (A run before entitlement has read the
    // outcome pays nothing: asked again until one does.)
    const june = await waitFor(async () => {
      const result = await run('2025-06', personRef);
      return result.person ? result : undefined;
    }, 120_000, 'the June run paying May');
    expect(june.person?.lines).toEqual([expect.objectContaining({ programme: 'social_assistance', amount: '0', arrearsAmount: '750000', total: '750000' })]);
    expect(june.person?.arrears).toEqual([expect.objectContaining({ month: '2025-05', amount: '750000', reason: 'UNPAID_CARRY_OVER' })]);
  });
});
