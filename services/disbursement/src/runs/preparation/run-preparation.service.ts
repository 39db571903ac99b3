import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { createEvent, ITEMS_LEFT_OUT_PER_EVENT, RunItemsLeftOut, type ControlTotals, type Programme } from '@benefits/contracts';
import { Outbox, OutboxRelay, type OutboxEvent } from '@benefits/messaging';
import { select, selectOne } from '../../common/sql';
import { CONFIG, LOGGER, OUTBOX } from '../../common/tokens';
import { SERVICE_NAME, type DisbursementConfig } from '../../config';
import { onlyFuneralSupport } from '../../payments/funeral';
import { SYSTEM } from '../../payments/payment-ledger';
import { decideReadiness, type ReadinessFacts } from '../domain/readiness';
import type { RunStatus } from '../domain/run-status';
import { closeRunUnpaid, transitionRun } from '../run-transitions';
import { buildInstructions } from './instruction-builder';

/** Preparations take turns: the "already paid" checks of one must see the instructions of the other. */
export const PREPARATION_LOCK = 'disbursement:prepare';

interface DueRun {
  id: string;
  month: string;
  status: RunStatus;
  correlation_id: string;
  declared_chunk_count: number;
  declared_totals: ControlTotals;
  destinations_chunk_count: number | null;
  destinations_count: number | null;
  waited_ms: number;
}

/**
 * When a run's entitlements are complete: the control totals; then either HALTED with every reason, or its payment
 * instructions are built and it is PREVIEW_READY. A run still waiting for destinations is looked at again later.
 */
@Injectable()
export class RunPreparationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    @Inject(OUTBOX) private readonly outbox: Outbox,
    private readonly relay: OutboxRelay,
  ) {}

  /**
   * Every run whose entitlements are complete and that is still collecting; returns how many changed status. A run
   * whose preparation fails (rolled back, tried again at the next look) does not stop the runs after it: oldest first,
   * one that fails every time would otherwise keep every later run of any scope REQUESTED for good.
   */
  async prepareDue(): Promise<number> {
    const due = await select<{ id: string }>(
      this.dataSource.manager,
      `SELECT id FROM disbursement.runs WHERE status = 'REQUESTED' AND entitlement_completed_at IS NOT NULL ORDER BY requested_at LIMIT 20`,
    );
    let changed = 0;
    for (const { id } of due) {
      try {
        if ((await this.prepare(id)) !== 'REQUESTED') changed++;
      } catch (error) {
        this.logger.error({ err: error, runId: id }, 'run preparation failed: the run stays REQUESTED and is tried again; the runs after it go on');
      }
    }
    return changed;
  }

  /** Returns the run's status afterwards (REQUESTED when it still waits, or another preparer holds it). */
  async prepare(runId: string): Promise<RunStatus> {
    let tellEntitlement = false;
    const status = await this.dataSource.transaction(async (tx): Promise<RunStatus> => {
      tellEntitlement = false;
      // The lock first, then the run: closing a run (run-transitions.ts) takes them in that order too.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PREPARATION_LOCK]);
      const run = await selectOne<DueRun>(
        tx,
        `SELECT id, month, status, correlation_id, declared_chunk_count, declared_totals, destinations_chunk_count, destinations_count,
                (extract(epoch FROM now() - entitlement_completed_at) * 1000)::float8 AS waited_ms
           FROM disbursement.runs WHERE id = $1 AND status = 'REQUESTED' AND entitlement_completed_at IS NOT NULL
            FOR UPDATE SKIP LOCKED`,
        [runId],
      );
      if (!run) return 'REQUESTED';
      const decision = decideReadiness(await this.facts(tx, run));
      if (decision.kind === 'wait') {
        this.logger.debug({ runId, reason: decision.reason }, 'run waits for its inputs');
        return 'REQUESTED';
      }
      if (decision.kind === 'halt') {
        const reason = decision.reasons.join('; ');
        this.logger.warn({ runId, reason }, 'control totals do not match: run halted');
        await closeRunUnpaid(tx, this.outbox, { id: run.id, status: run.status, month: run.month, correlationId: run.correlation_id }, 'HALTED', SYSTEM, reason);
        tellEntitlement = true;
        return 'HALTED';
      }
      const { notes, leftOut } = await buildInstructions(tx, run.id, run.month);
      await tx.query('UPDATE disbursement.runs SET preparation = $2 WHERE id = $1', [run.id, JSON.stringify(notes)]);
      await this.outbox.add(tx, leftOutEvents(run, leftOut));
      tellEntitlement = leftOut.length > 0;
      await transitionRun(tx, { id: run.id, status: run.status }, 'PREVIEW_READY', SYSTEM);
      this.logger.info({ runId, ...notes, leftOutWithArrearsOrOneOffs: leftOut.length }, 'payment instructions built: preview ready');
      return 'PREVIEW_READY';
    });
    // A halt (closeRunUnpaid) and items left out (RunItemsLeftOut) are told to entitlement: their events wait in the outbox.
    if (tellEntitlement) this.relay.notify();
    return status;
  }

  private async facts(tx: EntityManager, run: DueRun): Promise<ReadinessFacts> {
    const chunks = await select<{ stream: string; chunk_no: number; item_count: number }>(
      tx,
      'SELECT stream, chunk_no, item_count FROM disbursement.run_input_chunks WHERE run_id = $1',
      [run.id],
    );
    const received = await select<{ programme: Programme; count: number; total: string }>(
      tx,
      'SELECT programme, count(*)::int AS count, sum(amount)::text AS total FROM disbursement.run_entitlements WHERE run_id = $1 GROUP BY programme',
      [run.id],
    );
    const anomalies = await select<{ kind: string; detail: string }>(
      tx,
      `SELECT kind, detail FROM disbursement.run_anomalies WHERE run_id = $1 AND kind <> 'LATE_INPUT' ORDER BY id`,
      [run.id],
    );
    const coverage = await selectOne<{ missing: number; funeral_missing: number; destinations: number }>(
      tx,
      `SELECT count(DISTINCT e.person_ref) FILTER (WHERE NOT e.funeral_only)::int AS missing,
              count(DISTINCT e.person_ref) FILTER (WHERE e.funeral_only)::int AS funeral_missing,
              (SELECT count(*)::int FROM disbursement.run_destinations WHERE run_id = $1) AS destinations
         FROM (SELECT e.person_ref, ${onlyFuneralSupport('e.components')} AS funeral_only FROM disbursement.run_entitlements e
                WHERE e.run_id = $1 AND e.amount > 0
                  AND NOT EXISTS (SELECT 1 FROM disbursement.run_destinations d WHERE d.run_id = e.run_id AND d.person_ref = e.person_ref)) e`,
      [run.id],
    );
    const destinationsDeclared =
      run.destinations_chunk_count === null ? undefined : { chunkCount: run.destinations_chunk_count, count: run.destinations_count ?? 0 };
    return {
      declaredChunkCount: run.declared_chunk_count,
      declaredTotals: run.declared_totals,
      entitlementChunks: chunks.filter((c) => c.stream === 'entitlements').map((c) => c.chunk_no),
      received: new Map(received.map((r) => [r.programme, { count: r.count, total: BigInt(r.total) }])),
      anomalies,
      payableWithoutDestination: coverage?.missing ?? 0,
      funeralWithoutDestination: coverage?.funeral_missing ?? 0,
      destinationsDeclared,
      destinationChunks: chunks.filter((c) => c.stream === 'destinations').map((c) => c.chunk_no),
      destinationCount: coverage?.destinations ?? 0,
      waitedMs: run.waited_ms,
      graceMs: this.config.DESTINATIONS_GRACE_MS,
    };
  }
}

/** The items left out that held arrears or one-offs, told to entitlement in events of ITEMS_LEFT_OUT_PER_EVENT at most. */
function leftOutEvents(run: Pick<DueRun, 'id' | 'month' | 'correlation_id'>, leftOut: readonly { personRef: string; programme: Programme }[]): OutboxEvent[] {
  const events: OutboxEvent[] = [];
  for (let start = 0; start < leftOut.length; start += ITEMS_LEFT_OUT_PER_EVENT) {
    const items = leftOut.slice(start, start + ITEMS_LEFT_OUT_PER_EVENT);
    events.push(createEvent(RunItemsLeftOut, { runId: run.id, month: run.month, reason: 'ALREADY_PAID' as const, items }, { correlationId: run.correlation_id, producer: SERVICE_NAME }));
  }
  return events;
}
