import type { TableVersion } from '../domain/table-version';

/**
 * Social assistance coefficients (D20 Art.5, 6) and care-allowance coefficients (D20 Art.20), applied to the
 * social assistance standard level. Copied from the domain reference, social-assistance-coefficients.csv.
 */
export const SA_COEFFICIENT_VERSIONS: readonly TableVersion[] = [
  {
    id: 'sa_coefficient:2021-07:D20-2021',
    table: 'sa_coefficient',
    effectiveFrom: '2021-07',
    enteredAt: '2021-07-01',
    instrument: 'Decree 20/2021/ND-CP',
    confidence:
      'read in the official text (Art.5, 6, 20); the 2024 (Decree 76/2024) and 2026 amendments to group definitions were not read; verify',
    rows: [
      { key: 'SA_CHILD_NO_SUPPORT_U4', coefficient: '2.5', source: 'Art.5(1)', note: 'child with no source of support, under 4' },
      { key: 'SA_CHILD_NO_SUPPORT_4_16', coefficient: '1.5', source: 'Art.5(1)', note: 'child with no source of support, 4 to 16' },
      { key: 'SA_YOUTH_STUDYING_16_22', coefficient: '1.5', source: 'Art.5(2)', note: 'former Art.5(1) child, 16 to 22, studying' },
      { key: 'SA_CHILD_HIV_POOR_U4', coefficient: '2.5', source: 'Art.5(3)', note: 'child with HIV, poor household, under 4' },
      { key: 'SA_CHILD_HIV_POOR_4_16', coefficient: '2.0', source: 'Art.5(3)', note: 'child with HIV, poor household, 4 to 16' },
      { key: 'SA_SINGLE_PARENT_POOR', coefficient: '1.0', source: 'Art.5(4)', note: 'per child; stacks with own elderly/disability/HIV coefficient (Art.6(2))' },
      { key: 'SA_ELDERLY_POOR_NO_SUPPORT_60_80', coefficient: '1.5', source: 'Art.5(5)(a)', note: 'poor, nobody obliged to support, 60 to 80' },
      { key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', coefficient: '2.0', source: 'Art.5(5)(a)', note: 'poor, nobody obliged to support, 80+' },
      { key: 'SA_ELDERLY_75_80_POOR_REMOTE', coefficient: '1.0', source: 'Art.5(5)(b)', note: '75 to 80, poor/near-poor, disadvantaged commune; overlaps the social pension from 2025-07' },
      { key: 'SA_ELDERLY_80_NO_PENSION', coefficient: '1.0', source: 'Art.5(5)(c)', note: '80+ without pension; overlaps the social pension from 2025-07' },
      { key: 'SA_ELDERLY_COMMUNITY_CARE', coefficient: '3.0', source: 'Art.5(5)(d)', note: 'poor elderly with no supporter taken in by the community' },
      { key: 'SA_DISABLED_ESPECIALLY_SEVERE', coefficient: '2.0', source: 'Art.5(6)', note: 'especially severe disability, adult 16 to 59' },
      { key: 'SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', coefficient: '2.5', source: 'Art.5(6)', note: 'especially severe disability, under 16 or 60+' },
      { key: 'SA_DISABLED_SEVERE', coefficient: '1.5', source: 'Art.5(6)', note: 'severe disability, adult 16 to 59' },
      { key: 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY', coefficient: '2.0', source: 'Art.5(6)', note: 'severe disability, under 16 or 60+' },
      { key: 'SA_CHILD_U3_POOR_REMOTE', coefficient: '1.5', source: 'Art.5(7)', note: 'under 3, poor/near-poor, disadvantaged commune' },
      { key: 'SA_HIV_POOR_NO_INCOME', coefficient: '1.5', source: 'Art.5(8)', note: 'HIV, poor household, no stable income' },
      { key: 'CARE_FOSTER_CHILD_U4', coefficient: '2.5', source: 'Art.20', note: 'household fostering an Art.5(1) child under 4' },
      { key: 'CARE_FOSTER_CHILD_4_16_OR_ELDERLY', coefficient: '1.5', source: 'Art.20', note: 'fostering an Art.5(1) child 4 to 16 or an Art.5(5)(d) elderly person' },
      { key: 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', coefficient: '1.5', source: 'Art.20', note: 'only the highest; one allowance if both spouses are disabled' },
      { key: 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', coefficient: '2.0', source: 'Art.20', note: 'only the highest; one allowance if both spouses are disabled' },
      { key: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', coefficient: '1.0', source: 'Art.20', note: 'per disabled person cared for' },
      { key: 'CARE_FOSTER_ADULT_ESPECIALLY_SEVERE_DISABLED', coefficient: '1.5', source: 'Art.20', note: 'taking in an adult with an especially severe disability' },
      { key: 'CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED', coefficient: '2.5', source: 'Art.20', note: 'taking in a child with an especially severe disability' },
    ],
  },
];
