import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { createEvent, RunRequested, type RunScope } from '@benefits/contracts';
import { Outbox, OutboxRelay } from '@benefits/messaging';
import { assertFourEyes, AuditTrail, type AuthUser } from '@benefits/platform';
import { PREPARATION_LOCK } from './preparation/run-preparation.service';
import { RunAlreadyOpenError, RunInputsChangedError, RunNotFoundError, RunStateError, ScopeForbiddenError } from '../common/errors';
import { pageKey, pageOf, timeKeySql, UUID_KEY, type Page } from '../common/page';
import { select } from '../common/sql';
import { OUTBOX } from '../common/tokens';
import { SERVICE_NAME } from '../config';
import type { RunStatus } from './domain/run-status';
import { scopeKey, scopeRefusal, scopesOverlap } from './domain/scope';
import { RunEntity, RunStatusChangeEntity } from './run.entity';
import { closeRunUnpaid, transitionRun, UNPAID_ENDS } from './run-transitions';
import { runView, type RunListed, type RunView } from './runs.dto';

const OPEN: readonly RunStatus[] = ['REQUESTED', 'PREVIEW_READY', 'APPROVED', 'RELEASING'];

/** Use cases of a run's lifecycle before release: request, approve (four eyes), reject, cancel; and reading runs. */
@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
    private readonly audit: AuditTrail,
  ) {}

  /** An operator asks for the run of a month: RunRequested goes to eligibility in the same transaction. */
  async create(user: AuthUser, month: string, scope: RunScope, correlationId?: string): Promise<RunEntity> {
    this.assertScope(user, scope);
    const key = scopeKey(scope);
    const run = await this.dataSource.transaction(async (tx) => {
      // No two open runs of a month with overlapping scopes (scopesOverlap says why). The lock is per province and
      // month, the widest a scope goes, so that the check and the insert are atomic against any overlapping request.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`run:${scope.provinceCode}:${month}`]);
      const open = await tx
        .getRepository(RunEntity)
        .createQueryBuilder('run')
        .where('run.province_code = :province AND run.month = :month AND run.status IN (:...open)', { province: scope.provinceCode, month, open: OPEN })
        .orderBy('run.requested_at')
        .getMany();
      const overlapping = open.find((other) => scopesOverlap(scopeOf(other), scope));
      if (overlapping) throw new RunAlreadyOpenError(overlapping.id, scopeKey(scopeOf(overlapping)), overlapping.status);
      const entity = tx.create(RunEntity, {
        id: randomUUID(),
        month,
        provinceCode: scope.provinceCode,
        programmes: [...new Set(scope.programmes)].sort(),
        communeCodes: scope.communeCodes?.length ? [...new Set(scope.communeCodes)].sort() : null,
        scopeKey: key,
        status: 'REQUESTED',
        requestedBy: user.id,
        correlationId: correlationId ?? randomUUID(),
      });
      await tx.insert(RunEntity, entity);
      await tx.insert(RunStatusChangeEntity, { runId: entity.id, fromStatus: null, toStatus: 'REQUESTED', changedBy: user.id, reason: null });
      const closedRunIds = await this.closedUnpaid(tx, scope.provinceCode, month);
      const event = createEvent(
        RunRequested,
        { runId: entity.id, month, scope: scopeOf(entity), requestedBy: user.id, ...(closedRunIds.length > 0 && { closedRunIds }) },
        { correlationId: entity.correlationId, producer: SERVICE_NAME },
      );
      await this.outbox.add(tx, [event]);
      return entity;
    });
    this.relay.notify();
    return this.get(run.id);
  }

  /**
   * The runs of the month closed unpaid so far, named in RunRequested: their RunClosedUnpaid may reach entitlement
   * after this run's snapshot (another topic), and until then what they scheduled would count there as scheduled, owed
   * by nobody. A run that overlaps this one's scope is closed by now (none is open, checked above under the same lock),
   * so its closure is seen here. A run HALTED on entitlement's word is named too: it is halted there already.
   */
  private async closedUnpaid(tx: EntityManager, provinceCode: string, month: string): Promise<string[]> {
    const rows = await select<{ id: string }>(
      tx,
      'SELECT id FROM disbursement.runs WHERE province_code = $1 AND month = $2 AND status = ANY($3::text[]) ORDER BY requested_at, id',
      [provinceCode, month, UNPAID_ENDS],
    );
    return rows.map((row) => row.id);
  }

  /** A second person approves the preview: never the one who requested the run. The list is frozen from here. */
  async approve(user: AuthUser, runId: string): Promise<RunEntity> {
    await this.dataSource.transaction(async (tx) => {
      const run = await this.lock(tx, runId);
      this.assertScope(user, scopeOf(run));
      if (run.status !== 'PREVIEW_READY') throw new RunStateError(`Only a run whose preview is ready can be approved; this one is ${run.status}`);
      assertFourEyes(run.requestedBy, user.id, 'this payment run');
      // Any anomaly before the preview halted the run (readiness.ts): one on record now came after it was prepared.
      const late = await select<{ kind: string; detail: string }>(tx, 'SELECT kind, detail FROM disbursement.run_anomalies WHERE run_id = $1 ORDER BY id', [runId]);
      if (late.length > 0) {
        throw new RunInputsChangedError(
          `Inputs for this run arrived after its preview was prepared (${late[0].kind}: ${late[0].detail}${late.length > 1 ? `, and ${late.length - 1} more` : ''}): the preview may no longer be what entitlement and eligibility say; reject the run and request a new one`,
          { anomalies: late },
        );
      }
      await transitionRun(tx, run, 'APPROVED', user.id);
      await this.audit.record(
        {
          actor: user,
          action: 'run.approve',
          resourceType: 'run',
          resourceId: runId,
          before: { status: 'PREVIEW_READY', requestedBy: run.requestedBy, declaredTotals: run.declaredTotals },
          after: { status: 'APPROVED', approvedBy: user.id },
          correlationId: run.correlationId,
        },
        tx,
      );
    });
    return this.get(runId);
  }

  async reject(user: AuthUser, runId: string, reason: string): Promise<RunEntity> {
    await this.dataSource.transaction(async (tx) => {
      // No run is prepared while this one's lines are freed and the runs that relied on them flagged (run-transitions.ts).
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PREPARATION_LOCK]);
      const run = await this.lock(tx, runId);
      this.assertScope(user, scopeOf(run));
      if (run.status !== 'PREVIEW_READY') throw new RunStateError(`Only a run whose preview is ready can be rejected; this one is ${run.status}`);
      await closeRunUnpaid(tx, this.outbox, run, 'REJECTED', user.id, reason);
    });
    this.relay.notify();
    return this.get(runId);
  }

  /** Before release only: afterwards money may already be moving. */
  async cancel(user: AuthUser, runId: string, reason: string): Promise<RunEntity> {
    await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PREPARATION_LOCK]);
      const run = await this.lock(tx, runId);
      this.assertScope(user, scopeOf(run));
      if (!OPEN.includes(run.status)) throw new RunStateError(`A run that is ${run.status} can no longer be cancelled`);
      await closeRunUnpaid(tx, this.outbox, run, 'CANCELLED', user.id, reason);
    });
    this.relay.notify();
    return this.get(runId);
  }

  async get(runId: string): Promise<RunEntity> {
    const run = await this.dataSource.getRepository(RunEntity).findOneBy({ id: runId });
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  async history(runId: string): Promise<RunStatusChangeEntity[]> {
    return this.dataSource.getRepository(RunStatusChangeEntity).find({ where: { runId }, order: { id: 'ASC' } });
  }

  /**
   * Newest first, in pages: in (requested_at, id) order, which a run keeps whatever happens to it, so none is skipped
   * nor shown twice across pages.
   */
  async list(filter: { month?: string; status?: RunStatus; limit?: number; cursor?: string }): Promise<Page<RunView>> {
    const limit = filter.limit ?? 50;
    const after = pageKey('runs', filter.cursor, UUID_KEY);
    const rows = await select<RunListed & { page_key: string }>(
      this.dataSource.manager,
      `SELECT r.id, r.month, r.province_code AS "provinceCode", r.programmes, r.commune_codes AS "communeCodes", r.status, r.requested_by AS "requestedBy",
              r.requested_at AS "requestedAt", r.status_changed_at AS "statusChangedAt", r.halt_reason AS "haltReason",
              r.declared_chunk_count AS "declaredChunkCount", r.declared_totals AS "declaredTotals", r.entitlement_completed_at AS "entitlementCompletedAt",
              r.preparation, ${timeKeySql('r.requested_at')} AS page_key
         FROM disbursement.runs r
        WHERE ($1::text IS NULL OR r.month = $1) AND ($2::text IS NULL OR r.status = $2)
          AND ($4::timestamptz IS NULL OR (r.requested_at, r.id) < ($4::timestamptz, $5::uuid))
        ORDER BY r.requested_at DESC, r.id DESC LIMIT $3`,
      [filter.month ?? null, filter.status ?? null, limit + 1, after?.at ?? null, after?.id ?? null],
    );
    const page = pageOf('runs', rows, limit, (row) => ({ at: row.page_key, id: row.id }));
    return { ...page, rows: page.rows.map((row) => runView(row)) };
  }

  private async lock(tx: EntityManager, runId: string): Promise<RunEntity> {
    const run = await tx.getRepository(RunEntity).findOne({ where: { id: runId }, lock: { mode: 'pessimistic_write' } });
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  private assertScope(user: AuthUser, scope: RunScope): void {
    const refusal = scopeRefusal(user, scope);
    if (refusal) throw new ScopeForbiddenError(`You may not act on this run: ${refusal}`);
  }
}

export function scopeOf(run: Pick<RunEntity, 'provinceCode' | 'programmes' | 'communeCodes'>): RunScope {
  return { provinceCode: run.provinceCode, programmes: run.programmes, ...(run.communeCodes ? { communeCodes: run.communeCodes } : {}) };
}
