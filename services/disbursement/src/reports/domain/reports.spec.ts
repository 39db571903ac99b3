import { annualReport, type AnnualRow } from './annual';
import { arrearsReport, type ArrearsRow } from './arrears';
import { postOfficeTotals, reporting, type PostOfficeList } from './post-office';

const t = (count: number, amount: number) => ({ count, amount: String(amount) });

describe('annual report', () => {
  const figures = (beneficiaries: number, paid: [number, number], accounts: [number, number]) => ({
    beneficiaries,
    sent: t(...paid),
    paid: t(...paid),
    paidToAccounts: t(...accounts),
    arrearsPaid: '0',
    carriedOverPaid: '0',
    unpaid: t(0, 0),
    pending: t(0, 0),
  });
  const rows: AnnualRow[] = [
    { month: '2026-01', programme: 'social_assistance', ...figures(3, [3, 2_250_000], [2, 1_500_000]) },
    { month: '2026-02', programme: 'social_assistance', ...figures(4, [4, 3_000_000], [3, 2_250_000]) },
    { month: '2026-01', programme: null, ...figures(3, [3, 2_250_000], [2, 1_500_000]) },
    { month: '2026-02', programme: null, ...figures(4, [4, 3_000_000], [3, 2_250_000]) },
    { month: null, programme: 'social_assistance', ...figures(4, [7, 5_250_000], [5, 3_750_000]) },
    { month: null, programme: null, ...figures(4, [7, 5_250_000], [5, 3_750_000]) },
  ];

  it('sorts the grouping sets into month × programme, month, programme and year, with the cashless share', () => {
    const report = annualReport(2026, '2026-11-14', rows);
    expect(report.covers).toEqual({ from: '2026-01', to: '2026-02' });
    expect(report.byMonthAndProgramme.map((l) => [l.month, l.programme, l.paid.count, l.cashlessShare])).toEqual([
      ['2026-01', 'social_assistance', 3, 66.67],
      ['2026-02', 'social_assistance', 4, 75],
    ]);
    expect(report.byMonth.map((l) => [l.month, l.beneficiaries])).toEqual([
      ['2026-01', 3],
      ['2026-02', 4],
    ]);
    expect(report.byProgramme).toEqual([{ programme: 'social_assistance', ...figures(4, [7, 5_250_000], [5, 3_750_000]), cashlessShare: 71.43 }]);
    expect(report.total).toMatchObject({ beneficiaries: 4, paid: t(7, 5_250_000), cashlessShare: 71.43 });
  });

  it('covers nothing for a year without data', () => {
    expect(annualReport(2025, '2025-11-14', [])).toMatchObject({ covers: null, byMonth: [], total: { beneficiaries: 0, cashlessShare: null } });
  });
});

describe('arrears report', () => {
  const row = (reason: string, forMonth: string, paid: number, unpaid: number): ArrearsRow => ({
    programme: 'social_assistance',
    reason,
    forMonth,
    beneficiaries: paid + unpaid,
    lines: t(paid + unpaid, (paid + unpaid) * 40_000),
    paid: t(paid, paid * 40_000),
    unpaid: t(unpaid, unpaid * 40_000),
    pending: t(0, 0),
  });

  it('totals by reason and for the month', () => {
    const report = arrearsReport('2026-11', [row('BACKDATED_RATE', '2026-07', 3, 1), row('BACKDATED_RATE', '2026-08', 2, 0), row('LATE_DECISION', '2026-09', 1, 0)]);
    expect(report.byReason).toEqual([
      { reason: 'BACKDATED_RATE', lines: t(6, 240_000), paid: t(5, 200_000), unpaid: t(1, 40_000), pending: t(0, 0) },
      { reason: 'LATE_DECISION', lines: t(1, 40_000), paid: t(1, 40_000), unpaid: t(0, 0), pending: t(0, 0) },
    ]);
    expect(report.totals).toEqual({ lines: t(7, 280_000), paid: t(6, 240_000), unpaid: t(1, 40_000), pending: t(0, 0) });
  });
});

describe('post-office report', () => {
  it('totals the lists', () => {
    const list = (cashPointCode: string, listed: number, kept: number): PostOfficeList => ({
      channel: 'post_office_cash',
      communeCode: '30307',
      cashPointCode,
      lists: 1,
      listed: t(listed, listed * 750_000),
      paid: t(listed - 1, (listed - 1) * 750_000),
      notCollected: t(1, 750_000),
      rejected: t(0, 0),
      pending: t(0, 0),
      carriedOver: '750000',
      balanceReturned: String(750_000 - kept),
      balanceKept: String(kept),
      balanceUnrecorded: '0',
    });
    expect(postOfficeTotals([list('A', 3, 750_000), list('B', 2, 0)])).toEqual({
      lists: 2,
      listed: t(5, 3_750_000),
      paid: t(3, 2_250_000),
      notCollected: t(2, 1_500_000),
      rejected: t(0, 0),
      pending: t(0, 0),
      carriedOver: '1500000',
      balanceReturned: '750000',
      balanceKept: '750000',
      balanceUnrecorded: '0',
    });
  });

  it.each([
    ['complete before the 20th', 3, 3, '2026-11-15', '2026-11-16', { complete: true, completedOn: '2026-11-15', onTime: true }],
    ['complete late', 3, 3, '2026-11-21', '2026-11-22', { complete: true, completedOn: '2026-11-21', onTime: false }],
    ['incomplete, still time', 3, 2, null, '2026-11-10', { complete: false, completedOn: null, onTime: null }],
    ['incomplete and overdue', 3, 2, '2026-11-12', '2026-11-20', { complete: false, completedOn: null, onTime: false }],
    ['no list', 0, 0, null, '2026-11-10', { complete: false, completedOn: null, onTime: null }],
  ])('reporting status: %s', (_what, lists, final, lastFinalOn, today, expected) => {
    expect(reporting('2026-11-19', lists, final, lastFinalOn, today)).toEqual({ dueBy: '2026-11-19', lists, final, ...expected });
  });
});
