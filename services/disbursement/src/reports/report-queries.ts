import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Channel, Programme } from '@benefits/contracts';
import { RunNotFoundError } from '../common/errors';
import { select, selectOne } from '../common/sql';
import { RUN_STATUSES, isReleased } from '../runs/domain/run-status';
import type { PaidByChannel } from './domain/cashless-share';
import { UNPAID_STATUSES } from '../payments/domain/payment-status';
import { ACCOUNT_CHANNELS, COLUMN_STATUSES, OUTCOME_COLUMNS, type OutcomeFigures, type Tally } from './domain/figures';
import { ONE_OFF_KINDS, type FundingRow } from './domain/funding';
import type { AnnualRow } from './domain/annual';
import type { ArrearsRow } from './domain/arrears';
import type { CashListPayment } from './domain/cash-list';
import type { PostOfficeList, PostOfficeReason } from './domain/post-office';

/** The payments a report covers: one run, or every released run of a range of months. */
export type Scope = { runId: string } | { from: string; to: string };

export interface RunFacts {
  id: string;
  month: string;
  status: string;
  provinceCode: string;
  programmes: Programme[];
  communeCodes: string[] | null;
  prepared: boolean;
}

type Dimension = 'programme' | 'communeCode' | 'channel' | 'month';
const DIMENSIONS: Record<Dimension, string> = { programme: 'p.programme', communeCode: 'p.commune_code', channel: 'p.channel', month: 'p.month' };

/** A literal SQL list of code-defined words (statuses, channels): never user input. */
function list(words: readonly string[]): string {
  if (!words.every((w) => /^[A-Za-z_]+$/.test(w))) throw new Error(`not a list of plain words: ${words.join(',')}`);
  return `(${words.map((w) => `'${w}'`).join(', ')})`;
}

const RELEASED = list(RUN_STATUSES.filter(isReleased));
const PAID = list(COLUMN_STATUSES.paid);
const UNPAID = list(UNPAID_STATUSES);
const ACCOUNTS = list(ACCOUNT_CHANNELS);

/** count and sum of p.total as "<name>_count", "<name>_amount", for the payments matching `where`. */
function tally(name: string, where?: string, amount = 'p.total'): string {
  const filter = where ? ` FILTER (WHERE ${where})` : '';
  return `count(*)${filter}::int AS "${name}_count", COALESCE(sum(${amount})${filter}, 0)::text AS "${name}_amount"`;
}

function tallyOf(row: Record<string, unknown>, name: string): Tally {
  return { count: Number(row[`${name}_count`]), amount: String(row[`${name}_amount`]) };
}

const OUTCOME_TALLIES = [tally('sent'), ...OUTCOME_COLUMNS.filter((c) => c !== 'sent').map((c) => tally(c, `p.status IN ${list(COLUMN_STATUSES[c as Exclude<typeof c, 'sent'>])}`))].join(',\n ');

function outcomeFigures(row: Record<string, unknown>): OutcomeFigures {
  return Object.fromEntries(OUTCOME_COLUMNS.map((c) => [c, tallyOf(row, c)])) as OutcomeFigures;
}

/**
 * Every figure of the reports, set-based: one GROUP BY per table over the payments (10^5–10^6 a run), never a loop
 * over payments in Node. The domain functions then shape a handful of grouped rows.
 */
@Injectable()
export class ReportQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get db() {
    return this.dataSource.manager;
  }

  async run(runId: string): Promise<RunFacts> {
    const run = await selectOne<RunFacts>(
      this.db,
      `SELECT id, month, status, province_code AS "provinceCode", programmes, commune_codes AS "communeCodes", preparation IS NOT NULL AS prepared
         FROM disbursement.runs WHERE id = $1`,
      [runId],
    );
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  /** Runs that sent money (released or later) for months from..to. */
  releasedRuns(from: string, to: string): Promise<Omit<RunFacts, 'prepared'>[]> {
    return select(
      this.db,
      `SELECT id, month, status, province_code AS "provinceCode", programmes, commune_codes AS "communeCodes"
         FROM disbursement.runs WHERE month BETWEEN $1 AND $2 AND status IN ${RELEASED} ORDER BY month, requested_at`,
      [from, to],
    );
  }

  /** Sent, paid, rejected, returned, not collected and pending, grouped by the dimensions asked for. */
  async outcomes<D extends Dimension>(scope: Scope, dimensions: readonly D[]): Promise<(Record<D, string> & OutcomeFigures)[]> {
    const { where, params } = scoped(scope);
    const keys = dimensions.map((d) => `${DIMENSIONS[d]} AS "${d}"`);
    const rows = await select<Record<string, unknown>>(
      this.db,
      `SELECT ${[...keys, OUTCOME_TALLIES].join(', ')} FROM disbursement.payments p
        WHERE ${where} AND p.status <> 'cancelled'
        ${dimensions.length ? `GROUP BY ${dimensions.map((_, i) => i + 1).join(', ')} ORDER BY ${dimensions.map((_, i) => i + 1).join(', ')}` : ''}`,
      params,
    );
    return rows.map((row) => ({ ...(Object.fromEntries(dimensions.map((d) => [d, String(row[d])])) as Record<D, string>), ...outcomeFigures(row) }));
  }

  /**
   * A run's funding by programme and channel: the payments that will be sent (a payment without a usable
   * destination is rejected at release, never sent: it is counted apart), split by what they pay for.
   */
  async funding(runId: string): Promise<{ rows: FundingRow[]; withoutDestination: Tally }> {
    const rows = await select<FundingRow>(
      this.db,
      `SELECT p.programme, p.channel, count(*)::int AS payments,
              COALESCE(sum(p.amount - o.one_off) FILTER (WHERE p.kind = 'regular'), 0)::text AS regular,
              COALESCE(sum(p.arrears_amount) FILTER (WHERE p.kind = 'regular'), 0)::text AS arrears,
              COALESCE(sum(p.carried_over_amount) FILTER (WHERE p.kind = 'regular'), 0)::text AS "carriedOver",
              COALESCE(sum(o.one_off) FILTER (WHERE p.kind = 'regular'), 0)::text AS "oneOff",
              COALESCE(sum(p.total) FILTER (WHERE p.kind = 'resend'), 0)::text AS resent,
              sum(p.total)::text AS total,
              COALESCE(sum(h.held), 0)::text AS "heldByPostOffice"
         FROM disbursement.payments p
         CROSS JOIN LATERAL (SELECT COALESCE(sum((c->>'amount')::bigint), 0) AS one_off
                               FROM jsonb_array_elements(p.components) c WHERE c->>'kind' = ANY($2::text[])) o
         LEFT JOIN (
           -- Lines re-paying a payment the post office did not pay out and kept — carried over, re-sent (a funeral
           -- support not collected), or owed again by entitlement (unpaid arrears, at most what the kept payment held
           -- for that month) — are paid by the post office from the money it holds (only when this payment goes
           -- through the post office again).
           SELECT l.payment_id, sum(CASE WHEN l.source = 'carry_over' THEN l.amount ELSE LEAST(l.amount, kept.amount) END) AS held
             FROM disbursement.payment_lines l
             JOIN disbursement.payments q ON q.payment_id = l.payment_id AND q.run_id = $1 AND q.channel <> 'bank'
             JOIN disbursement.payments origin ON origin.payment_id = l.origin_ref
             CROSS JOIN LATERAL (SELECT COALESCE(sum(k.amount), 0) AS amount FROM disbursement.payment_lines k
                                  WHERE k.payment_id = origin.payment_id AND k.month = l.month AND k.voided_at IS NULL) kept
            WHERE l.source IN ('carry_over', 'resend', 'unpaid_arrears') AND l.voided_at IS NULL
              AND origin.status = 'not_collected' AND origin.balance_disposition = 'kept'
            GROUP BY l.payment_id) h ON h.payment_id = p.payment_id
        WHERE p.run_id = $1 AND p.status <> 'cancelled' AND p.destination_problem IS NULL
        GROUP BY 1, 2 ORDER BY 1, 2`,
      [runId, ONE_OFF_KINDS],
    );
    const unsendable = await selectOne<Record<string, unknown>>(
      this.db,
      `SELECT ${tally('x')} FROM disbursement.payments p WHERE p.run_id = $1 AND p.status <> 'cancelled' AND p.destination_problem IS NOT NULL`,
      [runId],
    );
    return { rows, withoutDestination: tallyOf(unsendable ?? {}, 'x') };
  }

  /** The post office's lists of a run: its account list and each commune cash point's list, as it reported them. */
  async postOfficeLists(runId: string): Promise<PostOfficeList[]> {
    const rows = await select<Record<string, unknown>>(
      this.db,
      `SELECT p.channel, ${POINT_KEYS}, count(DISTINCT p.batch_id)::int AS lists,
              ${tally('listed')}, ${tally('paid', `p.status IN ${PAID}`)}, ${tally('notCollected', `p.status = 'not_collected'`)},
              ${tally('rejected', `p.status = 'rejected'`)}, ${tally('pending', `p.status IN ${list(COLUMN_STATUSES.pending)}`)},
              ${BALANCES}
         FROM disbursement.payments p
        WHERE p.run_id = $1 AND p.status <> 'cancelled' AND p.batch_id IS NOT NULL AND p.channel IN ('post_office_account', 'post_office_cash')
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      [runId],
    );
    return rows.map((row) => ({
      ...pointOf(row),
      lists: Number(row.lists),
      listed: tallyOf(row, 'listed'),
      paid: tallyOf(row, 'paid'),
      notCollected: tallyOf(row, 'notCollected'),
      rejected: tallyOf(row, 'rejected'),
      pending: tallyOf(row, 'pending'),
      ...balancesOf(row),
    }));
  }

  /**
   * The payments of a run on the lists of one commune cash point, each list in the order it was built (storePayload
   * numbers a list's lines by payment id), the lists in the order they were planned. A cancelled payment was never on one.
   */
  async cashListPayments(runId: string, communeCode: string, cashPointCode: string): Promise<CashListPayment[]> {
    return select<CashListPayment>(
      this.db,
      `SELECT p.batch_id AS "listId", p.payment_id AS "paymentId", p.person_ref AS "beneficiaryCode", p.holder_name AS "fullName",
              p.masked_national_id AS "maskedId", p.address, p.programme, p.amount::text AS amount, p.arrears_amount::text AS arrears,
              p.carried_over_amount::text AS "carriedOver", p.total::text AS total
         FROM disbursement.payments p JOIN disbursement.partner_batches b ON b.batch_id = p.batch_id
        WHERE p.run_id = $1 AND p.channel = 'post_office_cash' AND p.commune_code = $2 AND p.cash_point_code = $3 AND p.status <> 'cancelled'
        ORDER BY b.created_at, p.batch_id, p.payment_id`,
      [runId, communeCode, cashPointCode],
    );
  }

  /** Payments the post office did not pay out, by list and reason (absent, moved away, deceased, refused …). */
  async postOfficeReasons(runId: string): Promise<PostOfficeReason[]> {
    const rows = await select<Record<string, unknown>>(
      this.db,
      `SELECT p.channel, ${POINT_KEYS}, p.status AS outcome, COALESCE(p.reason_code, '') AS reason, ${tally('payments')}, ${BALANCES}
         FROM disbursement.payments p
        WHERE p.run_id = $1 AND p.batch_id IS NOT NULL AND p.status IN ('not_collected', 'rejected')
          AND p.channel IN ('post_office_account', 'post_office_cash')
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
      [runId],
    );
    return rows.map((row) => ({
      ...pointOf(row),
      outcome: row.outcome as PostOfficeReason['outcome'],
      reason: String(row.reason),
      payments: tallyOf(row, 'payments'),
      ...balancesOf(row),
    }));
  }

  /** Whether the post office's settlement reports of a run are final, and when the last one became final. */
  async postOfficeReporting(runId: string): Promise<{ lists: number; final: number; lastFinalAt: Date | null }> {
    const row = await selectOne<{ lists: number; final: number; last_final_at: Date | null }>(
      this.db,
      `SELECT count(*)::int AS lists, count(outcomes_complete_at)::int AS final, max(outcomes_complete_at) AS last_final_at
         FROM disbursement.partner_batches WHERE run_id = $1 AND partner = 'post_office' AND status IN ('ACKNOWLEDGED', 'FINAL')`,
      [runId],
    );
    return { lists: row?.lists ?? 0, final: row?.final ?? 0, lastFinalAt: row?.last_final_at ?? null };
  }

  /** Paid (settled) payments by commune, month and channel, in the released runs of from..to. */
  async paidByChannel(from: string, to: string): Promise<PaidByChannel[]> {
    const { where, params } = scoped({ from, to });
    const rows = await select<Record<string, unknown>>(
      this.db,
      `SELECT p.commune_code, p.month, p.channel, ${tally('paid')}
         FROM disbursement.payments p WHERE ${where} AND p.status IN ${PAID}
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    return rows.map((row) => ({ communeCode: String(row.commune_code), month: String(row.month), channel: row.channel as Channel, paid: tallyOf(row, 'paid') }));
  }

  /** A year month by month and programme by programme, with subtotals (GROUPING SETS): persons are counted once. */
  async annual(year: number): Promise<AnnualRow[]> {
    const { where, params } = scoped({ from: `${year}-01`, to: `${year}-12` });
    const rows = await select<Record<string, unknown>>(
      this.db,
      `SELECT p.month, p.programme,
              count(DISTINCT p.person_ref) FILTER (WHERE p.status IN ${PAID})::int AS beneficiaries,
              ${tally('sent')}, ${tally('paid', `p.status IN ${PAID}`)},
              ${tally('paidToAccounts', `p.status IN ${PAID} AND p.channel IN ${ACCOUNTS}`)},
              COALESCE(sum(p.arrears_amount) FILTER (WHERE p.status IN ${PAID}), 0)::text AS arrears_paid,
              COALESCE(sum(p.carried_over_amount) FILTER (WHERE p.status IN ${PAID}), 0)::text AS carried_over_paid,
              ${tally('unpaid', `p.status IN ${UNPAID}`)}, ${tally('pending', `p.status IN ${list(COLUMN_STATUSES.pending)}`)}
         FROM disbursement.payments p WHERE ${where} AND p.status <> 'cancelled'
        GROUP BY GROUPING SETS ((p.month, p.programme), (p.month), (p.programme), ())
        ORDER BY p.month NULLS LAST, p.programme NULLS LAST`,
      params,
    );
    return rows.map((row) => ({
      month: (row.month as string | null) ?? null,
      programme: (row.programme as Programme | null) ?? null,
      beneficiaries: Number(row.beneficiaries),
      sent: tallyOf(row, 'sent'),
      paid: tallyOf(row, 'paid'),
      paidToAccounts: tallyOf(row, 'paidToAccounts'),
      arrearsPaid: String(row.arrears_paid),
      carriedOverPaid: String(row.carried_over_paid),
      unpaid: tallyOf(row, 'unpaid'),
      pending: tallyOf(row, 'pending'),
    }));
  }

  /**
   * Arrears lines (truy lĩnh) in the released runs of a month, by programme, reason and the month they are owed
   * for, with what their payments became. The reason is in the line's origin_ref "<run month>:<reason>:<n>".
   */
  async arrears(month: string): Promise<ArrearsRow[]> {
    const { where, params } = scoped({ from: month, to: month });
    const rows = await select<Record<string, unknown>>(
      this.db,
      `SELECT l.programme, split_part(l.origin_ref, ':', 2) AS reason, l.month AS for_month,
              count(DISTINCT l.person_ref)::int AS beneficiaries,
              ${tally('lines', undefined, 'l.amount')}, ${tally('paid', `p.status IN ${PAID}`, 'l.amount')},
              ${tally('unpaid', `p.status IN ${UNPAID}`, 'l.amount')}, ${tally('pending', `p.status IN ${list(COLUMN_STATUSES.pending)}`, 'l.amount')}
         FROM disbursement.payment_lines l JOIN disbursement.payments p ON p.payment_id = l.payment_id
        WHERE ${where} AND l.source = 'arrears' AND l.voided_at IS NULL AND p.status <> 'cancelled'
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
      params,
    );
    return rows.map((row) => ({
      programme: row.programme as Programme,
      reason: String(row.reason),
      forMonth: String(row.for_month),
      beneficiaries: Number(row.beneficiaries),
      lines: tallyOf(row, 'lines'),
      paid: tallyOf(row, 'paid'),
      unpaid: tallyOf(row, 'unpaid'),
      pending: tallyOf(row, 'pending'),
    }));
  }
}

/** The account list is one list per run; a cash list is one commune payment point's. */
const POINT_KEYS = `CASE WHEN p.channel = 'post_office_cash' THEN p.commune_code END AS commune_code,
              CASE WHEN p.channel = 'post_office_cash' THEN p.cash_point_code END AS cash_point_code`;

/** What the post office did with money it did not pay out, as its settlement report said (null: not recorded). */
const BALANCES = `COALESCE(sum(p.carried_over_next) FILTER (WHERE p.status = 'not_collected'), 0)::text AS carried_over,
              COALESCE(sum(p.total) FILTER (WHERE p.status IN ('not_collected', 'rejected') AND p.balance_disposition = 'returned'), 0)::text AS balance_returned,
              COALESCE(sum(p.total) FILTER (WHERE p.status IN ('not_collected', 'rejected') AND p.balance_disposition = 'kept'), 0)::text AS balance_kept,
              COALESCE(sum(p.total) FILTER (WHERE p.status IN ('not_collected', 'rejected') AND p.balance_disposition IS NULL), 0)::text AS balance_unrecorded`;

function pointOf(row: Record<string, unknown>) {
  return {
    channel: row.channel as Channel,
    communeCode: (row.commune_code as string | null) ?? null,
    cashPointCode: (row.cash_point_code as string | null) ?? null,
  };
}

function balancesOf(row: Record<string, unknown>) {
  return {
    carriedOver: String(row.carried_over),
    balanceReturned: String(row.balance_returned),
    balanceKept: String(row.balance_kept),
    balanceUnrecorded: String(row.balance_unrecorded),
  };
}

/** The WHERE of a scope on payments `p`: its run (the index on run_id), or the released runs of a month range. */
function scoped(scope: Scope): { where: string; params: unknown[] } {
  if ('runId' in scope) return { where: 'p.run_id = $1', params: [scope.runId] };
  return {
    where: `p.run_id IN (SELECT r.id FROM disbursement.runs r WHERE r.month BETWEEN $1 AND $2 AND r.status IN ${RELEASED})`,
    params: [scope.from, scope.to],
  };
}
