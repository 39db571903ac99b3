import { seedBook } from '../../domain/test-factory';
import type { PaymentRow } from '../../runs/domain/arrears-history';
import { recoveriesAfterDeath } from './death-recoveries';

const payment = (month: string, amount: bigint, outcome: PaymentRow['outcome'] = 'settled'): PaymentRow => ({
  paymentId: `PAY-${month}`,
  runId: `R-${month}`,
  programme: 'social_assistance',
  month,
  amount,
  outcome,
  occurredOn: `${month}-05`,
  receivedAt: `${month}-05T00:00:00.000Z`,
});

describe('recoveriesAfterDeath: a death reported late', () => {
  const book = seedBook();

  it('recovers every month paid (and received) after the month of death, and only those', () => {
    const recoveries = recoveriesAfterDeath(
      {
        personRef: 'P1',
        dateOfDeath: '2026-08-20',
        payments: [
          payment('2026-08', 810_000n),
          payment('2026-09', 810_000n),
          payment('2026-10', 810_000n),
          payment('2026-11', 810_000n, 'not_collected'),
          payment('2026-12', 810_000n, 'rejected'),
        ],
        lines: [],
        recoveries: [],
      },
      book,
    );
    expect(recoveries.map((r) => [r.month, r.amount, r.reason])).toEqual([
      ['2026-09', 810_000n, 'NOT_ELIGIBLE'],
      ['2026-10', 810_000n, 'NOT_ELIGIBLE'],
    ]);
    expect(recoveries[0].explanation[0]).toBe('died on 2026-08-20: payments stop from the month after the month of death');
  });

  it('recovers only the month\'s own amount of a payment that also carried arrears, and nothing twice', () => {
    const recoveries = recoveriesAfterDeath(
      {
        personRef: 'P1',
        dateOfDeath: '2026-08-20',
        payments: [payment('2026-09', 1_620_000n), payment('2026-10', 810_000n)],
        lines: [{ runId: 'R-2026-09', programme: 'social_assistance', month: '2026-09', amount: 810_000n, inputs: [] }],
        recoveries: [{ programme: 'social_assistance', month: '2026-10', recipientRef: 'P1', amount: 810_000n }],
      },
      book,
    );
    expect(recoveries.map((r) => [r.month, r.amount])).toEqual([['2026-09', 810_000n]]);
  });
});
