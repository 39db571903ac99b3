/**
 * The catalogue: every group code the law defines, per programme, with the attributes the calculation rules
 * need. Amounts and coefficients are data (rate tables); which groups exist and how they combine is the law's
 * structure, kept here in one place. Every group listed here must be priced by the table that prices it.
 */

export type Programme = 'social_assistance' | 'social_pension' | 'meritorious';
export const PROGRAMMES: readonly Programme[] = ['social_assistance', 'social_pension', 'meritorious'];

/** Social assistance (D20 Art.5) and care allowances (D20 Art.20), priced as standard level × coefficient. */
export type SaCategory = 'child' | 'single_parent' | 'elderly' | 'disability' | 'hiv' | 'care';

export interface SaGroup {
  readonly category: SaCategory;
  /** Care allowances of the same family: only the highest one is paid (D20 Art.20). */
  readonly highestOnlyFamily?: 'disabled_parent';
}

export const SA_GROUPS: Readonly<Record<string, SaGroup>> = {
  SA_CHILD_NO_SUPPORT_U4: { category: 'child' },
  SA_CHILD_NO_SUPPORT_4_16: { category: 'child' },
  SA_YOUTH_STUDYING_16_22: { category: 'child' },
  SA_CHILD_HIV_POOR_U4: { category: 'child' },
  SA_CHILD_HIV_POOR_4_16: { category: 'child' },
  SA_SINGLE_PARENT_POOR: { category: 'single_parent' },
  SA_ELDERLY_POOR_NO_SUPPORT_60_80: { category: 'elderly' },
  SA_ELDERLY_POOR_NO_SUPPORT_80: { category: 'elderly' },
  SA_ELDERLY_75_80_POOR_REMOTE: { category: 'elderly' },
  SA_ELDERLY_80_NO_PENSION: { category: 'elderly' },
  SA_ELDERLY_COMMUNITY_CARE: { category: 'elderly' },
  SA_DISABLED_ESPECIALLY_SEVERE: { category: 'disability' },
  SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY: { category: 'disability' },
  SA_DISABLED_SEVERE: { category: 'disability' },
  SA_DISABLED_SEVERE_CHILD_OR_ELDERLY: { category: 'disability' },
  SA_CHILD_U3_POOR_REMOTE: { category: 'child' },
  SA_HIV_POOR_NO_INCOME: { category: 'hiv' },
  CARE_FOSTER_CHILD_U4: { category: 'care' },
  CARE_FOSTER_CHILD_4_16_OR_ELDERLY: { category: 'care' },
  CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M: { category: 'care', highestOnlyFamily: 'disabled_parent' },
  CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M: { category: 'care', highestOnlyFamily: 'disabled_parent' },
  CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED: { category: 'care' },
  CARE_FOSTER_ADULT_ESPECIALLY_SEVERE_DISABLED: { category: 'care' },
  CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED: { category: 'care' },
};

/** Social pension (Law 41/2024/QH15 Art.21-22): one amount, the programme's standard level. */
export const SP_GROUPS: readonly string[] = ['SP_75_PLUS', 'SP_70_75_POOR_NEAR_POOR'];

/** When a meritorious supplement is added to the group's own amount. */
export type SupplementCondition = 'always' | 'injury_81_plus' | 'especially_severe' | 'per_seniority_year';

export interface SupplementRule {
  readonly key: string;
  readonly when: SupplementCondition;
}

export interface NccGroup {
  readonly pricing: 'fixed' | 'war_invalid_a' | 'war_invalid_b';
  /** The group is itself an allowance paid on top of another one (the nurturing survivor allowance). */
  readonly onTop?: boolean;
  readonly supplements?: readonly SupplementRule[];
}

const INVALID_SUPPLEMENTS: readonly SupplementRule[] = [
  { key: 'NCC_SUPP_INVALID_81', when: 'injury_81_plus' },
  { key: 'NCC_SUPP_INVALID_81_ESPECIALLY_SEVERE', when: 'especially_severe' },
];
const SICK_SOLDIER_SUPPLEMENTS: readonly SupplementRule[] = [
  { key: 'NCC_SUPP_SICK_SOLDIER_81', when: 'always' },
  { key: 'NCC_SUPP_SICK_SOLDIER_ESPECIALLY_SEVERE', when: 'especially_severe' },
];
const TOXIC_CHEMICAL_SUPPLEMENTS: readonly SupplementRule[] = [
  { key: 'NCC_SUPP_TOXIC_CHEMICAL_81', when: 'always' },
  { key: 'NCC_SUPP_TOXIC_CHEMICAL_ESPECIALLY_SEVERE', when: 'especially_severe' },
];

/** People with meritorious service (Decree 75/2021 as amended): fixed VND tables, components stack. */
export const NCC_GROUPS: Readonly<Record<string, NccGroup>> = {
  NCC_PRE1945_SALARIED: { pricing: 'fixed', supplements: [{ key: 'NCC_SUPP_PRE1945_SENIORITY_YEAR', when: 'per_seniority_year' }] },
  NCC_PRE1945_NOT_SALARIED: { pricing: 'fixed' },
  NCC_1945_AUG_REVOLUTION: { pricing: 'fixed' },
  NCC_MARTYR_RELATIVE_1: { pricing: 'fixed' },
  NCC_MARTYR_RELATIVE_2: { pricing: 'fixed' },
  NCC_MARTYR_RELATIVE_3PLUS: { pricing: 'fixed' },
  NCC_MARTYR_SPOUSE_REMARRIED: { pricing: 'fixed' },
  NCC_HEROIC_MOTHER: { pricing: 'fixed', supplements: [{ key: 'NCC_SUPP_HEROIC_MOTHER', when: 'always' }] },
  NCC_HEROIC_MOTHER_CAREGIVER: { pricing: 'fixed' },
  NCC_HERO: { pricing: 'fixed' },
  NCC_SURVIVOR_NURTURING: { pricing: 'fixed', onTop: true },
  NCC_WAR_INVALID: { pricing: 'war_invalid_a', supplements: INVALID_SUPPLEMENTS },
  NCC_WAR_INVALID_TYPE_B: { pricing: 'war_invalid_b', supplements: INVALID_SUPPLEMENTS },
  NCC_INVALID_CAREGIVER_81: { pricing: 'fixed' },
  NCC_INVALID_CAREGIVER_81_SEVERE: { pricing: 'fixed' },
  NCC_SICK_SOLDIER_41_50: { pricing: 'fixed' },
  NCC_SICK_SOLDIER_51_60: { pricing: 'fixed' },
  NCC_SICK_SOLDIER_61_70: { pricing: 'fixed' },
  NCC_SICK_SOLDIER_71_80: { pricing: 'fixed' },
  NCC_SICK_SOLDIER_81_90: { pricing: 'fixed', supplements: SICK_SOLDIER_SUPPLEMENTS },
  NCC_SICK_SOLDIER_91_100: { pricing: 'fixed', supplements: SICK_SOLDIER_SUPPLEMENTS },
  NCC_TOXIC_CHEMICAL_21_40: { pricing: 'fixed' },
  NCC_TOXIC_CHEMICAL_41_60: { pricing: 'fixed' },
  NCC_TOXIC_CHEMICAL_61_80: { pricing: 'fixed' },
  NCC_TOXIC_CHEMICAL_81_PLUS: { pricing: 'fixed', supplements: TOXIC_CHEMICAL_SUPPLEMENTS },
  NCC_TOXIC_CHEMICAL_CHILD_61_80: { pricing: 'fixed' },
  NCC_TOXIC_CHEMICAL_CHILD_81_PLUS: { pricing: 'fixed' },
  NCC_IMPRISONED: { pricing: 'fixed' },
};

/** Injury rates priced by the war-invalid tables (Ordinance 02/2020: 21% to 100%). */
export const MIN_INJURY_RATE = 21;
export const MAX_INJURY_RATE = 100;
export const SUPPLEMENT_INJURY_RATE = 81;

/** The rate tables. A table is identified by its name and, for standard levels and top-ups, a scope. */
export type TableName =
  | 'standard_level'
  | 'sa_coefficient'
  | 'ncc_monthly'
  | 'ncc_war_invalid_a'
  | 'ncc_war_invalid_b'
  | 'province_topup';

export interface TableShape {
  readonly value: 'amount' | 'coefficient';
  /** Meritorious tables are computed from one meritorious standard level and valid only while it is. */
  readonly boundToMeritoriousLevel: boolean;
  /** Keys the table must price, or undefined when a partial table is normal (province top-ups). */
  readonly requiredKeys: (scope?: string) => readonly string[] | undefined;
  readonly allowedKeys: (scope?: string) => readonly string[];
}

const injuryRates = (): string[] =>
  Array.from({ length: MAX_INJURY_RATE - MIN_INJURY_RATE + 1 }, (_, i) => String(MIN_INJURY_RATE + i));
const nccMonthlyKeys = (): string[] => {
  const fixed = Object.entries(NCC_GROUPS).filter(([, g]) => g.pricing === 'fixed').map(([code]) => code);
  const supplements = Object.values(NCC_GROUPS).flatMap((g) => (g.supplements ?? []).map((s) => s.key));
  return [...fixed, ...new Set(supplements)];
};
const topUpKeys = (): string[] => [...Object.keys(SA_GROUPS), ...SP_GROUPS, ...Object.keys(NCC_GROUPS)];

export const TABLES: Readonly<Record<TableName, TableShape>> = {
  standard_level: {
    value: 'amount',
    boundToMeritoriousLevel: false,
    requiredKeys: (scope) => (scope ? [scope] : []),
    allowedKeys: (scope) => (scope ? [scope] : []),
  },
  sa_coefficient: {
    value: 'coefficient',
    boundToMeritoriousLevel: false,
    requiredKeys: () => Object.keys(SA_GROUPS),
    allowedKeys: () => Object.keys(SA_GROUPS),
  },
  ncc_monthly: { value: 'amount', boundToMeritoriousLevel: true, requiredKeys: nccMonthlyKeys, allowedKeys: nccMonthlyKeys },
  ncc_war_invalid_a: { value: 'amount', boundToMeritoriousLevel: true, requiredKeys: injuryRates, allowedKeys: injuryRates },
  ncc_war_invalid_b: { value: 'amount', boundToMeritoriousLevel: true, requiredKeys: injuryRates, allowedKeys: injuryRates },
  province_topup: { value: 'amount', boundToMeritoriousLevel: false, requiredKeys: () => undefined, allowedKeys: topUpKeys },
};

export function tableId(table: TableName, scope?: string): string {
  return scope ? `${table}:${scope}` : table;
}

/** The programme a group belongs to (a province top-up's key), if it is one of the catalogue's. */
export function programmeOfGroup(code: string): Programme | undefined {
  if (saGroup(code) !== undefined) return 'social_assistance';
  if (SP_GROUPS.includes(code)) return 'social_pension';
  if (nccGroup(code) !== undefined) return 'meritorious';
  return undefined;
}

/** The catalogue entry of a social assistance or care group, if the code is one. */
export function saGroup(code: string): SaGroup | undefined {
  return Object.hasOwn(SA_GROUPS, code) ? SA_GROUPS[code] : undefined;
}

/** The catalogue entry of a meritorious group, if the code is one. */
export function nccGroup(code: string): NccGroup | undefined {
  return Object.hasOwn(NCC_GROUPS, code) ? NCC_GROUPS[code] : undefined;
}
