import { Injectable, Logger } from '@nestjs/common';
import {
  EligibilitySnapshotChunk,
  EligibilitySnapshotCompleted,
  EntitlementRunHalted,
  InvalidEventError,
  createEvent,
  readPayload,
  type EligibleItem,
  type Envelope,
  type EventDefinition,
} from '@benefits/contracts';
import { Outbox, PermanentError, type ConsumedEvent } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';
import { InjectConfig } from '../common/messaging.module';
import { SERVICE_NAME, type EntitlementConfig } from '../config';
import { RateBookStore } from '../rate-tables/rate-book.store';
import { namedClosures } from './domain/unpaid-closures';
import { verifySnapshot } from './domain/verify-snapshot';
import { recordSnapshotCommunes } from './person-communes';
import { RunClosuresService } from './run-closures.service';
import { SnapshotRepository, type DeclaredTotals, type RunRow } from './snapshot.repository';

type PayloadOf<D> = D extends EventDefinition<infer P> ? P : never;
type ChunkPayload = PayloadOf<typeof EligibilitySnapshotChunk>;
type CompletedPayload = PayloadOf<typeof EligibilitySnapshotCompleted>;
type SnapshotEvent = { kind: 'chunk'; envelope: Envelope; payload: ChunkPayload } | { kind: 'completed'; envelope: Envelope; payload: CompletedPayload };

/**
 * Receives a run's eligibility snapshot. Chunks are staged (set-based) as they come, whatever the order of persons
 * in them; on EligibilitySnapshotCompleted the chunks, the item counts per programme and the checksum are checked
 * against what was declared: a match hands the run to the calculation, a mismatch halts it and says so
 * (EntitlementRunHalted). Nothing of a run is published before its snapshot is verified. The completion names the
 * runs of the month disbursement closed unpaid before the run was requested: their closures are applied first, as
 * RunClosedUnpaid would (another topic, maybe not consumed yet), so that what they scheduled is not counted as
 * scheduled when this run is priced.
 */
@Injectable()
export class SnapshotsService {
  private readonly logger = new Logger(SnapshotsService.name);

  constructor(
    private readonly repository: SnapshotRepository,
    private readonly closures: RunClosuresService,
    private readonly outbox: Outbox,
    private readonly books: RateBookStore,
    @InjectConfig() private readonly config: EntitlementConfig,
  ) {}

  async handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void> {
    const parsed = events.map((event) => parse(event.envelope));
    const runs = await this.repository.lockRuns(
      tx,
      [...new Map(parsed.map((e) => [e.payload.runId, { runId: e.payload.runId, month: e.payload.month, correlationId: e.envelope.correlationId }])).values()],
    );
    const staged: Parameters<SnapshotRepository['stageItems']>[1][number][] = [];
    for (const event of parsed) {
      const run = runs.get(event.payload.runId);
      if (!run) throw new Error(`Run ${event.payload.runId} was not created`);
      if (run.month !== event.payload.month) throw new PermanentError(`Run ${run.run_id} is for ${run.month}, the event for ${event.payload.month}`, 'SNAPSHOT_MONTH_MISMATCH');
      if (event.kind === 'chunk') staged.push(...(await this.chunk(tx, run, event.envelope, event.payload)));
      else {
        await this.repository.stageItems(tx, staged.splice(0));
        // The closures first (a closed run's items staged above go with it); a closed run whose events are in this
        // batch too is held here as it is now, so that its later chunks are ignored.
        for (const closed of await this.closures.closeUnpaid(tx, namedClosures(event.payload, event.envelope.correlationId))) {
          if (runs.has(closed.run_id)) runs.set(closed.run_id, closed);
        }
        runs.set(run.run_id, await this.complete(tx, run, event.envelope, event.payload));
      }
    }
    await this.repository.stageItems(tx, staged);
  }

  private async chunk(tx: EntityManager, run: RunRow, envelope: Envelope, payload: ChunkPayload) {
    if (run.status === 'HALTED' || run.status === 'CANCELLED') {
      this.logger.warn({ runId: run.run_id, chunkNo: payload.chunkNo, status: run.status }, 'chunk of a halted or cancelled run ignored');
      return [];
    }
    if (run.status !== 'RECEIVING') {
      throw new PermanentError(`Chunk ${payload.chunkNo} of run ${run.run_id} arrived after its snapshot was completed`, 'LATE_CHUNK');
    }
    if (!(await this.repository.addChunk(tx, run.run_id, payload.chunkNo, envelope.eventId, payload.items.length))) {
      throw new PermanentError(`Chunk ${payload.chunkNo} of run ${run.run_id} was already received under another event id`, 'DUPLICATE_CHUNK');
    }
    return payload.items.map((item: EligibleItem, itemNo: number) => ({ runId: run.run_id, chunkNo: payload.chunkNo, itemNo, item }));
  }

  private async complete(tx: EntityManager, run: RunRow, envelope: Envelope, payload: CompletedPayload): Promise<RunRow> {
    if (run.status !== 'RECEIVING') {
      this.logger.warn({ runId: run.run_id, status: run.status }, 'snapshot completion for a run already completed, halted or cancelled; ignored');
      return run;
    }
    const declared: DeclaredTotals = {
      chunkCount: payload.chunkCount,
      countsByProgramme: payload.countsByProgramme,
      checksum: payload.checksum,
      eventId: envelope.eventId,
      ...(payload.communeCodes && { communeCodes: payload.communeCodes }),
    };
    const received = await this.repository.received(tx, run.run_id);
    const differences = verifySnapshot(declared, received);
    if (differences.length > 0) {
      const reason = `eligibility snapshot does not match its declaration: ${differences.join('; ')}`;
      await this.repository.setStatus(tx, run.run_id, 'HALTED', { declared, received, haltedReason: reason });
      const context = { correlationId: envelope.correlationId, causationId: envelope.eventId, producer: SERVICE_NAME };
      await this.outbox.add(tx, [createEvent(EntitlementRunHalted, { runId: run.run_id, reason }, context)]);
      this.logger.error({ runId: run.run_id, differences }, 'run halted: snapshot does not match its declaration');
      return { ...run, status: 'HALTED' };
    }
    await this.books.refresh(tx);
    await this.repository.setStatus(tx, run.run_id, 'CALCULATING', { declared, received, bookWatermark: this.books.watermark() });
    await this.repository.refreshStatistics(tx);
    await this.repository.createPages(tx, run.run_id, this.config.CALCULATION_BATCH_PERSONS);
    // Where its persons are paid, for the reads of tokens limited to communes (the staged items go once it completes).
    await recordSnapshotCommunes(tx, run.run_id, run.month);
    return { ...run, status: 'CALCULATING' };
  }
}

function parse(envelope: Envelope): SnapshotEvent {
  if (envelope.type === EligibilitySnapshotChunk.type) return { kind: 'chunk', envelope, payload: readPayload(EligibilitySnapshotChunk, envelope) };
  if (envelope.type === EligibilitySnapshotCompleted.type) return { kind: 'completed', envelope, payload: readPayload(EligibilitySnapshotCompleted, envelope) };
  throw new InvalidEventError(`Unexpected ${envelope.type} on the snapshot topic`);
}
