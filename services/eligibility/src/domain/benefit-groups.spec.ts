import { BENEFIT_GROUPS, findGroup, GROUP_FAMILIES, resolveFamily, startRuleOf } from './benefit-groups';

// The legal tables this catalogue copies (D20 coefficients, the 2024-07 meritorious table), code by code.
const SOCIAL_ASSISTANCE_CODES = [
  'SA_CHILD_NO_SUPPORT_U4', 'SA_CHILD_NO_SUPPORT_4_16', 'SA_YOUTH_STUDYING_16_22', 'SA_CHILD_HIV_POOR_U4', 'SA_CHILD_HIV_POOR_4_16',
  'SA_SINGLE_PARENT_POOR', 'SA_ELDERLY_POOR_NO_SUPPORT_60_80', 'SA_ELDERLY_POOR_NO_SUPPORT_80', 'SA_ELDERLY_75_80_POOR_REMOTE',
  'SA_ELDERLY_80_NO_PENSION', 'SA_ELDERLY_COMMUNITY_CARE', 'SA_DISABLED_ESPECIALLY_SEVERE', 'SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY',
  'SA_DISABLED_SEVERE', 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY', 'SA_CHILD_U3_POOR_REMOTE', 'SA_HIV_POOR_NO_INCOME', 'CARE_FOSTER_CHILD_U4',
  'CARE_FOSTER_CHILD_4_16_OR_ELDERLY', 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M',
  'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED',
  'CARE_FOSTER_ADULT_ESPECIALLY_SEVERE_DISABLED', 'CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED',
];

describe('benefit group catalogue', () => {
  it('holds every social-assistance and care code of the coefficient table, 28 meritorious codes and the 2 social-pension groups', () => {
    expect(BENEFIT_GROUPS.filter((g) => g.programme === 'SOCIAL_ASSISTANCE').map((g) => g.code)).toEqual(SOCIAL_ASSISTANCE_CODES);
    expect(BENEFIT_GROUPS.filter((g) => g.programme === 'MERITORIOUS')).toHaveLength(28);
    expect(BENEFIT_GROUPS.filter((g) => g.programme === 'SOCIAL_PENSION').map((g) => g.code)).toEqual(['SP_75_PLUS', 'SP_70_75_POOR_NEAR_POOR']);
    expect(new Set(BENEFIT_GROUPS.map((g) => g.code)).size).toBe(BENEFIT_GROUPS.length);
  });

  it.each([
    ['SA_CHILD_NO_SUPPORT_U4', '2.5'],
    ['SA_CHILD_HIV_POOR_4_16', '2.0'],
    ['SA_ELDERLY_COMMUNITY_CARE', '3.0'],
    ['SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', '2.5'],
    ['CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', '1.0'],
  ])('%s has coefficient %s (D20 Art.6, 20)', (code, coefficient) => {
    expect(findGroup(code)?.coefficient).toBe(coefficient);
  });

  it('gives a coefficient to every social-assistance group and to no other', () => {
    for (const group of BENEFIT_GROUPS) expect(group.coefficient !== undefined).toBe(group.programme === 'SOCIAL_ASSISTANCE');
  });

  it('marks care allowances, start rules and injury rates as the law states them', () => {
    expect(BENEFIT_GROUPS.filter((g) => g.careAllowance).map((g) => g.code)).toEqual(SOCIAL_ASSISTANCE_CODES.filter((c) => c.startsWith('CARE_')));
    expect(findGroup('SA_DISABLED_SEVERE')?.startRule).toBe('certificate_month');
    expect(findGroup('SA_ELDERLY_75_80_POOR_REMOTE')?.startRule).toBe('turns_75');
    expect(findGroup('SA_ELDERLY_80_NO_PENSION')?.startRule).toBe('turns_80');
    expect(findGroup('SP_75_PLUS')?.startRule).toBe('decision_month');
    expect(BENEFIT_GROUPS.filter((g) => g.needsInjuryRate).map((g) => g.code)).toEqual(['NCC_WAR_INVALID', 'NCC_WAR_INVALID_TYPE_B']);
  });
});

describe('group families', () => {
  it('point only at catalogue groups of their own programme, sharing one start rule', () => {
    for (const family of GROUP_FAMILIES) {
      const groups = family.bands.map((band) => findGroup(band.groupCode));
      expect(groups.every((group) => group?.programme === family.programme)).toBe(true);
      expect(new Set(groups.map((group) => group?.startRule)).size).toBe(1);
      expect(startRuleOf(family)).toBe(groups[0]?.startRule);
    }
  });

  it('reach every group of the catalogue', () => {
    const reached = new Set(GROUP_FAMILIES.flatMap((family) => family.bands.map((band) => band.groupCode)));
    expect(BENEFIT_GROUPS.filter((group) => !reached.has(group.code))).toEqual([]);
  });

  it('have bands that do not overlap', () => {
    for (const family of GROUP_FAMILIES) {
      for (let age = 0; age <= 120; age++) {
        const fitting = family.bands.filter((b) => (b.fromAge ?? 0) <= age && age < (b.belowAge ?? Infinity));
        expect(fitting.length).toBeLessThanOrEqual(1);
      }
    }
  });

  it.each([
    ['SA_CHILD_NO_SUPPORT', 'SA_CHILD_NO_SUPPORT'],
    ['SA_CHILD_NO_SUPPORT_4_16', 'SA_CHILD_NO_SUPPORT'],
    ['SA_YOUTH_STUDYING_16_22', 'SA_CHILD_NO_SUPPORT'],
    ['SA_DISABLED_SEVERE_CHILD_OR_ELDERLY', 'SA_DISABLED_SEVERE'],
    ['SP_70_75_POOR_NEAR_POOR', 'SOCIAL_PENSION'],
    ['NCC_HEROIC_MOTHER', 'NCC_HEROIC_MOTHER'],
  ])('a decision naming %s stands for the family %s', (code, familyCode) => {
    const resolution = resolveFamily(code);
    expect(resolution.found && resolution.family.code).toBe(familyCode);
  });

  it('refuses a code shared by two families, and an unknown code', () => {
    expect(resolveFamily('CARE_FOSTER_CHILD_4_16_OR_ELDERLY')).toEqual({ found: false, problem: expect.stringContaining('must name the family') });
    expect(resolveFamily('SA_ORPHAN')).toEqual({ found: false, problem: expect.stringContaining('not a benefit group') });
  });
});
