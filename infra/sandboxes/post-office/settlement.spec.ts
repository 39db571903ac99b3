import { cashList, listItem } from '../testing/fixtures';
import { batchSchema } from './batch';
import type { PaymentOutcome } from './outcomes';
import { settlementReport } from './settlement';

const batch = batchSchema.parse(
  cashList('B1', [
    listItem('PAID', { total: '700000', arrears: '200000' }),
    listItem('ABSENT'),
    listItem('DEAD', { total: '600000', carriedOver: '100000' }),
    listItem('MOVED'),
    listItem('WAITING'),
  ]),
);
const outcomes = new Map<string, PaymentOutcome>([
  ['PAID', { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_home', point: 'PT1' }],
  ['ABSENT', { outcome: 'NOT_COLLECTED', reason: 'absent' }],
  ['DEAD', { outcome: 'NOT_COLLECTED', reason: 'deceased' }],
  ['MOVED', { outcome: 'NOT_COLLECTED', reason: 'moved_away' }],
]);

describe('settlementReport', () => {
  it('totals the outcomes and keeps absent cash for next month by default', () => {
    const report = settlementReport(batch, outcomes, 'kept', '2026-11-15T10:00:00.000+07:00');
    expect(report.status).toBe('IN_PROGRESS');
    expect(report.totals).toEqual({
      listed: { count: 5, amount: '2800000' },
      paid: { count: 1, amount: '700000' },
      notCollected: { count: 3, amount: '1600000' },
      rejected: { count: 0, amount: '0' },
      pending: { count: 1, amount: '500000' },
      carriedOver: '1000000',
      balanceReturned: '1100000',
      balanceKept: '500000',
    });
    expect(report.lines.map((l) => [l.paymentId, l.outcome, l.carriedOver, l.balance])).toEqual([
      ['PAID', 'PAID', '0', undefined],
      ['ABSENT', 'NOT_COLLECTED', '500000', 'kept'],
      ['DEAD', 'NOT_COLLECTED', '0', 'returned'],
      ['MOVED', 'NOT_COLLECTED', '500000', 'returned'],
      ['WAITING', 'PENDING', '0', undefined],
    ]);
    expect(report.lines[0]).toMatchObject({ paidOn: '2026-11-10', how: 'at_home', point: 'PT1' });
  });

  it('returns everything not paid under the "returned" policy, and is final once all are decided', () => {
    const all = new Map(outcomes).set('WAITING', { outcome: 'REJECTED', reason: 'AC04' });
    const report = settlementReport(batch, all, 'returned', '2026-11-15T10:00:00.000+07:00');
    expect(report.status).toBe('FINAL');
    expect(report.totals.balanceKept).toBe('0');
    expect(BigInt(report.totals.paid.amount) + BigInt(report.totals.balanceReturned)).toBe(BigInt(report.totals.listed.amount));
  });
});
