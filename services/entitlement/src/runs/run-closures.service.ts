import { Injectable, Logger } from '@nestjs/common';
import { readPayload, RunClosedUnpaid, RunItemsLeftOut, type EventDefinition } from '@benefits/contracts';
import { PermanentError, type ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import { toldClosure, type UnpaidClosure } from './domain/unpaid-closures';
import { SnapshotRepository, type RunRow } from './snapshot.repository';

/**
 * RunClosedUnpaid: disbursement closed a run before release (cancelled, rejected at the preview, or halted on its
 * control totals), so nothing of it is paid. The run is CANCELLED here, created so if its snapshot has not arrived
 * (the snapshot is then ignored). From then on nothing reads its lines, arrears, exceptions or one-off claims as
 * scheduled (CalculationRepository): the next run of the month owes them again. A page being calculated is the last
 * one: no page of a cancelled run is taken, and the run never completes. A run entitlement halted itself holds
 * nothing and stays HALTED. The snapshot of a run of the month requested after the closure may come first (another
 * topic): its completion names the run, and SnapshotsService applies the closure here (closeUnpaid) before the new
 * run is priced; the RunClosedUnpaid that follows finds it cancelled and changes nothing.
 *
 * RunItemsLeftOut: disbursement prepared a run without some items (the person's month already paid or in flight in
 * another run of the month) that held arrears or one-offs. They are recorded in run_items_left_out, and their arrears
 * lines and one-off claims no longer count as scheduled, so the next run owes them again. RunRequested, on the same
 * topic, is eligibility's.
 */
type LeftOut = typeof RunItemsLeftOut extends EventDefinition<infer P> ? P : never;

@Injectable()
export class RunClosuresService {
  private readonly logger = new Logger(RunClosuresService.name);

  constructor(private readonly repository: SnapshotRepository) {}

  async handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void> {
    for (const event of events) {
      if (event.envelope.type === RunItemsLeftOut.type) {
        await this.leaveOut(tx, readPayload(RunItemsLeftOut, event.envelope));
        continue;
      }
      if (event.envelope.type !== RunClosedUnpaid.type) continue;
      await this.closeUnpaid(tx, [toldClosure(readPayload(RunClosedUnpaid, event.envelope), event.envelope.correlationId)]);
    }
  }

  /**
   * Cancels the runs disbursement closed unpaid, at whatever stage they are here (created cancelled if not seen yet),
   * locked in run order. A run halted or cancelled already stays as it is: a closure told twice (RunClosedUnpaid, and
   * the snapshot of a later run of the month naming it) changes nothing the second time. Returns the runs as they are
   * now, for a caller that holds them in a batch.
   */
  async closeUnpaid(tx: EntityManager, closures: readonly UnpaidClosure[]): Promise<RunRow[]> {
    if (closures.length === 0) return [];
    const runs = await this.repository.lockRuns(tx, closures.map(({ runId, month, correlationId }) => ({ runId, month, correlationId })));
    const closed: RunRow[] = [];
    for (const closure of closures) {
      const run = runs.get(closure.runId);
      if (!run) throw new Error(`Run ${closure.runId} was not created`);
      if (run.month !== closure.month) throw new PermanentError(`Run ${run.run_id} is for ${run.month}, the closure for ${closure.month}`, 'RUN_MONTH_MISMATCH');
      if (run.status === 'HALTED' || run.status === 'CANCELLED') {
        this.logger.log({ runId: run.run_id, status: run.status, closure: closure.reason }, 'run closed in disbursement: already halted or cancelled here');
        closed.push(run);
        continue;
      }
      await this.repository.setStatus(tx, run.run_id, 'CANCELLED', { haltedReason: closure.reason });
      this.logger.log({ runId: run.run_id, month: run.month, was: run.status, closure: closure.reason }, 'run closed unpaid in disbursement: cancelled, what it scheduled is owed again');
      closed.push({ ...run, status: 'CANCELLED' });
    }
    return closed;
  }

  private async leaveOut(tx: EntityManager, leftOut: LeftOut): Promise<void> {
    const taken = await this.repository.leaveOutItems(tx, leftOut.runId, leftOut.items, leftOut.reason);
    this.logger.log({ runId: leftOut.runId, items: leftOut.items.length, ...taken }, 'items left out of the run in disbursement: their arrears and one-offs are owed again');
  }
}
