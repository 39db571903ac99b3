/**
 * The catalogue of benefit groups of the three programmes, as data.
 *
 * Design: a decision names a FAMILY, and the rules pick the banded GROUP for each month from the person's age.
 * A family is what the commune chairman decides ("child with no source of support", "severe disability", "social
 * pension"); a group is the row of the law's table that sets the coefficient for one age band (SA_CHILD_NO_SUPPORT_U4
 * below 4, SA_CHILD_NO_SUPPORT_4_16 from the month of the 4th birthday ...). The law changes the level "from the
 * month the person becomes eligible for it" without a new decision, so storing a band code on the decision would
 * make it wrong on the next birthday; storing the family keeps the decision true for its whole life and leaves the
 * band a pure function of (family, age, attributes) in eligibility-rules.ts.
 * A decision may still carry a banded group code (older data): it stands for the one family that contains it.
 * Where a family has one band, the family code is the group code (SA_HIV_POOR_NO_INCOME, every NCC_* code).
 *
 * Sources: social assistance D20/2021/NĐ-CP Art.5, 6, 20 (amended by D76/2024/NĐ-CP; coefficients as read in the
 * text, group definitions of the 2024/2026 amendments not read); social pension Law 41/2024/QH15 ch.III and
 * D176/2025/NĐ-CP, from 2025-07-01; people with meritorious service D75/2021/NĐ-CP (amended by D55/2023 and D77/2024),
 * 2024-07-01 table. Amounts and standard levels are rate data for the entitlement service, not listed here.
 */
import type { Month } from './months';
import { parseMonth } from './months';

export type Programme = 'SOCIAL_ASSISTANCE' | 'SOCIAL_PENSION' | 'MERITORIOUS';

/** When payment of a new decision may start (the decision's own effectiveFrom may only make it later). */
export type StartRule = 'decision_month' | 'certificate_month' | 'turns_75' | 'turns_80';

export type PovertyRequirement = 'poor' | 'poor_or_near_poor';

/**
 * How the entitlement service combines this payment with the person's other payable decisions in the same month:
 *   SA_OWN         the person's own social-assistance allowance: only the highest coefficient (D20 Art.6(2)); against
 *                  the social pension, the higher of the two (Law 41/2024/QH15).
 *   SA_PER_CHILD   poor single parent, per child: on top of the parent's own allowance (D20 Art.6(2)).
 *   SA_CARE        care allowance to the caring household (D20 Art.20): on top of the cared-for person's allowance;
 *                  only the highest care coefficient; one allowance if both spouses are disabled.
 *   SOCIAL_PENSION compared with SA_OWN: the higher one, never both.
 *   MERITORIOUS    components stack as the meritorious tables say (D75/2021).
 */
export type Combination = 'SA_OWN' | 'SA_PER_CHILD' | 'SA_CARE' | 'SOCIAL_PENSION' | 'MERITORIOUS';

export interface BenefitGroup {
  readonly code: string;
  readonly programme: Programme;
  readonly legalRef: string;
  readonly description: string;
  /** The age condition as the law's table states it, for people; the bands below are what the rules apply. */
  readonly ageCondition: string;
  /** Social assistance only: the monthly amount is the standard level × this exact decimal. */
  readonly coefficient?: string;
  readonly careAllowance: boolean;
  readonly startRule: StartRule;
  /** War invalids: the amount depends on the injury rate recorded on the decision. */
  readonly needsInjuryRate: boolean;
  readonly notes?: string;
}

/**
 * The injury rates a war invalid is recognised at (Ordinance 02/2020/UBTVQH14 Art.23: a work capacity reduced by 21 %
 * or more), the range of D75/2021's tables by injury rate: a decision paid by injury rate outside it has no amount.
 */
export const WAR_INVALID_INJURY_RATES = { min: 21, max: 100 } as const;

/** One age band of a family: [fromAge, belowAge) in completed years at the month (birthday-month rule). */
export interface AgeBand {
  readonly groupCode: string;
  readonly fromAge?: number;
  readonly belowAge?: number;
  readonly requiresStudying?: boolean;
  readonly poverty?: PovertyRequirement;
}

export interface GroupFamily {
  readonly code: string;
  readonly programme: Programme;
  readonly description: string;
  readonly bands: readonly AgeBand[];
  readonly combination: Combination;
  /** First month the family exists in law. */
  readonly validFrom?: Month;
  readonly disabilityLevel?: 'severe' | 'especially_severe';
  /** Paid per eligible child: a child under 16, or 16-22 and studying (D20 Art.5(4)). */
  readonly perChild?: boolean;
  /**
   * A care allowance the caring household may hold itself (D20 Art.20: fostering, taking in or directly caring for
   * another person): the decision then names the person cared for (DecisionFacts.caredFor), whose age bands it.
   */
  readonly mayNameCaredFor?: boolean;
}

const SA = 'SOCIAL_ASSISTANCE' as const;
const base = { careAllowance: false, startRule: 'decision_month', needsInjuryRate: false } as const;
const care = { ...base, programme: SA, careAllowance: true, legalRef: 'D20 Art.20' } as const;

const SOCIAL_ASSISTANCE_GROUPS: readonly BenefitGroup[] = [
  { ...base, programme: SA, code: 'SA_CHILD_NO_SUPPORT_U4', legalRef: 'D20 Art.5(1)', description: 'child under 16 with no source of support', ageCondition: 'age < 4', coefficient: '2.5' },
  { ...base, programme: SA, code: 'SA_CHILD_NO_SUPPORT_4_16', legalRef: 'D20 Art.5(1)', description: 'child under 16 with no source of support', ageCondition: '4 <= age < 16', coefficient: '1.5' },
  { ...base, programme: SA, code: 'SA_YOUTH_STUDYING_16_22', legalRef: 'D20 Art.5(2)', description: 'former Art.5(1) child aged 16-22 still studying', ageCondition: '16 <= age < 22 and studying', coefficient: '1.5' },
  { ...base, programme: SA, code: 'SA_CHILD_HIV_POOR_U4', legalRef: 'D20 Art.5(3)', description: 'child with HIV in a poor household', ageCondition: 'age < 4', coefficient: '2.5' },
  { ...base, programme: SA, code: 'SA_CHILD_HIV_POOR_4_16', legalRef: 'D20 Art.5(3)', description: 'child with HIV in a poor household', ageCondition: '4 <= age < 16', coefficient: '2.0' },
  { ...base, programme: SA, code: 'SA_SINGLE_PARENT_POOR', legalRef: 'D20 Art.5(4)', description: 'single parent in a poor or near-poor household raising children under 16 (or 16-22 studying)', ageCondition: 'per child', coefficient: '1.0', notes: "paid per child; stacks with the parent's own elderly/disability/HIV coefficient (D20 Art.6(2))" },
  { ...base, programme: SA, code: 'SA_ELDERLY_POOR_NO_SUPPORT_60_80', legalRef: 'D20 Art.5(5a)', description: 'elderly in a poor household with nobody obliged to support them', ageCondition: '60 <= age < 80', coefficient: '1.5' },
  { ...base, programme: SA, code: 'SA_ELDERLY_POOR_NO_SUPPORT_80', legalRef: 'D20 Art.5(5a)', description: 'elderly in a poor household with nobody obliged to support them', ageCondition: 'age >= 80', coefficient: '2.0' },
  { ...base, programme: SA, code: 'SA_ELDERLY_75_80_POOR_REMOTE', legalRef: 'D20 Art.5(5b)', description: 'aged 75-80 in a poor/near-poor household in an extremely disadvantaged ethnic-minority or mountain commune', ageCondition: '75 <= age < 80', coefficient: '1.0', startRule: 'turns_75', notes: 'overlaps the social pension from 2025-07-01 (transition rule not confirmed)' },
  { ...base, programme: SA, code: 'SA_ELDERLY_80_NO_PENSION', legalRef: 'D20 Art.5(5c)', description: 'aged 80+ with no pension and no monthly social insurance or social assistance', ageCondition: 'age >= 80', coefficient: '1.0', startRule: 'turns_80', notes: 'overlaps the social pension from 2025-07-01 (transition rule not confirmed)' },
  { ...base, programme: SA, code: 'SA_ELDERLY_COMMUNITY_CARE', legalRef: 'D20 Art.5(5d)', description: 'poor elderly with no supporter taken in by someone in the community', ageCondition: 'elderly (60+, Law on the Elderly 2009 Art.2)', coefficient: '3.0' },
  { ...base, programme: SA, code: 'SA_DISABLED_ESPECIALLY_SEVERE', legalRef: 'D20 Art.5(6)', description: 'person with an especially severe disability', ageCondition: 'adult (16-59)', coefficient: '2.0', startRule: 'certificate_month' },
  { ...base, programme: SA, code: 'SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', legalRef: 'D20 Art.5(6)', description: 'person with an especially severe disability', ageCondition: 'child (<16) or elderly (>=60)', coefficient: '2.5', startRule: 'certificate_month' },
  { ...base, programme: SA, code: 'SA_DISABLED_SEVERE', legalRef: 'D20 Art.5(6)', description: 'person with a severe disability', ageCondition: 'adult (16-59)', coefficient: '1.5', startRule: 'certificate_month' },
  { ...base, programme: SA, code: 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY', legalRef: 'D20 Art.5(6)', description: 'person with a severe disability', ageCondition: 'child (<16) or elderly (>=60)', coefficient: '2.0', startRule: 'certificate_month' },
  { ...base, programme: SA, code: 'SA_CHILD_U3_POOR_REMOTE', legalRef: 'D20 Art.5(7)', description: 'child under 3 in a poor/near-poor household in an extremely disadvantaged ethnic-minority or mountain commune', ageCondition: 'age < 3', coefficient: '1.5' },
  { ...base, programme: SA, code: 'SA_HIV_POOR_NO_INCOME', legalRef: 'D20 Art.5(8)', description: 'person with HIV in a poor household with no stable monthly income', ageCondition: '', coefficient: '1.5' },
  { ...care, code: 'CARE_FOSTER_CHILD_U4', description: 'household fostering an Art.5(1) child', ageCondition: 'child age < 4', coefficient: '2.5' },
  { ...care, code: 'CARE_FOSTER_CHILD_4_16_OR_ELDERLY', description: 'household fostering an Art.5(1) child aged 4-16 or an Art.5(5d) elderly person', ageCondition: '', coefficient: '1.5' },
  { ...care, code: 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', description: 'person with a severe or especially severe disability who is pregnant or raising one child under 36 months', ageCondition: '', coefficient: '1.5', notes: 'only the highest care coefficient; one allowance if both spouses are disabled' },
  { ...care, code: 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', description: 'same; pregnant and raising a child under 36 months or raising two or more children under 36 months', ageCondition: '', coefficient: '2.0' },
  { ...care, code: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', description: 'household directly caring for a person with an especially severe disability', ageCondition: 'per disabled person', coefficient: '1.0' },
  { ...care, code: 'CARE_FOSTER_ADULT_ESPECIALLY_SEVERE_DISABLED', description: 'household or person taking in an adult with an especially severe disability', ageCondition: '', coefficient: '1.5' },
  { ...care, code: 'CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED', description: 'household or person taking in a child with an especially severe disability', ageCondition: '', coefficient: '2.5' },
];

const SP = { ...base, programme: 'SOCIAL_PENSION', legalRef: 'Law 41/2024/QH15 (social pension chapter); D176/2025/NĐ-CP', notes: 'from 2025-07-01, on request, with no pension or monthly social insurance benefit (or a lower one); paid from the month the commune chairman signs' } as const;
const SOCIAL_PENSION_GROUPS: readonly BenefitGroup[] = [
  { ...SP, code: 'SP_75_PLUS', description: 'aged 75 or more', ageCondition: 'age >= 75' },
  { ...SP, code: 'SP_70_75_POOR_NEAR_POOR', description: 'aged 70-75 in a poor or near-poor household', ageCondition: '70 <= age < 75 and poor or near-poor' },
];

function ncc(code: string, description: string, needsInjuryRate = false): BenefitGroup {
  return { ...base, programme: 'MERITORIOUS', code, legalRef: 'D75/2021/NĐ-CP (VBHN 4804/VBHN-BLĐTBXH), 2024-07-01 table', description, ageCondition: '', needsInjuryRate };
}

const MERITORIOUS_GROUPS: readonly BenefitGroup[] = [
  ncc('NCC_PRE1945_SALARIED', 'pre-1945 revolutionary (salaried)'),
  ncc('NCC_PRE1945_NOT_SALARIED', 'pre-1945 revolutionary (not salaried)'),
  ncc('NCC_1945_AUG_REVOLUTION', 'revolutionary from 1945 to the August Revolution'),
  ncc('NCC_MARTYR_RELATIVE_1', 'relative of one martyr'),
  ncc('NCC_MARTYR_RELATIVE_2', 'relative of two martyrs'),
  ncc('NCC_MARTYR_RELATIVE_3PLUS', 'relative of three or more martyrs'),
  ncc('NCC_MARTYR_SPOUSE_REMARRIED', "martyr's spouse who remarried but raised the martyr's child or cared for the martyr's parents"),
  ncc('NCC_HEROIC_MOTHER', 'Vietnamese Heroic Mother'),
  ncc('NCC_HEROIC_MOTHER_CAREGIVER', 'person caring for a Heroic Mother at home'),
  ncc('NCC_HERO', "Hero of the People's Armed Forces or Labour Hero (wartime)"),
  ncc('NCC_SURVIVOR_NURTURING', 'monthly nurturing survivor allowance (trợ cấp tuất nuôi dưỡng)'),
  ncc('NCC_WAR_INVALID', 'war invalid or policy beneficiary treated as invalid', true),
  ncc('NCC_WAR_INVALID_TYPE_B', 'type-B war invalid', true),
  ncc('NCC_INVALID_CAREGIVER_81', 'caregiver at home of an invalid >=81%'),
  ncc('NCC_INVALID_CAREGIVER_81_SEVERE', 'caregiver at home of an invalid >=81% with especially severe wound'),
  ncc('NCC_SICK_SOLDIER_41_50', 'sick soldier 41-50%'),
  ncc('NCC_SICK_SOLDIER_51_60', 'sick soldier 51-60%'),
  ncc('NCC_SICK_SOLDIER_61_70', 'sick soldier 61-70%'),
  ncc('NCC_SICK_SOLDIER_71_80', 'sick soldier 71-80%'),
  ncc('NCC_SICK_SOLDIER_81_90', 'sick soldier 81-90%'),
  ncc('NCC_SICK_SOLDIER_91_100', 'sick soldier 91-100%'),
  ncc('NCC_TOXIC_CHEMICAL_21_40', 'resistance activist exposed to toxic chemicals 21-40%'),
  ncc('NCC_TOXIC_CHEMICAL_41_60', 'resistance activist exposed to toxic chemicals 41-60%'),
  ncc('NCC_TOXIC_CHEMICAL_61_80', 'resistance activist exposed to toxic chemicals 61-80%'),
  ncc('NCC_TOXIC_CHEMICAL_81_PLUS', 'resistance activist exposed to toxic chemicals >=81%'),
  ncc('NCC_TOXIC_CHEMICAL_CHILD_61_80', 'surviving biological child of a toxic-chemical-exposed person 61-80%'),
  ncc('NCC_TOXIC_CHEMICAL_CHILD_81_PLUS', 'surviving biological child of a toxic-chemical-exposed person >=81%'),
  ncc('NCC_IMPRISONED', 'person imprisoned by the enemy'),
];

export const BENEFIT_GROUPS: readonly BenefitGroup[] = [...SOCIAL_ASSISTANCE_GROUPS, ...SOCIAL_PENSION_GROUPS, ...MERITORIOUS_GROUPS];

/** Child (<16) or elderly (>=60) pay one coefficient, adults 16-59 another (D20 Art.5(6)). */
function disabilityBands(adultCode: string, childOrElderlyCode: string): AgeBand[] {
  return [
    { groupCode: childOrElderlyCode, belowAge: 16 },
    { groupCode: adultCode, fromAge: 16, belowAge: 60 },
    { groupCode: childOrElderlyCode, fromAge: 60 },
  ];
}

const POOR = 'poor' as const;
const POOR_OR_NEAR = 'poor_or_near_poor' as const;

const BANDED_FAMILIES: readonly GroupFamily[] = [
  { code: 'SA_CHILD_NO_SUPPORT', programme: SA, combination: 'SA_OWN', description: 'child with no source of support (from 16 only while studying, to 22)', bands: [
    { groupCode: 'SA_CHILD_NO_SUPPORT_U4', belowAge: 4 },
    { groupCode: 'SA_CHILD_NO_SUPPORT_4_16', fromAge: 4, belowAge: 16 },
    { groupCode: 'SA_YOUTH_STUDYING_16_22', fromAge: 16, belowAge: 22, requiresStudying: true },
  ] },
  { code: 'SA_CHILD_HIV_POOR', programme: SA, combination: 'SA_OWN', description: 'child with HIV in a poor household', bands: [
    { groupCode: 'SA_CHILD_HIV_POOR_U4', belowAge: 4, poverty: POOR },
    { groupCode: 'SA_CHILD_HIV_POOR_4_16', fromAge: 4, belowAge: 16, poverty: POOR },
  ] },
  { code: 'SA_SINGLE_PARENT_POOR', programme: SA, combination: 'SA_PER_CHILD', perChild: true, description: 'poor or near-poor single parent, per child', bands: [{ groupCode: 'SA_SINGLE_PARENT_POOR', poverty: POOR_OR_NEAR }] },
  { code: 'SA_ELDERLY_POOR_NO_SUPPORT', programme: SA, combination: 'SA_OWN', description: 'elderly in a poor household with nobody obliged to support them', bands: [
    { groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT_60_80', fromAge: 60, belowAge: 80, poverty: POOR },
    { groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT_80', fromAge: 80, poverty: POOR },
  ] },
  { code: 'SA_ELDERLY_75_80_POOR_REMOTE', programme: SA, combination: 'SA_OWN', description: 'aged 75-80, poor or near-poor, extremely disadvantaged commune', bands: [{ groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', fromAge: 75, belowAge: 80, poverty: POOR_OR_NEAR }] },
  { code: 'SA_ELDERLY_80_NO_PENSION', programme: SA, combination: 'SA_OWN', description: 'aged 80+ with no pension', bands: [{ groupCode: 'SA_ELDERLY_80_NO_PENSION', fromAge: 80 }] },
  { code: 'SA_ELDERLY_COMMUNITY_CARE', programme: SA, combination: 'SA_OWN', description: 'poor elderly taken in by someone in the community', bands: [{ groupCode: 'SA_ELDERLY_COMMUNITY_CARE', fromAge: 60, poverty: POOR }] },
  { code: 'SA_DISABLED_ESPECIALLY_SEVERE', programme: SA, combination: 'SA_OWN', disabilityLevel: 'especially_severe', description: 'especially severe disability', bands: disabilityBands('SA_DISABLED_ESPECIALLY_SEVERE', 'SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY') },
  { code: 'SA_DISABLED_SEVERE', programme: SA, combination: 'SA_OWN', disabilityLevel: 'severe', description: 'severe disability', bands: disabilityBands('SA_DISABLED_SEVERE', 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY') },
  { code: 'SA_CHILD_U3_POOR_REMOTE', programme: SA, combination: 'SA_OWN', description: 'child under 3, poor or near-poor, extremely disadvantaged commune', bands: [{ groupCode: 'SA_CHILD_U3_POOR_REMOTE', belowAge: 3, poverty: POOR_OR_NEAR }] },
  { code: 'SA_HIV_POOR_NO_INCOME', programme: SA, combination: 'SA_OWN', description: 'person with HIV in a poor household, no stable income', bands: [{ groupCode: 'SA_HIV_POOR_NO_INCOME', poverty: POOR }] },
  // Care allowances go to the caring household. The decision is held either by the caring household's representative,
  // naming the person cared for (mayNameCaredFor: paid to the holder, banded by the cared-for person's age), or, as
  // registers kept before, by the person cared for (paid with their own payment, to their destination).
  { code: 'CARE_FOSTER_CHILD', programme: SA, combination: 'SA_CARE', mayNameCaredFor: true, description: 'household fostering an Art.5(1) child', bands: [
    { groupCode: 'CARE_FOSTER_CHILD_U4', belowAge: 4 },
    { groupCode: 'CARE_FOSTER_CHILD_4_16_OR_ELDERLY', fromAge: 4, belowAge: 16 },
  ] },
  { code: 'CARE_FOSTER_ELDERLY', programme: SA, combination: 'SA_CARE', mayNameCaredFor: true, description: 'household fostering an Art.5(5d) elderly person', bands: [{ groupCode: 'CARE_FOSTER_CHILD_4_16_OR_ELDERLY', fromAge: 60 }] },
  { code: 'CARE_FOSTER_ESPECIALLY_SEVERE_DISABLED', programme: SA, combination: 'SA_CARE', mayNameCaredFor: true, description: 'taking in a person with an especially severe disability (child rate below 16)', bands: [
    { groupCode: 'CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED', belowAge: 16 },
    { groupCode: 'CARE_FOSTER_ADULT_ESPECIALLY_SEVERE_DISABLED', fromAge: 16 },
  ] },
  { code: 'SOCIAL_PENSION', programme: 'SOCIAL_PENSION', combination: 'SOCIAL_PENSION', validFrom: parseMonth('2025-07'), description: 'social pension: 75+, or 70-75 in a poor or near-poor household', bands: [
    { groupCode: 'SP_70_75_POOR_NEAR_POOR', fromAge: 70, belowAge: 75, poverty: POOR_OR_NEAR },
    { groupCode: 'SP_75_PLUS', fromAge: 75 },
  ] },
];

/** Care allowances of one code; the disabled parent's (the parent's own household) never names another person. */
const SINGLE_CODE_CARE: readonly { code: string; mayNameCaredFor: boolean }[] = [
  { code: 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', mayNameCaredFor: false },
  { code: 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', mayNameCaredFor: false },
  { code: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', mayNameCaredFor: true },
];

export const GROUP_FAMILIES: readonly GroupFamily[] = [
  ...BANDED_FAMILIES,
  ...SINGLE_CODE_CARE.map(({ code, mayNameCaredFor }): GroupFamily => ({
    code,
    programme: SA,
    combination: 'SA_CARE',
    ...(mayNameCaredFor && { mayNameCaredFor }),
    description: groupByCode(code).description,
    bands: [{ groupCode: code }],
  })),
  ...MERITORIOUS_GROUPS.map((g): GroupFamily => ({ code: g.code, programme: 'MERITORIOUS', combination: 'MERITORIOUS', description: g.description, bands: [{ groupCode: g.code }] })),
];

export function findGroup(code: string): BenefitGroup | undefined {
  return BENEFIT_GROUPS.find((group) => group.code === code);
}

function groupByCode(code: string): BenefitGroup {
  const group = findGroup(code);
  if (!group) throw new Error(`Benefit group ${code} is not in the catalogue`);
  return group;
}

export type FamilyResolution =
  | { readonly found: true; readonly family: GroupFamily }
  | { readonly found: false; readonly problem: string };

/** The family a decision's code stands for: a family code, or the one family that contains a banded group code. */
export function resolveFamily(code: string): FamilyResolution {
  const direct = GROUP_FAMILIES.find((family) => family.code === code);
  if (direct) return { found: true, family: direct };
  const containing = GROUP_FAMILIES.filter((family) => family.bands.some((band) => band.groupCode === code));
  if (containing.length === 1) return { found: true, family: containing[0] };
  if (containing.length > 1) {
    return { found: false, problem: `${code} belongs to ${containing.map((f) => f.code).join(' and ')}: the decision must name the family` };
  }
  return { found: false, problem: `${code} is not a benefit group or family in the catalogue` };
}

/** The rule that starts a family's payments: all its groups share one (checked by the catalogue spec). */
export function startRuleOf(family: GroupFamily): StartRule {
  return groupByCode(family.bands[0].groupCode).startRule;
}
