import { cashList, listItem } from '../testing/fixtures';
import { batchSchema } from './batch';
import { applyFaults, faultsFromList } from './faults';
import type { PaymentOutcome } from './outcomes';
import { settlementReport } from './settlement';

const batch = batchSchema.parse(cashList('B1', [listItem('P1'), listItem('P2'), listItem('P3'), listItem('ABSENT')]));
const paid: PaymentOutcome = { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_point', point: 'PT1' };
const outcomes = new Map<string, PaymentOutcome>([
  ['P1', paid],
  ['P2', paid],
  ['P3', paid],
  ['ABSENT', { outcome: 'NOT_COLLECTED', reason: 'absent' }],
]);
const report = settlementReport(batch, outcomes, 'kept', '2026-11-15T10:00:00.000+07:00');

describe('settlement report faults (a report that does not reconcile, on purpose)', () => {
  it('leaves a paid line out, reports another with 1,000 đồng more and a third twice, each a different payment; the totals are the lines', () => {
    const spoiled = applyFaults(report, faultsFromList('drop-line,alter-amount,duplicate-line'));
    expect(spoiled.lines.map((l) => [l.paymentId, l.outcome, l.total])).toEqual([
      ['P2', 'PAID', '501000'],
      ['P3', 'PAID', '500000'],
      ['P3', 'PAID', '500000'],
      ['ABSENT', 'NOT_COLLECTED', '500000'],
    ]);
    expect(spoiled.totals).toMatchObject({ listed: { count: 4, amount: '2001000' }, paid: { count: 3, amount: '1501000' }, notCollected: { count: 1, amount: '500000' } });
  });

  it('takes the payment named, and changes nothing without faults', () => {
    expect(applyFaults(report, { dropLine: { paymentId: 'P3' } }).lines.map((l) => l.paymentId)).toEqual(['P1', 'P2', 'ABSENT']);
    expect(applyFaults(report, {})).toBe(report);
  });

  it('refuses an unknown fault by name', () => {
    expect(() => faultsFromList('drop-line,lose-everything')).toThrow('unknown fault "lose-everything"');
  });
});
