import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@benefits/platform';
import { rowsOf, type Sql } from '@benefits/messaging';
import { DataSource } from 'typeorm';
import { programmesRefused, scopeRefusal } from '../register/domain/write-scope';
import { ANALYZE_REGISTER, RegisterWriter } from '../register/register-writer';
import { HELD_ELSEWHERE, holdingPlaces } from '../register/write-scope';
import { todayInVietnam } from '../shared/clock';
import { NationalIdMisses } from '../shared/national-id-misses';
import { RegisterCipher } from '../shared/pii';
import type { PovertyStatus } from '../domain/eligibility-input';
import { FileConsistency } from './domain/file-consistency';
import type { RegisterRow, RowProblem } from './domain/import-layout';
import { caredForPersonsOf } from '../register/cared-for-persons';
import { caredForProblems } from './domain/cared-for';
import { registerDifferences, type StoredDecision, type StoredPerson } from './domain/register-differences';
import { DATE_MONTH_FIRST, validateRow } from './domain/validate-row';
import { detectFormat, readRows } from './file-reader';
import { DatesMonthFirstError, EmptyFileError, ImportNotFoundError, ImportRejectedError } from './import-errors';
import { CommuneNotAllowedError } from '../shared/errors';
import { ReportBuilder, type ImportReport } from './import-report';

type ReportBase = Pick<ImportReport, 'fileName' | 'fileSha256' | 'format' | 'acceptValidRows'>;

export interface UploadedRegisterFile {
  readonly path: string;
  readonly fileName: string;
}

/** Rows per set-based write: a few statements per batch, parameters in the low megabytes. */
const WRITE_BATCH = 2000;

/** After a big import the planner's statistics are refreshed at once, not when autovacuum gets to it. */
const ANALYZE_AFTER_ROWS = 10_000;


/**
 * Imports a register file in two streamed passes over the uploaded temporary file, so memory stays flat:
 *   1. validate every row (and the rows against each other) and build the report; store nothing;
 *   2. if no row was rejected, or the operator accepted the valid rows: store them in ONE transaction, in batches
 *      of set-based statements, with an import row of its own.
 * A file imported whole before, by an import whose report the user may read, is not read again: its report is the
 * answer (already_imported). Any other file is imported again; the register's natural keys make that idempotent.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RegisterWriter,
    private readonly cipher: RegisterCipher,
    private readonly nationalIdMisses: NationalIdMisses,
  ) {}

  async importFile(file: UploadedRegisterFile, options: { acceptValidRows: boolean; user: AuthUser }): Promise<ImportReport> {
    const fileSha256 = await sha256Of(file.path);
    const previous = await this.previousImport(this.dataSource, fileSha256, options.user);
    if (previous) return previous;
    this.nationalIdMisses.assertAllowed(options.user.id);
    const format = await detectFormat(file.path);
    const today = todayInVietnam();
    const base: ReportBase = { fileName: file.fileName, fileSha256, format, acceptValidRows: options.acceptValidRows };

    const report = new ReportBuilder();
    const consistency = new FileConsistency();
    let checked: CheckedRow[] = [];
    for await (const { rowNumber, raw, numberCells, errorCells } of readRows(file.path, format)) {
      const result = validateRow(raw, today, numberCells, errorCells);
      checked.push(
        result.valid
          ? { rowNumber, row: result.row, problems: permissionProblems(result.row, options.user, today), warnings: result.warnings }
          : { rowNumber, problems: result.problems, warnings: result.warnings },
      );
      if (checked.length === WRITE_BATCH) {
        await this.checkBatch(checked, consistency, options.user, today, report);
        checked = [];
      }
    }
    await this.checkBatch(checked, consistency, options.user, today, report);
    if (report.rows === 0) throw new EmptyFileError('The file has a header row but no data rows');
    const monthFirst = report.rejections.find((problem) => problem.code === DATE_MONTH_FIRST);
    if (monthFirst) {
      this.logger.warn({ fileSha256, row: monthFirst.row, field: monthFirst.field }, 'register file rejected: dates written month first; nothing stored');
      throw new DatesMonthFirstError(report.build({ ...base, status: 'rejected' }), monthFirst);
    }
    if (report.accepted === 0 || (report.rejectedRows.size > 0 && !options.acceptValidRows)) {
      const rejected = report.build({ ...base, status: 'rejected' });
      this.logger.warn({ fileSha256, rows: rejected.rows, rejected: rejected.rejected }, 'register file rejected: nothing stored');
      throw new ImportRejectedError(rejected);
    }

    const importId = randomUUID();
    const completed = await this.store(importId, file.path, report, base, options.user, today);
    if (completed.status === 'already_imported') return completed;
    if (completed.accepted >= ANALYZE_AFTER_ROWS) await this.dataSource.query(ANALYZE_REGISTER);
    this.logger.log({ importId, fileSha256, rows: completed.rows, accepted: completed.accepted, created: completed.created }, 'register file imported');
    return completed;
  }

  /**
   * Pass 2, one transaction. Imports of one file take their turn (an advisory lock on its sha256): one that imported
   * the file whole meanwhile, with a report this user may read, is the answer, and nothing is written.
   */
  private async store(importId: string, path: string, report: ReportBuilder, base: ReportBase, user: AuthUser, today: string): Promise<ImportReport> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`eligibility.import:${base.fileSha256}`]);
      const meanwhile = await this.previousImport(tx, base.fileSha256, user);
      if (meanwhile) return meanwhile;
      await tx.query(
        `INSERT INTO eligibility.import (id, file_sha256, file_name, format, rows, accepted, rejected, report, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, '{}', $8)`,
        [importId, base.fileSha256, base.fileName, base.format, report.rows, report.accepted, report.rejectedRows.size, user.id],
      );
      const total = { persons: 0, decisions: 0, destinations: 0, unchanged: 0 };
      const write = async (batch: RegisterRow[]) => {
        const result = await this.writer.write(tx, batch, { recordedBy: user.id, importId, operator: user });
        total.persons += result.persons;
        total.decisions += result.decisions;
        total.destinations += result.destinations;
        total.unchanged += result.unchanged;
      };
      let batch: RegisterRow[] = [];
      for await (const { rowNumber, raw, numberCells, errorCells } of readRows(path, base.format)) {
        if (report.rejectedRows.has(rowNumber)) continue;
        const result = validateRow(raw, today, numberCells, errorCells);
        if (!result.valid) continue; // cannot happen: pass 1 would have rejected the row
        batch.push(result.row);
        if (batch.length === WRITE_BATCH) {
          await write(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await write(batch);
      const { unchanged, ...created } = total;
      const completed = report.build({ ...base, status: 'completed' }, { importId, created, unchanged });
      await tx.query(`UPDATE eligibility.import SET report = $2 WHERE id = $1`, [importId, JSON.stringify(completed)]);
      return completed;
    });
  }

  /**
   * A row for a person already in the register adds a decision to their file, which stays with the commune that
   * holds it: that commune must be the operator's as well (one query per batch of rows). Then, in file order, each
   * row against the accepted rows before it (a person cared for is on one of them or in the register), and to the report.
   */
  private async checkBatch(rows: readonly CheckedRow[], consistency: FileConsistency, user: AuthUser, today: string, report: ReportBuilder): Promise<void> {
    const hashOf = new Map(rows.flatMap((r) => (r.row ? [[r.rowNumber, this.cipher.lookupHash(r.row.person.nationalId)] as const] : [])));
    const known = await holdingPlaces(this.dataSource, { nationalIdHashes: [...hashOf.values()] }, user.provinceCode, today);
    const caredForHashes = rows.flatMap((r) => (r.row?.decision.caredForNationalId ? [this.cipher.lookupHash(r.row.decision.caredForNationalId)] : []));
    const caredForFound = await caredForPersonsOf(this.dataSource, caredForHashes);
    const stored = await this.storedPersons([...known.keys()]);
    for (const { rowNumber, row, problems, warnings } of rows) {
      const hash = hashOf.get(rowNumber);
      const refusal = hash !== undefined && known.has(hash) ? scopeRefusal(user, known.get(hash), today) : undefined;
      const held = refusal ? [{ field: 'national_id' as const, code: 'COMMUNE_NOT_ALLOWED', reason: HELD_ELSEWHERE }] : [];
      // The register keeps its own data: the person cared for is theirs there, else the earlier row's (cared-for.ts).
      const caredForId = row?.decision.caredForNationalId;
      const caredFor = caredForId ? (caredForFound.get(this.cipher.lookupHash(caredForId)) ?? consistency.person(caredForId)) : undefined;
      const caredForChecks =
        !row || !caredForId
          ? []
          : caredFor
            ? caredForProblems(row.decision, caredFor)
            : [{ field: 'cared_for_national_id' as const, code: 'NOT_IN_REGISTER', reason: 'the person cared for is neither in the register nor on an earlier accepted row of this file' }];
      // Each tells something of an ID number (in the register, the age or death of its person): counted as a search
      // by ID number that found nobody, and past the budget the import stops (429; pass 1 stores nothing): one file
      // must not answer thousands of guesses.
      const told = held.length + (caredForChecks.length > 0 ? 1 : 0);
      if (told > 0) {
        await this.nationalIdMisses.missed(user.id, told);
        this.nationalIdMisses.assertAllowed(user.id);
      }
      const all = [...(row ? consistency.check(row) : []), ...problems, ...held, ...caredForChecks];
      const on = row && hash !== undefined ? stored.get(hash) : undefined;
      const against =
        row && all.length === 0
          ? registerDifferences(row, on, row.destination.accountNumber ? this.cipher.lookupHash(row.destination.accountNumber) : null, today)
          : { problems: [], warnings: [] };
      // Only a row that will be stored is on record for the rows after it (file-consistency.ts).
      if (row && all.length + against.problems.length === 0) consistency.add(rowNumber, row);
      report.addRow(rowNumber, [...all, ...against.problems], [...warnings, ...against.warnings]);
    }
  }

  /** What the register holds for the persons of these keyed hashes of ID numbers (register-differences.ts). */
  private async storedPersons(hashes: readonly string[]): Promise<Map<string, StoredPerson>> {
    if (hashes.length === 0) return new Map();
    const day = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;
    const persons = rowsOf<{
      hash: string; full_name: string; sex: string; dob: string; dod: string | null; commune_code: string | null; province_code: string | null;
      household_commune_code: string | null; household_code: string | null;
      channel: string | null; bank_bin: string | null; account_hash: string | null; cash_point_code: string | null;
    }>(
      await this.dataSource.query(
        `SELECT p.national_id_hash AS hash, p.full_name, p.sex, ${day('p.date_of_birth', 'dob')}, ${day('p.date_of_death', 'dod')}, r.commune_code, r.province_code,
                h.commune_code AS household_commune_code, h.code AS household_code,
                d.channel, d.bank_bin, d.account_hash, d.cash_point_code
           FROM eligibility.person p
           LEFT JOIN LATERAL (SELECT commune_code, province_code FROM eligibility.residence
                               WHERE person_id = p.id AND valid_to IS NULL ORDER BY valid_from DESC LIMIT 1) r ON true
           LEFT JOIN eligibility.household h ON h.id = p.household_id
           LEFT JOIN LATERAL (SELECT channel, bank_bin, account_hash, cash_point_code FROM eligibility.payment_destination
                               WHERE person_id = p.id AND purpose = 'regular' ORDER BY valid_from DESC, id DESC LIMIT 1) d ON true
          WHERE p.national_id_hash = ANY($1::text[])`,
        [hashes],
      ),
    );
    const decisions = rowsOf<{ hash: string; programme: StoredDecision['programme']; decision_number: string; group_code: string; signed_on: string; effective_from: string; effective_to: string | null; certificate_date: string | null }>(
      await this.dataSource.query(
        `SELECT p.national_id_hash AS hash, d.programme, d.decision_number, d.group_code, ${day('d.signed_on', 'signed_on')}, ${day('d.effective_from', 'effective_from')},
                ${day('d.effective_to', 'effective_to')}, ${day('d.certificate_date', 'certificate_date')}
           FROM eligibility.person p JOIN eligibility.decision d ON d.person_id = p.id WHERE p.national_id_hash = ANY($1::text[])`,
        [hashes],
      ),
    );
    const poverty = rowsOf<{ hash: string; year: number; status: PovertyStatus }>(
      await this.dataSource.query(
        `SELECT p.national_id_hash AS hash, h.year, h.status FROM eligibility.person p JOIN eligibility.household_poverty h ON h.household_id = p.household_id
          WHERE p.national_id_hash = ANY($1::text[])`,
        [hashes],
      ),
    );
    return new Map(
      persons.map((p) => [
        p.hash,
        {
          fullName: p.full_name,
          sex: p.sex,
          dateOfBirth: p.dob,
          dateOfDeath: p.dod,
          communeCode: p.commune_code,
          provinceCode: p.province_code,
          household: p.household_code === null ? null : { communeCode: p.household_commune_code, code: p.household_code },
          ...(p.channel && { destination: { channel: p.channel, bankBin: p.bank_bin, accountHash: p.account_hash, cashPointCode: p.cash_point_code } }),
          poverty: poverty.filter((row) => row.hash === p.hash),
          decisions: decisions
            .filter((d) => d.hash === p.hash)
            .map((d) => ({
              programme: d.programme,
              decisionNumber: d.decision_number,
              groupCode: d.group_code,
              signedOn: d.signed_on,
              effectiveFrom: d.effective_from,
              effectiveTo: d.effective_to,
              certificateDate: d.certificate_date,
            })),
        },
      ]),
    );
  }

  async report(user: AuthUser, importId: string): Promise<ImportReport> {
    const [row] = rowsOf<{ report: ImportReport; imported_by: string }>(
      await this.dataSource.query(`SELECT report, imported_by FROM eligibility.import WHERE id = $1`, [importId]),
    );
    if (!row) throw new ImportNotFoundError(importId);
    if (!readsReport(user, row.imported_by)) {
      throw new CommuneNotAllowedError(`Outside your scope: a commune operator reads the reports of their own imports; ${importId} was imported by another user`, {
        importId,
      });
    }
    return row.report;
  }

  /**
   * The first import of this file that stored every row, among those whose report this user may read: nothing of the
   * file is left to store. An import that rejected rows (another programme's, another commune's, rows corrected
   * since) is not: the file is imported again, by this user's rights, with a report of its own.
   */
  private async previousImport(sql: Sql, fileSha256: string, user: AuthUser): Promise<ImportReport | undefined> {
    const whole = rowsOf<{ report: ImportReport; imported_by: string }>(
      await sql.query(`SELECT report, imported_by FROM eligibility.import WHERE file_sha256 = $1 AND rejected = 0 ORDER BY created_at`, [fileSha256]),
    );
    const row = whole.find((r) => readsReport(user, r.imported_by));
    return row ? { ...row.report, status: 'already_imported', created: { persons: 0, decisions: 0, destinations: 0 }, unchanged: row.report.accepted } : undefined;
  }
}

/** A row as pass 1 found it, held until its batch's known persons are checked. */
interface CheckedRow {
  readonly rowNumber: number;
  readonly row?: RegisterRow;
  readonly problems: readonly RowProblem[];
  readonly warnings: readonly RowProblem[];
}

/** A commune's staff read the reports of their own imports (a report does not say whose communes its rows were of). */
function readsReport(user: AuthUser, importedBy: string): boolean {
  return !user.communeCodes || importedBy === user.id;
}

/** An operator imports for their own programmes, and a commune operator for their own communes (register/write-scope). */
function permissionProblems(row: RegisterRow, user: AuthUser, today: string): RowProblem[] {
  const problems: RowProblem[] = [];
  if (programmesRefused(user, [row.decision.programme]).length > 0) {
    problems.push({ field: 'programme', code: 'PROGRAMME_NOT_ALLOWED', reason: `you are not an operator of ${row.decision.programme}` });
  }
  const refusal = scopeRefusal(user, row.residence, today);
  if (refusal) problems.push({ field: 'commune_code', code: refusal.code, reason: refusal.reason });
  return problems;
}

function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
