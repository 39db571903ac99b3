/**
 * Validation of one register row, pure: the import and the JSON API for single changes both go through it, so a
 * person is checked the same way however they enter the register. Every problem names its column and has a stable
 * code; the ID-number cross-check (sex, century, birth year) only warns, as the domain brief asks.
 */
import { channelSchema, programmeSchema, type Channel, type Programme } from '@benefits/contracts';
import { findCommune, MERGER_2025_FIRST_DAY, payingCommuneOf } from '@benefits/admin-units';
import { findBank, POST_OFFICE_BANK_BIN } from '../../data/bank-bins';
import { findGroup, resolveFamily, startRuleOf, WAR_INVALID_INJURY_RATES, type GroupFamily } from '../../domain/benefit-groups';
import { ADDRESS_MAX_LENGTH, type ChildFacts, type DecisionAttributes, type Period, type PovertyStatus } from '../../domain/eligibility-input';
import { isIsoDate, type IsoDate } from '../../domain/months';
import { checkNationalId, maskQuoted, type Sex } from '../../domain/national-id';
import { toDomainProgramme } from '../../shared/programmes';
import { KEEP_AS_TEXT_COLUMNS, type ColumnName, type RawRow, type RegisterRow, type RowProblem, type RowValidation } from './import-layout';

const SEXES: Readonly<Record<string, Sex>> = { male: 'male', m: 'male', nam: 'male', female: 'female', f: 'female', 'nữ': 'female', nu: 'female' };
const POVERTY: readonly PovertyStatus[] = ['poor', 'near_poor', 'none'];
const YES = new Set(['yes', 'y', 'true', '1', 'có', 'co', 'x']);
const NO = new Set(['no', 'n', 'false', '0', 'không', 'khong', '']);
const DMY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
/**
 * A slash date that is no date day first but one month first (06/20/1950): the file was written month first, as a
 * spreadsheet set to US English writes dates, and its other slash dates would be read with day and month swapped.
 */
export const DATE_MONTH_FIRST = 'DATE_MONTH_FIRST';

/** YYYY-MM-DD of a date's parts as written (a day or month of one digit padded). */
function isoOf(year: string, month: string, day: string): string {
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}
/** Names and the address: free text, whose spaces are read as one (RowReader.text). */
const FREE_TEXT: ReadonlySet<ColumnName> = new Set<ColumnName>(['full_name', 'account_holder_name', 'address']);
/**
 * Latin-1 characters no Vietnamese word uses, which TCVN3 (ABC) text shows as when its .VnTime font is gone: legacy
 * spreadsheets keep Vietnamese as these code points ("Nguyễn Văn" is "NguyÔn V¨n", "Thị" "ThÞ", "Trần" "TrÇn").
 * The Latin-1 letters Vietnamese does use (À Á Â Ã È É Ê Ì Í Ò Ó Ô Õ Ù Ú Ý, and lower case) are not among them, nor
 * Ñ ñ: a letter of the Ê Đê, Jarai, Bahnar and M'Nông alphabets ("H'Ñuôl Niê"), though TCVN3 shows "ẹ" and "ủ" as it
 * (a TCVN3 name nearly always carries another sign: "Thñy" alone passes, "ThÞ Thñy" does not).
 */
const TCVN3_SIGNS = /[\u00A1-\u00BF\u00C4-\u00C7\u00CB\u00CE-\u00D0\u00D6-\u00D8\u00DB\u00DC\u00DE\u00DF\u00E4-\u00E7\u00EB\u00EE-\u00F0\u00F6-\u00F8\u00FB\u00FC\u00FE\u00FF]/;

/**
 * A name or an address as the register keeps it: composed (NFC), its spaces as typed or pasted (a non-breaking space, a
 * line break, a run of spaces) one space, zero-width spaces dropped, trimmed. The one rule for every name the register
 * stores (a person's, an account holder's, a funeral organiser's) and for addresses.
 */
export function freeText(text: string): string {
  return text.normalize('NFC').replace(/[\u200B-\u200D\u2060]/g, '').replace(/\s+/g, ' ').trim();
}

/** Reads the fields of one row, collecting problems instead of stopping at the first. */
class RowReader {
  readonly problems: RowProblem[] = [];
  readonly warnings: RowProblem[] = [];

  constructor(private readonly raw: RawRow, readonly today: IsoDate) {}

  /**
   * Composed (NFC): a name typed with combining marks is the same name, and is stored as one form. In names and the
   * address, spaces as typed or pasted (a non-breaking space, a line break, a run of spaces; zero-width spaces
   * dropped) are one space, so a name looks and compares the same in the register, on the bank's file and in the next
   * import. (Not in keys such as decision_number: a key stored before with its spaces must still match.)
   */
  text(field: ColumnName): string {
    const text = this.raw[field] ?? '';
    return FREE_TEXT.has(field) ? freeText(text) : text.normalize('NFC').trim();
  }

  problem(field: ColumnName, code: string, reason: string): undefined {
    this.problems.push({ field, code, reason });
    return undefined;
  }

  warn(field: ColumnName, code: string, reason: string): void {
    this.warnings.push({ field, code, reason });
  }

  required(field: ColumnName, maxLength = 200): string | undefined {
    const value = this.text(field);
    if (value === '') return this.problem(field, 'REQUIRED', `${field} is required`);
    if (value.length > maxLength) return this.problem(field, 'TOO_LONG', `${field} has more than ${maxLength} characters`);
    return value;
  }

  /** A name or address, refused when it is TCVN3 text (see TCVN3_SIGNS) rather than Unicode Vietnamese. */
  vietnamese(field: ColumnName, value: string | undefined): string | undefined {
    if (value && TCVN3_SIGNS.test(value)) {
      return this.problem(field, 'LEGACY_ENCODING', `${field} is written in TCVN3 (a .VnTime font), not Unicode: convert the file to Unicode (e.g. with Unikey's converter) and send it again`);
    }
    return value;
  }

  /** A free text that may be empty; `undefined` when empty or too long (a problem then). */
  optional(field: ColumnName, maxLength: number): string | undefined {
    const value = this.text(field);
    if (value.length > maxLength) return this.problem(field, 'TOO_LONG', `${field} has more than ${maxLength} characters`);
    return value || undefined;
  }

  /** A date as YYYY-MM-DD or DD/MM/YYYY; `future` allows dates after today (only effective_to). */
  date(field: ColumnName, options: { required: boolean; future?: boolean }): IsoDate | undefined {
    const value = this.text(field);
    if (value === '') return options.required ? this.problem(field, 'REQUIRED', `${field} is required`) : undefined;
    const dmy = DMY.exec(value);
    const iso = dmy ? isoOf(dmy[3], dmy[2], dmy[1]) : value;
    if (dmy && !isIsoDate(iso) && isIsoDate(isoOf(dmy[3], dmy[1], dmy[2]))) {
      return this.problem(field, DATE_MONTH_FIRST, `${field} "${maskQuoted(value)}" is written month first (MM/DD/YYYY): write dates as DD/MM/YYYY or YYYY-MM-DD`);
    }
    if (!isIsoDate(iso)) return this.problem(field, 'INVALID_DATE', `${field} "${maskQuoted(value)}" is not a date (YYYY-MM-DD or DD/MM/YYYY)`);
    if (iso < '1900-01-01') return this.problem(field, 'DATE_TOO_EARLY', `${field} ${iso} is before 1900`);
    if (!options.future && iso > this.today) return this.problem(field, 'DATE_IN_FUTURE', `${field} ${iso} is in the future (today is ${this.today})`);
    return iso;
  }

  integer(field: ColumnName, min: number, max: number): number | undefined {
    const value = this.text(field);
    if (value === '') return undefined;
    const number = Number(value);
    if (!/^\d+$/.test(value) || number < min || number > max) return this.problem(field, 'OUT_OF_RANGE', `${field} must be a whole number from ${min} to ${max}`);
    return number;
  }

  oneOf<T extends string>(field: ColumnName, allowed: readonly T[]): T | undefined {
    const value = this.text(field).toLowerCase();
    if (value === '') return this.problem(field, 'REQUIRED', `${field} is required`);
    if (!(allowed as readonly string[]).includes(value)) return this.problem(field, 'NOT_ALLOWED', `${field} must be one of ${allowed.join(', ')}`);
    return value as T;
  }
}

/**
 * `numberCells`: the columns an XLSX row holds as numbers, not text; `errorCells`: those whose cell is an error or a
 * formula with no value (file-reader).
 */
export function validateRow(raw: RawRow, today: IsoDate, numberCells: readonly ColumnName[] = [], errorCells: readonly ColumnName[] = []): RowValidation {
  const r = new RowReader(raw, today);
  for (const field of errorCells) {
    r.problem(field, 'CELL_ERROR', `${field} holds a spreadsheet error (such as #N/A) or a formula without a value: correct the cell, or type its value`);
  }
  for (const field of numberCells.filter((name) => KEEP_AS_TEXT_COLUMNS.includes(name))) {
    r.problem(field, 'NOT_TEXT', `${field} is typed as a number, which drops a leading 0 and rounds the digits after the 15th: format the column as Text and type the number again`);
  }
  const person = readPerson(r);
  const household = readHousehold(r);
  const residence = readResidence(r, person?.dateOfBirth);
  const decision = readDecision(r);
  const destination = readDestination(r, person?.fullName, decision?.effectiveFrom);
  // Nothing is paid after the month of death: a decision that takes effect after it is a date typed wrong (a death
  // before the birth is refused as such).
  const death = person?.dateOfDeath !== undefined && person.dateOfDeath >= person.dateOfBirth ? person.dateOfDeath : undefined;
  if (death && decision && decision.effectiveFrom > death) r.problem('effective_from', 'AFTER_DEATH', 'effective_from is after date_of_death');
  if (r.problems.length > 0 || !person || !residence || !decision || !destination) {
    return { valid: false, problems: r.problems, warnings: r.warnings };
  }
  const keyedHousehold = household && { ...household, communeCode: communeInForceOf(residence, r.today) };
  return { valid: true, row: { person, ...(keyedHousehold && { household: keyedHousehold }), residence, decision, destination }, warnings: r.warnings };
}

/**
 * The commune a recorded (province, commune) stands for on `today` (the day of the import): a unit merged on
 * 2025-07-01 is the commune it went into; a unit split between several keeps its own code (which new commune a
 * family went into is the hamlet's, which the code does not tell). A household code belongs to the commune its
 * residence stands for, so a family sent once under the old code and later under the new one stays one household
 * with one poverty status.
 */
export function communeInForceOf(place: Pick<RegisterRow['residence'], 'provinceCode' | 'communeCode'>, today: IsoDate): string {
  return payingCommuneOf(place.provinceCode, place.communeCode, today) ?? place.communeCode;
}

function readPerson(r: RowReader): RegisterRow['person'] | undefined {
  const nationalId = r.text('national_id');
  const fullName = r.vietnamese('full_name', r.required('full_name'));
  const sexText = r.text('sex').toLowerCase();
  const sex = SEXES[sexText];
  if (!sex) r.problem('sex', sexText ? 'NOT_ALLOWED' : 'REQUIRED', 'sex must be male or female (nam / nữ)');
  const dateOfBirth = r.date('date_of_birth', { required: true });
  const dateOfDeath = r.date('date_of_death', { required: false });
  if (dateOfBirth && dateOfDeath && dateOfDeath < dateOfBirth) r.problem('date_of_death', 'BEFORE_BIRTH', 'date_of_death is before date_of_birth');

  const check = checkNationalId(nationalId, sex && dateOfBirth ? { sex, dateOfBirth } : undefined);
  if (nationalId === '') r.problem('national_id', 'REQUIRED', 'national_id is required');
  else for (const error of check.errors) {
    const hint = /^\d{11}$/.test(nationalId) ? ' (a leading 0 lost? keep the column as Text in spreadsheets)' : '';
    r.problem('national_id', `NATIONAL_ID_${error.code}`, `${error.message}${hint}`);
  }
  for (const warning of check.warnings) r.warn('national_id', `NATIONAL_ID_${warning.code}`, warning.message);

  const phone = r.text('phone').replace(/[\s.-]/g, '');
  if (phone && !/^(\+84|0)\d{9,10}$/.test(phone)) r.problem('phone', 'INVALID_PHONE', 'phone must be 0 or +84 followed by 9-10 digits');
  if (!check.valid || !fullName || !sex || !dateOfBirth) return undefined;
  return { nationalId, fullName, sex, dateOfBirth, ...(dateOfDeath && { dateOfDeath }), ...(phone && { phone }) };
}

function readHousehold(r: RowReader): Omit<NonNullable<RegisterRow['household']>, 'communeCode'> | undefined {
  const code = r.text('household_code');
  const statusText = r.text('poverty_status').toLowerCase();
  const yearText = r.text('poverty_year');
  if (code.length > 50) return r.problem('household_code', 'TOO_LONG', 'household_code has more than 50 characters');
  if (!statusText && !yearText) return code ? { code } : undefined;
  if (!code) return r.problem('household_code', 'REQUIRED', 'household_code is required with poverty_status');
  const status = POVERTY.find((value) => value === statusText);
  if (!status) r.problem('poverty_status', statusText ? 'NOT_ALLOWED' : 'REQUIRED', `poverty_status must be one of ${POVERTY.join(', ')}`);
  const year = yearText ? r.integer('poverty_year', 2000, 2100) : r.problem('poverty_year', 'REQUIRED', 'poverty_year is required with poverty_status');
  return status && year !== undefined ? { code, poverty: { year, status } } : undefined;
}

function readResidence(r: RowReader, dateOfBirth: IsoDate | undefined): RegisterRow['residence'] | undefined {
  const code = r.text('commune_code');
  const from = r.date('residence_from', { required: true });
  if (from && dateOfBirth && from < dateOfBirth) r.problem('residence_from', 'BEFORE_BIRTH', 'residence_from is before date_of_birth');
  if (!/^\d{5}$/.test(code)) return r.problem('commune_code', code ? 'INVALID_COMMUNE_CODE' : 'REQUIRED', 'commune_code must be a 5-digit commune code');
  // Codes are reused: prefer the unit that carries the code today, else the one it named when the residence began.
  const commune = findCommune(code, r.today) ?? (from ? findCommune(code, from) : undefined);
  if (!commune) return r.problem('commune_code', 'UNKNOWN_COMMUNE', `commune_code ${maskQuoted(code)} is not a commune of the province on record`);
  const address = r.vietnamese('address', r.optional('address', ADDRESS_MAX_LENGTH));
  return from ? { communeCode: code, provinceCode: commune.provinceCode, from, ...(address && { address }) } : undefined;
}

function readDecision(r: RowReader): RegisterRow['decision'] | undefined {
  const programme = r.oneOf<Programme>('programme', programmeSchema.options);
  const groupCode = r.required('group_code', 80)?.toUpperCase();
  const decisionNumber = r.required('decision_number', 100);
  const signingLevel = r.oneOf<'district' | 'commune'>('signing_level', ['district', 'commune']);
  const signedOn = r.date('signed_on', { required: true });
  const effectiveFrom = r.date('effective_from', { required: true });
  const effectiveTo = r.date('effective_to', { required: false, future: true });
  const certificateDate = r.date('certificate_date', { required: false });
  if (effectiveFrom && effectiveTo && effectiveTo < effectiveFrom) r.problem('effective_to', 'BEFORE_START', 'effective_to is before effective_from');
  if (signingLevel === 'district' && signedOn && signedOn >= MERGER_2025_FIRST_DAY) {
    r.problem('signing_level', 'DISTRICT_ABOLISHED', `districts were abolished on ${MERGER_2025_FIRST_DAY}: a decision signed on ${signedOn} is signed by the commune`);
  }
  const family = groupCode && programme ? readFamily(r, groupCode, programme) : undefined;
  const attributes = readAttributes(r, family);
  if (family && startRuleOf(family) === 'certificate_month' && !certificateDate && !r.text('certificate_date')) {
    r.problem('certificate_date', 'REQUIRED', `${family.code} starts in the month of the disability certificate: certificate_date is required`);
  }
  const caredForNationalId = readCaredFor(r, family);
  const caredForDateOfBirth = r.date('cared_for_date_of_birth', { required: false });
  if (caredForDateOfBirth && !r.text('cared_for_national_id')) {
    r.problem('cared_for_date_of_birth', 'WITHOUT_CARED_FOR', 'cared_for_date_of_birth goes with cared_for_national_id: leave it empty, or name the person cared for');
  }
  if (!programme || !groupCode || !decisionNumber || !signingLevel || !signedOn || !effectiveFrom || !family || !attributes) return undefined;
  return {
    programme,
    groupCode,
    decisionNumber,
    signingLevel,
    signedOn,
    effectiveFrom,
    ...(effectiveTo && { effectiveTo }),
    ...(certificateDate && { certificateDate }),
    attributes,
    ...(caredForNationalId && { caredForNationalId }),
    ...(caredForNationalId && caredForDateOfBirth && { caredForDateOfBirth }),
  };
}

/**
 * The person a care allowance held by the caring household is for: a valid ID number, other than the row's own, on
 * a care family that may name one. Whether they are in the register is checked by the import (it needs the database).
 */
function readCaredFor(r: RowReader, family: GroupFamily | undefined): string | undefined {
  const nationalId = r.text('cared_for_national_id');
  if (nationalId === '') return undefined;
  if (family && !family.mayNameCaredFor) {
    return r.problem('cared_for_national_id', 'NOT_A_HOUSEHOLD_CARE_ALLOWANCE', `${family.code} is not a care allowance held by the caring household: leave cared_for_national_id empty`);
  }
  const check = checkNationalId(nationalId);
  if (!check.valid) return r.problem('cared_for_national_id', 'NATIONAL_ID_INVALID', check.errors.map((e) => e.message).join('; '));
  if (nationalId === r.text('national_id')) return r.problem('cared_for_national_id', 'SELF', 'the person cared for is the row\'s own person: leave cared_for_national_id empty');
  return nationalId;
}

function readFamily(r: RowReader, groupCode: string, programme: Programme): GroupFamily | undefined {
  const resolution = resolveFamily(groupCode);
  if (!resolution.found) return r.problem('group_code', 'UNKNOWN_GROUP', resolution.problem);
  if (resolution.family.programme !== toDomainProgramme(programme)) {
    return r.problem('group_code', 'GROUP_NOT_IN_PROGRAMME', `${maskQuoted(groupCode)} is a group of ${resolution.family.programme}, not of ${programme}`);
  }
  return resolution.family;
}

function readAttributes(r: RowReader, family: GroupFamily | undefined): DecisionAttributes | undefined {
  const problemsBefore = r.problems.length;
  const injuryRate = r.integer('injury_rate', 1, 100);
  const needsRate = family?.bands.some((band) => findGroup(band.groupCode)?.needsInjuryRate);
  if (needsRate && injuryRate === undefined && !r.text('injury_rate')) r.problem('injury_rate', 'REQUIRED', `${family?.code} is paid by injury rate: injury_rate is required`);
  if (needsRate && injuryRate !== undefined && injuryRate < WAR_INVALID_INJURY_RATES.min) {
    r.problem('injury_rate', 'OUT_OF_RANGE', `${family?.code} is paid from an injury rate of ${WAR_INVALID_INJURY_RATES.min}%: ${injuryRate}% is below it`);
  }
  const woundText = r.text('especially_severe_wound').toLowerCase();
  if (!YES.has(woundText) && !NO.has(woundText)) r.problem('especially_severe_wound', 'NOT_ALLOWED', 'especially_severe_wound must be yes or no');
  const seniorityYears = r.integer('seniority_years', 0, 100);
  const study = readStudy(r);
  const children = readChildren(r);
  if (family?.perChild && children.length === 0 && !r.text('children_birth_dates')) {
    r.problem('children_birth_dates', 'REQUIRED', `${family.code} is paid per child: children_birth_dates is required`);
  }
  if (r.problems.length > problemsBefore) return undefined;
  return {
    ...(injuryRate !== undefined && { injuryRate }),
    ...(YES.has(woundText) && { especiallySevereWound: true }),
    ...(seniorityYears !== undefined && { seniorityYears }),
    ...(study && { studyPeriods: [study] }),
    ...(children.length > 0 && { children }),
  };
}

function readStudy(r: RowReader): Period | undefined {
  const from = r.date('studying_from', { required: false });
  const to = r.date('studying_to', { required: false, future: true });
  if (to && !from) return r.problem('studying_from', 'REQUIRED', 'studying_from is required with studying_to');
  if (from && to && to < from) return r.problem('studying_to', 'BEFORE_START', 'studying_to is before studying_from');
  return from ? { from, ...(to && { to }) } : undefined;
}

function readChildren(r: RowReader): ChildFacts[] {
  const text = r.text('children_birth_dates');
  if (!text) return [];
  const children: ChildFacts[] = [];
  for (const part of text.split(/[;,]/).map((value) => value.trim()).filter(Boolean)) {
    const child = new RowReader({ children_birth_dates: part }, r.today);
    const date = child.date('children_birth_dates', { required: true });
    if (date) children.push({ dateOfBirth: date });
    else for (const problem of child.problems) r.problem(problem.field, problem.code, problem.reason);
  }
  return children;
}

/** The decision columns of a row on their own (an amending decision): the same checks as the decision of a row. */
export function validateDecision(raw: RawRow, today: IsoDate): { decision?: RegisterRow['decision']; problems: RowProblem[] } {
  const r = new RowReader(raw, today);
  const decision = readDecision(r);
  return { ...(decision && r.problems.length === 0 && { decision }), problems: r.problems };
}

/** A payment destination on its own (a change of destination): the same checks as the destination columns of a row. */
export function validateDestination(raw: RawRow, holderDefault: string, validFrom: IsoDate, today: IsoDate): { destination?: RegisterRow['destination']; problems: RowProblem[] } {
  const r = new RowReader(raw, today);
  const destination = readDestination(r, holderDefault, validFrom);
  return { ...(destination && r.problems.length === 0 && { destination }), problems: r.problems };
}

function readDestination(r: RowReader, fullName: string | undefined, effectiveFrom: IsoDate | undefined): RegisterRow['destination'] | undefined {
  const channel = r.oneOf<Channel>('channel', channelSchema.options);
  const binText = r.text('bank_bin');
  // Spaces, dots and dashes group the digits; a decimal fraction at the end (114502552.0, a number exported by a
  // program) is not a group: without the dot it would read as another, valid account (1145025520). Only digits and one
  // dot before one or two: "1903.6789.0123.45", grouped by four, ends in a group of two.
  const accountText = r.text('account_number');
  const account = /^\d+\.\d{1,2}$/.test(accountText) ? accountText : accountText.replace(/[\s.-]/g, '');
  const cashPointCode = r.text('cash_point_code');
  const holderName = r.text('account_holder_name') || fullName;
  const validFrom = r.date('destination_from', { required: false }) ?? effectiveFrom;
  if (r.text('account_holder_name').length > 200) r.problem('account_holder_name', 'TOO_LONG', 'account_holder_name has more than 200 characters');
  r.vietnamese('account_holder_name', r.text('account_holder_name'));
  let bankBin: string | undefined;
  if (channel === 'bank' || channel === 'post_office_account') {
    bankBin = channel === 'post_office_account' ? binText || POST_OFFICE_BANK_BIN : binText;
    if (!bankBin) r.problem('bank_bin', 'REQUIRED', 'bank_bin is required for a bank account');
    else if (!findBank(bankBin)) r.problem('bank_bin', 'UNKNOWN_BANK', `bank_bin ${maskQuoted(bankBin)} is not a NAPAS bank code on record`);
    else if (channel === 'post_office_account' && bankBin !== POST_OFFICE_BANK_BIN) {
      r.problem('bank_bin', 'NOT_POST_OFFICE_BANK', `a post-office account is held at LPBank (${POST_OFFICE_BANK_BIN})`);
    }
    if (!/^\d{6,19}$/.test(account)) r.problem('account_number', account ? 'INVALID_ACCOUNT' : 'REQUIRED', 'account_number must be 6 to 19 digits');
  }
  if (channel === 'post_office_cash') {
    if (!cashPointCode) r.problem('cash_point_code', 'REQUIRED', 'cash_point_code is required for cash at the post office');
    if (cashPointCode.length > 30) r.problem('cash_point_code', 'TOO_LONG', 'cash_point_code has more than 30 characters');
    if (account || binText) r.problem('account_number', 'NOT_ALLOWED', 'cash at the post office has no bank_bin or account_number');
  }
  if (!channel || !holderName || !validFrom || r.problems.some((p) => ['bank_bin', 'account_number', 'cash_point_code', 'account_holder_name'].includes(p.field))) return undefined;
  return {
    channel,
    ...(bankBin && { bankBin }),
    ...(channel !== 'post_office_cash' && { accountNumber: account }),
    holderName,
    ...(channel === 'post_office_cash' && { cashPointCode }),
    validFrom,
  };
}
