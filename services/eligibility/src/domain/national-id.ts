/**
 * The personal ID number (số định danh cá nhân, printed on the CCCD card): 12 digits `PPP G YY NNNNNN`.
 *   PPP  the province where the birth was registered (the 63 pre-2025 province codes, 001-096; a country code
 *        for births registered abroad), never the current residence;
 *   G    century and sex: 0/1 male/female born 1900-1999, 2/3 born 2000-2099, 4/5 2100-2199, 6/7 2200-2299,
 *        8/9 2300-2399;
 *   YY   the last two digits of the birth year;
 *   NNNNNN random digits.
 * Source: Circular 07/2016/TT-BCA Art.7 and its Appendix I (province codes), under Decree 137/2015/NĐ-CP.
 * There is no check digit: a wrong length or a non-digit is an error; a province code outside the list, or G/YY
 * that disagree with the recorded sex or date of birth, is only a warning (the registry may hold the typo).
 */
import type { IsoDate } from './months';
import { parseIsoDate } from './months';

export type Sex = 'male' | 'female';

export type NationalIdErrorCode = 'WRONG_LENGTH' | 'NOT_DIGITS';
export type NationalIdWarningCode = 'UNKNOWN_PROVINCE_CODE' | 'SEX_MISMATCH' | 'CENTURY_MISMATCH' | 'BIRTH_YEAR_MISMATCH';

export interface NationalIdIssue<C extends string> {
  readonly code: C;
  readonly message: string;
}

export interface NationalIdCheck {
  /** No errors. Warnings do not make a number invalid. */
  readonly valid: boolean;
  readonly errors: readonly NationalIdIssue<NationalIdErrorCode>[];
  readonly warnings: readonly NationalIdIssue<NationalIdWarningCode>[];
}

/** What the registry says about the person, to cross-check G and YY. */
export interface NationalIdHolder {
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
}

/** Birth-registration province codes, Circular 07/2016/TT-BCA Appendix I (63 provinces before 2025). */
const BIRTH_PROVINCE_CODES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export function checkNationalId(id: string, holder?: NationalIdHolder): NationalIdCheck {
  const errors: NationalIdIssue<NationalIdErrorCode>[] = [];
  if (!/^\d*$/.test(id)) errors.push({ code: 'NOT_DIGITS', message: 'The ID number must contain digits only' });
  if (id.length !== 12) errors.push({ code: 'WRONG_LENGTH', message: `The ID number has 12 digits, not ${id.length}` });
  if (errors.length > 0) return { valid: false, errors, warnings: [] };
  return { valid: true, errors, warnings: crossCheck(id, holder) };
}

function crossCheck(id: string, holder: NationalIdHolder | undefined): NationalIdIssue<NationalIdWarningCode>[] {
  const warnings: NationalIdIssue<NationalIdWarningCode>[] = [];
  const province = id.slice(0, 3);
  if (!BIRTH_PROVINCE_CODES.has(province)) {
    warnings.push({ code: 'UNKNOWN_PROVINCE_CODE', message: `${province} is not a birth-registration province code (a country code for a birth registered abroad?)` });
  }
  if (!holder) return warnings;

  const g = Number(id[3]);
  const codedSex: Sex = g % 2 === 0 ? 'male' : 'female';
  const codedCentury = 1900 + Math.floor(g / 2) * 100;
  const birthYear = Number(parseIsoDate(holder.dateOfBirth).slice(0, 4));
  const birthCentury = Math.floor(birthYear / 100) * 100;

  if (codedSex !== holder.sex) {
    warnings.push({ code: 'SEX_MISMATCH', message: `Digit 4 (${g}) codes a ${codedSex}, the record says ${holder.sex}` });
  }
  if (codedCentury !== birthCentury) {
    warnings.push({ code: 'CENTURY_MISMATCH', message: `Digit 4 (${g}) codes a birth in ${codedCentury}-${codedCentury + 99}, the record says ${birthYear}` });
  }
  if (id.slice(4, 6) !== String(birthYear % 100).padStart(2, '0')) {
    warnings.push({ code: 'BIRTH_YEAR_MISMATCH', message: `Digits 5-6 (${id.slice(4, 6)}) do not match the birth year ${birthYear}` });
  }
  return warnings;
}

/**
 * For logs and screens: keeps the first 3 and the last 2 characters, '079203001234' → '079*******34'.
 * Anything shorter than 6 characters is masked whole, so no input is ever shown in full.
 */
export function maskNationalId(id: string): string {
  if (id.length < 6) return '*'.repeat(id.length);
  return id.slice(0, 3) + '*'.repeat(id.length - 5) + id.slice(-2);
}

/** Bank or e-wallet account: keeps the last 4 characters; 4 characters or fewer are masked whole. */
export function maskAccount(account: string): string {
  if (account.length <= 4) return '*'.repeat(account.length);
  return '*'.repeat(account.length - 4) + account.slice(-4);
}

/**
 * A value quoted back in an error ("bank_bin … is not a bank code"): if it holds nine digits or more, however
 * written ("0912 345 678"), it may be an ID, account or phone number in the wrong column, and only its first and
 * last two digits are shown.
 */
export function maskQuoted(value: string): string {
  const digits = value.replace(/\D/g, '').length;
  if (digits < 9) return value;
  let seen = 0;
  return value.replace(/\d/g, (digit) => (++seen <= 2 || seen > digits - 2 ? digit : '*'));
}
