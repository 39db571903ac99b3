import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '@benefits/platform';
import { pageKey, pageOf, timeKeySql, UUID_KEY, type Page } from '../common/page';
import { select, selectOne } from '../common/sql';
import type { ExceptionKind } from './domain/classify';
import { ExceptionNotFoundError, ExceptionStateError } from './reconciliation.errors';
import type { ExceptionStatus } from './reconciliation.entity';

export interface ExceptionView {
  id: string;
  runId: string | null;
  kind: ExceptionKind;
  paymentId: string | null;
  /** The statement file it comes from: that of its line, or the file whose figures do not add up. */
  fileId: string | null;
  expectedAmount: string | null;
  reportedAmount: string | null;
  detail: string;
  status: ExceptionStatus;
  assignedTo: string | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  createdAt: Date;
  /** The statement line it is about (no account number: only where it was booked and under which reference). */
  line: { id: string; source: string; bookingRef: string; kind: string; amount: string | null; bookingDate: string | null; endToEndId: string | null; reason: string | null; fileId: string } | null;
}

export interface ExceptionQuery {
  runId?: string;
  status?: ExceptionStatus;
  kind?: ExceptionKind;
  assignedTo?: string;
  /** 100 unless given. */
  limit?: number;
  cursor?: string;
}

/**
 * The exceptions (e) that hold up the sign-off of a run, its id the query's $1: those of its payments, and the
 * statements' own (of no run: a line that matches no payment, a file whose figures do not add up) raised after the
 * run's release and, once it is signed off, before that. A statement imported while a run is being reconciled may
 * be about it, whatever day it covers, until finance resolves its exception with a reason; one imported before the
 * release cannot be (no money of the run had left), and one imported after the sign-off does not reopen it.
 */
export const OF_RUN = `(e.run_id = $1 OR (e.run_id IS NULL
  AND e.created_at >= (SELECT min(c.changed_at) FROM disbursement.run_status_changes c WHERE c.run_id = $1 AND c.to_status = 'RELEASING')
  AND e.created_at <= coalesce((SELECT r.signed_off_at FROM disbursement.run_reconciliations r WHERE r.run_id = $1), 'infinity')))`;

const SELECT = `
SELECT e.id, e.run_id, e.kind, e.payment_id, coalesce(e.file_id, l.file_id) AS statement_file_id, e.expected_amount::text AS expected_amount, e.reported_amount::text AS reported_amount, e.detail,
       e.status, e.assigned_to, e.resolution, e.resolved_by, e.resolved_at, e.created_at, ${timeKeySql('e.created_at')} AS page_key,
       l.id::text AS line_id, l.source, l.booking_ref, l.kind AS line_kind, l.amount::text AS line_amount, l.booking_date, l.end_to_end_id, l.reason, l.file_id
  FROM disbursement.recon_exceptions e LEFT JOIN disbursement.statement_lines l ON l.id = e.line_id`;

/** The exceptions queue: finance assigns each to a person, who resolves it with a note; every step is kept. */
@Injectable()
export class ExceptionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Oldest first, in pages: in (created_at, id) order, an exception is never skipped nor shown twice by a finance
   * officer reading the queue to its end before a sign-off, those raised meanwhile included (at its end).
   */
  async list(query: ExceptionQuery): Promise<Page<ExceptionView>> {
    const limit = query.limit ?? 100;
    const after = pageKey('exceptions', query.cursor, UUID_KEY);
    const rows = await select<Row>(
      this.dataSource.manager,
      `${SELECT}
        WHERE ($1::uuid IS NULL OR ${OF_RUN}) AND ($2::text IS NULL OR e.status = $2) AND ($3::text IS NULL OR e.kind = $3)
          AND ($4::text IS NULL OR e.assigned_to = $4)
          AND ($6::timestamptz IS NULL OR (e.created_at, e.id) > ($6::timestamptz, $7::uuid))
        ORDER BY e.created_at, e.id LIMIT $5`,
      [query.runId ?? null, query.status ?? null, query.kind ?? null, query.assignedTo ?? null, limit + 1, after?.at ?? null, after?.id ?? null],
    );
    const page = pageOf('exceptions', rows, limit, (row) => ({ at: row.page_key, id: row.id }));
    return { ...page, rows: page.rows.map(view) };
  }

  async get(id: string): Promise<ExceptionView & { history: { action: string; actor: string; note: string | null; at: Date }[] }> {
    const row = await this.load(this.dataSource.manager, id);
    const history = await select<{ action: string; actor: string; note: string | null; at: Date }>(
      this.dataSource.manager,
      'SELECT action, actor, note, at FROM disbursement.recon_exception_changes WHERE exception_id = $1 ORDER BY id',
      [id],
    );
    return { ...view(row), history };
  }

  async assign(id: string, assignee: string, note: string | undefined, user: AuthUser): Promise<ExceptionView> {
    return this.change(id, user, 'assigned', note ?? `assigned to ${assignee}`, async (tx, current) => {
      if (current.status === 'resolved') throw new ExceptionStateError(`Exception ${id} is resolved: reopen it first`);
      await tx.query(`UPDATE disbursement.recon_exceptions SET status = 'assigned', assigned_to = $2 WHERE id = $1`, [id, assignee]);
    });
  }

  async resolve(id: string, resolution: string, user: AuthUser): Promise<ExceptionView> {
    return this.change(id, user, 'resolved', resolution, async (tx, current) => {
      if (current.status === 'resolved') throw new ExceptionStateError(`Exception ${id} is already resolved`);
      await tx.query(`UPDATE disbursement.recon_exceptions SET status = 'resolved', resolution = $2, resolved_by = $3, resolved_at = now() WHERE id = $1`, [
        id,
        resolution,
        user.id,
      ]);
    });
  }

  /** A resolution found wrong: the exception is open again (and a prepared sign-off no longer matches). */
  async reopen(id: string, note: string, user: AuthUser): Promise<ExceptionView> {
    return this.change(id, user, 'reopened', note, async (tx, current) => {
      if (current.status !== 'resolved') throw new ExceptionStateError(`Exception ${id} is not resolved`);
      await tx.query(`UPDATE disbursement.recon_exceptions SET status = 'open', resolution = NULL, resolved_by = NULL, resolved_at = NULL WHERE id = $1`, [id]);
    });
  }

  private async change(id: string, user: AuthUser, action: string, note: string, apply: (tx: EntityManager, current: Row) => Promise<void>): Promise<ExceptionView> {
    await this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, id, true);
      await apply(tx, current);
      await tx.query('INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note) VALUES ($1, $2, $3, $4)', [id, action, user.id, note]);
    });
    return view(await this.load(this.dataSource.manager, id));
  }

  private async load(sql: EntityManager, id: string, lock = false): Promise<Row> {
    const row = await selectOne<Row>(sql, `${SELECT} WHERE e.id = $1${lock ? ' FOR UPDATE OF e' : ''}`, [id]);
    if (!row) throw new ExceptionNotFoundError(id);
    return row;
  }
}

interface Row {
  id: string;
  run_id: string | null;
  kind: ExceptionKind;
  payment_id: string | null;
  statement_file_id: string | null;
  expected_amount: string | null;
  reported_amount: string | null;
  detail: string;
  status: ExceptionStatus;
  assigned_to: string | null;
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: Date;
  /** created_at to the microsecond: the key of its page (pageOf). */
  page_key: string;
  line_id: string | null;
  source: string;
  booking_ref: string;
  line_kind: string;
  line_amount: string | null;
  booking_date: string | null;
  end_to_end_id: string | null;
  reason: string | null;
  file_id: string;
}

function view(r: Row): ExceptionView {
  return {
    id: r.id,
    runId: r.run_id,
    kind: r.kind,
    paymentId: r.payment_id,
    fileId: r.statement_file_id,
    expectedAmount: r.expected_amount,
    reportedAmount: r.reported_amount,
    detail: r.detail,
    status: r.status,
    assignedTo: r.assigned_to,
    resolution: r.resolution,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at,
    createdAt: r.created_at,
    line:
      r.line_id === null
        ? null
        : { id: r.line_id, source: r.source, bookingRef: r.booking_ref, kind: r.line_kind, amount: r.line_amount, bookingDate: r.booking_date, endToEndId: r.end_to_end_id, reason: r.reason, fileId: r.file_id },
  };
}
