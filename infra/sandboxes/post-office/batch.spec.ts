import { cashList, listItem } from '../testing/fixtures';
import { batchSchema, checkBatch, type Batch } from './batch';

const first = listItem('P1');
const second = listItem('P2', { arrears: '250000', total: '750000' });
const valid = (): Batch => batchSchema.parse(cashList('B1', [first, second]));

describe('checkBatch', () => {
  it('accepts a list that adds up', () => {
    expect(checkBatch(valid())).toEqual([]);
  });

  it.each<[string, (b: Batch) => Batch, string]>([
    ['a wrong count', (b) => ({ ...b, itemCount: 3 }), 'itemCount declares 3, the list holds 2'],
    ['a wrong total', (b) => ({ ...b, totalAmount: '1250001' }), 'totalAmount declares 1250001, the items add up to 1250000'],
    ['a cash list without a point', (b) => ({ ...b, pointCode: undefined }), 'a cash_point list needs communeCode and pointCode'],
    ['an account list without accounts', (b) => ({ ...b, kind: 'account' }), 'items[0] (P1): an account payment needs accountNumber'],
    ['a duplicate paymentId', (b) => ({ ...b, items: [b.items[0], { ...b.items[1], paymentId: 'P1' }] }), 'items[1] (P1): paymentId appears twice'],
    ['an unmasked ID number', (b) => ({ ...b, items: [{ ...b.items[0], maskedId: '079012345612' }, b.items[1]] }), 'items[0] (P1): maskedId is a full ID number'],
    ['lines out of their order', (b) => ({ ...b, items: [b.items[1], b.items[0]] }), 'items[0] (P2): seq 2 is not its place on the list (1)'],
    [
      'an item whose total does not add up',
      (b) => ({ ...b, items: [{ ...b.items[0], carriedOver: '1' }, b.items[1]] }),
      'items[0] (P1): total 500000 is not amount + arrears + carriedOver = 500001',
    ],
  ])('finds %s', (_case, spoil, problem) => {
    expect(checkBatch(spoil(valid()))).toContain(problem);
  });

  it('adds up totals beyond 2^53 exactly', () => {
    const huge = '9007199254740993';
    const batch = batchSchema.parse(cashList('B2', [listItem('P1', { amount: huge, total: huge }), listItem('P2', { amount: '1', total: '1' })]));
    expect(batch.totalAmount).toBe('9007199254740994');
    expect(checkBatch(batch)).toEqual([]);
  });
});
