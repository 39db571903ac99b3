import { formatDong } from '@benefits/money';
import { InvalidItemError, NoRateTableError, UnknownGroupError } from './errors';
import { calculateHousehold, calculateMonth, payableLines } from './calculate';
import type { EntitlementItem } from './component';
import { ncc, person, sa, seedBook, sp } from './test-factory';

const book = seedBook();

/** [case, month, items, component amounts in order, total] */
const CASES: [string, string, EntitlementItem[], bigint[], bigint][] = [
  // the standard level across its changes
  ['orphan under 4 at 360,000 (June 2024)', '2024-06', [sa('SA_CHILD_NO_SUPPORT_U4')], [900_000n], 900_000n],
  ['orphan under 4 at 500,000 (July 2024)', '2024-07', [sa('SA_CHILD_NO_SUPPORT_U4')], [1_250_000n], 1_250_000n],
  ['orphan under 4 at 500,000 (June 2026)', '2026-06', [sa('SA_CHILD_NO_SUPPORT_U4')], [1_250_000n], 1_250_000n],
  ['orphan under 4 at 540,000 (July 2026, Decree 335)', '2026-07', [sa('SA_CHILD_NO_SUPPORT_U4')], [1_350_000n], 1_350_000n],
  ['poor elderly 60-80 at 360,000 (first month of D20)', '2021-07', [sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], [540_000n], 540_000n],
  ['severe disability adult June 2024', '2024-06', [sa('SA_DISABLED_SEVERE')], [540_000n], 540_000n],
  ['severe disability adult July 2024', '2024-07', [sa('SA_DISABLED_SEVERE')], [750_000n], 750_000n],
  ['severe disability adult July 2026', '2026-07', [sa('SA_DISABLED_SEVERE')], [810_000n], 810_000n],
  ['elderly taken in by the community × 3.0, July 2026', '2026-07', [sa('SA_ELDERLY_COMMUNITY_CARE')], [1_620_000n], 1_620_000n],
  // ages crossing 4, 16, 60, 75, 80 (the group code arrives banded for the month)
  ['orphan aged 3 in March 2025', '2025-03', [sa('SA_CHILD_NO_SUPPORT_U4')], [1_250_000n], 1_250_000n],
  ['same orphan turns 4 in April 2025', '2025-04', [sa('SA_CHILD_NO_SUPPORT_4_16')], [750_000n], 750_000n],
  ['child with HIV under 4', '2025-01', [sa('SA_CHILD_HIV_POOR_U4')], [1_250_000n], 1_250_000n],
  ['child with HIV turns 4', '2025-02', [sa('SA_CHILD_HIV_POOR_4_16')], [1_000_000n], 1_000_000n],
  ['orphan turns 16, still studying', '2025-09', [sa('SA_YOUTH_STUDYING_16_22')], [750_000n], 750_000n],
  ['especially severe disability aged 15', '2025-05', [sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY')], [1_250_000n], 1_250_000n],
  ['especially severe disability turns 16', '2025-06', [sa('SA_DISABLED_ESPECIALLY_SEVERE')], [1_000_000n], 1_000_000n],
  ['severe disability aged 59', '2025-01', [sa('SA_DISABLED_SEVERE')], [750_000n], 750_000n],
  ['severe disability turns 60', '2025-02', [sa('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY')], [1_000_000n], 1_000_000n],
  ['poor elderly turns 60', '2025-02', [sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], [750_000n], 750_000n],
  ['turns 75 in a remote commune (before the social pension)', '2025-05', [sa('SA_ELDERLY_75_80_POOR_REMOTE')], [500_000n], 500_000n],
  ['poor elderly aged 79', '2025-01', [sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], [750_000n], 750_000n],
  ['poor elderly turns 80', '2025-02', [sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], [1_000_000n], 1_000_000n],
  ['turns 80 without a pension', '2024-09', [sa('SA_ELDERLY_80_NO_PENSION')], [500_000n], 500_000n],
  // several groups: only the highest
  ['poor elderly 1.5 and severely disabled elderly 2.0', '2025-01', [sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80'), sa('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY')], [1_000_000n], 1_000_000n],
  ['HIV 1.5 and especially severe disability 2.0', '2025-01', [sa('SA_HIV_POOR_NO_INCOME'), sa('SA_DISABLED_ESPECIALLY_SEVERE')], [1_000_000n], 1_000_000n],
  ['three child groups, equal highest 2.5', '2025-01', [sa('SA_CHILD_NO_SUPPORT_U4'), sa('SA_CHILD_U3_POOR_REMOTE'), sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY')], [1_250_000n], 1_250_000n],
  // the poor single parent: per child, and stacking with the parent's own elderly/disability/HIV allowance
  ['single parent, 2 children', '2025-01', [sa('SA_SINGLE_PARENT_POOR', { children: 2 })], [1_000_000n], 1_000_000n],
  ['single parent, 2 children, severely disabled', '2025-01', [sa('SA_SINGLE_PARENT_POOR', { children: 2 }), sa('SA_DISABLED_SEVERE')], [1_000_000n, 750_000n], 1_750_000n],
  ['single parent, 1 child, elderly and HIV: per child + highest own', '2025-01', [sa('SA_SINGLE_PARENT_POOR', { children: 1 }), sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80'), sa('SA_HIV_POOR_NO_INCOME')], [500_000n, 750_000n], 1_250_000n],
  ['single parent, 3 children, HIV, July 2026', '2026-07', [sa('SA_SINGLE_PARENT_POOR', { children: 3 }), sa('SA_HIV_POOR_NO_INCOME')], [1_620_000n, 810_000n], 2_430_000n],
  ['single parent aged 17 studying: no stacking with a child group', '2025-01', [sa('SA_SINGLE_PARENT_POOR', { children: 1 }), sa('SA_YOUTH_STUDYING_16_22')], [750_000n], 750_000n],
  ['single mother aged 15, orphan with HIV: the child group listed first does not hide the HIV allowance', '2025-01', [sa('SA_CHILD_NO_SUPPORT_4_16'), sa('SA_HIV_POOR_NO_INCOME'), sa('SA_SINGLE_PARENT_POOR', { children: 1 })], [500_000n, 750_000n], 1_250_000n],
  ['single mother aged 15 with HIV: per child + HIV beats the higher child-with-HIV group alone', '2025-01', [sa('SA_CHILD_HIV_POOR_4_16'), sa('SA_HIV_POOR_NO_INCOME'), sa('SA_SINGLE_PARENT_POOR', { children: 1 })], [500_000n, 750_000n], 1_250_000n],
  ['single parent with one child and a child group of 2.5, which does not stack: the higher group alone', '2025-01', [sa('SA_SINGLE_PARENT_POOR', { children: 1 }), sa('SA_CHILD_NO_SUPPORT_U4')], [1_250_000n], 1_250_000n],
  // care allowances to the caring household, on top
  ['a poor elderly foster mother holding the care allowances of two children under 4 she fosters: her own + 2 × 2.5', '2026-07', [sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80'), sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' }), sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C2' })], [810_000n, 1_350_000n, 1_350_000n], 3_510_000n],
  ['a household caring for an especially severely disabled person, on the social pension itself: the pension + 1.0', '2026-07', [sp('SP_75_PLUS'), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { caredForRef: 'D1' })], [540_000n, 540_000n], 1_080_000n],
  ['orphan under 4 fostered by H1', '2025-01', [sa('SA_CHILD_NO_SUPPORT_U4'), sa('CARE_FOSTER_CHILD_U4', { recipientRef: 'H1' })], [1_250_000n, 1_250_000n], 2_500_000n],
  ['orphan aged 4-16 fostered by H1', '2025-01', [sa('SA_CHILD_NO_SUPPORT_4_16'), sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { recipientRef: 'H1' })], [750_000n, 750_000n], 1_500_000n],
  ['especially severe adult cared for at home by H2', '2025-01', [sa('SA_DISABLED_ESPECIALLY_SEVERE'), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { recipientRef: 'H2' })], [1_000_000n, 500_000n], 1_500_000n],
  ['disabled mother pregnant and raising a baby: only the highest care', '2025-01', [sa('SA_DISABLED_SEVERE'), sa('CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M'), sa('CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M')], [750_000n, 1_000_000n], 1_750_000n],
  ['especially severe disabled child taken in, July 2026', '2026-07', [sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY'), sa('CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED', { recipientRef: 'H3' })], [1_350_000n, 1_350_000n], 2_700_000n],
  ['elderly taken in by the community, with the care allowance', '2025-01', [sa('SA_ELDERLY_COMMUNITY_CARE'), sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { recipientRef: 'H4' })], [1_500_000n, 750_000n], 2_250_000n],
  // social pension against social assistance: the higher, not both
  ['social pension alone, July 2025', '2025-07', [sp()], [500_000n], 500_000n],
  ['social pension alone, July 2026', '2026-07', [sp()], [540_000n], 540_000n],
  ['turns 75: social pension 500,000 vs remote-commune SA 500,000, equal: one', '2025-08', [sp(), sa('SA_ELDERLY_75_80_POOR_REMOTE')], [500_000n], 500_000n],
  ['aged 80, poor with no supporter: SA 1,000,000 beats the pension', '2025-08', [sp(), sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], [1_000_000n], 1_000_000n],
  ['aged 72 poor: SA 750,000 beats the pension', '2025-08', [sp('SP_70_75_POOR_NEAR_POOR'), sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], [750_000n], 750_000n],
  ['aged 80 without pension, July 2026: 540,000 each, one', '2026-07', [sp(), sa('SA_ELDERLY_80_NO_PENSION')], [540_000n], 540_000n],
  // the poor single parent's per-child amount stacks with the parent's own allowance (D20 Art.6(2)); the social pension
  // stands in for the elderly parent's own allowance, so it is compared with that, not with the per-child amount
  ['poor single parent aged 72 on the social pension, 1 child: the pension + per child', '2025-08', [sp('SP_70_75_POOR_NEAR_POOR'), sa('SA_SINGLE_PARENT_POOR', { children: 1 })], [500_000n, 500_000n], 1_000_000n],
  ['poor single parent aged 76, 2 children, July 2026: the pension + 2 × per child', '2026-07', [sa('SA_SINGLE_PARENT_POOR', { children: 2 }), sp()], [540_000n, 1_080_000n], 1_620_000n],
  ['poor single parent aged 72, 1 child, poor elderly 1.5 and the pension: per child + the higher own (SA 750,000)', '2025-08', [sp('SP_70_75_POOR_NEAR_POOR'), sa('SA_SINGLE_PARENT_POOR', { children: 1 }), sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80')], [500_000n, 750_000n], 1_250_000n],
  ['disabled elderly: SA wins, the care allowance stays', '2025-08', [sp(), sa('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY'), sa('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { recipientRef: 'H2' })], [1_000_000n, 500_000n], 1_500_000n],
  // meritorious: fixed tables, components stack
  ['war invalid 81%: table + 1,399,000', '2024-07', [ncc('NCC_WAR_INVALID', { injuryRate: 81 })], [7_240_000n, 1_399_000n], 8_639_000n],
  ['war invalid 80%: no supplement', '2025-01', [ncc('NCC_WAR_INVALID', { injuryRate: 80 })], [7_150_000n], 7_150_000n],
  ['war invalid 81% especially severe', '2025-01', [ncc('NCC_WAR_INVALID', { injuryRate: 81, especiallySevere: true })], [7_240_000n, 1_399_000n, 2_867_000n], 11_506_000n],
  ['war invalid 100%', '2025-01', [ncc('NCC_WAR_INVALID', { injuryRate: 100 })], [8_941_000n, 1_399_000n], 10_340_000n],
  ['war invalid 21%', '2025-01', [ncc('NCC_WAR_INVALID', { injuryRate: 21 })], [1_878_000n], 1_878_000n],
  ['type-B war invalid 81%', '2025-01', [ncc('NCC_WAR_INVALID_TYPE_B', { injuryRate: 81 })], [6_005_000n, 1_399_000n], 7_404_000n],
  ["martyr's lone parent: survivor allowance + nurturing", '2025-01', [ncc('NCC_MARTYR_RELATIVE_1'), ncc('NCC_SURVIVOR_NURTURING')], [2_789_000n, 2_231_000n], 5_020_000n],
  ['relative of two martyrs with nurturing', '2025-01', [ncc('NCC_MARTYR_RELATIVE_2'), ncc('NCC_SURVIVOR_NURTURING')], [5_578_000n, 2_231_000n], 7_809_000n],
  ['Heroic Mother with her supplement', '2025-01', [ncc('NCC_HEROIC_MOTHER')], [8_367_000n, 2_337_000n], 10_704_000n],
  ['pre-1945 salaried, 3 years of seniority', '2025-01', [ncc('NCC_PRE1945_SALARIED', { seniorityYears: 3 })], [3_117_000n, 1_587_000n], 4_704_000n],
  ['sick soldier 81-90%', '2025-01', [ncc('NCC_SICK_SOLDIER_81_90')], [6_378_000n, 1_399_000n], 7_777_000n],
  ['sick soldier 91-100% especially severe', '2025-01', [ncc('NCC_SICK_SOLDIER_91_100', { especiallySevere: true })], [7_104_000n, 1_399_000n, 2_789_000n], 11_292_000n],
  ['sick soldier 71-80%', '2025-01', [ncc('NCC_SICK_SOLDIER_71_80')], [5_329_000n], 5_329_000n],
  ['toxic chemicals 81%+ especially severe', '2025-01', [ncc('NCC_TOXIC_CHEMICAL_81_PLUS', { especiallySevere: true })], [6_358_000n, 1_399_000n, 2_789_000n], 10_546_000n],
  ['war invalid 61% who is also a Hero', '2025-01', [ncc('NCC_WAR_INVALID', { injuryRate: 61 }), ncc('NCC_HERO')], [5_450_000n, 2_337_000n], 7_787_000n],
];

describe('calculateMonth: worked cases', () => {
  it.each(CASES)('%s (%s)', (_name, month, items, amounts, total) => {
    const result = calculateMonth(person(items), month, book);
    expect(result.components.map((c) => c.amount)).toEqual(amounts);
    expect(result.total).toBe(total);
    expect(result.explanation[result.explanation.length - 1]).toBe(`total ${formatDong(total)}`);
  });

  it('has at least 40 worked cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
});

describe('calculateMonth: explanations and components', () => {
  it('explains standard level × coefficient with the instrument', () => {
    const result = calculateMonth(person([sa('SA_CHILD_NO_SUPPORT_U4')]), '2024-07', book);
    expect(result.components[0]).toMatchObject({
      programme: 'social_assistance',
      groupCode: 'SA_CHILD_NO_SUPPORT_U4',
      kind: 'standard_x_coefficient',
      standardLevel: 500_000n,
      coefficient: '2.5',
      amount: 1_250_000n,
      instrument: 'Decree 20/2021/ND-CP Art.5(1)',
      levelInstrument: 'Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4)',
    });
    expect(result.explanation[0]).toBe(
      '500,000 × 2.5 = 1,250,000 (SA_CHILD_NO_SUPPORT_U4, Decree 20/2021/ND-CP Art.5(1); level: Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4))',
    );
  });

  it('says which groups were not paid and why', () => {
    const result = calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80'), sa('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY')]), '2025-01', book);
    expect(result.explanation).toContain('SA_ELDERLY_POOR_NO_SUPPORT_60_80 750,000 not paid: only the highest coefficient is paid (Decree 20/2021/ND-CP Art.6(2))');
  });

  it('explains the single parent per child', () => {
    const result = calculateMonth(person([sa('SA_SINGLE_PARENT_POOR', { children: 2 })]), '2025-01', book);
    expect(result.explanation[0]).toMatch(/^500,000 × 1 × 2 children = 1,000,000 \(SA_SINGLE_PARENT_POOR, Decree 20\/2021\/ND-CP Art.5\(4\)/);
  });

  it('marks the meritorious components: table amount, then supplements', () => {
    const result = calculateMonth(person([ncc('NCC_WAR_INVALID', { injuryRate: 81, especiallySevere: true })]), '2025-01', book);
    expect(result.components.map((c) => [c.kind, c.supplementCode])).toEqual([
      ['table_amount', undefined],
      ['supplement', 'NCC_SUPP_INVALID_81'],
      ['supplement', 'NCC_SUPP_INVALID_81_ESPECIALLY_SEVERE'],
    ]);
    expect(result.components[0].text).toContain('7,240,000 (NCC_WAR_INVALID 81%, Decree 75/2021/ND-CP as amended by Decree 77/2024/ND-CP');
  });

  it('pays the care allowance to the caring household', () => {
    const result = calculateMonth(person([sa('SA_CHILD_NO_SUPPORT_U4'), sa('CARE_FOSTER_CHILD_U4', { recipientRef: 'H1' })]), '2025-01', book);
    expect(result.components[1]).toMatchObject({ kind: 'care_allowance', recipientRef: 'H1', amount: 1_250_000n });
    expect(payableLines(result)).toEqual([
      { programme: 'social_assistance', recipientRef: 'P1', amount: 1_250_000n },
      { programme: 'social_assistance', recipientRef: 'H1', amount: 1_250_000n },
    ]);
  });

  it('reports the social pension choice', () => {
    const result = calculateMonth(person([sp(), sa('SA_ELDERLY_POOR_NO_SUPPORT_80')]), '2025-08', book);
    expect(result.components[0].programme).toBe('social_assistance');
    expect(result.explanation).toContain(
      'social pension 500,000 not paid: social assistance 1,000,000 is higher, only one is paid (Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP)',
    );
  });
});

describe('calculateMonth: no invented amounts', () => {
  it('refuses meritorious months from 2026-07: the 2024 table is not scaled to Decree 321', () => {
    const run = () => calculateMonth(person([ncc('NCC_WAR_INVALID', { injuryRate: 81 })]), '2026-07', book);
    expect(run).toThrow(NoRateTableError);
    expect(run).toThrow(/No rate table for NCC_WAR_INVALID 81% in 2026-07.*3,012,000/);
  });

  it('refuses meritorious months before the first loaded table', () => {
    expect(() => calculateMonth(person([ncc('NCC_HERO')]), '2024-06', book)).toThrow(NoRateTableError);
  });

  it('refuses the social pension before 2025-07', () => {
    expect(() => calculateMonth(person([sp()]), '2025-06', book)).toThrow(NoRateTableError);
  });
});

describe('calculateMonth: bad items', () => {
  it.each([
    ['an unknown group', [sa('SA_NOT_A_GROUP')], UnknownGroupError],
    ['a meritorious code under social assistance', [sa('NCC_HERO')], UnknownGroupError],
    ['a group listed twice', [sa('SA_DISABLED_SEVERE'), sa('SA_DISABLED_SEVERE')], InvalidItemError],
    ['a care allowance listed twice for the same person cared for', [sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' }), sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' })], InvalidItemError],
    ['a single parent without children', [sa('SA_SINGLE_PARENT_POOR')], InvalidItemError],
    ['a war invalid without injury rate', [ncc('NCC_WAR_INVALID')], InvalidItemError],
    ['a war invalid at 15%', [ncc('NCC_WAR_INVALID', { injuryRate: 15 })], InvalidItemError],
    ['especially severe under 81%', [ncc('NCC_WAR_INVALID', { injuryRate: 70, especiallySevere: true })], InvalidItemError],
    ['especially severe on a group without that supplement', [ncc('NCC_HERO', { especiallySevere: true })], InvalidItemError],
    ['pre-1945 salaried without seniority', [ncc('NCC_PRE1945_SALARIED')], InvalidItemError],
  ])('rejects %s', (_name, items, errorClass) => {
    expect(() => calculateMonth(person(items as EntitlementItem[]), '2025-01', book)).toThrow(errorClass);
  });

  it('gives errors a stable code', () => {
    try {
      calculateMonth(person([sa('SA_NOT_A_GROUP')]), '2025-01', book);
      throw new Error('expected an error');
    } catch (error) {
      expect((error as UnknownGroupError).code).toBe('UNKNOWN_GROUP');
    }
  });
});

describe('province top-ups', () => {
  const withTopUp = book.withVersion({
    id: 'province_topup:91:2025-01:test',
    table: 'province_topup',
    scope: '91',
    effectiveFrom: '2025-01',
    enteredAt: '2025-01-05',
    instrument: 'Resolution 01/2025/NQ-HĐND (test)',
    confidence: 'test',
    rows: [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 100_000n }],
  });

  it('adds the province amount to the group paid', () => {
    const result = calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], { provinceCode: '91' }), '2025-02', withTopUp);
    expect(result.components.map((c) => [c.kind, c.amount])).toEqual([
      ['standard_x_coefficient', 1_000_000n],
      ['province_topup', 100_000n],
    ]);
    expect(result.total).toBe(1_100_000n);
  });

  it('pays the higher of social assistance and the social pension with the province\'s top-ups counted', () => {
    // 1.0 × 500,000 social assistance against the 500,000 social pension: equal, the pension is paid; with the
    // province's 150,000 on the assistance group, the assistance is higher (650,000).
    const both = person([sa('SA_ELDERLY_80_NO_PENSION'), sp('SP_75_PLUS')], { provinceCode: '91' });
    expect(calculateMonth(both, '2025-08', book).components.map((c) => c.programme)).toEqual(['social_pension']);
    const topped = book.withVersion({
      id: 'province_topup:91:2025-07:test',
      table: 'province_topup',
      scope: '91',
      effectiveFrom: '2025-07',
      enteredAt: '2025-07-05',
      instrument: 'Resolution 02/2025/NQ-HĐND (test)',
      confidence: 'test',
      rows: [{ key: 'SA_ELDERLY_80_NO_PENSION', amount: 150_000n }],
    });
    const result = calculateMonth(both, '2025-08', topped);
    expect(result.components.map((c) => [c.programme, c.kind, c.amount])).toEqual([
      ['social_assistance', 'standard_x_coefficient', 500_000n],
      ['social_assistance', 'province_topup', 150_000n],
    ]);
    expect(result.explanation).toEqual([
      '500,000 × 1 = 500,000 (SA_ELDERLY_80_NO_PENSION, Decree 20/2021/ND-CP Art.5(5)(c); level: Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4))',
      '+ 150,000 province 91 top-up (SA_ELDERLY_80_NO_PENSION, Resolution 02/2025/NQ-HĐND (test))',
      'social pension 500,000 not paid: social assistance 500,000 + 150,000 province top-up is higher, only one is paid (Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP)',
      'total 650,000',
    ]);
  });

  it('names the top-up apart in the note of the social assistance not paid beside a topped-up social pension', () => {
    // 1.0 × 500,000 social assistance against the 500,000 social pension and the province's 100,000 on it: 600,000.
    const topped = book.withVersion({
      id: 'province_topup:91:2025-07:sp-test',
      table: 'province_topup',
      scope: '91',
      effectiveFrom: '2025-07',
      enteredAt: '2025-07-05',
      instrument: 'Resolution 04/2025/NQ-HĐND (test)',
      confidence: 'test',
      rows: [{ key: 'SP_75_PLUS', amount: 100_000n }],
    });
    const result = calculateMonth(person([sa('SA_ELDERLY_80_NO_PENSION'), sp('SP_75_PLUS')], { provinceCode: '91' }), '2025-08', topped);
    expect(result.explanation).toEqual([
      '500,000 social pension (SP_75_PLUS, Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP Art.3)',
      '+ 100,000 province 91 top-up (SP_75_PLUS, Resolution 04/2025/NQ-HĐND (test))',
      'social assistance 500,000 not paid: the social pension 500,000 + 100,000 province top-up is not lower, only one is paid (Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP)',
      'total 600,000',
    ]);
  });

  it('pays no top-up in another province, before the resolution, or on a group not paid', () => {
    expect(calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], { provinceCode: '79' }), '2025-02', withTopUp).total).toBe(1_000_000n);
    expect(calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_80')], { provinceCode: '91' }), '2024-12', withTopUp).total).toBe(1_000_000n);
    const lower = calculateMonth(person([sa('SA_ELDERLY_POOR_NO_SUPPORT_80'), sa('SA_ELDERLY_COMMUNITY_CARE')], { provinceCode: '91' }), '2025-02', withTopUp);
    expect(lower.total).toBe(1_500_000n);
  });
});

describe('the disabled parent\'s care allowance: the one paid is chosen with the province\'s top-ups counted', () => {
  // January 2025, level 500,000: the 1.5 care allowance 750,000, the 2.0 one 1,000,000. The province tops up the 1.5
  // group by 300,000 (paid as 1,050,000) or by 200,000 (paid as 950,000).
  const careTopUp = (amount: bigint) =>
    book.withVersion({
      id: `province_topup:91:2025-01:care-${amount}`,
      table: 'province_topup',
      scope: '91',
      effectiveFrom: '2025-01',
      enteredAt: '2025-01-05',
      instrument: 'Resolution 03/2025/NQ-HĐND (test)',
      confidence: 'test',
      rows: [{ key: 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', amount }],
    });
  const oneChild = sa('CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M');
  const twoChildren = sa('CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M');

  it('pays the 1.5 allowance topped up to 1,050,000 rather than the 2.0 allowance of 1,000,000', () => {
    const result = calculateMonth(person([sa('SA_DISABLED_SEVERE'), oneChild, twoChildren], { provinceCode: '91' }), '2025-01', careTopUp(300_000n));
    expect(result.components.map((c) => [c.groupCode, c.kind, c.amount])).toEqual([
      ['SA_DISABLED_SEVERE', 'standard_x_coefficient', 750_000n],
      ['CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', 'care_allowance', 750_000n],
      ['CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', 'province_topup', 300_000n],
    ]);
    expect(result.total).toBe(1_800_000n);
    expect(result.explanation).toEqual([
      '500,000 × 1.5 = 750,000 (SA_DISABLED_SEVERE, Decree 20/2021/ND-CP Art.5(6); level: Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4))',
      '500,000 × 1.5 = 750,000 care allowance (CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M, Decree 20/2021/ND-CP Art.20; level: Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4))',
      '+ 300,000 province 91 top-up (CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M, Resolution 03/2025/NQ-HĐND (test))',
      'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M 1,000,000 not paid: only the highest care allowance is paid (Decree 20/2021/ND-CP Art.20)',
      'total 1,800,000',
    ]);
  });

  it('keeps the 2.0 allowance of 1,000,000 against the 1.5 one topped up to 950,000, and says the top-up was counted', () => {
    const result = calculateMonth(person([oneChild, twoChildren], { provinceCode: '91' }), '2025-01', careTopUp(200_000n));
    expect(result.components.map((c) => [c.groupCode, c.amount])).toEqual([['CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', 1_000_000n]]);
    expect(result.explanation).toContain(
      'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M 750,000 + 200,000 province top-up not paid: only the highest care allowance is paid (Decree 20/2021/ND-CP Art.20)',
    );
  });

  it('keeps, of two disabled spouses, the care allowance paid the most with its top-up: the husband\'s 750,000 + 300,000', () => {
    const wife = person([sa('SA_DISABLED_SEVERE'), twoChildren], { personRef: 'W', provinceCode: '91' });
    const husband = person([sa('SA_DISABLED_ESPECIALLY_SEVERE'), oneChild], { personRef: 'H', provinceCode: '91' });
    const [w, h] = calculateHousehold([wife, husband], '2025-01', careTopUp(300_000n));
    expect(w.total).toBe(750_000n);
    expect(w.explanation).toContain(
      'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M 1,000,000 not paid: one care allowance per household when both spouses are disabled (Decree 20/2021/ND-CP Art.20)',
    );
    expect(h.total).toBe(1_000_000n + 750_000n + 300_000n);
    expect(h.explanation).toContain('+ 300,000 province 91 top-up (CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M, Resolution 03/2025/NQ-HĐND (test))');
  });

  it('says the top-up was counted when the spouse\'s topped-up allowance is the lower one: 750,000 + 200,000 against 1,000,000', () => {
    const wife = person([twoChildren], { personRef: 'W', provinceCode: '91' });
    const husband = person([oneChild], { personRef: 'H', provinceCode: '91' });
    const [w, h] = calculateHousehold([wife, husband], '2025-01', careTopUp(200_000n));
    expect([w.total, h.total]).toEqual([1_000_000n, 0n]);
    expect(h.explanation).toContain(
      'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M 750,000 + 200,000 province top-up not paid: one care allowance per household when both spouses are disabled (Decree 20/2021/ND-CP Art.20)',
    );
  });
});

describe('calculateHousehold', () => {
  it('pays one disabled-parent care allowance when both spouses are disabled', () => {
    const wife = person([sa('SA_DISABLED_SEVERE'), sa('CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M')], { personRef: 'W' });
    const husband = person([sa('SA_DISABLED_ESPECIALLY_SEVERE'), sa('CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M')], { personRef: 'H' });
    const [w, h] = calculateHousehold([wife, husband], '2025-01', book);
    expect(w.total).toBe(750_000n + 1_000_000n);
    expect(h.total).toBe(1_000_000n);
    expect(h.explanation).toContain(
      'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M 750,000 not paid: one care allowance per household when both spouses are disabled (Decree 20/2021/ND-CP Art.20)',
    );
  });

  it('leaves a household with one disabled parent alone', () => {
    const [only] = calculateHousehold([person([sa('SA_DISABLED_SEVERE'), sa('CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M')])], '2025-01', book);
    expect(only.total).toBe(1_500_000n);
  });
});
