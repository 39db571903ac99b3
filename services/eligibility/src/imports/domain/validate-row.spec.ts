import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { caredForProblems } from './cared-for';
import { FileConsistency } from './file-consistency';
import type { RawRow } from './import-layout';
import { validateRow } from './validate-row';

const TODAY = '2026-11-20';

/** One valid row: a woman born 1950 in phường Rạch Giá (30742), poor elderly, paid into a Vietcombank account. */
const good: RawRow = {
  national_id: '091150001234',
  full_name: 'Nguyễn Thị Lan',
  sex: 'female',
  date_of_birth: '1950-06-20',
  household_code: 'HH-30742-0001',
  poverty_year: '2026',
  poverty_status: 'poor',
  commune_code: '30742',
  residence_from: '1990-01-01',
  programme: 'social_assistance',
  group_code: 'SA_ELDERLY_POOR_NO_SUPPORT',
  decision_number: '12/QĐ-UBND',
  signing_level: 'commune',
  signed_on: '2025-09-10',
  effective_from: '2025-09-10',
  channel: 'bank',
  bank_bin: '970436',
  account_number: '0123456789',
};

type Expect = { valid: true; warnings?: string[] } | { valid: false; problems: [field: string, code: string][] };
const ok = (warnings: string[] = []): Expect => ({ valid: true, warnings });
const bad = (...problems: [string, string][]): Expect => ({ valid: false, problems });

const cases: [string, RawRow, Expect][] = [
  ['a complete row', good, ok()],
  ['dates as DD/MM/YYYY', { ...good, date_of_birth: '20/06/1950', signed_on: '10/9/2025' }, ok()],
  ['sex in Vietnamese', { ...good, sex: 'nữ' }, ok()],
  ['a foster mother\'s care allowance naming the child cared for', { ...good, group_code: 'CARE_FOSTER_CHILD', cared_for_national_id: '091223004567' }, ok()],
  ['the person cared for and their date of birth', { ...good, group_code: 'CARE_FOSTER_CHILD', cared_for_national_id: '091223004567', cared_for_date_of_birth: '23/01/2023' }, ok()],
  ['a date of birth for a person cared for the row does not name', { ...good, cared_for_date_of_birth: '2023-01-23' }, bad(['cared_for_date_of_birth', 'WITHOUT_CARED_FOR'])],
  ['a date of birth of the person cared for that is not a date', { ...good, group_code: 'CARE_FOSTER_CHILD', cared_for_national_id: '091223004567', cared_for_date_of_birth: '2023-02-30' }, bad(['cared_for_date_of_birth', 'INVALID_DATE'])],
  ['the person cared for with an 11-digit ID', { ...good, group_code: 'CARE_FOSTER_CHILD', cared_for_national_id: '91223004567' }, bad(['cared_for_national_id', 'NATIONAL_ID_INVALID'])],
  ['an own allowance naming a person cared for', { ...good, cared_for_national_id: '091223004567' }, bad(['cared_for_national_id', 'NOT_A_HOUSEHOLD_CARE_ALLOWANCE'])],
  ['a care allowance naming the row\'s own person', { ...good, group_code: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', cared_for_national_id: good.national_id }, bad(['cared_for_national_id', 'SELF'])],
  ['13-digit ID', { ...good, national_id: '0911500012345' }, bad(['national_id', 'NATIONAL_ID_WRONG_LENGTH'])],
  ['11-digit ID (leading zero lost in a spreadsheet)', { ...good, national_id: '91150001234' }, bad(['national_id', 'NATIONAL_ID_WRONG_LENGTH'])],
  ['ID with a letter', { ...good, national_id: '09115000123A' }, bad(['national_id', 'NATIONAL_ID_NOT_DIGITS'])],
  ['missing ID', { ...good, national_id: '' }, bad(['national_id', 'REQUIRED'])],
  ['ID codes a man: only a warning', { ...good, national_id: '091050001234' }, ok(['NATIONAL_ID_SEX_MISMATCH'])],
  ['ID codes another birth year: only a warning', { ...good, national_id: '091151001234' }, ok(['NATIONAL_ID_BIRTH_YEAR_MISMATCH'])],
  ['ID codes the 2000s for a 1950 birth: only a warning', { ...good, national_id: '091350001234' }, ok(['NATIONAL_ID_CENTURY_MISMATCH'])],
  ['date of birth in the future', { ...good, date_of_birth: '2027-01-01' }, bad(['date_of_birth', 'DATE_IN_FUTURE'])],
  ['signed in the future', { ...good, signed_on: '2026-12-01' }, bad(['signed_on', 'DATE_IN_FUTURE'])],
  ['effective_to may be in the future', { ...good, effective_to: '2030-12-31' }, ok()],
  ['not a date', { ...good, effective_from: '2025-02-30' }, bad(['effective_from', 'INVALID_DATE'])],
  ['a date written day first', { ...good, date_of_birth: '20/06/1950' }, ok()],
  // 06/20/1950 is 20 June written month first: read day first, a 06/05/1950 on another row would be 6 May, not 5 June.
  ['a date written month first (US)', { ...good, date_of_birth: '06/20/1950' }, bad(['date_of_birth', 'DATE_MONTH_FIRST'])],
  ['a slash date that is no date either way', { ...good, date_of_birth: '31/02/1950' }, bad(['date_of_birth', 'INVALID_DATE'])],
  ['death before birth', { ...good, date_of_death: '1940-01-01' }, bad(['date_of_death', 'BEFORE_BIRTH'])],
  ['unknown commune', { ...good, commune_code: '99999' }, bad(['commune_code', 'UNKNOWN_COMMUNE'])],
  ['commune code of 4 digits', { ...good, commune_code: '3074' }, bad(['commune_code', 'INVALID_COMMUNE_CODE'])],
  ['old An Giang commune code for an old residence', { ...good, commune_code: '30307', residence_from: '2010-01-01' }, ok()],
  ['unknown group', { ...good, group_code: 'SA_NOT_A_GROUP' }, bad(['group_code', 'UNKNOWN_GROUP'])],
  ['group of another programme', { ...good, programme: 'meritorious' }, bad(['group_code', 'GROUP_NOT_IN_PROGRAMME'])],
  ['unknown programme', { ...good, programme: 'pension' }, bad(['programme', 'NOT_ALLOWED'])],
  ['district signature after the merger', { ...good, signing_level: 'district' }, bad(['signing_level', 'DISTRICT_ABOLISHED'])],
  ['district signature before the merger', { ...good, signing_level: 'district', signed_on: '2024-03-01', effective_from: '2024-03-01' }, ok()],
  ['disability group without certificate date', { ...good, group_code: 'SA_DISABLED_SEVERE' }, bad(['certificate_date', 'REQUIRED'])],
  ['disability group with certificate date', { ...good, group_code: 'SA_DISABLED_SEVERE', certificate_date: '2025-08-01' }, ok()],
  ['war invalid without injury rate', { ...good, programme: 'meritorious', group_code: 'NCC_WAR_INVALID' }, bad(['injury_rate', 'REQUIRED'])],
  ['war invalid with injury rate 61', { ...good, programme: 'meritorious', group_code: 'NCC_WAR_INVALID', injury_rate: '61' }, ok()],
  ['war invalid with injury rate 15 (war invalids start at 21%)', { ...good, programme: 'meritorious', group_code: 'NCC_WAR_INVALID', injury_rate: '15' }, bad(['injury_rate', 'OUT_OF_RANGE'])],
  ['war invalid with injury rate 21', { ...good, programme: 'meritorious', group_code: 'NCC_WAR_INVALID_TYPE_B', injury_rate: '21' }, ok()],
  ['injury rate above 100', { ...good, programme: 'meritorious', group_code: 'NCC_WAR_INVALID', injury_rate: '101' }, bad(['injury_rate', 'OUT_OF_RANGE'])],
  ['single parent without children', { ...good, group_code: 'SA_SINGLE_PARENT_POOR' }, bad(['children_birth_dates', 'REQUIRED'])],
  ['single parent with two children', { ...good, group_code: 'SA_SINGLE_PARENT_POOR', children_birth_dates: '2015-01-02; 2018-03-04' }, ok()],
  ['a bad child birth date', { ...good, group_code: 'SA_SINGLE_PARENT_POOR', children_birth_dates: '2015-01-02;2018-13-04' }, bad(['children_birth_dates', 'INVALID_DATE'])],
  ['poverty status without household', { ...good, household_code: '' }, bad(['household_code', 'REQUIRED'])],
  ['poverty status unknown', { ...good, poverty_status: 'rich' }, bad(['poverty_status', 'NOT_ALLOWED'])],
  ['poverty status without year', { ...good, poverty_year: '' }, bad(['poverty_year', 'REQUIRED'])],
  ['unknown bank BIN', { ...good, bank_bin: '970999' }, bad(['bank_bin', 'UNKNOWN_BANK'])],
  ['account of 5 digits', { ...good, account_number: '12345' }, bad(['account_number', 'INVALID_ACCOUNT'])],
  ['account of 20 digits', { ...good, account_number: '12345678901234567890' }, bad(['account_number', 'INVALID_ACCOUNT'])],
  ['an account exported as a decimal number (114502552.0): not read as 1145025520', { ...good, account_number: '114502552.0' }, bad(['account_number', 'INVALID_ACCOUNT'])],
  ['an account exported as a decimal number with two places', { ...good, account_number: '0123456789.00' }, bad(['account_number', 'INVALID_ACCOUNT'])],
  ['an account grouped with spaces, dots or dashes', { ...good, account_number: '0114 502.552-01' }, ok()],
  ['an account of 14 digits grouped by four with dots, its last group of two (1903.6789.0123.45)', { ...good, account_number: '1903.6789.0123.45' }, ok()],
  ['account with letters', { ...good, account_number: '12345ABC' }, bad(['account_number', 'INVALID_ACCOUNT'])],
  ['post-office account defaults to LPBank', { ...good, channel: 'post_office_account', bank_bin: '' }, ok()],
  ['post-office account at another bank', { ...good, channel: 'post_office_account' }, bad(['bank_bin', 'NOT_POST_OFFICE_BANK'])],
  ['cash without a payment point', { ...good, channel: 'post_office_cash', bank_bin: '', account_number: '' }, bad(['cash_point_code', 'REQUIRED'])],
  ['cash with an account number', { ...good, channel: 'post_office_cash', cash_point_code: 'CP-30742-01' }, bad(['account_number', 'NOT_ALLOWED'])],
  ['cash at a payment point', { ...good, channel: 'post_office_cash', bank_bin: '', account_number: '', cash_point_code: 'CP-30742-01' }, ok()],
  ['a decision taking effect after the death: nothing could be paid on it', { ...good, date_of_death: '2025-09-09' }, bad(['effective_from', 'AFTER_DEATH'])],
  ['a decision taking effect on the day of the death', { ...good, date_of_death: good.effective_from }, ok()],
  ['bad phone', { ...good, phone: '12345' }, bad(['phone', 'INVALID_PHONE'])],
  ['an address of 200 characters', { ...good, address: 'Ấ'.repeat(200) }, ok()],
  ['an address of 201 characters', { ...good, address: 'Ấ'.repeat(201) }, bad(['address', 'TOO_LONG'])],
  ['a name in Unicode with every Latin-1 letter Vietnamese uses', { ...good, full_name: 'Đoàn Võ Thị Ánh Tuyết Ý Ông Ầu Õ Ì Ù Ê Â Ã È É Ò Ó Ú Ý Í Ỳ À Á' }, ok()],
  ['an Ê Đê name with the letter Ñ of its alphabet (not TCVN3): "H\'Ñuôl Niê"', { ...good, full_name: "H'Ñuôl Niê" }, ok()],
  ['a Jarai holder name and an address with Ñ: "Y Ñơn Ksor", "Buôn Ñu"', { ...good, account_holder_name: 'Y Ñơn Ksor', address: 'Buôn Ñu, xã Ia Kênh' }, ok()],
  ['a name typed in TCVN3 (.VnTime font): "NguyÔn V¨n An"', { ...good, full_name: 'NguyÔn V¨n An' }, bad(['full_name', 'LEGACY_ENCODING'])],
  ['a holder name in TCVN3: "TrÇn ThÞ Hå"', { ...good, account_holder_name: 'TrÇn ThÞ Hå' }, bad(['account_holder_name', 'LEGACY_ENCODING'])],
  ['an address in TCVN3: "Tæ 5, khãm 3"', { ...good, address: 'Tæ 5, khãm 3' }, bad(['address', 'LEGACY_ENCODING'])],
  ['several problems are all reported', { ...good, national_id: '1', commune_code: '00000', signed_on: '' }, bad(['national_id', 'NATIONAL_ID_WRONG_LENGTH'], ['commune_code', 'UNKNOWN_COMMUNE'], ['signed_on', 'REQUIRED'])],
];

describe('validateRow (one register row, as imported or sent to the API)', () => {
  it.each(cases)('%s', (_title, raw, expected) => {
    const result = validateRow(raw, TODAY);
    if (expected.valid) {
      expect(result.valid ? [] : result.problems).toEqual([]);
      expect(result.warnings.map((w) => w.code)).toEqual(expected.warnings ?? []);
    } else {
      expect(result.valid).toBe(false);
      const problems = result.valid ? [] : result.problems.map((p) => [p.field, p.code]);
      expect(problems).toEqual(expect.arrayContaining(expected.problems));
      expect(problems).toHaveLength(expected.problems.length);
    }
  });

  it('parses a valid row into what the register stores', () => {
    const result = validateRow(
      { ...good, date_of_birth: '20/06/1950', group_code: 'sa_elderly_poor_no_support', phone: '0912 345 678', address: ' Tổ 7, khóm Vĩnh Lợi ' },
      TODAY,
    );
    expect(result).toMatchObject({
      valid: true,
      row: {
        person: { nationalId: '091150001234', fullName: 'Nguyễn Thị Lan', sex: 'female', dateOfBirth: '1950-06-20', phone: '0912345678' },
        household: { code: 'HH-30742-0001', poverty: { year: 2026, status: 'poor' } },
        residence: { communeCode: '30742', provinceCode: '91', from: '1990-01-01', address: 'Tổ 7, khóm Vĩnh Lợi' },
        decision: { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', signingLevel: 'commune', attributes: {} },
        destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789', holderName: 'Nguyễn Thị Lan', validFrom: '2025-09-10' },
      },
    });
  });

  it('reads text composed (NFC): a name typed with combining marks is the same name, stored composed', () => {
    const decomposed = (text: string) => text.normalize('NFD');
    const nfd = { ...good, full_name: decomposed('Nguyễn Thị Lan'), sex: decomposed('nữ'), address: decomposed('Ấp Phú Hòa'), account_holder_name: decomposed('Trần Văn Đức') };
    expect(nfd.full_name).not.toBe('Nguyễn Thị Lan');
    const result = validateRow(nfd, TODAY);
    expect(result).toMatchObject({ valid: true, row: { person: { fullName: 'Nguyễn Thị Lan', sex: 'female' }, residence: { address: 'Ấp Phú Hòa' }, destination: { holderName: 'Trần Văn Đức' } } });
    const defaultHolder = validateRow({ ...good, full_name: decomposed('Nguyễn Thị Lan') }, TODAY);
    expect(defaultHolder).toMatchObject({ valid: true, row: { destination: { holderName: 'Nguyễn Thị Lan' } } });

    const consistency = new FileConsistency();
    const rowOf = (raw: RawRow) => {
      const parsed = validateRow(raw, TODAY);
      if (!parsed.valid) throw new Error(JSON.stringify(parsed.problems));
      return parsed.row;
    };
    consistency.add(2, rowOf(good));
    expect(consistency.check(rowOf({ ...good, full_name: decomposed('Nguyễn Thị Lan'), decision_number: '13/QĐ-UBND' }))).toEqual([]);
  });

  it('reads a non-breaking space, a zero-width space or a run of spaces inside a text as one space: the same name, stored plain', () => {
    const pasted = { ...good, full_name: 'Nguyễn\u00A0Thị  Lan\u200B', account_holder_name: 'Trần\u00A0Văn \u200BĐức', address: 'Tổ 7,\r\nkhóm\u00A0Vĩnh Lợi' };
    expect(validateRow(pasted, TODAY)).toMatchObject({
      valid: true,
      row: { person: { fullName: 'Nguyễn Thị Lan' }, residence: { address: 'Tổ 7, khóm Vĩnh Lợi' }, destination: { holderName: 'Trần Văn Đức' } },
    });
    const consistency = new FileConsistency();
    const rowOf = (raw: RawRow) => {
      const parsed = validateRow(raw, TODAY);
      if (!parsed.valid) throw new Error(JSON.stringify(parsed.problems));
      return parsed.row;
    };
    consistency.add(2, rowOf(good));
    expect(consistency.check(rowOf({ ...good, full_name: 'Nguyễn\u00A0Thị Lan', decision_number: '13/QĐ-UBND' }))).toEqual([]);
  });

  describe('a household across the 2025 merger: one household per family, whichever code the file uses', () => {
    // Xã Vĩnh Hội Đông (89/30370) went wholly into xã An Phú (30337) on 2025-07-01; xã Phú Hội (89/30355) was split.
    const oldCode = { ...good, commune_code: '30370', residence_from: '2010-01-01', household_code: 'HGD-007' };
    const newCode = { ...oldCode, commune_code: '30337', national_id: '091155004321', decision_number: '40/QĐ-UBND' };
    const rowOf = (raw: RawRow) => {
      const parsed = validateRow(raw, TODAY);
      if (!parsed.valid) throw new Error(JSON.stringify(parsed.problems));
      return parsed.row;
    };

    it('keys the household on the commune in force on the day of the import; the residence keeps the code as typed', () => {
      expect(rowOf(oldCode)).toMatchObject({ household: { code: 'HGD-007', communeCode: '30337' }, residence: { communeCode: '30370', provinceCode: '89' } });
      expect(rowOf(newCode)).toMatchObject({ household: { code: 'HGD-007', communeCode: '30337' }, residence: { communeCode: '30337' } });
    });

    it('keeps the typed code of a unit split between several communes (which one it went into is the hamlet\'s)', () => {
      expect(rowOf({ ...oldCode, commune_code: '30355' })).toMatchObject({ household: { communeCode: '30355' } });
    });

    it('refuses two poverty statuses for the family in one file, one row under the old code and one under the new', () => {
      const consistency = new FileConsistency();
      consistency.add(2, rowOf(oldCode));
      expect(consistency.check(rowOf({ ...newCode, poverty_status: 'none' })).map((p) => p.code)).toEqual(['CONFLICTING_POVERTY_STATUS']);
    });
  });

  it('refuses an identifier an XLSX row holds as a number (NOT_TEXT), whatever its digits; other number cells are read as usual', () => {
    const problems = (numberCells: Parameters<typeof validateRow>[2]) => {
      const result = validateRow(good, TODAY, numberCells);
      return result.valid ? [] : result.problems.map((p) => [p.field, p.code]);
    };
    expect(problems(['account_number', 'national_id', 'cared_for_national_id', 'phone', 'household_code'])).toEqual([
      ['account_number', 'NOT_TEXT'],
      ['national_id', 'NOT_TEXT'],
      ['cared_for_national_id', 'NOT_TEXT'],
      ['phone', 'NOT_TEXT'],
      ['household_code', 'NOT_TEXT'],
    ]);
    expect(problems(['commune_code', 'bank_bin', 'poverty_year', 'date_of_birth'])).toEqual([]);
    const result = validateRow(good, TODAY, ['account_number']);
    expect(result.valid ? [] : result.problems[0].reason).toBe(
      'account_number is typed as a number, which drops a leading 0 and rounds the digits after the 15th: format the column as Text and type the number again',
    );
  });

  it('never echoes a whole ID or account number in a reason', () => {
    const result = validateRow({ ...good, national_id: '0911500012345', account_number: '12345678901234567890' }, TODAY);
    const text = JSON.stringify(result);
    expect(text).not.toContain('0911500012345');
    expect(text).not.toContain('12345678901234567890');
  });

  it('masks a number quoted back from a cell it does not belong to (a row one cell short shifts the next ones)', () => {
    const reasons = (raw: RawRow) => {
      const result = validateRow(raw, TODAY);
      return result.valid ? [] : result.problems.map((p) => p.reason);
    };
    expect(reasons({ ...good, bank_bin: '0114502552' })).toContain('bank_bin 01******52 is not a NAPAS bank code on record');
    expect(reasons({ ...good, date_of_death: '0912 345 678' })).toContain('date_of_death "09** *** *78" is not a date (YYYY-MM-DD or DD/MM/YYYY)');
    expect(reasons({ ...good, effective_from: '2025-02-30' })).toContain('effective_from "2025-02-30" is not a date (YYYY-MM-DD or DD/MM/YYYY)');
    expect(reasons({ ...good, bank_bin: '970999' })).toContain('bank_bin 970999 is not a NAPAS bank code on record');
  });
});

describe('the shipped sample file (samples/decisions-sample.csv)', () => {
  it('imports whole: every row valid, consistent, and a person cared for on an earlier row', () => {
    const rows: RawRow[] = parse(readFileSync(join(__dirname, '../../../samples/decisions-sample.csv'), 'utf8'), { columns: true });
    const consistency = new FileConsistency();
    const problems = rows.flatMap((raw, index) => {
      const result = validateRow(raw, TODAY);
      if (!result.valid) return result.problems.map((p) => `row ${index + 2}: ${p.field} ${p.code}`);
      const caredFor = result.row.decision.caredForNationalId;
      const person = caredFor ? consistency.person(caredFor) : undefined;
      const missing = caredFor && !person ? [`row ${index + 2}: cared-for person not on an earlier row`] : [];
      if (person) missing.push(...caredForProblems(result.row.decision, person).map((p) => `row ${index + 2}: ${p.field} ${p.code}`));
      const inconsistent = consistency.check(result.row);
      consistency.add(index + 2, result.row);
      return [...inconsistent.map((p) => `row ${index + 2}: ${p.field} ${p.code}`), ...missing];
    });
    expect(problems).toEqual([]);
    expect(rows.filter((row) => row.cared_for_national_id)).toHaveLength(1);
  });
});
