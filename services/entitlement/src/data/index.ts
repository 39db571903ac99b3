import type { TableVersion } from '../domain/table-version';
import { RateBook } from '../domain/rate-book';
import { NCC_MONTHLY_2024_07 } from './ncc-monthly-2024-07';
import { NCC_WAR_INVALID_A_2024_07, NCC_WAR_INVALID_B_2024_07 } from './ncc-war-invalid-2024-07';
import { PROVINCE_TOPUP_VERSIONS } from './province-topups';
import { SA_COEFFICIENT_VERSIONS } from './sa-coefficients';
import { STANDARD_LEVEL_VERSIONS } from './standard-levels';

export { FUNERAL_RULES } from './funeral-support';

/**
 * The initial rate tables, in the order they can be validated: standard levels first, because the
 * meritorious tables are checked against the meritorious standard level they were computed from.
 */
export const SEED_TABLE_VERSIONS: readonly TableVersion[] = [
  ...STANDARD_LEVEL_VERSIONS,
  ...SA_COEFFICIENT_VERSIONS,
  NCC_MONTHLY_2024_07,
  NCC_WAR_INVALID_A_2024_07,
  NCC_WAR_INVALID_B_2024_07,
  ...PROVINCE_TOPUP_VERSIONS,
];

/** The rate book of the seed tables alone; the service adds the versions operators entered since. */
export function seedRateBook(): RateBook {
  return RateBook.fromVersions(SEED_TABLE_VERSIONS);
}
