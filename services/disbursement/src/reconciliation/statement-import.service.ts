import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { maskAccount, maskDigits, type AuthUser } from '@benefits/platform';
import { callPartner } from '../channels/http';
import { payingAccounts } from '../channels/domain/paying-account';
import { pageKey, pageOf, timeKeySql, UUID_KEY, type Page } from '../common/page';
import { AtRestCipher } from '../common/pii';
import { select, selectOne } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { chainProblems, chainProblemsGone, type FiledStatement } from './domain/balance-chain';
import { contentAsReadBefore, readStatementFile, StatementFormatError, type Coverage, type StatementFile, type StatementLine } from './domain/statement-file';
import { StatementIdReusedError, StatementMalformedError, StatementNotFoundError } from './reconciliation.errors';
import { StatementFileEntity } from './reconciliation.entity';
import { ReconciliationService } from './reconciliation.service';

export interface ImportResult {
  readonly fileId: string;
  readonly kind: string;
  readonly messageId: string;
  /** The same bytes were imported before: nothing changed. */
  readonly duplicate: boolean;
  readonly lines: number;
  readonly newLines: number;
  readonly matched: number;
  readonly unmatched: number;
  readonly problems: string[];
  readonly runIds: string[];
}

/** What a file's description (describe) reads of it. */
type ListedFile = Pick<StatementFileEntity, 'id' | 'kind' | 'messageId' | 'lineCount' | 'newLines' | 'problems'>;

/** Lines per INSERT: a statement of a province's run holds 10^4–10^5 lines. */
const LINE_CHUNK = 5000;

/**
 * Imports statement files: refused whole when unreadable; the same file twice changes nothing (SHA-256 of the bytes,
 * or of what it says when a partner re-renders it); a booking
 * repeated by another file (the day's camt.054 lines on its camt.053) is one line. Each new line is matched to a
 * payment by the id the partner carried back, else by amount and the beneficiary's account (one candidate only);
 * what matches nothing is an exception, and so are the file's figures that do not add up. The runs touched are then
 * reconciled.
 */
@Injectable()
export class StatementImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly cipher: AtRestCipher,
    private readonly reconciliation: ReconciliationService,
  ) {}

  /** Imports one file, then reconciles the runs it touched (and those still awaiting a statement). */
  async import(bytes: Buffer, fileName: string | null, user: AuthUser): Promise<ImportResult> {
    const { result, runIds } = await this.store(bytes, fileName, user);
    await this.reconcileAfter(runIds);
    return result;
  }

  private async store(bytes: Buffer, fileName: string | null, user: AuthUser): Promise<{ result: ImportResult; runIds: string[] }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const known = await this.findBySha(sha256);
    if (known) return { result: await this.describe(known, true), runIds: [] };
    let file: StatementFile;
    try {
      file = readStatementFile(bytes);
    } catch (error) {
      if (error instanceof StatementFormatError) throw new StatementMalformedError(`The file was refused: ${error.message}`, { fileName });
      throw error;
    }
    const contentSha256 = createHash('sha256').update(file.content).digest('hex');
    const sameContent = await this.sameStatement(sha256, contentSha256, file);
    if (sameContent) return { result: await this.describe(sameContent, true), runIds: [] };
    const fileId = randomUUID();
    const runIds = await this.dataSource.transaction(async (tx) => {
      const inserted = await selectOne<{ id: string }>(
        tx,
        `INSERT INTO disbursement.statement_files (id, kind, message_id, sha256, content_sha256, file_name, size_bytes, line_count, new_lines, coverage, problems, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
        [fileId, file.kind, file.messageId, sha256, contentSha256, fileName, bytes.length, file.lines.length, JSON.stringify(file.coverage), JSON.stringify(file.problems), user.id],
      );
      if (!inserted) return undefined; // imported by a concurrent request a moment ago
      let newLines = 0;
      const collisions: string[] = [];
      for (let i = 0; i < file.lines.length; i += LINE_CHUNK) {
        const chunk = await this.insertLines(tx, fileId, file.lines.slice(i, i + LINE_CHUNK));
        newLines += chunk.inserted;
        collisions.push(...chunk.collisions);
      }
      await this.match(tx, fileId);
      const problems = [...file.problems, ...collisions, ...(await this.accountForBatchBookings(tx, fileId)), ...(await this.chainBalances(tx, { id: fileId, kind: file.kind, messageId: file.messageId }, file.coverage))];
      await tx.query('UPDATE disbursement.statement_files SET new_lines = $2, problems = $3 WHERE id = $1', [fileId, newLines, JSON.stringify(problems)]);
      await this.raiseExceptions(tx, fileId, problemsOf({ ...file, problems }), user.id);
      return (await select<{ run_id: string }>(
        tx,
        `SELECT DISTINCT p.run_id FROM disbursement.statement_lines l JOIN disbursement.payments p ON p.payment_id = l.payment_id WHERE l.file_id = $1`,
        [fileId],
      )).map((r) => r.run_id);
    });
    if (runIds === undefined) {
      // Imported by a concurrent request a moment ago: the same statement, or its id with other content (refused).
      const concurrent = await this.sameStatement(sha256, contentSha256, file);
      if (!concurrent) throw new Error(`statement ${file.kind} ${file.messageId} was not stored, nor is it on record`);
      return { result: await this.describe(concurrent, true), runIds: [] };
    }
    const stored = await this.dataSource.getRepository(StatementFileEntity).findOneBy({ id: fileId });
    if (!stored) throw new Error(`statement ${fileId} vanished after its import`);
    this.logger.info({ fileId, kind: file.kind, lines: file.lines.length, runs: runIds.length, problems: file.problems.length }, 'statement imported');
    return { result: await this.describe(stored, false), runIds };
  }

  /** Once per import (or per batch of reports): a new statement can also make other runs' payments overdue. */
  private async reconcileAfter(runIds: readonly string[]): Promise<void> {
    const toReconcile = new Set([...runIds, ...(await this.reconciliation.runsAwaitingStatements())]);
    for (const runId of toReconcile) await this.reconciliation.reconcileRun(runId);
  }

  /** Fetches the bank's end-of-day statements (camt.053) of a day, one per account the province pays from. */
  async fetchBankStatements(date: string, user: AuthUser): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    for (const account of payingAccounts(this.config)) {
      const url = `${this.config.BANK_URL}/camt053?date=${encodeURIComponent(date)}&account=${encodeURIComponent(account)}`;
      results.push(await this.import(await this.fetch(url), `camt053-${date}-${account.slice(-4)}.xml`, user));
    }
    return results;
  }

  /** Fetches the post office's settlement report of every list of a run. */
  async fetchPostOfficeReports(runId: string, user: AuthUser): Promise<ImportResult[]> {
    const batches = await select<{ batch_id: string }>(
      this.dataSource.manager,
      `SELECT batch_id FROM disbursement.partner_batches WHERE run_id = $1 AND channel <> 'bank' AND status IN ('ACKNOWLEDGED', 'FINAL') ORDER BY batch_id`,
      [runId],
    );
    const stored: { result: ImportResult; runIds: string[] }[] = [];
    for (const { batch_id } of batches) {
      const body = await this.fetch(`${this.config.POST_OFFICE_URL}/batches/${encodeURIComponent(batch_id)}/report`);
      stored.push(await this.store(body, `settlement-${batch_id}.json`, user));
    }
    await this.reconcileAfter(stored.flatMap((s) => s.runIds));
    return stored.map((s) => s.result);
  }

  /** Newest first, in pages: in (imported_at, id) order, a file is never skipped nor shown twice across pages. */
  async list(query: { limit?: number; cursor?: string }): Promise<Page<ImportResult>> {
    const limit = query.limit ?? 50;
    const after = pageKey('statements', query.cursor, UUID_KEY);
    const files = await select<ListedFile & { page_key: string }>(
      this.dataSource.manager,
      `SELECT f.id, f.kind, f.message_id AS "messageId", f.line_count AS "lineCount", f.new_lines AS "newLines", f.problems,
              ${timeKeySql('f.imported_at')} AS page_key
         FROM disbursement.statement_files f
        WHERE ($2::timestamptz IS NULL OR (f.imported_at, f.id) < ($2::timestamptz, $3::uuid))
        ORDER BY f.imported_at DESC, f.id DESC LIMIT $1`,
      [limit + 1, after?.at ?? null, after?.id ?? null],
    );
    const page = pageOf('statements', files, limit, (f) => ({ at: f.page_key, id: f.id }));
    return { ...page, rows: await Promise.all(page.rows.map((f) => this.describe(f, false))) };
  }

  async get(id: string): Promise<ImportResult & { importedBy: string; importedAt: Date; coverage: unknown }> {
    const file = await this.dataSource.getRepository(StatementFileEntity).findOneBy({ id });
    if (!file) throw new StatementNotFoundError(id);
    return { ...(await this.describe(file, false)), importedBy: file.importedBy, importedAt: file.importedAt, coverage: file.coverage };
  }

  private async fetch(url: string): Promise<Buffer> {
    const response = await callPartner(url, { method: 'GET' }, this.config.PARTNER_TIMEOUT_MS);
    if (response.status !== 200) throw new StatementMalformedError(`GET ${url} answered ${response.status}: ${response.body.slice(0, 200)}`);
    return Buffer.from(response.body, 'utf8');
  }

  /**
   * Stores the lines not stored before: a line is known by its booking key (source, account, booking reference,
   * transaction), so the same entry in an intraday camt.054 and the day's camt.053, or in an interim and the final
   * settlement report, is one line. A line whose key is known with another kind, amount or payment id is not the same
   * entry (a bank that numbers its entries afresh in each statement, a report that changes a line's outcome): it is
   * not stored, and comes back as a problem of the file, for finance, instead of being dropped without a word.
   */
  private async insertLines(tx: EntityManager, fileId: string, lines: readonly StatementLine[]): Promise<{ inserted: number; collisions: string[] }> {
    const column = <T>(pick: (l: StatementLine) => T) => lines.map(pick);
    const values = [
      column((l) => l.source),
      column((l) => l.account),
      column((l) => l.bookingRef),
      column((l) => l.txIndex),
      column((l) => l.kind),
      column((l) => l.amount),
      column((l) => l.bookingDate),
      column((l) => l.endToEndId),
      column((l) => l.reason),
      column((l) => (l.creditorAccount ? this.cipher.lookupHash(l.creditorAccount) : null)),
      column((l) => l.entryAmount),
    ];
    const inserted = await select<{ n: number }>(
      tx,
      `WITH i AS (
         INSERT INTO disbursement.statement_lines (file_id, source, account, booking_ref, tx_index, kind, amount, booking_date, end_to_end_id, reason, creditor_account_hash, entry_amount)
         SELECT $1, s, a, r, t, k, m, d, e, rs, h, em
           FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[])
                AS x(s, a, r, t, k, m, d, e, rs, h, em)
         ON CONFLICT (source, account, booking_ref, tx_index) DO NOTHING RETURNING 1)
       SELECT count(*)::int AS n FROM i`,
      [fileId, ...values],
    );
    const collided = await select<{ booking_ref: string; tx_index: number }>(
      tx,
      `SELECT DISTINCT x.r AS booking_ref, x.t AS tx_index
         FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::bigint[], $7::text[]) AS x(s, a, r, t, k, m, e)
         JOIN disbursement.statement_lines l ON l.source = x.s AND l.account = x.a AND l.booking_ref = x.r AND l.tx_index = x.t
        WHERE l.kind <> x.k OR l.amount <> x.m OR l.end_to_end_id IS DISTINCT FROM x.e
        ORDER BY 1, 2`,
      [values[0], values[1], values[2], values[3], values[4], values[5], values[7]],
    );
    const collisions = collided.map(
      (c) => `entry ${c.booking_ref}${c.tx_index > 0 ? ` (transaction ${c.tx_index + 1})` : ''}: its booking reference is already on record for another line (kind, amount or payment id); this one was not stored`,
    );
    return { inserted: inserted[0]?.n ?? 0, collisions };
  }

  /**
   * By the payment id the partner carried back; else a bank debit by amount and account, when one payment fits of
   * those sent on or before the day it was booked (a repeat of last month's debit is not this month's payment).
   */
  private async match(tx: EntityManager, fileId: string): Promise<void> {
    await tx.query(
      `UPDATE disbursement.statement_lines l SET payment_id = p.payment_id, match_method = 'end_to_end_id'
         FROM disbursement.payments p
        WHERE l.file_id = $1 AND l.payment_id IS NULL AND l.end_to_end_id = p.payment_id`,
      [fileId],
    );
    await tx.query(
      `WITH candidates AS (
         SELECT l.id AS line_id, p.payment_id, count(*) OVER (PARTITION BY l.id) AS n
           FROM disbursement.statement_lines l
           JOIN disbursement.payments p ON p.account_hash = l.creditor_account_hash AND p.total = l.amount
          WHERE l.file_id = $1 AND l.payment_id IS NULL AND l.kind = 'debit' AND p.channel = 'bank'
            AND p.status IN ('sent', 'settled', 'returned')
            -- sent (handed to the bank) on a Vietnamese day (UTC+7) no later than the booking
            AND EXISTS (SELECT 1 FROM disbursement.payment_status_changes c
                         WHERE c.payment_id = p.payment_id AND c.to_status = 'sent'
                           AND to_char(c.changed_at AT TIME ZONE 'UTC' + interval '7 hours', 'YYYY-MM-DD') <= l.booking_date)
            AND NOT EXISTS (SELECT 1 FROM disbursement.statement_lines d WHERE d.payment_id = p.payment_id AND d.kind = 'debit'))
       UPDATE disbursement.statement_lines l SET payment_id = c.payment_id, match_method = 'amount_account'
         FROM candidates c WHERE c.line_id = l.id AND c.n = 1`,
      [fileId],
    );
  }

  /**
   * A batch-booked entry whose transactions do not all give their amount: once every such transaction is matched to
   * a payment and the entry's amount is what the lines add up to (each its own amount, or its payment's), each takes
   * its payment's amount. Otherwise they stay unknown (their payments' amount_mismatch, classify.ts) and the entry is
   * a problem of the file. Lines of the entry stored from an earlier file count too (the same booking is one line).
   */
  private async accountForBatchBookings(tx: EntityManager, fileId: string): Promise<string[]> {
    const unaccounted = await select<{ booking_ref: string; entry_amount: string; covered: string | null; unknown: number; n: number }>(
      tx,
      `WITH touched AS (
         SELECT DISTINCT source, account, booking_ref FROM disbursement.statement_lines WHERE file_id = $1 AND amount IS NULL),
       entries AS (
         SELECT l.source, l.account, l.booking_ref, max(l.entry_amount) AS entry_amount, sum(coalesce(l.amount, p.total)) AS covered,
                count(*) FILTER (WHERE l.amount IS NULL AND p.payment_id IS NULL)::int AS unknown, count(*)::int AS n
           FROM disbursement.statement_lines l JOIN touched USING (source, account, booking_ref)
           LEFT JOIN disbursement.payments p ON p.payment_id = l.payment_id
          GROUP BY 1, 2, 3),
       filled AS (
         UPDATE disbursement.statement_lines l SET amount = p.total
           FROM entries e, disbursement.payments p
          WHERE l.source = e.source AND l.account = e.account AND l.booking_ref = e.booking_ref AND l.amount IS NULL
            AND p.payment_id = l.payment_id AND e.unknown = 0 AND e.covered = e.entry_amount)
       -- PostgreSQL runs the UPDATE of a WITH once, whether or not this reads it.
       SELECT booking_ref, entry_amount::text, covered::text, unknown, n FROM entries
        WHERE NOT (unknown = 0 AND covered = entry_amount)
        ORDER BY booking_ref`,
      [fileId],
    );
    return unaccounted.map((e) =>
      e.unknown > 0
        ? `entry ${e.booking_ref}: ${e.unknown} of its ${e.n} transactions give no amount and name no payment of ours, so its ${e.entry_amount} đồng cannot be split among them`
        : `entry ${e.booking_ref}: its ${e.entry_amount} đồng is not what the payments its ${e.n} transactions name add up to (${e.covered})`,
    );
  }

  /**
   * Each end-of-day statement against the statements of its account on record (balance-chain.ts): a statement day
   * missing, or a booking on none, is a problem of the file that shows it (days of the file itself included). Accounts are locked in order, one import
   * at a time each, so two days imported at once still see each other. What other files said of the chain and this
   * statement shows no longer (it is the missing day) is cleared (clearChainProblems).
   */
  private async chainBalances(tx: EntityManager, file: Pick<StatementFile, 'kind' | 'messageId'> & { readonly id: string }, coverage: readonly Coverage[]): Promise<string[]> {
    const statements = coverage.filter((c) => c.source === 'bank').sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : 0));
    const accounts = [...new Set(statements.map((c) => c.account))];
    if (accounts.length === 0) return [];
    for (const account of accounts) await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`statement-chain:${account}`]);
    const onRecord = await select<{ file_id: string; c: Coverage }>(
      tx,
      `SELECT f.id AS file_id, x.c FROM disbursement.statement_files f, jsonb_array_elements(f.coverage) WITH ORDINALITY AS x(c, n)
        WHERE f.id <> $1 AND x.c->>'source' = 'bank' AND x.c->>'account' = ANY($2::text[]) AND x.c->>'closing' IS NOT NULL
        ORDER BY f.imported_at, f.id, x.n`,
      [file.id, accounts],
    );
    // A Set: two days of one file that do not chain are one problem, seen from either day.
    const problems = new Set<string>();
    for (const statement of statements) {
      const ofThisFile = statements.filter((other) => other !== statement);
      for (const problem of chainProblems(statement, [...onRecord.map((r) => r.c), ...ofThisFile])) problems.add(problem);
    }
    await this.clearChainProblems(tx, file, [...onRecord.map((r) => ({ fileId: r.file_id, statement: r.c })), ...statements.map((statement) => ({ fileId: file.id, statement }))]);
    return [...problems];
  }

  /**
   * The statement_problem of a file on record whose every problem was of the chain and is shown no longer now that
   * this statement is on record (chainProblemsGone: the day it said missing arrived) is resolved by the system, with
   * a note naming this statement; never deleted. One with a problem left (its own balances, a gap still open) stays
   * for finance, its history noting what this statement made of the chain.
   */
  private async clearChainProblems(tx: EntityManager, file: Pick<StatementFile, 'kind' | 'messageId'> & { readonly id: string }, onRecord: readonly FiledStatement[]): Promise<void> {
    const others = [...new Set(onRecord.map((f) => f.fileId))].filter((id) => id !== file.id);
    if (others.length === 0) return;
    const open = await select<{ id: string; file_id: string; problems: string[] }>(
      tx,
      `SELECT e.id, e.file_id, f.problems FROM disbursement.recon_exceptions e JOIN disbursement.statement_files f ON f.id = e.file_id
        WHERE e.kind = 'statement_problem' AND e.status <> 'resolved' AND e.file_id = ANY($1::uuid[])
        ORDER BY e.id FOR UPDATE OF e`,
      [others],
    );
    const days = onRecord.filter((f) => f.fileId === file.id).map((f) => `account ${maskAccount(f.statement.account)} on ${f.statement.date}`);
    const statement = `statement file ${file.id} (${file.kind} ${maskDigits(file.messageId)}: ${days.join(', ')})`;
    const before = onRecord.filter((f) => f.fileId !== file.id);
    for (const exception of open) {
      const gone = chainProblemsGone(exception.file_id, exception.problems, onRecord);
      // Only by the statement that makes it so, once: one finance reopened after it was cleared is theirs.
      const goneBefore = new Set(chainProblemsGone(exception.file_id, exception.problems, before));
      const goneNow = gone.filter((problem) => !goneBefore.has(problem));
      if (goneNow.length === 0) continue;
      if (gone.length === exception.problems.length) {
        const note = `cleared by ${statement}: the statements on record no longer show ${gone.join('; ')}`;
        await tx.query(`UPDATE disbursement.recon_exceptions SET status = 'resolved', resolution = $2, resolved_by = 'system', resolved_at = now() WHERE id = $1`, [exception.id, note]);
        await tx.query(`INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note) VALUES ($1, 'cleared', 'system', $2)`, [exception.id, note]);
      } else {
        // Its detail still says the gap, which is no longer what is wrong with the file.
        const note = `${statement}: the statements on record no longer show ${goneNow.join('; ')}; the rest is for finance`;
        await tx.query(`INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note) VALUES ($1, 'noted', 'system', $2)`, [exception.id, note]);
      }
    }
  }

  /**
   * The statement's own exceptions, of no payment nor run: each line that matches no payment, and the file's figures
   * that do not add up (one exception for them all). Both hold up the sign-off of the runs they could concern
   * (STATEMENT_EXCEPTIONS_OF_RUN).
   */
  private async raiseExceptions(tx: EntityManager, fileId: string, problems: string | null, by: string): Promise<void> {
    const raised = await select<{ id: string }>(
      tx,
      `INSERT INTO disbursement.recon_exceptions (id, run_id, kind, payment_id, line_id, file_id, expected_amount, reported_amount, detail, status)
       SELECT gen_random_uuid(), NULL, x.kind, NULL, x.line_id, x.file_id, NULL, x.amount, x.detail, 'open'
         FROM (SELECT 'unmatched_entry' AS kind, l.id AS line_id, NULL::uuid AS file_id, l.amount,
                      format('%s of %s on %s (%s %s%s) matches no payment',
                             CASE l.kind WHEN 'debit_reversal' THEN 'reversal of a debit' WHEN 'credit_reversal' THEN 'reversal of a credit' ELSE l.kind END,
                             coalesce(l.amount || ' đồng', 'an unknown part of an entry of ' || l.entry_amount || ' đồng'), coalesce(l.booking_date, '?'), l.source, l.booking_ref,
                             CASE WHEN l.end_to_end_id IS NULL THEN '' ELSE ', id ' || l.end_to_end_id END) AS detail
                 FROM disbursement.statement_lines l WHERE l.file_id = $1 AND l.payment_id IS NULL
               UNION ALL
               SELECT 'statement_problem', NULL, $1::uuid, NULL, $2::text WHERE $2::text IS NOT NULL) x
       ON CONFLICT DO NOTHING RETURNING id`,
      [fileId, problems],
    );
    if (raised.length === 0) return;
    await tx.query(
      `INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note) SELECT id, 'raised', $2, 'statement file ' || $3 FROM unnest($1::uuid[]) AS x(id)`,
      [raised.map((r) => r.id), by, fileId],
    );
  }

  /**
   * The statement on record that this file is, or null when it is new: the same bytes, or the same content (what the
   * partner sent, file.content), is the same statement; its kind and message id with other content is refused, as a
   * corrected statement needs a new id. A file imported before content was what the partner sent is found by its
   * content as read then (contentAsReadBefore), as long as this code reads it the same.
   */
  private async sameStatement(sha256: string, contentSha256: string, file: StatementFile): Promise<StatementFileEntity | null> {
    const before = createHash('sha256').update(contentAsReadBefore(file)).digest('hex');
    const same = await this.dataSource.getRepository(StatementFileEntity).findOne({ where: [{ sha256 }, { contentSha256: In([contentSha256, before]) }] });
    if (same) return same;
    const sameId = await selectOne<{ id: string }>(this.dataSource.manager, 'SELECT id FROM disbursement.statement_files WHERE kind = $1 AND message_id = $2', [file.kind, file.messageId]);
    if (sameId) throw new StatementIdReusedError(file.kind, file.messageId, sameId.id);
    return null;
  }

  private findBySha(sha256: string): Promise<StatementFileEntity | null> {
    return this.dataSource.getRepository(StatementFileEntity).findOneBy({ sha256 });
  }

  private async describe(file: ListedFile, duplicate: boolean): Promise<ImportResult> {
    const counts = await selectOne<{ matched: number; unmatched: number }>(
      this.dataSource.manager,
      `SELECT count(*) FILTER (WHERE payment_id IS NOT NULL)::int AS matched, count(*) FILTER (WHERE payment_id IS NULL)::int AS unmatched
         FROM disbursement.statement_lines WHERE file_id = $1`,
      [file.id],
    );
    const runIds = await select<{ run_id: string }>(
      this.dataSource.manager,
      `SELECT DISTINCT p.run_id FROM disbursement.statement_lines l JOIN disbursement.payments p ON p.payment_id = l.payment_id WHERE l.file_id = $1 ORDER BY 1`,
      [file.id],
    );
    return {
      fileId: file.id,
      kind: file.kind,
      messageId: file.messageId,
      duplicate,
      lines: file.lineCount,
      newLines: file.newLines,
      matched: counts?.matched ?? 0,
      unmatched: counts?.unmatched ?? 0,
      problems: file.problems,
      runIds: runIds.map((r) => r.run_id),
    };
  }
}

/**
 * The file's figures that do not add up, as its statement_problem exception says them (null: they all add up). The
 * bank's message id is quoted with long numbers masked: banks often build it from the account number.
 */
function problemsOf(file: StatementFile): string | null {
  return file.problems.length === 0 ? null : `${file.kind} ${maskDigits(file.messageId)} does not add up: ${file.problems.join('; ')}`;
}
