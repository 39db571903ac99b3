import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { COLUMN_NAMES } from './domain/import-layout';
import { FileConsistency } from './domain/file-consistency';
import { validateRow } from './domain/validate-row';
import { detectFormat, readRows, type FileRow } from './file-reader';

const dir = mkdtempSync(join(tmpdir(), 'eligibility-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(content: string | Buffer): string {
  const path = join(dir, `f${files++}`);
  writeFileSync(path, content);
  return path;
}

async function rows(path: string): Promise<FileRow[]> {
  const all: FileRow[] = [];
  for await (const row of readRows(path, await detectFormat(path))) all.push(row);
  return all;
}

const header = COLUMN_NAMES.join(',');
const line = (values: Record<string, string>) => COLUMN_NAMES.map((c) => values[c] ?? '').join(',');
const person = { national_id: '091150001234', full_name: 'Nguyễn Thị Lan', sex: 'female', date_of_birth: '1950-06-20', commune_code: '30742' };

describe('readRows (streamed CSV and XLSX)', () => {
  it('reads a UTF-8 CSV with a BOM, any column order, extra columns ignored, row numbers as a spreadsheet shows them', async () => {
    const csv = `\uFEFFnote,${header}\nx,${line(person)}\n\ny,"${'Trần, Văn'}"\n,,,,\n`;
    const result = await rows(file(csv));
    expect(result[0]).toEqual({ rowNumber: 2, raw: expect.objectContaining({ national_id: '091150001234', full_name: 'Nguyễn Thị Lan' }) });
    expect(result[1].rowNumber).toBe(4);
    expect(result[1].raw.national_id).toBe('Trần, Văn');
    expect(result).toHaveLength(2);
  });

  it('numbers a row by the spreadsheet after a cell with line breaks (a record on one row, however many lines)', async () => {
    const address = (text: string) => line({ ...person, address: `"${text}"` });
    const csv = `${header}\r\n${address('Ấp Phú Hòa 1\r\nTổ 5')}\r\n${line(person)}\r\n\r\n${address('Khóm 3\nSố 12\nHẻm 4')}\r\n${line(person)}\r\n`;
    const result = await rows(file(csv));
    expect(result.map((row) => row.rowNumber)).toEqual([2, 3, 5, 6]);
    expect(result[0].raw.address).toBe('Ấp Phú Hòa 1\r\nTổ 5');
  });

  it.each([
    ['Windows-1258 bytes', Buffer.concat([Buffer.from(`${header}\n`), Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xd2, 0x6e, 0x0a])]), 'NOT_UTF8'],
    ['UTF-16', Buffer.from(`\uFEFF${header}\n`, 'utf16le'), 'NOT_UTF8'],
    ['an empty file', '', 'EMPTY_FILE'],
    ['blank lines only', '\n\n', 'EMPTY_FILE'],
    ['missing columns', 'national_id,full_name\n1,a\n', 'MISSING_COLUMNS'],
  ])('refuses %s', async (_title, content, code) => {
    await expect(rows(file(content))).rejects.toMatchObject({ code });
  });

  it('names the missing columns', async () => {
    await expect(rows(file('national_id,full_name,sex\n'))).rejects.toMatchObject({ missing: expect.arrayContaining(['date_of_birth', 'channel']) });
  });

  it('reads the first sheet of an XLSX workbook: dates as dates, IDs as text, rich text flattened', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(COLUMN_NAMES);
    const values = COLUMN_NAMES.map((c) => (c === 'date_of_birth' ? new Date(Date.UTC(1950, 5, 20)) : c === 'full_name' ? { richText: [{ text: 'Nguyễn ' }, { text: 'Thị Lan' }] } : (person as Record<string, string>)[c] ?? ''));
    sheet.addRow(values);
    workbook.addWorksheet('Other').addRow(['ignored']);
    const path = join(dir, 'book.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await detectFormat(path)).toBe('xlsx');
    const result = await rows(path);
    expect(result).toEqual([{ rowNumber: 2, raw: expect.objectContaining({ national_id: '091150001234', full_name: 'Nguyễn Thị Lan', date_of_birth: '1950-06-20' }), numberCells: [] }]);
  });

  it('names the columns an XLSX row holds as numbers; an identifier typed as a number is refused (NOT_TEXT), not read with a digit lost', async () => {
    const decision = { residence_from: '1990-01-01', programme: 'social_assistance', group_code: 'SA_ELDERLY_80_NO_PENSION', decision_number: '1/QĐ', signing_level: 'commune', signed_on: '2025-09-10', effective_from: '2025-09-10', channel: 'bank', bank_bin: '970436' };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(COLUMN_NAMES);
    const add = (cells: Record<string, unknown>) => sheet.addRow(COLUMN_NAMES.map((c) => cells[c] ?? ({ ...person, ...decision } as Record<string, string>)[c] ?? ''));
    add({ account_number: '0114502552', commune_code: 30742, bank_bin: 970436 }); // a Text column; fixed-length codes as numbers
    add({ account_number: 114502552 }); // 0114502552 typed into a General cell
    add({ account_number: Number('1903456789012345678'), phone: 912345678 }); // 19 digits: a spreadsheet keeps 15
    add({ account_number: { formula: 'VALUE("0114502552")', result: 114502552 } });
    add({ national_id: 91150001234, account_number: '0123456789' });
    const path = join(dir, 'numbers.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await rows(path);
    expect(result.map((row) => [row.rowNumber, row.numberCells])).toEqual([
      [2, ['commune_code', 'bank_bin']],
      [3, ['account_number']],
      [4, ['phone', 'account_number']],
      [5, ['account_number']],
      [6, ['national_id']],
    ]);
    expect(result.map((row) => row.raw.account_number)).toEqual(['0114502552', '114502552', '1903456789012345600', '114502552', '0123456789']);
    const problems = result.map(({ raw, numberCells }) => {
      const validation = validateRow(raw, '2026-11-20', numberCells);
      return validation.valid ? [] : validation.problems.map((p) => `${p.field} ${p.code}`);
    });
    expect(problems).toEqual([
      [],
      ['account_number NOT_TEXT'],
      ['phone NOT_TEXT', 'account_number NOT_TEXT', 'phone INVALID_PHONE'],
      ['account_number NOT_TEXT'],
      ['national_id NOT_TEXT', 'national_id NATIONAL_ID_WRONG_LENGTH'],
    ]);
  });

  it('names the columns whose XLSX cell holds an error (#N/A) or a formula without a value; the row is refused CELL_ERROR, not read as empty', async () => {
    const decision = { residence_from: '1990-01-01', programme: 'social_assistance', group_code: 'CARE_FOSTER_CHILD', decision_number: '1/QĐ', signing_level: 'commune', signed_on: '2025-09-10', effective_from: '2025-09-10', channel: 'bank', bank_bin: '970436', account_number: '0114502552' };
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(COLUMN_NAMES);
    const add = (cells: Record<string, unknown>) => sheet.addRow(COLUMN_NAMES.map((c) => (c in cells ? cells[c] : ({ ...person, ...decision } as Record<string, string>)[c] ?? '')));
    add({ date_of_death: { error: '#N/A' } }); // a failed VLOOKUP pasted as values: the person is not alive for sure
    add({ full_name: { formula: 'VLOOKUP(A3,DS!A:B,2,0)', result: { error: '#N/A' } } });
    add({ cared_for_national_id: { formula: 'DS!C4' } }); // a formula the program that wrote the file never computed
    add({});
    const path = join(dir, 'errors.xlsx');
    await workbook.xlsx.writeFile(path);
    const result = await rows(path);
    expect(result.map((row) => [row.rowNumber, row.errorCells ?? []])).toEqual([
      [2, ['date_of_death']],
      [3, ['full_name']],
      [4, ['cared_for_national_id']],
      [5, []],
    ]);
    expect(result.map((row) => row.raw.full_name)).toEqual(['Nguyễn Thị Lan', '', 'Nguyễn Thị Lan', 'Nguyễn Thị Lan']);
    const problems = result.map(({ raw, numberCells, errorCells }) => {
      const validation = validateRow(raw, '2026-11-20', numberCells, errorCells);
      return validation.valid ? [] : validation.problems.filter((p) => p.code === 'CELL_ERROR').map((p) => p.field);
    });
    expect(problems).toEqual([['date_of_death'], ['full_name'], ['cared_for_national_id'], []]);
  });

  it('reads a formula Excel shows as a date (=DATE(…), =A2+30 in a date column) as that date, in 1900 and 1904 workbooks alike', async () => {
    const decision = { residence_from: '1990-01-01', programme: 'social_assistance', group_code: 'SA_ELDERLY_80_NO_PENSION', decision_number: '1/QĐ', signing_level: 'commune', signed_on: '2025-09-10', effective_from: '2025-09-10', channel: 'bank', bank_bin: '970436', account_number: '0114502552' };
    const read = async (date1904: boolean) => {
      const workbook = new ExcelJS.Workbook();
      workbook.properties.date1904 = date1904;
      const sheet = workbook.addWorksheet('Danh sách');
      sheet.addRow(COLUMN_NAMES);
      const serial = (days1900: number) => (date1904 ? days1900 - 1462 : days1900);
      const row = sheet.addRow(COLUMN_NAMES.map((c) => ({ ...person, ...decision } as Record<string, string>)[c] ?? ''));
      const at = (column: string) => row.getCell(COLUMN_NAMES.indexOf(column as never) + 1);
      at('date_of_birth').value = { formula: 'DATE(1950,6,20)', result: serial(18434) };
      at('date_of_birth').numFmt = 'dd/mm/yyyy';
      at('effective_from').value = { formula: 'DATE(2025,9,10)', result: serial(45910) };
      at('effective_from').numFmt = '[$-42A]d mmmm yyyy'; // a Vietnamese long date
      at('decision_number').value = { formula: 'CONCAT("1/","QĐ")', result: '1/QĐ' };
      const path = join(dir, `formula-dates-${date1904}.xlsx`);
      await workbook.xlsx.writeFile(path);
      return rows(path);
    };
    for (const date1904 of [false, true]) {
      const [result] = await read(date1904);
      expect(result.raw).toEqual(expect.objectContaining({ date_of_birth: '1950-06-20', effective_from: '2025-09-10', decision_number: '1/QĐ' }));
      const validation = validateRow(result.raw, '2026-11-20', result.numberCells, result.errorCells);
      expect(validation.valid ? [] : validation.problems.map((p) => `${p.field} ${p.code}`)).toEqual([]);
    }
  });

  it('keeps a formula with a number result in a column not formatted as a date a number (refused as a date, not guessed)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow(COLUMN_NAMES);
    const row = sheet.addRow(COLUMN_NAMES.map((c) => (person as Record<string, string>)[c] ?? ''));
    row.getCell(COLUMN_NAMES.indexOf('date_of_birth') + 1).value = { formula: 'DATE(1950,6,20)', result: 18434 };
    const path = join(dir, 'formula-serial.xlsx');
    await workbook.xlsx.writeFile(path);
    const [result] = await rows(path);
    expect(result.raw.date_of_birth).toBe('18434');
  });

  it('refuses a broken XLSX', async () => {
    await expect(rows(file(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not a zip')])))).rejects.toMatchObject({ code: 'UNREADABLE_FILE' });
  });
});

describe('FileConsistency (rows of one file against each other)', () => {
  const row = (patch: Record<string, string> = {}) => {
    const result = validateRow({
      ...person, residence_from: '1990-01-01', programme: 'social_assistance', group_code: 'SA_ELDERLY_80_NO_PENSION', decision_number: '1/QĐ',
      signing_level: 'commune', signed_on: '2025-09-10', effective_from: '2025-09-10', channel: 'bank', bank_bin: '970436', account_number: '0123456789', ...patch,
    }, '2026-11-20');
    if (!result.valid) throw new Error(JSON.stringify(result.problems));
    return result.row;
  };

  it('accepts a second decision of the same person with the same person data', () => {
    const check = new FileConsistency();
    expect(check.check(row())).toEqual([]);
    check.add(2, row());
    expect(check.check(row({ programme: 'meritorious', group_code: 'NCC_MARTYR_RELATIVE_1' }))).toEqual([]);
  });

  it('rejects the same ID number with other person data, and a repeated decision', () => {
    const check = new FileConsistency();
    check.add(2, row());
    expect(check.check(row({ full_name: 'Lê Văn Tám', decision_number: '2/QĐ' }))).toEqual([expect.objectContaining({ field: 'national_id', code: 'CONFLICTING_PERSON' })]);
    expect(check.check(row({ account_number: '9999999999', decision_number: '3/QĐ' }))).toEqual([expect.objectContaining({ code: 'CONFLICTING_PERSON', reason: expect.stringContaining('row 2') })]);
    expect(check.check(row())).toEqual([expect.objectContaining({ field: 'decision_number', code: 'DUPLICATE_DECISION' })]);
  });

  it('rejects a row that puts a household of the commune on another poverty status for a year an earlier row gave (one of them would be dropped)', () => {
    const poor = { household_code: 'HGD-007', poverty_year: '2026', poverty_status: 'poor' };
    const check = new FileConsistency();
    check.add(2, row(poor));
    const conflict = [expect.objectContaining({ field: 'poverty_status', code: 'CONFLICTING_POVERTY_STATUS', reason: expect.stringContaining('row 2') })];
    // the same person's second decision, and the spouse in the same household
    expect(check.check(row({ ...poor, poverty_status: 'near_poor', decision_number: '2/QĐ' }))).toEqual(conflict);
    expect(check.check(row({ ...poor, national_id: '091150001235', full_name: 'Lê Văn Tám', poverty_status: 'near_poor' }))).toEqual(conflict);
    // the same status, another year, or the same code in another commune (another household): no conflict
    expect(check.check(row({ ...poor, national_id: '091150001235', full_name: 'Lê Văn Tám' }))).toEqual([]);
    expect(check.check(row({ ...poor, national_id: '091150001235', full_name: 'Lê Văn Tám', poverty_year: '2025', poverty_status: 'none' }))).toEqual([]);
    expect(check.check(row({ ...poor, national_id: '091150001235', full_name: 'Lê Văn Tám', commune_code: '30313', poverty_status: 'none' }))).toEqual([]);
  });

  it('knows the persons of the rows added (accepted), not of those only checked (a rejected row is not stored)', () => {
    const check = new FileConsistency();
    expect(check.check(row())).toEqual([]);
    expect(check.person(person.national_id)).toBeUndefined();
    expect(check.check(row({ full_name: 'Lê Văn Tám', decision_number: '2/QĐ' }))).toEqual([]);
    check.add(3, row());
    expect(check.person(person.national_id)).toBeDefined();
  });
});
