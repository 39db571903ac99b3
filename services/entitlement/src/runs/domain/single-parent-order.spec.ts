import { calculateMonth, type EntitlementItem } from '../../domain';
import { sa, seedBook } from '../../domain/test-factory';
import { CachedCalculator } from './calculator';

// An Giang tops up the HIV group by 100,000 (D20 Art.4(3)).
const book = seedBook().withVersion({
  id: 'province_topup:91:2025-01:test',
  table: 'province_topup',
  scope: '91',
  effectiveFrom: '2025-01',
  enteredAt: '2025-01-05',
  instrument: 'Resolution 01/2025/NQ-HĐND (test)',
  confidence: 'test',
  rows: [{ key: 'SA_HIV_POOR_NO_INCOME', amount: 100_000n }],
});
// A poor single parent, 1 child (1.0 × 500,000), elderly 60-80 (1.5) and living with HIV (1.5): per child + the
// higher of her own groups with the province's top-up = 500,000 + 750,000 + 100,000 = 1,350,000, whatever the order.
const single = sa('SA_SINGLE_PARENT_POOR', { children: 1 });
const elderly = sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80');
const hiv = sa('SA_HIV_POOR_NO_INCOME');
const orders: EntitlementItem[][] = [
  [single, elderly, hiv],
  [single, hiv, elderly],
];

describe('the single parent: the stacking group on a tie of amounts, with a province top-up, whatever the order of the items', () => {
  it.each(orders.map((items) => [items.map((i) => i.groupCode).join(' + '), items] as const))('calculateMonth pays 1,350,000 for %s', (_name, items) => {
    expect(calculateMonth({ personRef: 'P1', provinceCode: '91', items }, '2025-01', book).total).toBe(1_350_000n);
  });

  it('the cache hands the second order its own answer, not the first one\'s', () => {
    const calculator = new CachedCalculator();
    const first = calculator.calculate({ personRef: 'A', provinceCode: '91', items: orders[1] }, '2025-01', book).total;
    const second = calculator.calculate({ personRef: 'B', provinceCode: '91', items: orders[0] }, '2025-01', book).total;
    expect([first, second]).toEqual([
      calculateMonth({ personRef: 'A', provinceCode: '91', items: orders[1] }, '2025-01', book).total,
      calculateMonth({ personRef: 'B', provinceCode: '91', items: orders[0] }, '2025-01', book).total,
    ]);
  });
});
