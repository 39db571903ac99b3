import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RunNotFoundError } from '../common/errors';
import { select, selectOne } from '../common/sql';
import { isReleased, type RunStatus } from './domain/run-status';
import type { CountTotal } from './run-preview.service';

export interface RunProgressView {
  runId: string;
  status: string;
  batches: { total: number; byStatus: Record<string, number> };
  payments: CountTotal & { final: number; byStatus: Record<string, CountTotal> };
  /** Share of payments with a final status, 0–100 (rounded down: 100 only when all are). */
  percentFinal: number;
  /** Released, and every payment has its final outcome. */
  allFinal: boolean;
}

type Breakdown<K extends string> = (CountTotal & { outcome: string } & Record<K, string>)[];

export interface RunSummaryView {
  runId: string;
  month: string;
  status: string;
  payments: CountTotal;
  byOutcome: (CountTotal & { outcome: string })[];
  byProgramme: Breakdown<'programme'>;
  byChannel: Breakdown<'channel'>;
  arrears: CountTotal;
  carriedOver: CountTotal;
  resends: CountTotal;
  notifications: number;
}

const FINAL = `('settled', 'rejected', 'returned', 'not_collected', 'cancelled')`;

/** What a released run has done so far (progress) and how it ended (summary), by outcome, programme and channel. */
@Injectable()
export class RunReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async progress(runId: string): Promise<RunProgressView> {
    const db = this.dataSource.manager;
    const run = await this.run(runId);
    const batches = await select<{ status: string; n: number }>(
      db,
      'SELECT status, count(*)::int AS n FROM disbursement.partner_batches WHERE run_id = $1 GROUP BY status',
      [runId],
    );
    const payments = await select<{ status: string; count: number; total: string; final: boolean }>(
      db,
      `SELECT status, count(*)::int AS count, sum(total)::text AS total, status IN ${FINAL} AS final
         FROM disbursement.payments WHERE run_id = $1 AND status <> 'cancelled' GROUP BY status`,
      [runId],
    );
    const count = payments.reduce((n, p) => n + p.count, 0);
    const final = payments.filter((p) => p.final).reduce((n, p) => n + p.count, 0);
    return {
      runId,
      status: run.status,
      batches: { total: batches.reduce((n, b) => n + b.n, 0), byStatus: Object.fromEntries(batches.map((b) => [b.status, b.n])) },
      payments: {
        count,
        total: payments.reduce((sum, p) => sum + BigInt(p.total), 0n).toString(),
        final,
        byStatus: Object.fromEntries(payments.map((p) => [p.status, { count: p.count, total: p.total }])),
      },
      // No payment counted: all done only for a released run (nothing left to pay), none for a run never released.
      percentFinal: count === 0 ? (isReleased(run.status as RunStatus) ? 100 : 0) : Math.floor((final * 100) / count),
      allFinal: ['SENT', 'COMPLETED'].includes(run.status) && final === count,
    };
  }

  async summary(runId: string): Promise<RunSummaryView> {
    const db = this.dataSource.manager;
    const run = await this.run(runId);
    const where = `run_id = $1 AND status <> 'cancelled'`;
    const grouped = <R>(column: 'programme' | 'channel') =>
      select<R>(
        db,
        `SELECT ${column}, status AS outcome, count(*)::int AS count, sum(total)::text AS total FROM disbursement.payments
          WHERE ${where} GROUP BY ${column}, status ORDER BY 1, 2`,
        [runId],
      );
    const byOutcome = await select<CountTotal & { outcome: string }>(
      db,
      `SELECT status AS outcome, count(*)::int AS count, sum(total)::text AS total FROM disbursement.payments WHERE ${where} GROUP BY status ORDER BY 1`,
      [runId],
    );
    const totals = await selectOne<Record<string, string | number>>(
      db,
      `SELECT count(*)::int AS count, COALESCE(sum(total), 0)::text AS total,
              count(*) FILTER (WHERE arrears_amount > 0)::int AS arrears_count, COALESCE(sum(arrears_amount), 0)::text AS arrears,
              count(*) FILTER (WHERE carried_over_amount > 0)::int AS carried_count, COALESCE(sum(carried_over_amount), 0)::text AS carried,
              count(*) FILTER (WHERE kind = 'resend')::int AS resend_count, COALESCE(sum(total) FILTER (WHERE kind = 'resend'), 0)::text AS resends,
              (SELECT count(*)::int FROM disbursement.notifications n JOIN disbursement.payments q USING (payment_id) WHERE q.run_id = $1) AS notifications
         FROM disbursement.payments WHERE ${where}`,
      [runId],
    );
    const t = totals ?? {};
    return {
      runId,
      month: run.month,
      status: run.status,
      payments: { count: Number(t.count), total: String(t.total) },
      byOutcome,
      byProgramme: await grouped<Breakdown<'programme'>[number]>('programme'),
      byChannel: await grouped<Breakdown<'channel'>[number]>('channel'),
      arrears: { count: Number(t.arrears_count), total: String(t.arrears) },
      carriedOver: { count: Number(t.carried_count), total: String(t.carried) },
      resends: { count: Number(t.resend_count), total: String(t.resends) },
      notifications: Number(t.notifications),
    };
  }

  private async run(runId: string): Promise<{ status: string; month: string }> {
    const run = await selectOne<{ status: string; month: string }>(this.dataSource.manager, 'SELECT status, month FROM disbursement.runs WHERE id = $1', [runId]);
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }
}
