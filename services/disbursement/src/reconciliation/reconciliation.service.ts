import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxRelay } from '@benefits/messaging';
import { assertFourEyes, type AuthUser } from '@benefits/platform';
import type { Channel, Programme } from '@benefits/contracts';
import type { PartnerOutcome } from '../channels/channel-adapter';
import { debitedDepartment, payingAccount, payingAccounts } from '../channels/domain/paying-account';
import { vietnamDate } from '@benefits/iso20022';
import { RunNotFoundError } from '../common/errors';
import { select, selectOne } from '../common/sql';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { OutcomeRecorder } from '../outcomes/outcome-recorder';
import type { PaymentStatus } from '../payments/domain/payment-status';
import { isReleased, type RunStatus } from '../runs/domain/run-status';
import { OF_RUN } from './exceptions.service';
import { classifyPayment, EXPLAINED, type Classification, type DueFacts, type EvidenceLine, type PaymentEvidence, type ReconClass } from './domain/classify';
import { statementOutcomes } from './domain/returns';
import { daysUncovered, type DayRange } from './domain/balance-chain';
import type { Coverage, LineKind } from './domain/statement-file';
import {
  ReconciliationChangedError,
  ReconciliationIncompleteError,
  ReconciliationStateError,
  RunNotReleasedError,
} from './reconciliation.errors';

interface EvidenceRow {
  payment_id: string;
  channel: Channel;
  programme: Programme;
  status: PaymentStatus;
  total: string;
  month: string;
  outcome_on: string | null;
  batch_id: string | null;
  /** The bank batch's group key, which says the account it was debited from (null: not in a bank batch). */
  bank_group_key: string | null;
  lines: { id: string; kind: LineKind; amount: string | null; bookingDate: string | null; reason: string | null; ref: string }[];
}

interface Classified {
  readonly row: EvidenceRow;
  readonly evidence: PaymentEvidence;
  readonly result: Classification;
}

export interface CountAndAmount {
  count: number;
  amount: string;
}

export interface RunReconciliationView {
  runId: string;
  month: string;
  runStatus: RunStatus;
  /** open: not prepared yet (or prepared and then changed); prepared: waiting for a second person; signed_off. */
  status: 'open' | 'prepared' | 'signed_off';
  preparedBy: string | null;
  preparedAt: Date | null;
  signedOffBy: string | null;
  signedOffAt: Date | null;
  /** Prepared or signed off, and the figures moved since (a statement imported, an exception reopened). */
  changedSincePrepared: boolean;
  payments: CountAndAmount;
  byClass: Partial<Record<ReconClass | 'not_reconciled', CountAndAmount>>;
  byChannel: { channel: Channel; recon: ReconClass | 'not_reconciled'; count: number; amount: string }[];
  exceptions: { open: number; assigned: number; resolved: number; byKind: Record<string, number> };
  /** Payments neither explained by their class nor by a resolved exception (awaiting included). */
  unexplained: number;
  /** Everything matched or explained: finance can prepare the sign-off. */
  ready: boolean;
  /** The files with lines of this run; `problems`: figures that did not add up inside a file (its balances …). */
  statements: { fileId: string; kind: string; messageId: string; importedAt: Date; problems: string[] }[];
  fingerprint: string;
}

const PAGE = 5000;

/**
 * A run's reconciliation: every payment classified against the statement lines matched to it (classify.ts holds
 * the rules), an exception for each one that needs a person, exceptions cleared when a later statement explains
 * them, returns found on a statement recorded as outcomes, and the four-eyes sign-off by finance.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    private readonly recorder: OutcomeRecorder,
    private readonly notifications: NotificationDispatcher,
    private readonly relay: OutboxRelay,
  ) {}

  /** Classifies every payment of the run again (idempotent), in one transaction, one run at a time. */
  async reconcileRun(runId: string): Promise<void> {
    const run = await this.loadRun(this.dataSource.manager, runId);
    if (!isReleased(run.status)) throw new RunNotReleasedError(runId, run.status);
    const returned = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`reconcile:${runId}`]);
      const facts = await this.dueFacts(tx);
      const outcomes: PartnerOutcome[] = [];
      let after = '';
      for (;;) {
        const rows = await this.evidence(tx, runId, after);
        if (rows.length === 0) break;
        const classified = rows.map((row) => {
          const evidence = toEvidence(row);
          const bank = facts.bankStatements.get(payingAccount(this.config, debitedDepartment(row.programme, row.bank_group_key)).account);
          const due: DueFacts = {
            today: facts.today,
            graceDays: facts.graceDays,
            bankStatementThrough: bank?.through ?? null,
            bankDaysUncovered: bank?.uncovered ?? [],
            batchReportFinal: facts.finalBatches.has(row.batch_id ?? ''),
          };
          return { row, evidence, result: classifyPayment(evidence, due) };
        });
        await this.saveClasses(tx, runId, classified);
        await this.raiseExceptions(tx, runId, classified);
        outcomes.push(...classified.flatMap((c) => statementOutcomes(c.evidence, facts.today)));
        after = rows[rows.length - 1].payment_id;
      }
      await this.clearExplained(tx, runId);
      // A return found on a statement (after the outcome poller stopped watching, or never seen by it): an outcome all the same.
      return this.recorder.record(tx, outcomes, null);
    });
    if (returned.applied.length > 0) {
      this.relay.notify();
      await this.notifications.flush(returned.notificationIds);
    }
  }

  /** Runs with payments whose statement is not in yet: a new statement may explain them or make them overdue. */
  async runsAwaitingStatements(): Promise<string[]> {
    const rows = await select<{ run_id: string }>(this.dataSource.manager, `SELECT DISTINCT run_id FROM disbursement.payment_reconciliations WHERE recon = 'awaiting'`);
    return rows.map((r) => r.run_id);
  }

  async view(runId: string): Promise<RunReconciliationView> {
    const sql = this.dataSource.manager;
    const run = await this.loadRun(sql, runId);
    const rows = await select<{ channel: Channel; recon: ReconClass | null; n: number; amount: string }>(
      sql,
      `SELECT p.channel, r.recon, count(*)::int AS n, sum(p.total)::text AS amount
         FROM disbursement.payments p LEFT JOIN disbursement.payment_reconciliations r ON r.payment_id = p.payment_id
        WHERE p.run_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [runId],
    );
    const byChannel = rows.map((r) => ({ channel: r.channel, recon: r.recon ?? ('not_reconciled' as const), count: r.n, amount: r.amount }));
    const byClass: RunReconciliationView['byClass'] = {};
    const payments = { count: 0, amount: 0n };
    for (const r of byChannel) {
      const into = (byClass[r.recon] ??= { count: 0, amount: '0' });
      into.count += r.count;
      into.amount = (BigInt(into.amount) + BigInt(r.amount)).toString();
      payments.count += r.count;
      payments.amount += BigInt(r.amount);
    }
    const exceptionRows = await select<{ id: string; kind: string; status: string; resolution: string | null }>(
      sql,
      `SELECT e.id, e.kind, e.status, e.resolution FROM disbursement.recon_exceptions e WHERE ${OF_RUN} ORDER BY e.id`,
      [runId],
    );
    const exceptions = { open: 0, assigned: 0, resolved: 0, byKind: {} as Record<string, number> };
    for (const e of exceptionRows) {
      exceptions[e.status as 'open' | 'assigned' | 'resolved'] += 1;
      if (e.status !== 'resolved') exceptions.byKind[e.kind] = (exceptions.byKind[e.kind] ?? 0) + 1;
    }
    const unexplained = await selectOne<{ n: number }>(
      sql,
      `SELECT count(*)::int AS n FROM disbursement.payment_reconciliations r
        WHERE r.run_id = $1 AND r.recon <> ALL($2::text[])
          AND NOT EXISTS (SELECT 1 FROM disbursement.recon_exceptions e WHERE e.payment_id = r.payment_id AND e.kind = r.recon AND e.status = 'resolved')`,
      [runId, EXPLAINED],
    );
    const statements = await select<{ id: string; kind: string; message_id: string; imported_at: Date; problems: string[] }>(
      sql,
      `SELECT f.id, f.kind, f.message_id, f.imported_at, f.problems FROM disbursement.statement_files f
        WHERE EXISTS (SELECT 1 FROM disbursement.statement_lines l JOIN disbursement.payments p ON p.payment_id = l.payment_id WHERE l.file_id = f.id AND p.run_id = $1)
        ORDER BY f.imported_at`,
      [runId],
    );
    const fingerprint = createHash('sha256').update(JSON.stringify({ byChannel, exceptionRows })).digest('hex');
    const signOff = await selectOne<{ status: 'prepared' | 'signed_off'; fingerprint: string; prepared_by: string; prepared_at: Date; signed_off_by: string | null; signed_off_at: Date | null }>(
      sql,
      'SELECT status, fingerprint, prepared_by, prepared_at, signed_off_by, signed_off_at FROM disbursement.run_reconciliations WHERE run_id = $1',
      [runId],
    );
    const changed = signOff !== undefined && signOff.fingerprint !== fingerprint;
    const notReconciled = byClass.not_reconciled?.count ?? 0;
    return {
      runId,
      month: run.month,
      runStatus: run.status,
      status: signOff === undefined || (changed && signOff.status === 'prepared') ? 'open' : signOff.status,
      preparedBy: signOff?.prepared_by ?? null,
      preparedAt: signOff?.prepared_at ?? null,
      signedOffBy: signOff?.signed_off_by ?? null,
      signedOffAt: signOff?.signed_off_at ?? null,
      changedSincePrepared: changed,
      payments: { count: payments.count, amount: payments.amount.toString() },
      byClass,
      byChannel,
      exceptions,
      unexplained: unexplained?.n ?? 0,
      ready: isReleased(run.status) && payments.count > 0 && notReconciled === 0 && (unexplained?.n ?? 0) === 0 && exceptions.open + exceptions.assigned === 0,
      statements: statements.map((s) => ({ fileId: s.id, kind: s.kind, messageId: s.message_id, importedAt: s.imported_at, problems: s.problems })),
      fingerprint,
    };
  }

  /** Finance prepares the sign-off once everything is matched or explained; another person signs it. */
  async prepare(runId: string, user: AuthUser): Promise<RunReconciliationView> {
    await this.reconcileRun(runId);
    const view = await this.view(runId);
    if (view.status === 'signed_off') throw new ReconciliationStateError(`The reconciliation of run ${runId} is already signed off by ${view.signedOffBy}`);
    if (!view.ready) {
      throw new ReconciliationIncompleteError(
        `Run ${runId} cannot be signed off yet: ${view.unexplained} payments unexplained (awaiting a statement or an exception), ` +
          `${view.exceptions.open + view.exceptions.assigned} exceptions open`,
        { unexplained: view.unexplained, awaiting: view.byClass.awaiting?.count ?? 0, openExceptions: view.exceptions.open + view.exceptions.assigned },
      );
    }
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO disbursement.run_reconciliations (run_id, status, fingerprint, summary, prepared_by, prepared_at)
         VALUES ($1, 'prepared', $2, $3, $4, now())
         ON CONFLICT (run_id) DO UPDATE SET status = 'prepared', fingerprint = $2, summary = $3, prepared_by = $4, prepared_at = now()
          WHERE run_reconciliations.status = 'prepared'`,
        [runId, view.fingerprint, JSON.stringify(summaryOf(view)), user.id],
      );
      await tx.query(`INSERT INTO disbursement.run_reconciliation_changes (run_id, action, actor, fingerprint) VALUES ($1, 'prepared', $2, $3)`, [runId, user.id, view.fingerprint]);
    });
    return this.view(runId);
  }

  /** Four eyes: never the person who prepared it, and only the figures that were prepared. */
  async signOff(runId: string, user: AuthUser): Promise<RunReconciliationView> {
    await this.reconcileRun(runId);
    const view = await this.view(runId);
    await this.dataSource.transaction(async (tx) => {
      const prepared = await selectOne<{ status: string; fingerprint: string; prepared_by: string }>(
        tx,
        'SELECT status, fingerprint, prepared_by FROM disbursement.run_reconciliations WHERE run_id = $1 FOR UPDATE',
        [runId],
      );
      if (!prepared) throw new ReconciliationStateError(`The reconciliation of run ${runId} was not prepared: finance prepares it first`);
      if (prepared.status === 'signed_off') throw new ReconciliationStateError(`The reconciliation of run ${runId} is already signed off`);
      assertFourEyes(prepared.prepared_by, user.id, 'this reconciliation');
      if (prepared.fingerprint !== view.fingerprint) throw new ReconciliationChangedError();
      await tx.query(`UPDATE disbursement.run_reconciliations SET status = 'signed_off', signed_off_by = $2, signed_off_at = now() WHERE run_id = $1`, [runId, user.id]);
      await tx.query(`INSERT INTO disbursement.run_reconciliation_changes (run_id, action, actor, fingerprint) VALUES ($1, 'signed_off', $2, $3)`, [runId, user.id, view.fingerprint]);
    });
    return this.view(runId);
  }

  private async loadRun(sql: EntityManager, runId: string): Promise<{ status: RunStatus; month: string }> {
    const run = await selectOne<{ status: RunStatus; month: string }>(sql, 'SELECT status, month FROM disbursement.runs WHERE id = $1', [runId]);
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  /**
   * What makes a payment's missing evidence overdue: per paying account, the latest bank statement imported, and the
   * days before it whose statement may be missing (the balances do not chain across them), which it does not cover.
   */
  private async dueFacts(
    tx: EntityManager,
  ): Promise<Pick<DueFacts, 'today' | 'graceDays'> & { bankStatements: Map<string, { through: string; uncovered: DayRange[] }>; finalBatches: Set<string> }> {
    // In the order imported: a day fetched again is the statement imported last (balance-chain.ts).
    const statements = await select<{ c: Coverage }>(
      tx,
      `SELECT x.c FROM disbursement.statement_files f, jsonb_array_elements(f.coverage) WITH ORDINALITY AS x(c, n)
        WHERE x.c->>'source' = 'bank' AND x.c->>'account' = ANY($1::text[]) ORDER BY f.imported_at, f.id, x.n`,
      [payingAccounts(this.config)],
    );
    const bankStatements = new Map<string, { through: string; uncovered: DayRange[] }>();
    for (const account of new Set(statements.map((s) => s.c.account))) {
      const through = statements.filter((s) => s.c.account === account).map((s) => s.c.date).sort().at(-1) as string;
      bankStatements.set(account, { through, uncovered: daysUncovered(statements.map((s) => s.c), account) });
    }
    const final = await select<{ batch_id: string }>(
      tx,
      `SELECT DISTINCT c->>'account' AS batch_id FROM disbursement.statement_files f, jsonb_array_elements(f.coverage) c
        WHERE c->>'source' = 'post_office' AND (c->>'final')::boolean`,
    );
    return {
      today: vietnamDate(new Date()),
      graceDays: this.config.RECON_GRACE_DAYS,
      bankStatements,
      finalBatches: new Set(final.map((f) => f.batch_id)),
    };
  }

  private evidence(tx: EntityManager, runId: string, after: string): Promise<EvidenceRow[]> {
    return select<EvidenceRow>(
      tx,
      `SELECT p.payment_id, p.channel, p.programme, p.status, p.total::text AS total, p.month, p.outcome_on, p.batch_id,
              (SELECT b.group_key FROM disbursement.partner_batches b WHERE b.batch_id = p.batch_id AND b.channel = 'bank') AS bank_group_key,
              coalesce(json_agg(json_build_object('id', l.id::text, 'kind', l.kind, 'amount', l.amount::text, 'bookingDate', l.booking_date, 'reason', l.reason, 'ref', l.booking_ref)
                                ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL), '[]') AS lines
         FROM disbursement.payments p LEFT JOIN disbursement.statement_lines l ON l.payment_id = p.payment_id
        WHERE p.run_id = $1 AND p.payment_id > $2
        GROUP BY p.payment_id ORDER BY p.payment_id LIMIT ${PAGE}`,
      [runId, after],
    );
  }

  private async saveClasses(tx: EntityManager, runId: string, classified: readonly Classified[]): Promise<void> {
    await tx.query(
      `INSERT INTO disbursement.payment_reconciliations (payment_id, run_id, recon, reason, updated_at)
       SELECT p, $1, c, r, now() FROM unnest($2::text[], $3::text[], $4::text[]) AS x(p, c, r)
       ON CONFLICT (payment_id) DO UPDATE SET recon = EXCLUDED.recon, reason = EXCLUDED.reason, updated_at = now()
        WHERE payment_reconciliations.recon IS DISTINCT FROM EXCLUDED.recon OR payment_reconciliations.reason IS DISTINCT FROM EXCLUDED.reason`,
      [runId, classified.map((c) => c.row.payment_id), classified.map((c) => c.result.recon), classified.map((c) => c.result.reason ?? null)],
    );
  }

  private async raiseExceptions(tx: EntityManager, runId: string, classified: readonly Classified[]): Promise<void> {
    const found = classified.flatMap((c) => (c.result.exception ? [{ paymentId: c.row.payment_id, total: c.row.total, exception: c.result.exception }] : []));
    if (found.length === 0) return;
    const raised = await select<{ id: string }>(
      tx,
      `INSERT INTO disbursement.recon_exceptions (id, run_id, kind, payment_id, line_id, expected_amount, reported_amount, detail, status)
       SELECT gen_random_uuid(), $1, k, p, l, e, r, d, 'open'
         FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::text[]) AS x(k, p, l, e, r, d)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        runId,
        found.map((f) => f.exception.kind),
        found.map((f) => f.paymentId),
        found.map((f) => f.exception.lineId),
        found.map((f) => f.total),
        found.map((f) => f.exception.reported?.toString() ?? null),
        found.map((f) => f.exception.detail),
      ],
    );
    if (raised.length === 0) return;
    await tx.query(
      `INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note) SELECT id, 'raised', 'system', NULL FROM unnest($1::uuid[]) AS x(id)`,
      [raised.map((r) => r.id)],
    );
  }

  /** An exception whose payment is now classed otherwise (the missing debit arrived) is cleared, with a note. */
  private async clearExplained(tx: EntityManager, runId: string): Promise<void> {
    const cleared = await select<{ id: string; recon: string }>(
      tx,
      `WITH cleared AS (
         UPDATE disbursement.recon_exceptions e
            SET status = 'resolved', resolution = 'cleared by a later statement: the payment is now ' || r.recon, resolved_by = 'system', resolved_at = now()
           FROM disbursement.payment_reconciliations r
          WHERE e.run_id = $1 AND e.payment_id = r.payment_id AND e.status <> 'resolved' AND e.kind <> r.recon
            -- A partner's settlement of a payment it rejected (outcome-recorder.ts, no statement line) is no class a
            -- statement can explain: only finance resolves it (a re-send waits for that).
            AND NOT (e.kind = 'outcome_mismatch' AND e.line_id IS NULL)
         RETURNING e.id, r.recon)
       SELECT id, recon FROM cleared`,
      [runId],
    );
    if (cleared.length === 0) return;
    await tx.query(
      `INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note)
       SELECT id, 'cleared', 'system', 'the payment is now ' || recon FROM unnest($1::uuid[], $2::text[]) AS x(id, recon)`,
      [cleared.map((c) => c.id), cleared.map((c) => c.recon)],
    );
  }
}

function toEvidence(row: EvidenceRow): PaymentEvidence {
  return {
    paymentId: row.payment_id,
    channel: row.channel,
    status: row.status,
    total: BigInt(row.total),
    month: row.month,
    outcomeOn: row.outcome_on,
    lines: row.lines.map((l): EvidenceLine => ({ id: l.id, kind: l.kind, amount: l.amount === null ? null : BigInt(l.amount), bookingDate: l.bookingDate, reason: l.reason, ref: l.ref })),
  };
}

function summaryOf(view: RunReconciliationView) {
  return { payments: view.payments, byClass: view.byClass, exceptions: view.exceptions, statements: view.statements.map((s) => s.fileId) };
}
