import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthUser } from '@benefits/platform';
import type { DataSource } from 'typeorm';
import type { EligibilityConfig } from '../config';
import type { RegisterWriter } from '../register/register-writer';
import { NationalIdMisses } from '../shared/national-id-misses';
import { RegisterCipher } from '../shared/pii';
import { COLUMN_NAMES, type RegisterRow } from './domain/import-layout';
import { DatesMonthFirstError, ImportRejectedError } from './import-errors';
import type { ImportReport } from './import-report';
import { ImportService } from './import.service';

const KEY = Buffer.alloc(32, 7).toString('base64');
const cipher = new RegisterCipher({ current: 'k1', keys: { k1: KEY }, hashKey: KEY });
const operator: AuthUser = { id: 'an.nguyen', name: 'an.nguyen', roles: ['operator'], programmes: ['social_pension'], provinceCode: '91', communeCodes: ['30742'] };

const dir = mkdtempSync(join(tmpdir(), 'eligibility-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function csv(rows: Record<string, string>[]): { path: string; fileName: string } {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, [COLUMN_NAMES.join(','), ...rows.map((row) => COLUMN_NAMES.map((c) => row[c] ?? '').join(','))].join('\n'));
  return { path, fileName: 'danh-sach.csv' };
}

/** Nguyễn Văn An of 30742, in the register with his social pension 12/QĐ-UBND, paid to his account at 970436. */
const AN = '091050001234';
const anRow = {
  national_id: AN, full_name: 'Nguyễn Văn An', sex: 'male', date_of_birth: '1950-03-10', commune_code: '30742', residence_from: '1990-01-01',
  programme: 'social_pension', group_code: 'SOCIAL_PENSION', decision_number: '12/QĐ-UBND', signing_level: 'commune', signed_on: '2025-09-10', effective_from: '2025-09-10',
  channel: 'bank', bank_bin: '970436', account_number: '0123456789',
};

/** The register holding An alone, as the queries of an import read it; the rows given to the writer. */
function serviceOverRegister() {
  const hash = cipher.lookupHash(AN);
  const query = async (sql: string, params: unknown[] = []) => {
    const asked = (params[0] ?? []) as string[];
    const an = Array.isArray(asked) && asked.includes(hash);
    if (sql.includes('FROM eligibility.import WHERE file_sha256')) return [];
    if (sql.includes('LEFT JOIN eligibility.residence')) return an ? [{ key: hash, province_code: '91', commune_code: '30742', valid_from: '1990-01-01', valid_to: null }] : [];
    if (sql.includes('LEFT JOIN LATERAL')) {
      return an ? [{ hash, full_name: 'Nguyễn Văn An', sex: 'male', dob: '1950-03-10', dod: null, commune_code: '30742', channel: 'bank', bank_bin: '970436', account_hash: cipher.lookupHash('0123456789'), cash_point_code: null }] : [];
    }
    if (sql.includes('JOIN eligibility.decision d')) {
      return an ? [{ hash, programme: 'social_pension', decision_number: '12/QĐ-UBND', group_code: 'SOCIAL_PENSION', signed_on: '2025-09-10', effective_from: '2025-09-10', effective_to: null, certificate_date: null }] : [];
    }
    if (sql.includes('AS dob')) return an ? [{ hash, dob: '1950-03-10', dod: null }] : [];
    if (sql.includes('household_poverty')) return [];
    if (sql.includes('pg_advisory_xact_lock') || sql.includes('INSERT INTO eligibility.import') || sql.includes('UPDATE eligibility.import')) return [];
    throw new Error(`unexpected query ${sql}`);
  };
  const written: RegisterRow[] = [];
  const writer = {
    write: async (_tx: unknown, rows: RegisterRow[]) => {
      written.push(...rows);
      return { persons: 0, decisions: 0, destinations: 0, unchanged: rows.length, refs: [] };
    },
  } as unknown as RegisterWriter;
  const dataSource = { query, transaction: (work: (tx: unknown) => Promise<unknown>) => work({ query }) } as unknown as DataSource;
  const misses = new NationalIdMisses({ NATIONAL_ID_MISSES_PER_HOUR: 100 } as EligibilityConfig);
  return { service: new ImportService(dataSource, writer, cipher, misses), written };
}

async function rejection(promise: Promise<unknown>): Promise<ImportReport> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportRejectedError)) throw new Error(`expected IMPORT_REJECTED, got ${String(error)}`);
  return error.report;
}

describe('ImportService: a row whose ID number is a person on record who is not the row\'s person', () => {
  // The commune meant Lê Văn Bảy and mistyped his ID number as An's: the new decision would be An's, paid to An's account.
  const mistyped = { ...anRow, full_name: 'Lê Văn Bảy', date_of_birth: '1950-07-22', decision_number: '31/QĐ-UBND', account_number: '9876543210' };
  /** A person new to the register, on the same file. */
  const hoa = { ...anRow, national_id: '091150005678', full_name: 'Phạm Thị Hoa', sex: 'female', date_of_birth: '1950-05-05', decision_number: '32/QĐ-UBND', account_number: '1111222233' };

  it('refuses the file (all or nothing): row, field and reason, no name, date or number echoed; nothing is written', async () => {
    const { service, written } = serviceOverRegister();
    const report = await rejection(service.importFile(csv([hoa, mistyped]), { acceptValidRows: false, user: operator }));
    expect(report).toMatchObject({ status: 'rejected', rows: 2, accepted: 1, rejected: 1 });
    expect(report.rejections).toEqual([
      { row: 3, field: 'full_name', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') },
      { row: 3, field: 'date_of_birth', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') },
    ]);
    for (const value of ['Bảy', 'Nguyễn', '1950-07-22', AN, '9876543210']) expect(JSON.stringify(report)).not.toContain(value);
    expect(written).toEqual([]);
  });

  it('stores only the other rows when the operator accepts the valid rows', async () => {
    const { service, written } = serviceOverRegister();
    const report = await service.importFile(csv([hoa, mistyped]), { acceptValidRows: true, user: operator });
    expect(report).toMatchObject({ status: 'completed', accepted: 1, rejected: 1 });
    expect(written.map((row) => row.decision.decisionNumber)).toEqual(['32/QĐ-UBND']);
  });

  it('leaves a decision already on record a warning: the file imported again changes nothing', async () => {
    const { service } = serviceOverRegister();
    const report = await service.importFile(csv([{ ...anRow, full_name: 'Nguyễn Văn Ân' }]), { acceptValidRows: false, user: operator });
    expect(report).toMatchObject({ status: 'completed', rejected: 0, unchanged: 1 });
    expect(report.warnings).toEqual([expect.objectContaining({ row: 2, field: 'full_name', code: 'DIFFERS_FROM_REGISTER' })]);
  });

  it('adds a new decision when only the spaces or the Unicode form of the name differ', async () => {
    const { service, written } = serviceOverRegister();
    const report = await service.importFile(csv([{ ...anRow, full_name: ' Nguye\u0302\u0303n  Va\u0306n An', decision_number: '31/QĐ-UBND' }]), { acceptValidRows: false, user: operator });
    expect(report).toMatchObject({ status: 'completed', rejected: 0, warningCount: 0 });
    expect(written).toHaveLength(1);
  });
});

describe('ImportService: a date of death on a row', () => {
  it('refuses it for a person the register holds alive: their death is recorded as a life event, never lost in an "unchanged" row', async () => {
    const { service, written } = serviceOverRegister();
    const report = await rejection(service.importFile(csv([{ ...anRow, date_of_death: '2026-10-05' }]), { acceptValidRows: false, user: operator }));
    expect(report.rejections).toEqual([{ row: 2, field: 'date_of_death', code: 'DEATH_NOT_ON_RECORD', reason: expect.stringContaining('death life event') }]);
    expect(written).toEqual([]);
  });

  it('stores a person new to the register as deceased, warning that no death is reported', async () => {
    const { service, written } = serviceOverRegister();
    const hoa = { ...anRow, national_id: '091150005678', full_name: 'Phạm Thị Hoa', sex: 'female', date_of_birth: '1950-05-05', date_of_death: '2026-10-05' };
    const report = await service.importFile(csv([hoa]), { acceptValidRows: false, user: operator });
    expect(report).toMatchObject({ status: 'completed', rejected: 0 });
    expect(report.warnings).toEqual([expect.objectContaining({ row: 2, field: 'date_of_death', code: 'DEATH_NOT_REPORTED' })]);
    expect(written.map((row) => row.person.dateOfDeath)).toEqual(['2026-10-05']);
  });
});

describe('ImportService: the person a care allowance names', () => {
  /** A foster mother of 30742 whose row names An's ID number as the child she fosters: a mistyped ID number. */
  const fosterMother = {
    ...anRow, national_id: '091178455420', full_name: 'Trần Thị Hoa', sex: 'female', date_of_birth: '1978-05-10', programme: 'social_assistance',
    group_code: 'CARE_FOSTER_CHILD', decision_number: '16/QĐ-UBND', cared_for_national_id: AN, account_number: '0071000455420',
  };
  const assistance: AuthUser = { ...operator, programmes: ['social_assistance'] };

  it('refuses a person on record who is not of an age the care family pays (an adult named as the child fostered)', async () => {
    const { service, written } = serviceOverRegister();
    const report = await rejection(service.importFile(csv([fosterMother]), { acceptValidRows: false, user: assistance }));
    expect(report.rejections).toEqual([{ row: 2, field: 'cared_for_national_id', code: 'CARED_FOR_AGE', reason: expect.stringContaining('check cared_for_national_id') }]);
    expect(JSON.stringify(report)).not.toContain('1950');
    expect(written).toEqual([]);
  });

  it('refuses a date of birth of the person cared for that is not the one on record, and accepts theirs', async () => {
    const elderly = { ...fosterMother, group_code: 'CARE_FOSTER_ELDERLY' };
    const { service, written } = serviceOverRegister();
    const report = await rejection(service.importFile(csv([{ ...elderly, cared_for_date_of_birth: '1950-03-11' }]), { acceptValidRows: false, user: assistance }));
    expect(report.rejections).toEqual([{ row: 2, field: 'cared_for_date_of_birth', code: 'NOT_THE_PERSON_CARED_FOR', reason: expect.any(String) }]);
    await expect(service.importFile(csv([{ ...elderly, cared_for_date_of_birth: '1950-03-10' }]), { acceptValidRows: false, user: assistance })).resolves.toMatchObject({ status: 'completed' });
    expect(written.map((row) => row.decision.caredForDateOfBirth)).toEqual(['1950-03-10']);
  });
});

describe('ImportService: a file whose dates are written month first (MM/DD/YYYY, as a spreadsheet set to US English writes them)', () => {
  const hoa = { ...anRow, national_id: '091150005678', full_name: 'Phạm Thị Hoa', sex: 'female', date_of_birth: '05/06/1950', decision_number: '32/QĐ-UBND', account_number: '1111222233' };
  const lan = { ...hoa, national_id: '091150005679', full_name: 'Trần Thị Lan', date_of_birth: '06/20/1950', decision_number: '33/QĐ-UBND', account_number: '1111222234' };

  // Lan's 06/20/1950 cannot be read day first, so her row was rejected; Hoa's 05/06/1950 (6 May, month first) was read
  // as 5 June and, with the valid rows accepted, stored with the wrong birthday: her age bands and arrears follow it.
  it('refuses the whole file, even with acceptValidRows: its other slash dates would be read with day and month swapped', async () => {
    const { service, written } = serviceOverRegister();
    const error = await service.importFile(csv([hoa, lan]), { acceptValidRows: true, user: operator }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatesMonthFirstError);
    expect(error).toMatchObject({ code: 'DATES_MONTH_FIRST', status: 422, message: expect.stringContaining('row 3') });
    expect((error as DatesMonthFirstError).report).toMatchObject({ status: 'rejected', accepted: 1, rejected: 1 });
    expect((error as DatesMonthFirstError).report.rejections).toEqual([{ row: 3, field: 'date_of_birth', code: 'DATE_MONTH_FIRST', reason: expect.stringContaining('DD/MM/YYYY') }]);
    expect(written).toEqual([]);
  });
});
