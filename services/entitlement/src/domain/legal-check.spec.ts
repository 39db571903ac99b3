import { formatDong } from '@benefits/money';
import { recoveriesAfterDeath, type DeathHistory } from '../payments/domain/death-recoveries';
import type { PastArrearsRow, PaymentRow } from '../runs/domain/arrears-history';
import { computeArrears, type ArrearsHistory, type PaymentRecord } from './arrears';
import { calculateMonth, payableLines } from './calculate';
import type { EntitlementItem } from './component';
import { NoRateTableError } from './errors';
import { computeFuneralSupport, funeralTopUp } from './funeral';
import { ncc, person, sa, seedBook, sp } from './test-factory';

/**
 * An independent check of the amounts against the domain brief (standard levels 360,000 / 500,000 / 540,000; D20
 * coefficients; the meritorious fixed tables of 2024-07): every expected figure below was worked out by hand from the
 * brief and its tables, not from the code.
 */
const book = seedBook();
/** The book as it stood before Decree 335/2026 (entered 2026-10-05) and Decree 321/2026 (2026-10-01). */
const beforeOctober2026 = book.asOf('2026-09-30T00:00:00.000Z');

const total = (items: EntitlementItem[], month: string, from = book, extra = {}) => calculateMonth(person(items, extra), month, from).total;

describe('hand-computed amounts: social assistance (standard level × the highest coefficient)', () => {
  it.each<[string, string, EntitlementItem[], bigint]>([
    ['child with HIV aged 4-16 at 360,000 × 2.0', '2024-06', [sa('SA_CHILD_HIV_POOR_4_16')], 720_000n],
    ['elderly taken in by the community at 360,000 × 3.0', '2024-06', [sa('SA_ELDERLY_COMMUNITY_CARE')], 1_080_000n],
    ['youth 16-22 studying at 360,000 × 1.5', '2024-06', [sa('SA_YOUTH_STUDYING_16_22')], 540_000n],
    ['80+ without a pension, first month of D20, 360,000 × 1.0', '2021-07', [sa('SA_ELDERLY_80_NO_PENSION')], 360_000n],
    ['child under 3 in a remote commune, 500,000 × 1.5', '2024-07', [sa('SA_CHILD_U3_POOR_REMOTE')], 750_000n],
    ['orphan 4-16 at 540,000 × 1.5 (July 2026)', '2026-07', [sa('SA_CHILD_NO_SUPPORT_4_16')], 810_000n],
    ['especially severe disability, elderly, at 540,000 × 2.5', '2026-08', [sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY')], 1_350_000n],
    ['poor elderly 80+ at 540,000 × 2.0', '2026-12', [sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], 1_080_000n],
    ['three groups 2.0 / 2.5 / 1.5: only 2.5', '2026-07', [sa('SA_ELDERLY_POOR_NO_SUPPORT_80'), sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY'), sa('SA_HIV_POOR_NO_INCOME')], 1_350_000n],
    ['HIV 1.5 and severe disability adult 1.5: one of them', '2024-06', [sa('SA_HIV_POOR_NO_INCOME'), sa('SA_DISABLED_SEVERE')], 540_000n],
    // the poor single parent's per-child amount stacks with their own elderly / disability / HIV allowance
    ['single parent, 2 children, especially severely disabled elderly: 2 × 540,000 + 1,350,000', '2026-07', [sa('SA_SINGLE_PARENT_POOR', { children: 2 }), sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY')], 2_430_000n],
    ['single parent, 3 children, poor elderly 60-80, June 2024: 3 × 360,000 + 540,000', '2024-06', [sa('SA_SINGLE_PARENT_POOR', { children: 3 }), sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], 1_620_000n],
    ['single parent, 1 child, HIV + severe disability adult: per child + one own', '2025-03', [sa('SA_SINGLE_PARENT_POOR', { children: 1 }), sa('SA_HIV_POOR_NO_INCOME'), sa('SA_DISABLED_SEVERE')], 1_250_000n],
    ['single parent, 4 children, no own group', '2026-07', [sa('SA_SINGLE_PARENT_POOR', { children: 4 })], 2_160_000n],
  ])('%s (%s)', (_name, month, items, expected) => {
    expect(total(items, month)).toBe(expected);
  });

  it('pays July to September 2026 at 500,000 until Decree 335/2026 is entered, at 540,000 after', () => {
    const orphan = [sa('SA_CHILD_NO_SUPPORT_U4')];
    expect(['2026-07', '2026-08', '2026-09'].map((m) => total(orphan, m, beforeOctober2026))).toEqual([1_250_000n, 1_250_000n, 1_250_000n]);
    expect(['2026-07', '2026-08', '2026-09'].map((m) => total(orphan, m))).toEqual([1_350_000n, 1_350_000n, 1_350_000n]);
  });

  it('crosses age bands in the birthday month (the band arrives with the item): 4, 16, 60, 80', () => {
    expect(total([sa('SA_CHILD_NO_SUPPORT_U4')], '2026-06')).toBe(1_250_000n);
    expect(total([sa('SA_CHILD_NO_SUPPORT_4_16')], '2026-07')).toBe(810_000n);
    expect(total([sa('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY')], '2026-07')).toBe(1_080_000n);
    expect(total([sa('SA_DISABLED_SEVERE')], '2026-08')).toBe(810_000n);
    expect(total([sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], '2026-09')).toBe(810_000n);
    expect(total([sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], '2026-10')).toBe(1_080_000n);
  });

  it('cites the group article, the level decree and the rule in the explanation', () => {
    const result = calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_80'), sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY')]), '2026-07', book);
    expect(result.explanation).toEqual([
      '540,000 × 2.5 = 1,350,000 (SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY, Decree 20/2021/ND-CP Art.5(6); level: Decree 335/2026/ND-CP)',
      'SA_ELDERLY_POOR_NO_SUPPORT_80 1,080,000 not paid: only the highest coefficient is paid (Decree 20/2021/ND-CP Art.6(2))',
      'total 1,350,000',
    ]);
    expect(calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')]), '2024-06', book).explanation[0]).toBe(
      '360,000 × 1.5 = 540,000 (SA_ELDERLY_POOR_NO_SUPPORT_60_80, Decree 20/2021/ND-CP Art.5(5)(a); level: Decree 20/2021/ND-CP Art.4(2))',
    );
  });

  it('keeps whole đồng: a level not a multiple of 1,000 is rounded half up, never through a float', () => {
    const odd = book.withVersion({
      id: 'standard_level:social_assistance:2027-01:test',
      table: 'standard_level',
      scope: 'social_assistance',
      effectiveFrom: '2027-01',
      enteredAt: '2027-01-02',
      instrument: 'Decree 999/2026/ND-CP (test)',
      confidence: 'test',
      rows: [{ key: 'social_assistance', amount: 555_555n }],
    });
    // 555,555 × 2.5 = 1,388,887.5 → 1,388,888; 555,555 × 1.5 = 833,332.5 → 833,333; 555,555 × 1 × 3 children = 1,666,665
    expect(total([sa('SA_CHILD_NO_SUPPORT_U4')], '2027-01', odd)).toBe(1_388_888n);
    expect(total([sa('SA_HIV_POOR_NO_INCOME')], '2027-01', odd)).toBe(833_333n);
    expect(total([sa('SA_SINGLE_PARENT_POOR', { children: 3 })], '2027-01', odd)).toBe(1_666_665n);
    expect(typeof calculateMonth(person([sa('SA_CHILD_NO_SUPPORT_U4')]), '2027-01', odd).total).toBe('bigint');
  });
});

describe('hand-computed amounts: care allowances to the caring household', () => {
  it('pays the especially severely disabled adult and, on top, 1.0 to the household caring for them', () => {
    const result = calculateMonth(person([sa('SA_DISABLED_ESPECIALLY_SEVERE'), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { recipientRef: 'H2' })]), '2026-07', book);
    expect(payableLines(result)).toEqual([
      { programme: 'social_assistance', recipientRef: 'P1', amount: 1_080_000n },
      { programme: 'social_assistance', recipientRef: 'H2', amount: 540_000n },
    ]);
    expect(result.explanation[1]).toBe(
      '540,000 × 1 = 540,000 care allowance to H2 (CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED, Decree 20/2021/ND-CP Art.20; level: Decree 335/2026/ND-CP)',
    );
  });

  it.each<[string, string, EntitlementItem[], bigint]>([
    ['a household caring for two especially severely disabled persons: 2 × 1.0', '2026-07', [sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { caredForRef: 'D1' }), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { caredForRef: 'D2' })], 1_080_000n],
    ['taking in an especially severely disabled adult: 500,000 × 1.5', '2025-01', [sa('CARE_FOSTER_ADULT_ESPECIALLY_SEVERE_DISABLED', { caredForRef: 'D1' })], 750_000n],
    ['disabled mother, two babies: own 2.0 + care 2.0 only (not 1.5 too), June 2024', '2024-06', [sa('SA_DISABLED_ESPECIALLY_SEVERE'), sa('CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M'), sa('CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M')], 1_440_000n],
    ['a social pensioner fostering an orphan aged 5: the pension + 1.5, July 2026', '2026-07', [sp(), sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { caredForRef: 'C1' })], 1_350_000n],
  ])('%s (%s)', (_name, month, items, expected) => {
    expect(total(items, month)).toBe(expected);
  });
});

describe('hand-computed amounts: the social pension or social assistance, the higher', () => {
  it.each<[string, string, EntitlementItem[], string, bigint]>([
    ['75-80 remote 1.0 against the pension, July 2026: equal, the pension', '2026-07', [sa('SA_ELDERLY_75_80_POOR_REMOTE'), sp()], 'social_pension', 540_000n],
    ['severely disabled elderly 2.0 against the pension', '2025-07', [sp(), sa('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY')], 'social_assistance', 1_000_000n],
    ['aged 72, poor, HIV 1.5 against the pension', '2025-09', [sp('SP_70_75_POOR_NEAR_POOR'), sa('SA_HIV_POOR_NO_INCOME')], 'social_assistance', 750_000n],
    ['80+ without pension 1.0 against the pension, book before Decree 335', '2026-08', [sa('SA_ELDERLY_80_NO_PENSION'), sp()], 'social_pension', 500_000n],
  ])('%s (%s)', (_name, month, items, programme, expected) => {
    const from = month === '2026-08' ? beforeOctober2026 : book;
    const result = calculateMonth(person(items), month, from);
    expect(result.components.map((c) => c.programme)).toEqual([programme]);
    expect(result.total).toBe(expected);
  });

  it('cites the social pension instrument', () => {
    expect(calculateMonth(person([sp()]), '2025-07', book).explanation[0]).toBe(
      '500,000 social pension (SP_75_PLUS, Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP Art.3)',
    );
    expect(calculateMonth(person([sp()]), '2026-07', book).explanation[0]).toBe('540,000 social pension (SP_75_PLUS, Decree 335/2026/ND-CP)');
  });
});

describe('hand-computed amounts: people with meritorious service (fixed tables, components stack)', () => {
  it.each<[string, string, EntitlementItem[], bigint]>([
    ['type-B war invalid 100% especially severe: 7,397,000 + 1,399,000 + 2,867,000', '2025-03', [ncc('NCC_WAR_INVALID_TYPE_B', { injuryRate: 100, especiallySevere: true })], 11_663_000n],
    ['type-B war invalid 80%: no supplement', '2025-03', [ncc('NCC_WAR_INVALID_TYPE_B', { injuryRate: 80 })], 5_936_000n],
    ['war invalid 55% (table A)', '2025-03', [ncc('NCC_WAR_INVALID', { injuryRate: 55 })], 4_918_000n],
    ['type-B war invalid 55%', '2025-03', [ncc('NCC_WAR_INVALID_TYPE_B', { injuryRate: 55 })], 4_102_000n],
    ['war invalid 90% not especially severe: 8,050,000 + 1,399,000', '2024-07', [ncc('NCC_WAR_INVALID', { injuryRate: 90 })], 9_449_000n],
    ['relative of 3+ martyrs with nurturing: 8,367,000 + 2,231,000', '2025-03', [ncc('NCC_MARTYR_RELATIVE_3PLUS'), ncc('NCC_SURVIVOR_NURTURING')], 10_598_000n],
    ['pre-1945 salaried, 10 years: 3,117,000 + 10 × 529,000', '2025-03', [ncc('NCC_PRE1945_SALARIED', { seniorityYears: 10 })], 8_407_000n],
    ['pre-1945 salaried, 0 years: the table amount alone', '2025-03', [ncc('NCC_PRE1945_SALARIED', { seniorityYears: 0 })], 3_117_000n],
    ['pre-1945 not salaried', '2025-03', [ncc('NCC_PRE1945_NOT_SALARIED')], 5_291_000n],
    ['caregiver of an invalid >= 81% especially severe', '2025-03', [ncc('NCC_INVALID_CAREGIVER_81_SEVERE')], 3_582_000n],
    ['toxic chemicals >= 81%, not especially severe: 6,358,000 + 1,399,000', '2025-03', [ncc('NCC_TOXIC_CHEMICAL_81_PLUS')], 7_757_000n],
    ['child of a toxic-chemical-exposed person 61-80%', '2025-03', [ncc('NCC_TOXIC_CHEMICAL_CHILD_61_80')], 1_673_000n],
    ['sick soldier 81-90% especially severe: 6,378,000 + 1,399,000 + 2,789,000', '2025-03', [ncc('NCC_SICK_SOLDIER_81_90', { especiallySevere: true })], 10_566_000n],
    ['Hero in August 2026, book before Decree 321/2026 was entered: the 2024 table', '2026-08', [ncc('NCC_HERO')], 2_337_000n],
  ])('%s (%s)', (_name, month, items, expected) => {
    expect(total(items, month, month === '2026-08' ? beforeOctober2026 : book)).toBe(expected);
  });

  it('leaves meritorious service unpriced from July 2026 once Decree 321/2026 is in, and prices the social assistance beside it', () => {
    expect(() => calculateMonth(person([ncc('NCC_HERO')]), '2026-08', book)).toThrow(NoRateTableError);
  });

  it('cites the consolidated text and the appendix', () => {
    const result = calculateMonth(person([ncc('NCC_WAR_INVALID_TYPE_B', { injuryRate: 81 })]), '2025-03', book);
    expect(result.explanation).toEqual([
      '6,005,000 (NCC_WAR_INVALID_TYPE_B 81%, Decree 75/2021/ND-CP as amended by Decree 77/2024/ND-CP (VBHN 4804/VBHN-BLĐTBXH) Appendix, type-B war invalids)',
      '+ 1,399,000 (NCC_SUPP_INVALID_81 for NCC_WAR_INVALID_TYPE_B, Decree 75/2021/ND-CP as amended by Decree 77/2024/ND-CP (VBHN 4804/VBHN-BLĐTBXH) Appendix I)',
      'total 7,404,000',
    ]);
  });
});

describe('hand-computed amounts: province top-ups (D20 Art.4(3): more, never less)', () => {
  const topped = book.withVersion({
    id: 'province_topup:91:2026-01:check',
    table: 'province_topup',
    scope: '91',
    effectiveFrom: '2026-01',
    enteredAt: '2026-01-05',
    instrument: 'Resolution 07/2025/NQ-HĐND (test)',
    confidence: 'test',
    rows: [
      { key: 'SA_DISABLED_ESPECIALLY_SEVERE', amount: 200_000n },
      { key: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', amount: 50_000n },
      { key: 'SP_75_PLUS', amount: 100_000n },
      { key: 'NCC_HERO', amount: 300_000n },
      { key: 'NCC_SURVIVOR_NURTURING', amount: 150_000n },
    ],
  });
  const in91 = { provinceCode: '91' };

  it('tops up the person and the caring household each on their own group', () => {
    const result = calculateMonth(person([sa('SA_DISABLED_ESPECIALLY_SEVERE'), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { recipientRef: 'H2' })], in91), '2026-03', topped);
    expect(payableLines(result)).toEqual([
      { programme: 'social_assistance', recipientRef: 'P1', amount: 1_200_000n },
      { programme: 'social_assistance', recipientRef: 'H2', amount: 550_000n },
    ]);
  });

  it('tops up the social pension, and the meritorious group but not its table supplement', () => {
    expect(total([sp()], '2026-07', topped, in91)).toBe(640_000n);
    expect(total([ncc('NCC_HERO')], '2026-03', topped, in91)).toBe(2_637_000n);
  });

  it('tops up the nurturing survivor allowance, a group of its own the province may top up like any other', () => {
    // 2,789,000 survivor allowance + 2,231,000 nurturing allowance + the province's 150,000 on the nurturing group
    const result = calculateMonth(person([ncc('NCC_MARTYR_RELATIVE_1'), ncc('NCC_SURVIVOR_NURTURING')], in91), '2026-03', topped);
    expect(result.total).toBe(5_170_000n);
    expect(result.explanation).toContain('+ 150,000 province 91 top-up (NCC_SURVIVOR_NURTURING, Resolution 07/2025/NQ-HĐND (test))');
  });
});

describe('hand-computed amounts: funeral support (20 × the social assistance level of the month of death)', () => {
  it.each<[string, string, 'social_assistance' | 'social_pension', bigint]>([
    ['died 30 June 2024: 20 × 360,000', '2024-06-30', 'social_assistance', 7_200_000n],
    ['died 1 July 2024: 20 × 500,000', '2024-07-01', 'social_assistance', 10_000_000n],
    ['social pensioner died December 2025: 20 × 500,000', '2025-12-31', 'social_pension', 10_000_000n],
    ['died August 2026, Decree 335 in: 20 × 540,000', '2026-08-15', 'social_assistance', 10_800_000n],
  ])('%s', (_name, dateOfDeath, programme, expected) => {
    expect(computeFuneralSupport({ personRef: 'P1', dateOfDeath, programmes: [programme] }, book).amount).toBe(expected);
  });

  it('pays 10,000,000 for an August 2026 death priced before Decree 335, then tops it up by 800,000', () => {
    const input = { personRef: 'P1', dateOfDeath: '2026-08-15', programmes: ['social_assistance' as const] };
    const then = computeFuneralSupport(input, beforeOctober2026);
    expect(then.amount).toBe(10_000_000n);
    expect(then.explanation[0]).toBe(
      '20 × 500,000 = 10,000,000 funeral support (social_assistance, Decree 20/2021/ND-CP Art.11; level: Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4))',
    );
    expect(funeralTopUp(then.amount, computeFuneralSupport(input, book))?.amount).toBe(800_000n);
  });

  it('pays one funeral support, the highest, for a person on both programmes or another scheme', () => {
    const both = computeFuneralSupport({ personRef: 'P1', dateOfDeath: '2025-09-02', programmes: ['social_assistance', 'social_pension'] }, book);
    expect(both.amount).toBe(10_000_000n);
    const other = computeFuneralSupport(
      { personRef: 'P1', dateOfDeath: '2025-09-02', programmes: ['social_assistance'], otherSchemes: [{ scheme: 'meritorious', amount: 12_000_000n, instrument: 'test' }] },
      book,
    );
    expect([other.scheme, other.amount]).toEqual(['meritorious', 12_000_000n]);
  });
});

describe('hand-computed arrears and recoveries', () => {
  const settled = (month: string, amount: bigint, settledOn: string, programme: PaymentRecord['programme'] = 'social_assistance'): PaymentRecord => ({
    month,
    programme,
    recipientRef: 'P1',
    amount,
    status: 'settled',
    settledOn,
  });
  const history = (parts: Partial<ArrearsHistory>): ArrearsHistory => ({ personRef: 'P1', currentMonth: '2026-11', months: [], payments: [], adjustments: [], ...parts });
  const monthsOf = (items: EntitlementItem[], list: string[]) => list.map((month) => ({ month, entitlement: person(items) }));

  it('late decision: an orphan decided in October for June 2026 on, nothing paid: 1,250,000 + 3 × 1,350,000', () => {
    const result = computeArrears(history({ currentMonth: '2026-10', months: monthsOf([sa('SA_CHILD_NO_SUPPORT_U4')], ['2026-06', '2026-07', '2026-08', '2026-09']) }), book);
    expect(result.lines.map((l) => [l.month, l.difference, l.reason])).toEqual([
      ['2026-06', 1_250_000n, 'LATE_DECISION'],
      ['2026-07', 1_350_000n, 'LATE_DECISION'],
      ['2026-08', 1_350_000n, 'LATE_DECISION'],
      ['2026-09', 1_350_000n, 'LATE_DECISION'],
    ]);
    expect(result.totalArrears).toBe(5_300_000n);
  });

  it('backdated table: poor elderly 80+ paid 1,000,000 for July to September 2026 is owed 80,000 a month', () => {
    const result = computeArrears(
      history({
        months: monthsOf([sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], ['2026-06', '2026-07', '2026-08', '2026-09']),
        payments: ['2026-06', '2026-07', '2026-08', '2026-09'].map((m) => settled(m, 1_000_000n, `${m}-05`)),
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.difference, l.reason])).toEqual([
      ['2026-07', 80_000n, 'BACKDATED_RATE'],
      ['2026-08', 80_000n, 'BACKDATED_RATE'],
      ['2026-09', 80_000n, 'BACKDATED_RATE'],
    ]);
    expect(result.recoveries).toEqual([]);
  });

  it('backdated table: the social pension paid 500,000 for July to September 2026 is owed 40,000 a month', () => {
    const result = computeArrears(
      history({
        months: monthsOf([sp()], ['2026-07', '2026-08', '2026-09']),
        payments: ['2026-07', '2026-08', '2026-09'].map((m) => settled(m, 500_000n, `${m}-05`, 'social_pension')),
      }),
      book,
    );
    expect(result.totalArrears).toBe(120_000n);
    expect(new Set(result.lines.map((l) => l.reason))).toEqual(new Set(['BACKDATED_RATE']));
  });

  it('backdated table: the household caring for an especially severely disabled adult is owed its own 40,000 a month', () => {
    const items = [sa('SA_DISABLED_ESPECIALLY_SEVERE'), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { recipientRef: 'H2' })];
    const result = computeArrears(
      history({
        months: monthsOf(items, ['2026-07', '2026-08', '2026-09']),
        payments: ['2026-07', '2026-08', '2026-09'].flatMap((m) => [settled(m, 1_000_000n, `${m}-05`), { ...settled(m, 500_000n, `${m}-05`), recipientRef: 'H2' }]),
      }),
      book,
    );
    expect(result.lines.map((l) => [l.month, l.recipientRef, l.difference, l.reason])).toEqual([
      ['2026-07', 'P1', 80_000n, 'BACKDATED_RATE'],
      ['2026-07', 'H2', 40_000n, 'BACKDATED_RATE'],
      ['2026-08', 'P1', 80_000n, 'BACKDATED_RATE'],
      ['2026-08', 'H2', 40_000n, 'BACKDATED_RATE'],
      ['2026-09', 'P1', 80_000n, 'BACKDATED_RATE'],
      ['2026-09', 'H2', 40_000n, 'BACKDATED_RATE'],
    ]);
  });

  it('a death reported late: the months after the month of death are recovered, with their arrears; the month of death is not', () => {
    // Severe disability adult, died 2026-08-20: 750,000 settled for July, August, September; October's payment of
    // 990,000 paid October at 810,000 and 60,000 arrears for each of July, August and September (Decree 335/2026).
    const payment = (month: string, amount: bigint, regular?: bigint): PaymentRow => ({
      paymentId: `PAY-${month}`,
      runId: `R-${month}`,
      programme: 'social_assistance',
      month,
      amount,
      outcome: 'settled',
      occurredOn: `${month}-05`,
      receivedAt: `${month}-05T00:00:00.000Z`,
      ...(regular !== undefined && { regular }),
    });
    const arrears = (month: string): PastArrearsRow => ({ programme: 'social_assistance', month, recipientRef: 'P1', amount: 60_000n, carrierUnpaid: false, carrierReceived: true });
    const death: DeathHistory = {
      personRef: 'P1',
      dateOfDeath: '2026-08-20',
      payments: [payment('2026-07', 750_000n), payment('2026-08', 750_000n), payment('2026-09', 750_000n), payment('2026-10', 990_000n, 810_000n)],
      lines: [],
      arrears: ['2026-07', '2026-08', '2026-09'].map(arrears),
      recoveries: [],
    };
    const recoveries = recoveriesAfterDeath(death, book);
    expect(recoveries.map((r) => [r.month, r.amount, r.reason])).toEqual([
      ['2026-09', 810_000n, 'NOT_ELIGIBLE'],
      ['2026-10', 810_000n, 'NOT_ELIGIBLE'],
    ]);
    expect(recoveries.every((r) => r.explanation.at(-1) === `to recover ${formatDong(r.amount)} (NOT_ELIGIBLE)`)).toBe(true);
  });
});
