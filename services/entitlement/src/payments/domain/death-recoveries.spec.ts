import { seedBook } from '../../domain/test-factory';
import type { PastArrearsRow, PastLineRow, PaymentRow } from '../../runs/domain/arrears-history';
import { recoveriesAfterDeath, type DeathHistory } from './death-recoveries';

const payment = (month: string, amount: bigint, outcome: PaymentRow['outcome'] = 'settled', extra: Partial<PaymentRow> = {}): PaymentRow => ({
  paymentId: `PAY-${month}`,
  runId: `R-${month}`,
  programme: 'social_assistance',
  month,
  amount,
  outcome,
  occurredOn: `${month}-05`,
  receivedAt: `${month}-05T00:00:00.000Z`,
  ...extra,
});
const line = (month: string, amount: bigint): PastLineRow => ({ runId: `R-${month}`, programme: 'social_assistance', month, amount, inputs: [] });
/** Arrears for `month` carried by the payment of the run of `carrier`, as CalculationRepository.histories reads them. */
const arrears = (month: string, amount: bigint, carrier: 'settled' | 'not_collected' | 'in flight' = 'settled'): PastArrearsRow => ({
  programme: 'social_assistance',
  month,
  recipientRef: 'P1',
  amount,
  carrierUnpaid: carrier === 'not_collected',
  carrierReceived: carrier === 'settled',
});
const died = (dateOfDeath: string, history: Partial<DeathHistory>): DeathHistory => ({ personRef: 'P1', dateOfDeath, payments: [], lines: [], arrears: [], recoveries: [], ...history });

describe('recoveriesAfterDeath: a death reported late', () => {
  const book = seedBook();

  it('never recovers the funeral support paid with a run after the month of death: it is no part of that month', () => {
    // Died 10 March, reported on the 15th: April's run pays the funeral support alone (20 × 500,000), which
    // disbursement reports as the regular line of its item; the run's line of April holds no amount of the month.
    const funeral = payment('2025-04', 10_000_000n, 'settled', { regular: 10_000_000n });
    expect(recoveriesAfterDeath(died('2025-03-10', { payments: [funeral], lines: [line('2025-04', 0n)] }), book)).toEqual([]);
    // The same payment carrying a month paid by mistake besides (810,000): only that month is recovered.
    const both = payment('2025-04', 10_810_000n, 'settled', { regular: 10_810_000n });
    const recovered = recoveriesAfterDeath(died('2025-03-10', { payments: [both], lines: [line('2025-04', 810_000n)] }), book);
    expect(recovered.map((r) => [r.month, r.amount, r.reason])).toEqual([['2025-04', 810_000n, 'NOT_ELIGIBLE']]);
  });

  it('recovers every month paid (and received) after the month of death, and only those', () => {
    const recoveries = recoveriesAfterDeath(
      died('2026-08-20', {
        payments: [
          payment('2026-08', 810_000n),
          payment('2026-09', 810_000n),
          payment('2026-10', 810_000n),
          payment('2026-11', 810_000n, 'not_collected'),
          payment('2026-12', 810_000n, 'rejected'),
        ],
      }),
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
      died('2026-08-20', {
        payments: [payment('2026-09', 1_620_000n), payment('2026-10', 810_000n)],
        lines: [line('2026-09', 810_000n)],
        recoveries: [{ programme: 'social_assistance', month: '2026-10', recipientRef: 'P1', amount: 810_000n }],
      }),
      book,
    );
    expect(recoveries.map((r) => [r.month, r.amount])).toEqual([['2026-09', 810_000n]]);
  });

  it('recovers a month not collected and paid again in the next payment: 1,620,000, not only the 810,000 of that payment\'s own month', () => {
    // Died 2026-11-20 on 810,000 a month. December was not collected; January's run carried it over (arrears
    // UNPAID_CARRY_OVER) and its payment of 1,620,000 was collected; the death is reported in February.
    const recoveries = recoveriesAfterDeath(
      died('2026-11-20', {
        payments: [payment('2026-12', 810_000n, 'not_collected'), payment('2027-01', 1_620_000n, 'settled', { regular: 810_000n })],
        lines: [line('2026-12', 810_000n), line('2027-01', 810_000n)],
        arrears: [arrears('2026-12', 810_000n)],
      }),
      book,
    );
    expect(recoveries.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual([
      ['2026-12', 0n, 810_000n, 810_000n, 'NOT_ELIGIBLE'],
      ['2027-01', 0n, 810_000n, 810_000n, 'NOT_ELIGIBLE'],
    ]);
    expect(recoveries[0].explanation).toContain('paid 810,000 (settled 0, earlier arrears 810,000, recovered 0)');
  });

  it('recovers the arrears of a backdated rate paid for months after the death (Decree 335/2026: 40,000 more from July 2026)', () => {
    // Died 2026-08-20 on the social pension at 500,000; October's payment of 660,000 paid October at 540,000 and the
    // 40,000 owed for each of July, August and September. July and August were owed; September was not.
    const pension = { programme: 'social_pension' as const };
    const recoveries = recoveriesAfterDeath(
      died('2026-08-20', {
        payments: [
          ...['2026-07', '2026-08', '2026-09'].map((m) => payment(m, 500_000n, 'settled', pension)),
          payment('2026-10', 660_000n, 'settled', { ...pension, regular: 540_000n }),
        ],
        arrears: ['2026-07', '2026-08', '2026-09'].map((m) => ({ ...arrears(m, 40_000n), ...pension })),
      }),
      book,
    );
    expect(recoveries.map((r) => [r.month, r.programme, r.paid, r.amount])).toEqual([
      ['2026-09', 'social_pension', 540_000n, 540_000n],
      ['2026-10', 'social_pension', 540_000n, 540_000n],
    ]);
  });

  it('recovers arrears only once the payment carrying them is received: not while it is on its way, nor once it was not collected', () => {
    const history = (carrier: 'not_collected' | 'in flight') =>
      died('2026-11-20', { payments: [payment('2026-12', 810_000n, 'not_collected')], arrears: [arrears('2026-12', 810_000n, carrier)] });
    expect(recoveriesAfterDeath(history('in flight'), book)).toEqual([]);
    expect(recoveriesAfterDeath(history('not_collected'), book)).toEqual([]);
  });

  it('recovers nothing twice when arrears recovered before are read again', () => {
    const recoveries = recoveriesAfterDeath(
      died('2026-11-20', {
        payments: [payment('2027-01', 1_620_000n, 'settled', { regular: 810_000n })],
        arrears: [arrears('2026-12', 810_000n)],
        recoveries: ['2026-12', '2027-01'].map((month) => ({ programme: 'social_assistance' as const, month, recipientRef: 'P1', amount: 810_000n })),
      }),
      book,
    );
    expect(recoveries).toEqual([]);
  });

  describe('a payment returned by the bank after its recovery was raised', () => {
    // Died 2026-12-10 on 810,000 a month; January's payment settled (a recovery of 810,000 was raised), then came back.
    const settled = payment('2027-01', 810_000n);
    const returned = payment('2027-01', 810_000n, 'returned', { occurredOn: '2027-01-20', receivedAt: '2027-01-20T00:00:00.000Z' });
    const recovered = (month: string, amount: bigint) => ({ programme: 'social_assistance' as const, month, recipientRef: 'P1', amount });

    it('gives the recovery back by a reversing entry of 810,000 (the recovery stays on record): nothing is left to recover', () => {
      const recoveries = recoveriesAfterDeath(died('2026-12-10', { payments: [settled, returned], recoveries: [recovered('2027-01', 810_000n)] }), book);
      expect(recoveries.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual([['2027-01', 0n, -810_000n, -810_000n, 'REVERSED']]);
      expect(recoveries[0].explanation.slice(-1)).toEqual(['recovered 810,000 before, 0 to recover now: 810,000 given back (REVERSED)']);
    });

    it('gives back the carried-over month with it when the payment that carried it comes back', () => {
      // As in the carry-over case: died 2026-11-20, January's 1,620,000 paid January and December; 1,620,000 recovered.
      const january = { regular: 810_000n, occurredOn: '2027-01-20', receivedAt: '2027-01-20T00:00:00.000Z' };
      const recoveries = recoveriesAfterDeath(
        died('2026-11-20', {
          payments: [payment('2026-12', 810_000n, 'not_collected'), payment('2027-01', 1_620_000n, 'settled', { regular: 810_000n }), payment('2027-01', 1_620_000n, 'returned', january)],
          arrears: [{ ...arrears('2026-12', 810_000n), carrierReceived: false }],
          recoveries: [recovered('2026-12', 810_000n), recovered('2027-01', 810_000n)],
        }),
        book,
      );
      expect(recoveries.map((r) => [r.month, r.amount, r.reason])).toEqual([
        ['2026-12', -810_000n, 'REVERSED'],
        ['2027-01', -810_000n, 'REVERSED'],
      ]);
    });

    it('recovers again once the payment is re-sent and settles, and nothing more once the reversal is on record', () => {
      const given = [recovered('2027-01', 810_000n), recovered('2027-01', -810_000n)];
      const resent = payment('2027-01', 810_000n, 'settled', { paymentId: 'PAY-2027-01-R', occurredOn: '2027-02-03', receivedAt: '2027-02-03T00:00:00.000Z' });
      const again = recoveriesAfterDeath(died('2026-12-10', { payments: [settled, returned, resent], recoveries: given }), book);
      expect(again.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual([['2027-01', 0n, 810_000n, 810_000n, 'NOT_ELIGIBLE']]);
      expect(recoveriesAfterDeath(died('2026-12-10', { payments: [settled, returned], recoveries: given }), book)).toEqual([]);
    });

    it('raises nothing for a payment settled and returned on one day, recorded together, whatever order they are read in', () => {
      const sameDay = payment('2027-01', 810_000n, 'returned');
      expect(recoveriesAfterDeath(died('2026-12-10', { payments: [settled, sameDay] }), book)).toEqual([]);
      expect(recoveriesAfterDeath(died('2026-12-10', { payments: [sameDay, settled] }), book)).toEqual([]);
    });
  });
});
