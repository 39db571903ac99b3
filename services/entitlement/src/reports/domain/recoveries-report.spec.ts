import { rangeProblem, recoveriesReport, type RecoveryGroup } from './recoveries-report';

const group = (month: string, programme: RecoveryGroup['programme'], reason: string, records: number, amount: number): RecoveryGroup => ({
  month,
  programme,
  reason,
  source: 'death',
  persons: records,
  records,
  amount: String(amount),
});

describe('recoveries report', () => {
  it('totals the grouped overpayments by programme, by reason and overall', () => {
    const report = recoveriesReport('2026-07', '2026-09', [
      group('2026-07', 'social_assistance', 'NOT_ELIGIBLE', 2, 1_500_000),
      group('2026-08', 'social_assistance', 'OVERPAID', 1, 40_000),
      group('2026-08', 'meritorious', 'NOT_ELIGIBLE', 1, 2_231_000),
    ]);
    expect(report.byProgramme).toEqual([
      { programme: 'meritorious', records: 1, amount: '2231000' },
      { programme: 'social_assistance', records: 3, amount: '1540000' },
    ]);
    expect(report.byReason).toEqual([
      { reason: 'NOT_ELIGIBLE', records: 3, amount: '3731000' },
      { reason: 'OVERPAID', records: 1, amount: '40000' },
    ]);
    expect(report.totals).toEqual({ records: 4, amount: '3771000' });
    expect(recoveriesReport('2026-07', '2026-07', []).totals).toEqual({ records: 0, amount: '0' });
  });

  it.each([
    ['2026-01', '2026-12', null],
    ['2026-05', '2026-04', 'to (2026-04) is before from (2026-05)'],
    ['2024-01', '2027-01', 'from..to covers more than 36 months'],
  ])('range %s..%s: %s', (from, to, problem) => {
    expect(rangeProblem(from, to)).toBe(problem);
  });
});
