import ExcelJS from 'exceljs';
import { authHeader, startService, type RunningService } from '@benefits/testing';
import { COLUMN_NAMES, type RawRow } from '../src/imports/domain/import-layout';
import type { ImportReport } from '../src/imports/import-report';
import { bearer, call, csvOf, freshNationalId, freshRows, isolatedDatabase, uploadMultipart, uploadRaw, type TestDatabase } from './support';

jest.setTimeout(120_000);

interface ErrorBody {
  code: string;
  message: string;
  details?: ImportReport & { missing?: string[] };
}

describe('POST /imports: register files (the built service, real PostgreSQL)', () => {
  let database: TestDatabase;
  let service: RunningService;
  let url: string;
  let operator: Record<string, string>;

  beforeAll(async () => {
    database = await isolatedDatabase('imports');
    service = await startService('eligibility', { DATABASE_URL: database.url, WORKERS_ENABLED: 'false' });
    url = service.url;
    operator = await bearer(['operator']);
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  const found = async (row: RawRow) => (await call<{ persons: unknown[] }>(url, operator, 'POST', '/persons/search', { nationalId: row.national_id })).body.persons;

  it('stores a good CSV file (multipart): persons, decisions and destinations, found again by ID number, shown masked', async () => {
    const rows = await freshRows(30);
    const { status, body } = await uploadMultipart<ImportReport>(url, operator, csvOf(rows), 'xa-30742-thang-11.csv');
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'completed', format: 'csv', rows: 30, accepted: 30, rejected: 0, created: { persons: 30, decisions: 30, destinations: 30 }, rejections: [] });
    const [person] = (await found(rows[0])) as { nationalIdMasked: string; fullName: string }[];
    expect(person).toMatchObject({ fullName: rows[0].full_name, nationalIdMasked: `${String(rows[0].national_id).slice(0, 3)}*******${String(rows[0].national_id).slice(-2)}` });
    expect(JSON.stringify(await found(rows[0]))).not.toContain(rows[0].national_id);
  });

  it('stores a good XLSX workbook (raw body)', async () => {
    const rows = await freshRows(5);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow([...COLUMN_NAMES]);
    for (const row of rows) sheet.addRow(COLUMN_NAMES.map((name) => row[name] ?? ''));
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const { status, body } = await uploadRaw<ImportReport>(url, operator, file, '?fileName=danh-sach.xlsx');
    expect(status).toBe(201);
    expect(body).toMatchObject({ format: 'xlsx', fileName: 'danh-sach.xlsx', accepted: 5, created: { persons: 5 } });
    expect(await found(rows[4])).toHaveLength(1);
  });

  it('refuses an XLSX account number typed as a number (NOT_TEXT): its leading 0 or its digits after the 15th are lost', async () => {
    const rows = await freshRows(3);
    const bank = { channel: 'bank', bank_bin: '970436', cash_point_code: '' };
    const typed: Record<string, unknown>[] = [
      { ...rows[0], ...bank, account_number: 114502552 }, // 0114502552 typed into a General cell
      { ...rows[1], ...bank, account_number: Number('1903456789012345678') }, // read back as 1903456789012345600
      { ...rows[2], ...bank, account_number: '0114502552' }, // a Text cell
    ];
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Danh sách');
    sheet.addRow([...COLUMN_NAMES]);
    for (const row of typed) sheet.addRow(COLUMN_NAMES.map((name) => row[name] ?? ''));
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const { status, body } = await uploadRaw<ImportReport>(url, operator, file, '?fileName=so-tai-khoan.xlsx&acceptValidRows=true');
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
    expect(body.rejections.map((r) => [r.row, r.field, r.code])).toEqual([
      [2, 'account_number', 'NOT_TEXT'],
      [3, 'account_number', 'NOT_TEXT'],
    ]);
    expect(body.rejections[0].reason).toMatch(/format the column as Text/);
    expect(await found(rows[0])).toEqual([]);
    expect(await found(rows[1])).toEqual([]);
    expect(await found(rows[2])).toHaveLength(1);
  });

  it('stores names composed (NFC) whatever form they were typed in: the same name in NFD on a second row is the same person', async () => {
    const [row] = await freshRows(1);
    const composed = { ...row, full_name: 'Nguyễn Thị Hòa', account_holder_name: 'Trần Văn Đức' };
    const decomposed = { ...composed, full_name: composed.full_name.normalize('NFD'), account_holder_name: composed.account_holder_name.normalize('NFD'), decision_number: `${row.decision_number}-2` };
    const { status, body } = await uploadMultipart<ImportReport>(url, operator, csvOf([composed, decomposed]), 'nfd.csv');
    expect([status, body.accepted, body.created?.persons]).toEqual([201, 2, 1]);
    const [person] = (await found(row)) as { fullName: string }[];
    expect(person.fullName).toBe('Nguyễn Thị Hòa');
  });

  it('stores care allowances held by the caring household, naming the person cared for (in the register or on an earlier row)', async () => {
    // Children of 7: a foster family's allowance is refused for a person cared for of an age it does not pay (cared-for.ts).
    const asChild = (row: RawRow): RawRow => ({ ...row, date_of_birth: '2019-04-01', national_id: freshNationalId(String(row.sex), '2019-04-01'), residence_from: '2019-04-01' });
    const [generatedChild, fosterMother, generatedSecondChild, stranger] = await freshRows(4);
    const [child, secondChild] = [asChild(generatedChild), asChild(generatedSecondChild)];
    const caring = (row: RawRow, caredFor: RawRow | string): RawRow => ({
      ...row,
      programme: 'social_assistance',
      group_code: 'CARE_FOSTER_CHILD',
      decision_number: `F-${row.national_id}`,
      certificate_date: '',
      injury_rate: '',
      especially_severe_wound: '',
      seniority_years: '',
      cared_for_national_id: typeof caredFor === 'string' ? caredFor : String(caredFor.national_id),
    });
    // The first child is already in the register; the second is on an earlier row of the same file.
    expect((await uploadMultipart<ImportReport>(url, operator, csvOf([child]), 'tre-em.csv')).status).toBe(201);
    const file = [secondChild, caring(fosterMother, child), { ...caring(fosterMother, secondChild), decision_number: 'F-2' }];
    const { status, body } = await uploadMultipart<ImportReport>(url, operator, csvOf(file), 'nhan-nuoi.csv');
    expect([status, body.accepted, body.rejected]).toEqual([201, 3, 0]);
    const [mother] = (await found(fosterMother)) as { personRef: string }[];
    const decisions = (await call<{ groupCode: string; caredForRef?: string }[]>(url, operator, 'GET', `/persons/${mother.personRef}/decisions`)).body;
    const [childRef, secondChildRef] = [((await found(child)) as { personRef: string }[])[0].personRef, ((await found(secondChild)) as { personRef: string }[])[0].personRef];
    expect(decisions.filter((d) => d.groupCode === 'CARE_FOSTER_CHILD').map((d) => d.caredForRef).sort()).toEqual([childRef, secondChildRef].sort());

    // Nobody of that ID number in the register nor earlier in the file: the row is rejected, naming the column.
    const missing = await uploadMultipart<ErrorBody>(url, operator, csvOf([caring(stranger, '091299887766')]), 'khong-co.csv');
    expect(missing.status).toBe(422);
    expect(missing.body.details?.rejections).toEqual([expect.objectContaining({ row: 2, field: 'cared_for_national_id', code: 'NOT_IN_REGISTER' })]);

    // A person whose own row is rejected is not stored: a later row naming them is rejected too (acceptValidRows).
    const [meritorious, caringForIt, alsoMissing, caringForThat, caringForChild] = await freshRows(5);
    const martyrRelative = { ...caring(meritorious, ''), programme: 'meritorious', group_code: 'NCC_MARTYR_RELATIVE_1', decision_number: 'M-1' };
    const mixed = [martyrRelative, caring(caringForIt, meritorious), caring(alsoMissing, '091299887766'), caring(caringForThat, alsoMissing), caring(caringForChild, child)];
    const noMeritorious = await bearer(['operator'], ['social_assistance', 'social_pension']);
    const partial = await uploadMultipart<ImportReport>(url, noMeritorious, csvOf(mixed), 'nhan-nuoi-2.csv', '?acceptValidRows=true');
    expect([partial.status, partial.body.accepted]).toEqual([201, 1]);
    expect(partial.body.rejections.map((r) => [r.row, r.field, r.code])).toEqual([
      [2, 'programme', 'PROGRAMME_NOT_ALLOWED'],
      [3, 'cared_for_national_id', 'NOT_IN_REGISTER'],
      [4, 'cared_for_national_id', 'NOT_IN_REGISTER'],
      [5, 'cared_for_national_id', 'NOT_IN_REGISTER'],
    ]);
    expect(await found(caringForChild)).toHaveLength(1);
    expect(await found(caringForIt)).toEqual([]);
  });

  it('stops a file that asks about more ID numbers than the hourly budget allows (429, nothing stored), and the user\'s next import', async () => {
    // Each row names as the person cared for an ID number nobody of the register holds: each answer would tell whether
    // that number is a beneficiary's. Past NATIONAL_ID_MISSES_PER_HOUR (30) the import stops.
    const prober = await authHeader({ sub: 'test-operator-prober', roles: ['operator'], programmes: ['social_assistance', 'social_pension', 'meritorious'], provinceCode: '91' });
    const rows = (await freshRows(31)).map((row, i) => ({
      ...row,
      programme: 'social_assistance',
      group_code: 'CARE_FOSTER_CHILD',
      decision_number: `G-${i}`,
      certificate_date: '',
      injury_rate: '',
      especially_severe_wound: '',
      seniority_years: '',
      cared_for_national_id: `0912998${String(10000 + i)}`,
    }));
    const probed = await uploadMultipart<ErrorBody>(url, prober, csvOf(rows), 'do-tim.csv');
    expect([probed.status, probed.body.code]).toEqual([429, 'RATE_LIMITED']);
    expect(await found(rows[0])).toEqual([]);
    const again = await uploadMultipart<ErrorBody>(url, prober, csvOf(rows.slice(0, 1)), 'do-tim-2.csv');
    expect([again.status, again.body.code]).toEqual([429, 'RATE_LIMITED']);
  });

  describe('a file with bad rows', () => {
    let rows: RawRow[];
    let file: string;
    beforeAll(async () => {
      rows = await freshRows(7);
      rows[1] = { ...rows[1], national_id: `${rows[1].national_id}5` };
      rows[2] = { ...rows[2], signed_on: '2099-01-01', effective_from: '2099-01-01' };
      rows[3] = { ...rows[3], commune_code: '99999' };
      rows[4] = { ...rows[4], channel: 'bank', bank_bin: '970999', account_number: '123' };
      rows[5] = { ...rows[5], date_of_birth: '31/02/1950' };
      file = csvOf(rows);
    });

    it('is rejected whole: the report lists every rejected row with row, field and reason, and nothing is stored', async () => {
      const { status, body } = await uploadMultipart<ErrorBody>(url, operator, file, 'bad.csv');
      expect(status).toBe(422);
      expect(body.code).toBe('IMPORT_REJECTED');
      const report = body.details as ImportReport;
      expect(report).toMatchObject({ status: 'rejected', rows: 7, accepted: 2, rejected: 5 });
      expect(report.rejections.map((r) => [r.row, r.field, r.code])).toEqual(
        expect.arrayContaining([
          [3, 'national_id', 'NATIONAL_ID_WRONG_LENGTH'],
          [4, 'signed_on', 'DATE_IN_FUTURE'],
          [4, 'effective_from', 'DATE_IN_FUTURE'],
          [5, 'commune_code', 'UNKNOWN_COMMUNE'],
          [6, 'bank_bin', 'UNKNOWN_BANK'],
          [6, 'account_number', 'INVALID_ACCOUNT'],
          [7, 'date_of_birth', 'INVALID_DATE'],
        ]),
      );
      expect(report.rejections.every((r) => r.reason.length > 10)).toBe(true);
      expect(await found(rows[0])).toEqual([]);
      expect(await found(rows[6])).toEqual([]);
    });

    it('stores only the valid rows when the operator accepts them (acceptValidRows=true)', async () => {
      const { status, body } = await uploadMultipart<ImportReport>(url, operator, file, 'bad.csv', '?acceptValidRows=true');
      expect(status).toBe(201);
      expect(body).toMatchObject({ status: 'completed', acceptValidRows: true, rows: 7, accepted: 2, rejected: 5, created: { persons: 2, decisions: 2 } });
      expect(body.rejections.length).toBeGreaterThanOrEqual(5);
      expect(await found(rows[0])).toHaveLength(1);
      expect(await found(rows[6])).toHaveLength(1);
      expect(await found(rows[3])).toEqual([]);
    });
  });

  it('changes nothing when the same file comes again, as multipart or raw; the same rows in another file add nothing', async () => {
    const rows = await freshRows(10);
    const first = await uploadMultipart<ImportReport>(url, operator, csvOf(rows), 'a.csv');
    expect(first.status).toBe(201);
    const again = await uploadMultipart<ImportReport>(url, operator, csvOf(rows), 'a-copy.csv');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'already_imported', importId: first.body.importId, created: { persons: 0, decisions: 0, destinations: 0 }, unchanged: 10 });
    expect((await uploadRaw<ImportReport>(url, operator, csvOf(rows))).body.status).toBe('already_imported');
    const reordered = await uploadMultipart<ImportReport>(url, operator, csvOf([...rows].reverse()), 'b.csv');
    expect(reordered.status).toBe(201);
    expect(reordered.body).toMatchObject({ accepted: 10, created: { persons: 0, decisions: 0, destinations: 0 }, unchanged: 10 });
    const decisions = (await call<unknown[]>(url, operator, 'GET', `/persons/${((await found(rows[0])) as { personRef: string }[])[0].personRef}/decisions`)).body;
    expect(decisions).toHaveLength(1);

    // The report is read again by province staff; a commune's staff read the reports of their own imports only.
    expect((await call<ImportReport>(url, await bearer(['auditor']), 'GET', `/imports/${first.body.importId}`)).body.importId).toBe(first.body.importId);
    const commune = await authHeader({ sub: 'test-operator-commune', roles: ['operator'], programmes: ['social_assistance', 'social_pension', 'meritorious'], communeCodes: ['30742'] });
    const refused = await call<{ code: string }>(url, commune, 'GET', `/imports/${first.body.importId}`);
    expect([refused.status, refused.body.code]).toEqual([403, 'COMMUNE_NOT_ALLOWED']);
  });

  it('warns, row by row, where a file differs from the register, which it leaves as it is (DIFFERS_FROM_REGISTER)', async () => {
    const rows = await freshRows(20);
    expect((await uploadMultipart<ImportReport>(url, operator, csvOf(rows), 'before.csv')).status).toBe(201);
    const bank = rows.findIndex((row) => row.channel === 'bank');
    const other = bank === 0 ? 1 : 0;
    const account = String(rows[bank].account_number);
    const newAccount = `${account.slice(0, -1)}${(Number(account.slice(-1)) + 1) % 10}`;
    const corrected = rows.map((row, index) =>
      index === bank ? { ...row, account_number: newAccount } : index === other ? { ...row, full_name: `${String(row.full_name)} Anh` } : row,
    );
    const { status, body } = await uploadMultipart<ImportReport>(url, operator, csvOf(corrected), 'after.csv');
    expect(status).toBe(201);
    expect(body).toMatchObject({ accepted: 20, created: { persons: 0, decisions: 0, destinations: 0 }, unchanged: 20 });
    const differences = body.warnings.filter((w) => w.code === 'DIFFERS_FROM_REGISTER');
    expect(differences).toEqual([
      expect.objectContaining({ row: Math.min(bank, other) + 2 }),
      expect.objectContaining({ row: Math.max(bank, other) + 2 }),
    ]);
    expect(differences.find((w) => w.row === bank + 2)).toMatchObject({ field: 'account_number', reason: expect.stringContaining('payment_destination_changed') });
    expect(differences.find((w) => w.row === other + 2)).toMatchObject({ field: 'full_name' });
    expect(JSON.stringify(body)).not.toContain(newAccount);
    const [person] = (await found(rows[bank])) as { personRef: string }[];
    const detail = (await call<{ destinations: unknown[] }>(url, operator, 'GET', `/persons/${person.personRef}`)).body;
    expect(detail.destinations).toHaveLength(1);
  });

  it('imports a file again after an import that rejected rows: the rows of another programme\'s operator are stored then', async () => {
    const rows = await freshRows(40, 7);
    const meritorious = rows.filter((row) => row.programme === 'meritorious').slice(0, 3);
    const others = rows.filter((row) => row.programme !== 'meritorious').slice(0, 3);
    const file = csvOf([...meritorious, ...others]);
    const health = await authHeader({ sub: 'test-operator-health', roles: ['operator'], programmes: ['social_assistance', 'social_pension'], provinceCode: '91' });
    const homeAffairs = await authHeader({ sub: 'test-operator-home-affairs', roles: ['operator'], programmes: ['meritorious'], provinceCode: '91' });

    const first = await uploadMultipart<ImportReport>(url, health, file, 'hon-hop.csv', '?acceptValidRows=true');
    expect([first.status, first.body.accepted, first.body.rejected]).toEqual([201, 3, 3]);
    const again = await uploadMultipart<ImportReport>(url, homeAffairs, file, 'hon-hop.csv', '?acceptValidRows=true');
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'completed', accepted: 3, rejected: 3, created: { persons: 3, decisions: 3, destinations: 3 } });
    expect(again.body.importId).not.toBe(first.body.importId);
    expect(again.body.rejections.map((r) => [r.row, r.code])).toEqual([[5, 'PROGRAMME_NOT_ALLOWED'], [6, 'PROGRAMME_NOT_ALLOWED'], [7, 'PROGRAMME_NOT_ALLOWED']]);
    for (const row of meritorious) expect(await found(row)).toHaveLength(1);
    // No import stored the file whole: it is read again each time, and what is stored already changes nothing.
    const third = await uploadMultipart<ImportReport>(url, health, file, 'hon-hop.csv', '?acceptValidRows=true');
    expect(third.body).toMatchObject({ status: 'completed', accepted: 3, created: { persons: 0, decisions: 0, destinations: 0 }, unchanged: 3 });
  });

  it('answers a commune operator with the report of an earlier import only when they may read it; else imports the file with their rights', async () => {
    const commune = await authHeader({ sub: 'test-operator-commune', roles: ['operator'], programmes: ['social_assistance', 'social_pension', 'meritorious'], communeCodes: ['30742'], provinceCode: '91' });
    const elsewhere = (await freshRows(20, 11)).filter((row) => row.commune_code !== '30742').slice(0, 3);
    const provinceFile = csvOf(elsewhere);
    expect((await uploadMultipart<ImportReport>(url, operator, provinceFile, 'tinh.csv')).status).toBe(201);
    const refused = await uploadMultipart<ErrorBody>(url, commune, provinceFile, 'tinh.csv');
    expect([refused.status, refused.body.code, refused.body.details?.importId]).toEqual([422, 'IMPORT_REJECTED', undefined]);
    expect(refused.body.details).toMatchObject({ status: 'rejected', rows: 3, rejected: 3 });
    expect(refused.body.details?.rejections.map((r) => r.code)).toContain('COMMUNE_NOT_ALLOWED');

    const ownFile = csvOf((await freshRows(2, 12)).map((row) => ({ ...row, commune_code: '30742', cash_point_code: row.cash_point_code ? 'CP-30742-01' : '' })));
    const own = await uploadMultipart<ImportReport>(url, commune, ownFile, 'phuong.csv');
    expect([own.status, own.body.accepted]).toEqual([201, 2]);
    const ownAgain = await uploadMultipart<ImportReport>(url, commune, ownFile, 'phuong.csv');
    expect([ownAgain.status, ownAgain.body.status, ownAgain.body.importId]).toEqual([200, 'already_imported', own.body.importId]);
  });

  it('streams a large file (20,000 rows) in one all-or-nothing transaction', async () => {
    const rows = await freshRows(20_000, 4242);
    const { status, body } = await uploadRaw<ImportReport>(url, operator, csvOf(rows), '?fileName=large.csv');
    expect(status).toBe(201);
    expect(body).toMatchObject({ rows: 20_000, accepted: 20_000, rejected: 0 });
    expect((body.created?.decisions ?? 0) + (body.unchanged ?? 0)).toBe(20_000);
    expect(await found(rows[19_999])).toHaveLength(1);
  });

  describe('bad input: a clear error, nothing half-stored', () => {
    it.each([
      ['a 13-digit ID number', { national_id: '0911500012345' }, 'national_id', 'NATIONAL_ID_WRONG_LENGTH'],
      ['a date in the future', { date_of_birth: '2030-01-01' }, 'date_of_birth', 'DATE_IN_FUTURE'],
      ['an unknown commune', { commune_code: '12345' }, 'commune_code', 'UNKNOWN_COMMUNE'],
    ])('%s', async (_title, patch, field, code) => {
      const rows = await freshRows(3);
      rows[2] = { ...rows[2], ...patch };
      const { status, body } = await uploadMultipart<ErrorBody>(url, operator, csvOf(rows), 'one-bad-row.csv');
      expect(status).toBe(422);
      expect(body.details?.rejections).toEqual([expect.objectContaining({ row: 4, field, code })]);
      expect(await found(rows[0])).toEqual([]);
    });

    it('a file that is not UTF-8', async () => {
      const rows = await freshRows(2);
      const latin = Buffer.concat([Buffer.from(csvOf(rows.slice(0, 1))), Buffer.from('0911500012345,Nguy'), Buffer.from([0xea, 0xd2]), Buffer.from('n,,\n')]);
      const { status, body } = await uploadMultipart<ErrorBody>(url, operator, latin, 'windows-1258.csv');
      expect([status, body.code]).toEqual([400, 'NOT_UTF8']);
      expect(body.message).toMatch(/UTF-8/);
      expect(await found(rows[0])).toEqual([]);
    });

    it('missing columns', async () => {
      const { status, body } = await uploadRaw<ErrorBody>(url, operator, 'national_id,full_name,sex\n091150001234,Nguyễn Thị Lan,female\n');
      expect([status, body.code]).toEqual([400, 'MISSING_COLUMNS']);
      expect(body.details?.missing).toEqual(expect.arrayContaining(['date_of_birth', 'commune_code', 'group_code', 'channel']));
    });

    it.each([
      ['an empty file', ''],
      ['a header without rows', `${COLUMN_NAMES.join(',')}\n`],
    ])('%s', async (_title, content) => {
      const { status, body } = await uploadMultipart<ErrorBody>(url, operator, content, 'empty.csv');
      expect([status, body.code]).toEqual([400, 'EMPTY_FILE']);
    });

    /**
     * The service answers 413 before the body has arrived; on a loaded machine the socket can be closed while the
     * client is still writing, and fetch then fails with EPIPE/ECONNRESET instead of reading the answer. That is the
     * transport, not the service: the upload is sent again (at most three times).
     */
    const refusedEarly = async <T>(send: () => Promise<T>): Promise<T> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await send();
        } catch (error) {
          const code = (error as { cause?: { code?: string } }).cause?.code;
          if (attempt === 3 || (code !== 'EPIPE' && code !== 'ECONNRESET')) throw error;
        }
      }
    };

    it.each([
      ['multipart', (content: Buffer) => uploadMultipart<ErrorBody>(url, operator, content, 'huge.csv')],
      ['raw body', (content: Buffer) => uploadRaw<ErrorBody>(url, operator, content)],
    ])('a 50 MB file (%s)', async (_how, send) => {
      const huge = Buffer.alloc(50 * 1024 * 1024, 'a');
      Buffer.from(`${COLUMN_NAMES.join(',')}\n`).copy(huge);
      const { status, body } = await refusedEarly(() => send(huge));
      expect([status, body.code]).toEqual([413, 'FILE_TOO_LARGE']);
      expect(body.message).toMatch(/IMPORT_MAX_BYTES/);
    });
  });

  it('lets only operators import, and only for their own programmes', async () => {
    const rows = (await freshRows(20)).filter((row) => row.programme !== 'meritorious').slice(0, 3);
    const auditor = await uploadMultipart<ErrorBody>(url, await bearer(['auditor']), csvOf(rows), 'x.csv');
    expect(auditor.status).toBe(403);
    const meritoriousOnly = await uploadMultipart<ErrorBody>(url, await bearer(['operator'], ['meritorious']), csvOf(rows), 'x.csv');
    expect(meritoriousOnly.status).toBe(422);
    expect(meritoriousOnly.body.details?.rejections.map((r) => r.code)).toEqual(['PROGRAMME_NOT_ALLOWED', 'PROGRAMME_NOT_ALLOWED', 'PROGRAMME_NOT_ALLOWED']);
    expect((await fetch(`${url}/imports`, { method: 'POST' })).status).toBe(401);
  });
});
