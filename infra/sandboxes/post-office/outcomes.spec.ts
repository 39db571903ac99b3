import { listItem } from '../testing/fixtures';
import { batchItemSchema } from './batch';
import { decideAccountPayment, decideCashPayment, PROXY_RECEIVER, type CashContext } from './outcomes';

const ctx: CashContext = { seed: 's', pointCode: 'PT1', paidOn: '2026-11-10', notCollectedPercent: 0, atHomePercent: 0, proxyPercent: 0 };
const item = (fullName: string, paymentId = 'P1') => batchItemSchema.parse({ seq: 1, ...listItem(paymentId, { fullName }) });

describe('decideCashPayment', () => {
  it.each([
    ['Nguyễn Thị Lan', { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_point', point: 'PT1' }],
    ['Trần Văn ABSENT', { outcome: 'NOT_COLLECTED', reason: 'absent' }],
    ['Lê Thị Moved', { outcome: 'NOT_COLLECTED', reason: 'moved_away' }],
    ['Phạm Văn DECEASED', { outcome: 'NOT_COLLECTED', reason: 'deceased' }],
    ['Hoàng REFUSED', { outcome: 'NOT_COLLECTED', reason: 'refused' }],
    ['Vũ Thị HOME', { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_home', point: 'PT1' }],
    ['Đỗ Văn PROXY', { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_point', point: 'PT1', proxyReceiver: PROXY_RECEIVER }],
    ['Bùi HOME PROXY', { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_home', point: 'PT1', proxyReceiver: PROXY_RECEIVER }],
    ['Ngô HOMER', { outcome: 'PAID', paidOn: '2026-11-10', how: 'at_point', point: 'PT1' }],
  ])('%s', (fullName, expected) => {
    expect(decideCashPayment(item(fullName), ctx)).toEqual(expected);
  });

  it('without markers, follows the seeded rates and never invents a death', () => {
    const items = Array.from({ length: 400 }, (_, i) => item('Nguyễn Thị Lan', `P${i}`));
    const decide = (seed: string) => items.map((it) => decideCashPayment(it, { ...ctx, seed, notCollectedPercent: 20, atHomePercent: 30 }));
    const once = decide('a');
    expect(decide('a')).toEqual(once);
    expect(decide('b')).not.toEqual(once);
    const notCollected = once.filter((o) => o.outcome === 'NOT_COLLECTED');
    expect(notCollected.length).toBeGreaterThan(40);
    expect(notCollected.length).toBeLessThan(130);
    expect(new Set(notCollected.map((o) => (o.outcome === 'NOT_COLLECTED' ? o.reason : '')))).toEqual(new Set(['absent', 'moved_away', 'refused']));
    expect(once.some((o) => o.outcome === 'PAID' && o.how === 'at_home')).toBe(true);
  });
});

describe('decideAccountPayment', () => {
  const account = (accountNumber: string, fullName = 'Nguyễn Thị Lan') => batchItemSchema.parse({ seq: 1, ...listItem('P1', { accountNumber, fullName }) });

  it.each([
    ['0011002233445', 'Nguyễn Thị Lan', { outcome: 'PAID', paidOn: '2026-11-10' }],
    ['0011000001', 'Nguyễn Thị Lan', { outcome: 'REJECTED', reason: 'AC01' }],
    ['0011000004', 'Nguyễn Thị Lan', { outcome: 'REJECTED', reason: 'AC04' }],
    ['0011000007', 'Nguyễn Thị Lan', { outcome: 'REJECTED', reason: 'MD07' }],
    ['0011002233445', 'Nguyễn MISMATCH', { outcome: 'REJECTED', reason: 'BE01' }],
    ['0011000099', 'Nguyễn Thị Lan', { outcome: 'PAID', paidOn: '2026-11-10' }],
  ])('account %s, %s', (accountNumber, fullName, expected) => {
    expect(decideAccountPayment(account(accountNumber, fullName), '2026-11-10')).toEqual(expected);
  });
});
