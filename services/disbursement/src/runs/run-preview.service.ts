import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { NotPaid } from '@benefits/contracts';
import { readableProgrammes, type AuthUser } from '@benefits/platform';
import { RunNotFoundError, RunStateError, ScopeForbiddenError } from '../common/errors';
import { withCommuneName, type CommuneName } from '../payments/domain/commune-names';
import { holdsFuneralSupport } from '../payments/funeral';
import { select, selectOne } from '../common/sql';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { isFrozen, RUN_STATUSES } from './domain/run-status';
import { communeRefusal } from './domain/scope';
import type { PreparationNotes } from './run.entity';

export interface CountTotal {
  count: number;
  total: string;
}
export interface Listed<T> {
  count: number;
  sample: T[];
}

export interface RunPreview {
  runId: string;
  month: string;
  status: string;
  totals: CountTotal;
  /** Of the totals, what the release sends: every payment with a destination it can pay to. */
  toBeSent: CountTotal;
  /**
   * Of the totals, what the release holds back, by the problem of its destination (no destination, an account that
   * cannot be read ...): rejected at release with that reason, and re-sendable once the destination is fixed.
   */
  held: (CountTotal & { problem: string })[];
  byProgramme: (CountTotal & { programme: string })[];
  byCommune: (CountTotal & CommuneName & { communeCode: string })[];
  byChannel: (CountTotal & { channel: string })[];
  arrears: CountTotal;
  carriedOver: CountTotal;
  changes: {
    previousRunId: string | null;
    previousMonth: string | null;
    new: Listed<{ personRef: string; programme: string; amount: string }>;
    stopped: Listed<{ personRef: string; programme: string; amount: string }>;
    amountChanged: Listed<{ personRef: string; programme: string; previous: string; current: string }>;
  };
  /** Funeral support of deceased beneficiaries, each paid to the funeral organiser (or in cash to the family). */
  funeralSupport: Listed<FuneralRow> & { total: string };
  /**
   * Persons of the run entitlement could not pay something, per programme and reason, as it declared them
   * (EntitlementCompleted.notPaid): in no payment of this preview. UNPRICED: no rate table for the month (meritorious
   * service from 2026-07 until Decree 321/2026 is entered); INVALID_ITEM; ARREARS_UNPRICED / ARREARS_UNKNOWN: past months.
   */
  notPaidByEntitlement: NotPaid;
  exceptions: {
    missingDestination: Listed<ExceptionRow>;
    invalidAccount: Listed<ExceptionRow>;
    amountAboveThreshold: Listed<ExceptionRow> & { threshold: string };
    sharedAccounts: Listed<{ accountMasked: string; beneficiaries: number; personRefs: string[] }> & { threshold: number };
    alreadyPaid: Listed<{ personRef: string; programme: string }>;
    droppedArrearsLines: number;
  };
}

interface ExceptionRow {
  paymentId: string;
  personRef: string;
  programme: string;
  total: string;
  communeCode: string;
  problem: string | null;
}

interface FuneralRow {
  paymentId: string;
  personRef: string;
  programme: string;
  total: string;
  channel: string;
  /** The funeral organiser, or "Người lo mai táng cho …" for cash collected by the family. */
  payee: string;
  accountMasked: string | null;
  communeCode: string;
  problem: string | null;
}

const MISSING = ['ACCOUNT_MISSING', 'BANK_BIN_MISSING', 'CASH_POINT_MISSING', 'PAYEE_MISSING'];
const INVALID = ['ACCOUNT_INVALID', 'ACCOUNT_UNREADABLE', 'HOLDER_NAME_INVALID'];

/**
 * The preview an approver decides on: counts and totals by programme, commune and channel; who is new, who stopped
 * and whose amount changed since the previous run of the same scope; and the exceptions to look at.
 */
@Injectable()
export class RunPreviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
  ) {}

  /**
   * The run's figures by programme, commune and channel are the run's; the persons listed (samples of exceptions,
   * changes, funeral support, shared accounts, already paid) and their counts are of the programmes the user reads.
   */
  async preview(user: Pick<AuthUser, 'roles' | 'programmes' | 'communeCodes'>, runId: string): Promise<RunPreview> {
    const db = this.dataSource.manager;
    const readable = readableProgrammes(user);
    const run = await selectOne<{
      id: string;
      month: string;
      status: string;
      scope_key: string;
      commune_codes: string[] | null;
      halt_reason: string | null;
      preparation: PreparationNotes | null;
      declared_not_paid: NotPaid | null;
    }>(db, 'SELECT id, month, status, scope_key, commune_codes, halt_reason, preparation, declared_not_paid FROM disbursement.runs WHERE id = $1', [runId]);
    if (!run) throw new RunNotFoundError(runId);
    // The preview lists persons (exceptions, funeral payees, shared accounts): a user limited to communes sees only
    // the runs of their communes, as they may act only on those (scopeRefusal).
    const refusal = communeRefusal(user, { communeCodes: run.commune_codes ?? undefined });
    if (refusal) throw new ScopeForbiddenError(`You may not see this run's preview: ${refusal}`);
    if (!run.preparation) {
      const why = run.status === 'HALTED' ? `it was halted: ${run.halt_reason}` : `it is ${run.status}`;
      throw new RunStateError(`The run has no preview: ${why}`);
    }
    const n = this.config.PREVIEW_SAMPLE_SIZE;
    const active = `p.run_id = $1 AND p.kind = 'regular' AND p.status <> 'cancelled'`;
    const group = (column: string) =>
      select<CountTotal & { key: string }>(
        db,
        `SELECT ${column} AS key, count(*)::int AS count, sum(total)::text AS total FROM disbursement.payments p WHERE ${active} GROUP BY 1 ORDER BY 1`,
        [runId],
      );
    const totals = await selectOne<{ count: number; total: string; arrears_count: number; arrears: string; carried_count: number; carried: string }>(
      db,
      `SELECT count(*)::int AS count, COALESCE(sum(total), 0)::text AS total,
              count(*) FILTER (WHERE arrears_amount > 0)::int AS arrears_count, COALESCE(sum(arrears_amount), 0)::text AS arrears,
              count(*) FILTER (WHERE carried_over_amount > 0)::int AS carried_count, COALESCE(sum(carried_over_amount), 0)::text AS carried
         FROM disbursement.payments p WHERE ${active}`,
      [runId],
    );
    const t = totals ?? { count: 0, total: '0', arrears_count: 0, arrears: '0', carried_count: 0, carried: '0' };
    const byProblem = await group(`COALESCE(p.destination_problem, '')`);
    const sent = byProblem.find((row) => row.key === '');
    return {
      runId,
      month: run.month,
      status: run.status,
      totals: { count: t.count, total: t.total },
      toBeSent: { count: sent?.count ?? 0, total: sent?.total ?? '0' },
      held: byProblem.filter((row) => row.key !== '').map(({ key, ...rest }) => ({ problem: key, ...rest })),
      byProgramme: (await group('programme')).map(({ key, ...rest }) => ({ programme: key, ...rest })),
      byCommune: (await group('commune_code')).map(({ key, ...rest }) => withCommuneName({ communeCode: key, ...rest }, run.month)),
      byChannel: (await group('channel')).map(({ key, ...rest }) => ({ channel: key, ...rest })),
      arrears: { count: t.arrears_count, total: t.arrears },
      carriedOver: { count: t.carried_count, total: t.carried },
      changes: await this.changes(db, run, readable, n),
      funeralSupport: await this.funeralSupport(db, runId, readable, n),
      notPaidByEntitlement: run.declared_not_paid ?? [],
      exceptions: {
        missingDestination: await this.exceptionRows(db, runId, readable, `p.destination_problem = ANY($3)`, [MISSING], n),
        invalidAccount: await this.exceptionRows(db, runId, readable, `p.destination_problem = ANY($3)`, [INVALID], n),
        amountAboveThreshold: {
          threshold: this.config.AMOUNT_THRESHOLD,
          ...(await this.exceptionRows(db, runId, readable, `p.total > $3::bigint`, [this.config.AMOUNT_THRESHOLD], n)),
        },
        sharedAccounts: { threshold: this.config.SHARED_ACCOUNT_THRESHOLD, ...(await this.sharedAccounts(db, runId, readable, n)) },
        alreadyPaid: await this.alreadyPaid(db, runId, readable, run.preparation.alreadyPaid, n),
        droppedArrearsLines: run.preparation.droppedArrearsLines,
      },
    };
  }

  /** `where` may use $3 onwards (`params`); $2 is the programmes read. */
  private async exceptionRows(db: EntityManager, runId: string, readable: readonly string[], where: string, params: unknown[], n: number): Promise<Listed<ExceptionRow>> {
    const rows = await select<ExceptionRow & { n: number }>(
      db,
      `SELECT payment_id AS "paymentId", person_ref AS "personRef", programme, total::text AS total, commune_code AS "communeCode",
              destination_problem AS problem, count(*) OVER ()::int AS n
         FROM disbursement.payments p WHERE p.run_id = $1 AND p.programme = ANY($2::text[]) AND p.status <> 'cancelled' AND ${where}
        ORDER BY p.total DESC, p.payment_id LIMIT ${n}`,
      [runId, readable, ...params],
    );
    return listed(rows);
  }

  private async funeralSupport(db: EntityManager, runId: string, readable: readonly string[], n: number): Promise<RunPreview['funeralSupport']> {
    const where = `p.run_id = $1 AND p.programme = ANY($2::text[]) AND p.kind = 'regular' AND p.status <> 'cancelled' AND ${holdsFuneralSupport('p.components')}`;
    const rows = await select<FuneralRow & { n: number }>(
      db,
      `SELECT payment_id AS "paymentId", person_ref AS "personRef", programme, total::text AS total, channel, holder_name AS payee,
              account_masked AS "accountMasked", commune_code AS "communeCode", destination_problem AS problem, count(*) OVER ()::int AS n
         FROM disbursement.payments p WHERE ${where} ORDER BY p.payment_id LIMIT ${n}`,
      [runId, readable],
    );
    const sum = await selectOne<{ total: string }>(db, `SELECT COALESCE(sum(total), 0)::text AS total FROM disbursement.payments p WHERE ${where}`, [runId, readable]);
    return { ...listed(rows), total: sum?.total ?? '0' };
  }

  private async sharedAccounts(db: EntityManager, runId: string, readable: readonly string[], n: number) {
    const rows = await select<{ accountMasked: string; beneficiaries: number; personRefs: string[]; n: number }>(
      db,
      `SELECT min(account_masked) AS "accountMasked", count(DISTINCT person_ref)::int AS beneficiaries,
              (array_agg(DISTINCT person_ref::text))[1:10] AS "personRefs", count(*) OVER ()::int AS n
         FROM disbursement.payments WHERE run_id = $1 AND programme = ANY($3::text[]) AND status <> 'cancelled' AND account_hash IS NOT NULL
        GROUP BY account_hash HAVING count(DISTINCT person_ref) >= $2
        ORDER BY 2 DESC LIMIT ${n}`,
      [runId, this.config.SHARED_ACCOUNT_THRESHOLD, readable],
    );
    return listed(rows);
  }

  private async alreadyPaid(db: EntityManager, runId: string, readable: readonly string[], count: number, n: number) {
    const sample = await select<{ personRef: string; programme: string }>(
      db,
      `SELECT e.person_ref AS "personRef", e.programme FROM disbursement.run_entitlements e
        WHERE e.run_id = $1 AND e.programme = ANY($2::text[]) AND e.amount > 0
          AND NOT EXISTS (SELECT 1 FROM disbursement.payments p WHERE p.run_id = e.run_id AND p.person_ref = e.person_ref AND p.programme = e.programme)
        ORDER BY 1, 2 LIMIT ${n}`,
      [runId, readable],
    );
    return { count, sample };
  }

  /** New, stopped and changed against the latest earlier run of the same scope that was approved. */
  private async changes(db: EntityManager, run: { id: string; month: string; scope_key: string }, readable: readonly string[], n: number): Promise<RunPreview['changes']> {
    const previous = await selectOne<{ id: string; month: string }>(
      db,
      `SELECT id, month FROM disbursement.runs WHERE scope_key = $1 AND month < $2 AND status = ANY($3::text[])
        ORDER BY month DESC, requested_at DESC LIMIT 1`,
      [run.scope_key, run.month, RUN_STATUSES.filter(isFrozen)],
    );
    if (!previous) {
      const fresh = await select<{ personRef: string; programme: string; amount: string; n: number }>(
        db,
        `SELECT person_ref AS "personRef", programme, components_total::text AS amount, count(*) OVER ()::int AS n
           FROM disbursement.run_entitlements WHERE run_id = $1 AND programme = ANY($2::text[]) AND amount > 0 ORDER BY 1, 2 LIMIT ${n}`,
        [run.id, readable],
      );
      const none = { count: 0, sample: [] };
      return { previousRunId: null, previousMonth: null, new: listed(fresh), stopped: none, amountChanged: none };
    }
    const compare = (where: string, columns: string) =>
      select<{ n: number } & Record<string, string>>(
        db,
        `WITH cur AS (SELECT programme, person_ref, components_total FROM disbursement.run_entitlements WHERE run_id = $1 AND programme = ANY($3::text[]) AND amount > 0),
              prev AS (SELECT programme, person_ref, components_total FROM disbursement.run_entitlements WHERE run_id = $2 AND programme = ANY($3::text[]) AND amount > 0)
         SELECT ${columns}, count(*) OVER ()::int AS n
           FROM cur FULL JOIN prev USING (programme, person_ref) WHERE ${where} ORDER BY 1, 2 LIMIT ${n}`,
        [run.id, previous.id, readable],
      );
    const who = `person_ref AS "personRef", programme`;
    return {
      previousRunId: previous.id,
      previousMonth: previous.month,
      new: listed(await compare('prev.person_ref IS NULL', `${who}, cur.components_total::text AS amount`)),
      stopped: listed(await compare('cur.person_ref IS NULL', `${who}, prev.components_total::text AS amount`)),
      amountChanged: listed(
        await compare(
          'cur.components_total <> prev.components_total',
          `${who}, prev.components_total::text AS previous, cur.components_total::text AS current`,
        ),
      ),
    } as RunPreview['changes'];
  }
}

/** Rows carrying their total count (`count(*) OVER ()`) as `n`: the count, and the rows without it. */
function listed<T extends { n: number }>(rows: T[]): Listed<Omit<T, 'n'>> {
  const sample = rows.map((row) => {
    const copy: Partial<T> = { ...row };
    delete copy.n;
    return copy as Omit<T, 'n'>;
  });
  return { count: rows[0]?.n ?? 0, sample };
}
