import type { Dong } from '@benefits/money';
import { computeArrears, IncompleteHistoryError, type ArrearsHistory, type PastMonth, type PaymentRecord, type PriorAdjustment } from './arrears';
import type { EntitlementItem } from './component';
import { ncc, person, sa, seedBook, sp } from './test-factory';

const book = seedBook();

const months = (items: EntitlementItem[], list: string[], extra: Partial<PastMonth> = {}): PastMonth[] =>
  list.map((month) => ({ month, entitlement: person(items), ...extra }));
const settled = (month: string, amount: Dong, settledOn: string, recipientRef = 'P1'): PaymentRecord => ({
  month,
  programme: 'social_assistance',
  recipientRef,
  amount,
  status: 'settled',
  settledOn,
});
const history = (parts: Partial<ArrearsHistory>): ArrearsHistory => ({
  personRef: 'P1',
  currentMonth: '2026-11',
  months: [],
  payments: [],
  adjustments: [],
  ...parts,
});

describe('computeArrears', () => {
  const orphan = [sa('SA_CHILD_NO_SUPPORT_U4')];

  it('backdated table: paid 1,250,000 for 2026-07..09, Decree 335 entered in October → 3 × 100,000', () => {
    const result = computeArrears(
      history({
        months: months(orphan, ['2026-07', '2026-08', '2026-09', '2026-10']),
        payments: [
          settled('2026-07', 1_250_000n, '2026-07-05'),
          settled('2026-08', 1_250_000n, '2026-08-05'),
          settled('2026-09', 1_250_000n, '2026-09-05'),
          settled('2026-10', 1_350_000n, '2026-10-06'),
        ],
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.owed, l.paid, l.difference, l.reason])).toEqual([
      ['2026-07', 1_350_000n, 1_250_000n, 100_000n, 'BACKDATED_RATE'],
      ['2026-08', 1_350_000n, 1_250_000n, 100_000n, 'BACKDATED_RATE'],
      ['2026-09', 1_350_000n, 1_250_000n, 100_000n, 'BACKDATED_RATE'],
    ]);
    expect(result.totalArrears).toBe(300_000n);
    expect(result.recoveries).toEqual([]);
    expect(result.lines[0].explanation).toEqual([
      '2026-07 social_assistance to P1: owed 1,350,000',
      '540,000 × 2.5 = 1,350,000 (SA_CHILD_NO_SUPPORT_U4, Decree 20/2021/ND-CP Art.5(1); level: Decree 335/2026/ND-CP)',
      'paid 1,250,000 (settled 1,250,000, earlier arrears 0, recovered 0)',
      'arrears 100,000 (BACKDATED_RATE)',
    ]);
  });

  it('does not pay a month twice: arrears already scheduled count as paid', () => {
    const scheduled: PriorAdjustment = { month: '2026-07', programme: 'social_assistance', recipientRef: 'P1', amount: 100_000n, kind: 'arrears' };
    const result = computeArrears(
      history({
        months: months(orphan, ['2026-07', '2026-08']),
        payments: [settled('2026-07', 1_250_000n, '2026-07-05'), settled('2026-08', 1_250_000n, '2026-08-05')],
        adjustments: [scheduled],
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.difference])).toEqual([['2026-08', 100_000n]]);
    expect(result.totalArrears).toBe(100_000n);
  });

  it('late decision: disability certificate issued in January, decision signed in March', () => {
    const disabled = [sa('SA_DISABLED_SEVERE')];
    const result = computeArrears(
      history({ currentMonth: '2025-04', months: months(disabled, ['2025-01', '2025-02', '2025-03']), payments: [settled('2025-03', 750_000n, '2025-03-10')] }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.owed, l.paid, l.difference, l.reason])).toEqual([
      ['2025-01', 750_000n, 0n, 750_000n, 'LATE_DECISION'],
      ['2025-02', 750_000n, 0n, 750_000n, 'LATE_DECISION'],
    ]);
  });

  it('a retroactive upgrade of the group (same rates) is a late decision, not a backdated rate', () => {
    const result = computeArrears(
      history({
        currentMonth: '2025-03',
        months: months([sa('SA_DISABLED_ESPECIALLY_SEVERE')], ['2025-01', '2025-02']),
        payments: [settled('2025-01', 750_000n, '2025-01-05'), settled('2025-02', 750_000n, '2025-02-05')],
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.difference, l.reason])).toEqual([
      ['2025-01', 250_000n, 'LATE_DECISION'],
      ['2025-02', 250_000n, 'LATE_DECISION'],
    ]);
  });

  it('resumed after suspension: the suspended months are paid as arrears', () => {
    const elderly = [sa('SA_ELDERLY_POOR_NO_SUPPORT_80')];
    const result = computeArrears(
      history({
        currentMonth: '2025-07',
        months: [...months(elderly, ['2025-03'], {}), ...months(elderly, ['2025-04', '2025-05', '2025-06'], { suspended: true })],
        payments: [settled('2025-03', 1_000_000n, '2025-03-05')],
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.difference, l.reason])).toEqual([
      ['2025-04', 1_000_000n, 'RESUMED_AFTER_SUSPENSION'],
      ['2025-05', 1_000_000n, 'RESUMED_AFTER_SUSPENSION'],
      ['2025-06', 1_000_000n, 'RESUMED_AFTER_SUSPENSION'],
    ]);
    expect(result.totalArrears).toBe(3_000_000n);
  });

  it('unpaid carry-over: money not collected is owed again', () => {
    const result = computeArrears(
      history({
        currentMonth: '2025-06',
        months: months(orphan, ['2025-05']),
        payments: [{ month: '2025-05', programme: 'social_assistance', recipientRef: 'P1', amount: 1_250_000n, status: 'unpaid' }],
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.difference, l.reason])).toEqual([['2025-05', 1_250_000n, 'UNPAID_CARRY_OVER']]);
  });

  it('a month not collected, carried over, then a table entered for it: the rest is a backdated rate, not a second carry-over', () => {
    // July 2026's 1,250,000 was not collected (20 July) and carried into August's payment; Decree 335/2026 (540,000
    // from July, entered in October) now owes 1,350,000 for July: 100,000 more, for the new table.
    const carried: PriorAdjustment = { month: '2026-07', programme: 'social_assistance', recipientRef: 'P1', amount: 1_250_000n, kind: 'arrears', repayment: true };
    const unpaid: PaymentRecord = { month: '2026-07', programme: 'social_assistance', recipientRef: 'P1', amount: 1_250_000n, status: 'unpaid', unpaidOn: '2026-07-20' };
    const july = (adjustments: PriorAdjustment[]) =>
      computeArrears(history({ months: months(orphan, ['2026-07']), payments: [unpaid], adjustments }), book).lines.map((l) => [l.month, l.owed, l.paid, l.difference, l.reason]);
    expect(july([carried])).toEqual([['2026-07', 1_350_000n, 1_250_000n, 100_000n, 'BACKDATED_RATE']]);
    // Not carried over yet: all of it is carried over now, at today's rate.
    expect(july([])).toEqual([['2026-07', 1_350_000n, 0n, 1_350_000n, 'UNPAID_CARRY_OVER']]);
    // Arrears of another reason for the month (a late decision's, at least as large) pay none of the unpaid money: it
    // is still owed as UNPAID_CARRY_OVER, which disbursement pays once (as LATE_DECISION it would be new money beside
    // its carry-over of the line not collected).
    const late: PriorAdjustment = { ...carried, amount: 500_000n, repayment: false };
    const partlyUnpaid: PaymentRecord = { ...unpaid, amount: 300_000n };
    const lines = computeArrears(history({ months: months(orphan, ['2026-07']), payments: [partlyUnpaid], adjustments: [late] }), book).lines;
    expect(lines.map((l) => [l.month, l.owed, l.paid, l.reason])).toEqual([['2026-07', 1_350_000n, 500_000n, 'UNPAID_CARRY_OVER']]);
  });

  it('recovery after a death reported late: never a negative payment', () => {
    const elderly = [sa('SA_ELDERLY_POOR_NO_SUPPORT_80')];
    const result = computeArrears(
      history({
        currentMonth: '2025-06',
        months: [...months(elderly, ['2025-03']), ...months([], ['2025-04', '2025-05'])],
        payments: [settled('2025-03', 1_000_000n, '2025-03-05'), settled('2025-04', 1_000_000n, '2025-04-05'), settled('2025-05', 1_000_000n, '2025-05-05')],
      }),
      book,
    );
    expect(result.lines).toEqual([]);
    expect(result.recoveries.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual([
      ['2025-04', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE'],
      ['2025-05', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE'],
    ]);
    expect(result.totalRecovery).toBe(2_000_000n);
  });

  it('a recovery already raised is not raised again', () => {
    const result = computeArrears(
      history({
        currentMonth: '2025-06',
        months: months([], ['2025-04']),
        payments: [settled('2025-04', 1_000_000n, '2025-04-05')],
        adjustments: [{ month: '2025-04', programme: 'social_assistance', recipientRef: 'P1', amount: 1_000_000n, kind: 'recovery' }],
      }),
      book,
    );
    expect(result.recoveries).toEqual([]);
  });

  it('care allowance arrears go to the caring household', () => {
    const fostered = [sa('SA_CHILD_NO_SUPPORT_U4'), sa('CARE_FOSTER_CHILD_U4', { recipientRef: 'H1' })];
    const result = computeArrears(
      history({
        months: months(fostered, ['2026-07']),
        payments: [settled('2026-07', 1_250_000n, '2026-07-05'), settled('2026-07', 1_250_000n, '2026-07-05', 'H1')],
      }),
      book,
    );
    expect(result.lines.map((l) => [l.recipientRef, l.difference, l.reason])).toEqual([
      ['P1', 100_000n, 'BACKDATED_RATE'],
      ['H1', 100_000n, 'BACKDATED_RATE'],
    ]);
  });

  it('leaves meritorious months without an official table unpriced, and settles the others', () => {
    const invalid = [ncc('NCC_WAR_INVALID', { injuryRate: 81 })];
    const result = computeArrears(
      history({ currentMonth: '2026-08', months: months(invalid, ['2026-06', '2026-07']) }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.programme, l.difference])).toEqual([['2026-06', 'meritorious', 8_639_000n]]);
    expect(result.unpriced).toMatchObject([{ month: '2026-07', code: 'NO_RATE_TABLE' }]);
  });

  it('a missing meritorious table holds back only the meritorious part of a month: its social assistance arrears are paid', () => {
    // Severely disabled (1.5) and a war invalid at 81 %: July 2026 paid 750,000 of social assistance before Decree 335
    // (540,000 from July) was entered; the meritorious tables of Decree 321/2026 are not entered yet.
    const both = [sa('SA_DISABLED_SEVERE'), ncc('NCC_WAR_INVALID', { injuryRate: 81 })];
    const meritoriousPaid: PaymentRecord = { month: '2026-07', programme: 'meritorious', recipientRef: 'P1', amount: 8_639_000n, status: 'settled', settledOn: '2026-07-05' };
    const result = computeArrears(history({ months: months(both, ['2026-07']), payments: [settled('2026-07', 750_000n, '2026-07-05'), meritoriousPaid] }), book);
    expect(result.lines.map((l) => [l.month, l.programme, l.owed, l.paid, l.difference, l.reason])).toEqual([
      ['2026-07', 'social_assistance', 810_000n, 750_000n, 60_000n, 'BACKDATED_RATE'],
    ]);
    // Meritorious is left for the run after its table is entered: neither owed nothing (a recovery) nor priced.
    expect(result.recoveries).toEqual([]);
    expect(result.unpriced).toMatchObject([{ month: '2026-07', programmes: ['meritorious'], code: 'NO_RATE_TABLE' }]);
  });

  it('a month an earlier run left unpriced, priced by a table entered since: a backdated rate, not a late decision', () => {
    const invalid = [ncc('NCC_WAR_INVALID', { injuryRate: 81 })];
    const june = (extra: Partial<PastMonth>) => computeArrears(history({ currentMonth: '2026-08', months: months(invalid, ['2026-06'], extra) }), book).lines;
    expect(june({ unpriced: ['meritorious'] }).map((l) => [l.month, l.difference, l.reason])).toEqual([['2026-06', 8_639_000n, 'BACKDATED_RATE']]);
    // Never priced and never left unpriced: the decision granting it came after the month.
    expect(june({}).map((l) => l.reason)).toEqual(['LATE_DECISION']);
  });

  it('ignores the current month and later ones', () => {
    const result = computeArrears(history({ currentMonth: '2026-07', months: months(orphan, ['2026-07', '2026-08']) }), book);
    expect(result.lines).toEqual([]);
  });

  it('refuses payments for a month the history does not describe', () => {
    expect(() => computeArrears(history({ payments: [settled('2026-07', 1_250_000n, '2026-07-05')] }), book)).toThrow(IncompleteHistoryError);
  });

  describe('only the higher of social assistance and the social pension (a decision of the other recorded late)', () => {
    const paidAs = (programme: PaymentRecord['programme'], month: string, amount: Dong): PaymentRecord => ({ ...settled(month, amount, `${month}-05`), programme });
    const both = [sa('SA_ELDERLY_80_NO_PENSION'), sp('SP_75_PLUS')];

    it('paid 500,000 of social assistance for 2026-07..08, owed the social pension of 540,000 now: 40,000 a month, nothing recovered', () => {
      const result = computeArrears(
        history({ months: months(both, ['2026-07', '2026-08']), payments: [paidAs('social_assistance', '2026-07', 500_000n), paidAs('social_assistance', '2026-08', 500_000n)] }),
        book,
      );
      // Had the pension been recorded in time it would have been 500,000 then: the 40,000 is Decree 335's rate.
      expect(result.lines.map((l) => [l.month, l.programme, l.owed, l.paid, l.difference, l.reason])).toEqual([
        ['2026-07', 'social_pension', 540_000n, 500_000n, 40_000n, 'BACKDATED_RATE'],
        ['2026-08', 'social_pension', 540_000n, 500_000n, 40_000n, 'BACKDATED_RATE'],
      ]);
      expect(result.recoveries).toEqual([]);
      expect(result.lines[0].explanation).toContain(
        '500,000 paid for the month as social_assistance counts toward it (only the higher is paid, Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP)',
      );
    });

    it('paid the social pension of 500,000, owed a higher social assistance of 1,080,000 now: 580,000 a month, nothing recovered', () => {
      const higher = [sa('SA_ELDERLY_POOR_NO_SUPPORT_80'), sp('SP_75_PLUS')];
      const result = computeArrears(history({ months: months(higher, ['2026-07']), payments: [paidAs('social_pension', '2026-07', 500_000n)] }), book);
      // 1,000,000 owed as the book stood then, against 500,000 counted: the decision came late.
      expect(result.lines.map((l) => [l.programme, l.difference, l.reason])).toEqual([['social_assistance', 580_000n, 'LATE_DECISION']]);
      expect(result.recoveries).toEqual([]);
    });

    it('counts only what the other is owed: paid 1,080,000 of social assistance, owed 540,000 of the social pension → 540,000 recovered', () => {
      const result = computeArrears(history({ months: months([sp('SP_75_PLUS')], ['2026-07']), payments: [paidAs('social_assistance', '2026-07', 1_080_000n)] }), book);
      expect(result.lines).toEqual([]);
      expect(result.recoveries.map((r) => [r.programme, r.owed, r.paid, r.amount, r.reason])).toEqual([['social_assistance', 0n, 540_000n, 540_000n, 'NOT_ELIGIBLE']]);
    });

    it('is settled once: the next run finds the difference already paid as arrears', () => {
      const scheduled: PriorAdjustment = { month: '2026-07', programme: 'social_pension', recipientRef: 'P1', amount: 40_000n, kind: 'arrears' };
      const result = computeArrears(
        history({ months: months(both, ['2026-07']), payments: [paidAs('social_assistance', '2026-07', 500_000n)], adjustments: [scheduled] }),
        book,
      );
      expect(result).toEqual({ lines: [], recoveries: [], unpriced: [], totalArrears: 0n, totalRecovery: 0n });
    });

    it('counts no care allowance (paid on top of the pension) toward a pension not collected: the excess is recovered, the pension owed again', () => {
      // A foster mother on the social pension, the care allowance of a child who turned 4 recorded late: paid
      // 2.5 × 540,000 = 1,350,000, owed 1.5 × 540,000 = 810,000; her pension of 2026-07 not collected.
      const result = computeArrears(
        history({
          months: months([sp('SP_75_PLUS'), sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { caredForRef: 'C1' })], ['2026-07']),
          payments: [paidAs('social_assistance', '2026-07', 1_350_000n), { month: '2026-07', programme: 'social_pension', recipientRef: 'P1', amount: 540_000n, status: 'unpaid', unpaidOn: '2026-07-25' }],
        }),
        book,
      );
      expect(result.recoveries.map((r) => [r.programme, r.amount, r.reason])).toEqual([['social_assistance', 540_000n, 'OVERPAID']]);
      expect(result.lines.map((l) => [l.programme, l.difference, l.reason])).toEqual([['social_pension', 540_000n, 'UNPAID_CARRY_OVER']]);
    });

    it('counts nothing across payees: a care allowance of another household is settled on its own', () => {
      const care = sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1', recipientRef: 'H2' });
      const result = computeArrears(
        history({ months: months([sp('SP_75_PLUS'), care], ['2026-07']), payments: [paidAs('social_pension', '2026-07', 540_000n), { ...paidAs('social_assistance', '2026-07', 2_000_000n), recipientRef: 'H2' }] }),
        book,
      );
      expect(result.lines).toEqual([]);
      expect(result.recoveries.map((r) => [r.recipientRef, r.amount])).toEqual([['H2', 650_000n]]);
    });
  });

  it('produces nothing when everything was paid', () => {
    const result = computeArrears(history({ months: months(orphan, ['2026-10']), payments: [settled('2026-10', 1_350_000n, '2026-10-06')] }), book);
    expect(result).toEqual({ lines: [], recoveries: [], unpriced: [], totalArrears: 0n, totalRecovery: 0n });
  });
});
