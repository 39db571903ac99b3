import type { TableVersion } from '../domain/table-version';

/**
 * Meritorious monthly allowances and supplements from 2024-07-01 (Decree 75/2021 as amended by Decree 77/2024,
 * appendix, read in the consolidated text VBHN 4804/VBHN-BLĐTBXH). Copied from ncc-monthly-2024-07.csv.
 * The amounts were computed from the meritorious standard level 2,789,000 and are valid only while it is:
 * from 2026-07 (Decree 321/2026, 3,012,000) this table no longer answers and the months stay unpriced
 * until the official 2026 table is entered. It is never scaled.
 */
export const NCC_MONTHLY_2024_07: TableVersion = {
  id: 'ncc_monthly:2024-07:D77-2024',
  table: 'ncc_monthly',
  effectiveFrom: '2024-07',
  enteredAt: '2024-07-01',
  instrument: 'Decree 75/2021/ND-CP as amended by Decree 77/2024/ND-CP (VBHN 4804/VBHN-BLĐTBXH)',
  confidence: 'read in the consolidated text',
  standardLevel: 2_789_000n,
  rows: [
    { key: 'NCC_PRE1945_SALARIED', amount: 3_117_000n, source: 'Appendix I', note: 'pre-1945 revolutionary (salaried)' },
    { key: 'NCC_PRE1945_NOT_SALARIED', amount: 5_291_000n, source: 'Appendix I', note: 'pre-1945 revolutionary (not salaried)' },
    { key: 'NCC_1945_AUG_REVOLUTION', amount: 2_884_000n, source: 'Appendix I', note: 'revolutionary from 1945 to the August Revolution' },
    { key: 'NCC_MARTYR_RELATIVE_1', amount: 2_789_000n, source: 'Appendix I', note: 'survivor allowance, relative of one martyr' },
    { key: 'NCC_MARTYR_RELATIVE_2', amount: 5_578_000n, source: 'Appendix I', note: 'survivor allowance, relative of two martyrs' },
    { key: 'NCC_MARTYR_RELATIVE_3PLUS', amount: 8_367_000n, source: 'Appendix I', note: 'survivor allowance, relative of three or more martyrs' },
    { key: 'NCC_MARTYR_SPOUSE_REMARRIED', amount: 2_789_000n, source: 'Appendix I', note: "martyr's spouse who remarried but raised the child or cared for the parents" },
    { key: 'NCC_HEROIC_MOTHER', amount: 8_367_000n, source: 'Appendix I', note: 'Vietnamese Heroic Mother' },
    { key: 'NCC_HEROIC_MOTHER_CAREGIVER', amount: 2_789_000n, source: 'Appendix I', note: 'person caring for a Heroic Mother at home' },
    { key: 'NCC_HERO', amount: 2_337_000n, source: 'Appendix I', note: "Hero of the People's Armed Forces or Labour Hero (wartime)" },
    { key: 'NCC_SURVIVOR_NURTURING', amount: 2_231_000n, source: 'Appendix I', note: 'nurturing survivor allowance, paid on top of the survivor allowance' },
    { key: 'NCC_INVALID_CAREGIVER_81', amount: 2_789_000n, source: 'Appendix I', note: 'caregiver at home of an invalid >= 81%' },
    { key: 'NCC_INVALID_CAREGIVER_81_SEVERE', amount: 3_582_000n, source: 'Appendix I', note: 'caregiver at home of an invalid >= 81% with especially severe wound' },
    { key: 'NCC_SICK_SOLDIER_41_50', amount: 2_911_000n, source: 'Appendix I', note: 'sick soldier 41-50%' },
    { key: 'NCC_SICK_SOLDIER_51_60', amount: 3_627_000n, source: 'Appendix I', note: 'sick soldier 51-60%' },
    { key: 'NCC_SICK_SOLDIER_61_70', amount: 4_622_000n, source: 'Appendix I', note: 'sick soldier 61-70%' },
    { key: 'NCC_SICK_SOLDIER_71_80', amount: 5_329_000n, source: 'Appendix I', note: 'sick soldier 71-80%' },
    { key: 'NCC_SICK_SOLDIER_81_90', amount: 6_378_000n, source: 'Appendix I', note: 'sick soldier 81-90%' },
    { key: 'NCC_SICK_SOLDIER_91_100', amount: 7_104_000n, source: 'Appendix I', note: 'sick soldier 91-100%' },
    { key: 'NCC_TOXIC_CHEMICAL_21_40', amount: 2_120_000n, source: 'Appendix I', note: 'exposed to toxic chemicals 21-40%' },
    { key: 'NCC_TOXIC_CHEMICAL_41_60', amount: 3_542_000n, source: 'Appendix I', note: 'exposed to toxic chemicals 41-60%' },
    { key: 'NCC_TOXIC_CHEMICAL_61_80', amount: 4_964_000n, source: 'Appendix I', note: 'exposed to toxic chemicals 61-80%' },
    { key: 'NCC_TOXIC_CHEMICAL_81_PLUS', amount: 6_358_000n, source: 'Appendix I', note: 'exposed to toxic chemicals >= 81%' },
    { key: 'NCC_TOXIC_CHEMICAL_CHILD_61_80', amount: 1_673_000n, source: 'Appendix I', note: 'surviving child of an exposed person, 61-80%' },
    { key: 'NCC_TOXIC_CHEMICAL_CHILD_81_PLUS', amount: 2_789_000n, source: 'Appendix I', note: 'surviving child of an exposed person, >= 81%' },
    { key: 'NCC_IMPRISONED', amount: 1_673_000n, source: 'Appendix I', note: 'person imprisoned by the enemy' },
    { key: 'NCC_SUPP_PRE1945_SENIORITY_YEAR', amount: 529_000n, source: 'Appendix I', note: 'pre-1945 salaried: per year of seniority' },
    { key: 'NCC_SUPP_HEROIC_MOTHER', amount: 2_337_000n, source: 'Appendix I', note: 'Heroic Mother monthly supplement' },
    { key: 'NCC_SUPP_INVALID_81', amount: 1_399_000n, source: 'Appendix I', note: 'war invalid (A or B) >= 81%' },
    { key: 'NCC_SUPP_INVALID_81_ESPECIALLY_SEVERE', amount: 2_867_000n, source: 'Appendix I', note: 'war invalid >= 81% with especially severe wound (special supplement)' },
    { key: 'NCC_SUPP_SICK_SOLDIER_81', amount: 1_399_000n, source: 'Appendix I', note: 'sick soldier >= 81%' },
    { key: 'NCC_SUPP_SICK_SOLDIER_ESPECIALLY_SEVERE', amount: 2_789_000n, source: 'Appendix I', note: 'sick soldier >= 81% especially severe' },
    { key: 'NCC_SUPP_TOXIC_CHEMICAL_81', amount: 1_399_000n, source: 'Appendix I', note: 'toxic chemicals >= 81%' },
    { key: 'NCC_SUPP_TOXIC_CHEMICAL_ESPECIALLY_SEVERE', amount: 2_789_000n, source: 'Appendix I', note: 'toxic chemicals >= 81% especially severe' },
  ],
};
