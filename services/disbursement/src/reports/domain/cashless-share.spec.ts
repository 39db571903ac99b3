import { cashlessShare, type PaidByChannel } from './cashless-share';
import { percent, sumFigures, ZERO, ZERO_OUTCOMES } from './figures';

const row = (communeCode: string, month: string, channel: PaidByChannel['channel'], count: number, amount: number): PaidByChannel => ({
  communeCode,
  month,
  channel,
  paid: { count, amount: String(amount) },
});

describe('cashless share (paid into accounts ÷ all paid)', () => {
  // A known mix: Long Xuyên (30307) mostly banked, Phú Quốc (31078) mostly cash, over two months.
  const mix = [
    row('30307', '2026-10', 'bank', 6, 4_500_000),
    row('30307', '2026-10', 'post_office_account', 2, 1_500_000),
    row('30307', '2026-10', 'post_office_cash', 2, 1_500_000),
    row('31078', '2026-10', 'bank', 1, 750_000),
    row('31078', '2026-10', 'post_office_cash', 2, 1_500_000),
    row('31078', '2026-11', 'post_office_account', 1, 2_231_000),
    row('31078', '2026-11', 'post_office_cash', 2, 1_000_000),
  ];
  const share = cashlessShare('2026-10', '2026-11', mix);

  it('computes each commune and month, named beside its code', () => {
    expect(share.byCommune).toEqual([
      {
        communeCode: '30307',
        communeName: 'Phường Long Xuyên',
        communeKind: 'Phường',
        month: '2026-10',
        accounts: { count: 8, amount: '6000000' },
        cash: { count: 2, amount: '1500000' },
        all: { count: 10, amount: '7500000' },
        shareByCount: 80,
        shareByAmount: 80,
      },
      {
        communeCode: '31078',
        communeName: 'Đặc khu Phú Quốc',
        communeKind: 'Đặc khu',
        month: '2026-10',
        accounts: { count: 1, amount: '750000' },
        cash: { count: 2, amount: '1500000' },
        all: { count: 3, amount: '2250000' },
        shareByCount: 33.33,
        shareByAmount: 33.33,
      },
      {
        communeCode: '31078',
        communeName: 'Đặc khu Phú Quốc',
        communeKind: 'Đặc khu',
        month: '2026-11',
        accounts: { count: 1, amount: '2231000' },
        cash: { count: 2, amount: '1000000' },
        all: { count: 3, amount: '3231000' },
        shareByCount: 33.33,
        shareByAmount: 69.05,
      },
    ]);
  });

  it('computes the province month by month and over the range', () => {
    expect(share.byMonth.map((m) => [m.month, m.accounts.count, m.all.count, m.shareByCount, m.shareByAmount])).toEqual([
      ['2026-10', 9, 13, 69.23, 69.23],
      ['2026-11', 1, 3, 33.33, 69.05],
    ]);
    expect(share.province).toEqual({
      accounts: { count: 10, amount: '8981000' },
      cash: { count: 6, amount: '4000000' },
      all: { count: 16, amount: '12981000' },
      shareByCount: 62.5,
      shareByAmount: 69.19,
    });
  });

  it('names a commune by the unit its code was in that month, and leaves a code it does not know unnamed', () => {
    const rows = [row('30307', '2025-06', 'bank', 1, 750_000), row('30313', '2025-07', 'bank', 1, 750_000), row('93456', '2025-07', 'bank', 1, 750_000)];
    expect(cashlessShare('2025-06', '2025-07', rows).byCommune.map((c) => [c.communeCode, c.month, c.communeName, c.communeKind])).toEqual([
      ['30307', '2025-06', 'Phường Mỹ Hòa', 'Phường'],
      ['30313', '2025-07', 'Xã Mỹ Hòa Hưng', 'Xã'],
      ['93456', '2025-07', null, null],
    ]);
  });

  it('has no share where nothing was paid', () => {
    expect(cashlessShare('2026-10', '2026-10', [])).toEqual({
      from: '2026-10',
      to: '2026-10',
      byCommune: [],
      byMonth: [],
      province: { accounts: ZERO, cash: ZERO, all: ZERO, shareByCount: null, shareByAmount: null },
    });
  });
});

describe('figures', () => {
  it.each([
    [1, 3, 33.33],
    [2, 3, 66.67],
    [1, 8, 12.5],
    [1, 200000, 0.0],
    [1, 20000, 0.01],
    [0, 5, 0],
    [5, 5, 100],
    [1, 0, null],
  ])('%s ÷ %s = %s %%, rounded half up on whole numbers', (part, whole, expected) => {
    expect(percent(part, whole)).toBe(expected);
  });

  it('adds grouped rows: counts as numbers, amounts as bigint beyond 2^53', () => {
    const rows = [
      { programme: 'a', ...ZERO_OUTCOMES, sent: { count: 2, amount: '9007199254740993' }, paid: { count: 1, amount: '1' } },
      { programme: 'b', ...ZERO_OUTCOMES, sent: { count: 3, amount: '7' }, paid: { count: 3, amount: '7' } },
    ];
    expect(sumFigures(rows, ZERO_OUTCOMES)).toEqual({ ...ZERO_OUTCOMES, sent: { count: 5, amount: '9007199254741000' }, paid: { count: 4, amount: '8' } });
    expect(sumFigures([], { n: 0, amount: '0' })).toEqual({ n: 0, amount: '0' });
  });
});
