import { PROGRAMMES } from '@benefits/contracts';
import { cashListParts, sumCashLists, type CashListPayment } from './cash-list';

const payment = (listId: string, paymentId: string, patch: Partial<CashListPayment> = {}): CashListPayment => ({
  listId,
  paymentId,
  beneficiaryCode: `ref-${paymentId}`,
  fullName: 'Lê Thị Hoa',
  maskedId: '091*******34',
  address: 'Ấp Phú Hòa 2',
  programme: 'social_assistance',
  amount: '750000',
  arrears: '0',
  carriedOver: '0',
  total: '750000',
  ...patch,
});

const ALL = PROGRAMMES;

describe("a cash point's payment list", () => {
  it('numbers each list from 1, as the list the post office received, and totals each list and the point', () => {
    const parts = cashListParts([
      payment('B-1', 'P1'),
      payment('B-1', 'P2', { arrears: '100000', total: '850000' }),
      payment('B-2', 'P3', { amount: '540000', carriedOver: '540000', total: '1080000' }),
    ], ALL);
    expect(parts.map((part) => [part.listId, part.lines.map((line) => [line.seq, line.paymentId])])).toEqual([
      ['B-1', [[1, 'P1'], [2, 'P2']]],
      ['B-2', [[1, 'P3']]],
    ]);
    expect(parts.map((part) => part.totals)).toEqual([
      { count: 2, amount: '1500000', arrears: '100000', carriedOver: '0', total: '1600000' },
      { count: 1, amount: '540000', arrears: '0', carriedOver: '540000', total: '1080000' },
    ]);
    expect(sumCashLists(parts)).toEqual({ count: 3, amount: '2040000', arrears: '100000', carriedOver: '540000', total: '2680000' });
  });

  it('keeps only the lines of the programmes read, with the numbers they have on the list, and only lists holding one', () => {
    const parts = cashListParts(
      [
        payment('B-1', 'P1', { programme: 'meritorious' }),
        payment('B-1', 'P2'),
        payment('B-2', 'P3', { programme: 'meritorious' }),
        payment('B-3', 'P4', { programme: 'social_pension', amount: '500000', total: '500000' }),
      ],
      ['social_assistance', 'social_pension'],
    );
    expect(parts.map((part) => [part.listId, part.lines.map((line) => [line.seq, line.paymentId])])).toEqual([
      ['B-1', [[2, 'P2']]],
      ['B-3', [[1, 'P4']]],
    ]);
    expect(sumCashLists(parts)).toEqual({ count: 2, amount: '1250000', arrears: '0', carriedOver: '0', total: '1250000' });
  });

  it('is empty for no payment', () => {
    expect(cashListParts([], ALL)).toEqual([]);
    expect(sumCashLists([])).toEqual({ count: 0, amount: '0', arrears: '0', carriedOver: '0', total: '0' });
  });
});
