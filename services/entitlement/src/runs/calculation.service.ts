import { Injectable, Logger } from '@nestjs/common';
import { EntitlementChunk, EntitlementCompleted, EntitlementRunHalted, PROGRAMMES, createEvent, type EventContext } from '@benefits/contracts';
import { Outbox, isTransientError } from '@benefits/messaging';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { InjectConfig } from '../common/messaging.module';
import { SERVICE_NAME, type EntitlementConfig } from '../config';
import type { EntitlementItem, Programme, RateBook } from '../domain';
import { RateBookStore } from '../rate-tables/rate-book.store';
import { latestEntries } from './domain/arrears-history';
import { calculateBatch, monthsToExamine, type BatchResult } from './domain/calculate-batch';
import { CachedCalculator, inputsKey } from './domain/calculator';
import { controlTotals, type OneOffDue } from './domain/run-items';
import { toPersonInputs, type PersonInput } from './domain/snapshot-input';
import { CalculationRepository, type PageRow } from './calculation.repository';
import { RunOutputRepository, type CalculationRow, type LineRow } from './run-output.repository';
import { SnapshotRepository, type RunRow } from './snapshot.repository';

export type BatchOutcome = 'idle' | 'batch' | 'completed';

interface RunFacts {
  readonly runId: string;
  readonly backdated: readonly { month: string; latestEntry: string }[];
  /**
   * Whether a one-off waited when the run's first batch here looked (one query per run, not per page). One recorded
   * later is not looked for by the pages: finish pays it, or the next run if its person already has a line of its
   * programme in this run (claimOneOffs).
   */
  readonly oneOffsPending: boolean;
}

/**
 * Calculates a verified run, one page of persons per transaction, several pages at a time: price each person for the
 * month (cached per distinct inputs), add the arrears and recoveries of the past months that need it and the
 * one-offs due, store the lines and publish the page's EntitlementChunk (numbered as the page, even when empty, so
 * the numbers are dense without a counter to lock) through the outbox. When every page is done,
 * EntitlementCompleted with the control totals. A crash leaves its page undone: it is simply claimed again.
 */
@Injectable()
export class CalculationService {
  private readonly logger = new Logger(CalculationService.name);
  private readonly calculator = new CachedCalculator();
  /** Calculation ids committed for the current run: identical inputs are stored once. */
  private stored = { runId: '', ids: new Set<string>() };
  private facts: RunFacts | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly calculations: CalculationRepository,
    private readonly output: RunOutputRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly outbox: Outbox,
    private readonly books: RateBookStore,
    @InjectConfig() private readonly config: EntitlementConfig,
  ) {}

  async processNextBatch(): Promise<BatchOutcome> {
    const writing = new Set<string>();
    let working: RunRow | undefined;
    const outcome = await this.dataSource
      .transaction(async (tx) => {
        const page = await this.calculations.claimPage(tx);
        if (page) {
          working = page;
          const book = await this.books.asOf(watermarkOf(page));
          await this.batch(tx, page, book, toPersonInputs(await this.calculations.pageItems(tx, page), page.month), writing);
          return { kind: 'batch' as const, runId: page.run_id };
        }
        const run = await this.calculations.lockFinishedRun(tx);
        if (!run) return { kind: 'idle' as const };
        working = run;
        await this.finish(tx, run, await this.books.asOf(watermarkOf(run)), writing);
        return { kind: 'completed' as const, runId: run.run_id };
      })
      .catch(async (error: unknown) => {
        // Counting it must not hide the failure itself (the database away fails both): the worker logs and retries.
        if (working) await this.failed(working, error).catch(() => undefined);
        throw error;
      });
    if (outcome.kind !== 'idle') {
      if (this.stored.runId !== outcome.runId) this.stored = { runId: outcome.runId, ids: new Set() };
      for (const id of writing) this.stored.ids.add(id);
    }
    if (outcome.kind === 'completed') await this.dropStaged(outcome.runId);
    return outcome.kind;
  }

  private async batch(tx: EntityManager, page: PageRow, book: RateBook, persons: readonly PersonInput[], writing: Set<string>): Promise<void> {
    const refs = persons.map((p) => p.personRef);
    const programmes = programmesOf(page);
    const facts = await this.factsOf(tx, page, book);
    const candidates = await this.calculations.candidates(tx, { first: page.first_person, last: page.last_person }, page.month, facts.backdated);
    const flagged = persons.filter((p) => p.windows.some((w) => w.afterSuspension && w.from === undefined)).map((p) => p.personRef);
    const lastKnown = flagged.length > 0 ? await this.calculations.lastKnown(tx, flagged, page.month) : new Map();
    const examined = persons
      .map((person) => ({ person, months: monthsToExamine(person, { runMonth: page.month, programmes, candidates, lastKnown }).months }))
      .filter((e) => e.months.length > 0);
    const months = [...new Set(examined.flatMap((e) => e.months))];
    const histories = examined.length > 0 ? await this.calculations.histories(tx, examined.map((e) => e.person.personRef), months) : new Map();
    const oneOffs = facts.oneOffsPending ? await this.calculations.claimOneOffs(tx, { runId: page.run_id, month: page.month }, refs, programmes) : [];
    const result = calculateBatch({
      runMonth: page.month,
      programmes,
      provinceCode: this.config.PROVINCE_CODE,
      book,
      calculate: this.calculator.calculate,
      persons,
      candidates,
      lastKnown,
      histories,
      oneOffs,
    });
    await this.write(tx, page, result, writing);
    await this.publishChunk(tx, page, page.page_no, result);
    await this.calculations.markDone(tx, page);
  }

  /**
   * After the last page: the one-offs the pages did not take (persons not in the snapshot, one-offs recorded while the
   * run was calculating), in one more chunk after the pages' if they make any line, then the control totals. The run
   * row is locked (lockFinishedRun): next_chunk_no holds the pages' count.
   */
  private async finish(tx: EntityManager, run: RunRow, book: RateBook, writing: Set<string>): Promise<void> {
    let chunkCount = run.next_chunk_no;
    const oneOffs: OneOffDue[] = await this.calculations.claimOneOffs(tx, { runId: run.run_id, month: run.month }, null, programmesOf(run), communesOf(run));
    if (oneOffs.length > 0) {
      const none = new Map();
      const result = calculateBatch({ runMonth: run.month, programmes: programmesOf(run), provinceCode: this.config.PROVINCE_CODE, book, calculate: this.calculator.calculate, persons: [], candidates: none, lastKnown: none, histories: none, oneOffs });
      await this.write(tx, run, result, writing);
      if (result.lines.length > 0) await this.publishChunk(tx, run, chunkCount++, result);
    }
    const totals = controlTotals(await this.output.totals(tx, run.run_id));
    // Persons of the snapshot not paid something (no rate table, an unreadable item): in no chunk, told beside the totals.
    const notPaid = await this.output.notPaid(tx, run.run_id);
    await this.outbox.add(tx, [createEvent(EntitlementCompleted, { runId: run.run_id, month: run.month, chunkCount, totals, notPaid }, this.context(run))]);
    await tx.query(`UPDATE entitlement.runs SET status = 'COMPLETED', next_chunk_no = $2, updated_at = now() WHERE run_id = $1`, [run.run_id, chunkCount]);
    await tx.query(`INSERT INTO entitlement.run_events (run_id, status, detail) VALUES ($1, 'COMPLETED', $2)`, [run.run_id, JSON.stringify({ chunkCount, totals, notPaid })]);
    this.logger.log({ runId: run.run_id, month: run.month, chunkCount, totals }, 'run calculated');
  }

  /**
   * A batch or completion of the run failed and was rolled back: counted, unless trying again can fix it (a lost
   * connection, a deadlock). At CALCULATION_MAX_FAILURES the run is halted and disbursement told (EntitlementRunHalted):
   * its page would otherwise be claimed first, and fail, for ever, ahead of every later run. A halted run is as if it
   * never ran (CalculationRepository): what its pages priced and scheduled is owed again by the next run.
   */
  private async failed(run: RunRow, error: unknown): Promise<void> {
    if (isTransientError(error)) return;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await this.dataSource.transaction(async (tx) => {
      const [row]: { calculation_failures: number }[] = await tx.query(
        `WITH counted AS (
           UPDATE entitlement.runs SET calculation_failures = calculation_failures + 1 WHERE run_id = $1 AND status = 'CALCULATING' RETURNING calculation_failures)
         SELECT calculation_failures FROM counted`,
        [run.run_id],
      );
      if (!row || row.calculation_failures < this.config.CALCULATION_MAX_FAILURES) return;
      const reason = `calculation failed ${row.calculation_failures} times: ${message}`;
      await this.snapshots.setStatus(tx, run.run_id, 'HALTED', { haltedReason: reason });
      await this.outbox.add(tx, [createEvent(EntitlementRunHalted, { runId: run.run_id, reason }, this.context(run))]);
      this.logger.error({ runId: run.run_id, month: run.month, failures: row.calculation_failures, error: message }, 'run halted: its calculation keeps failing');
    });
  }

  /** Stores a batch's results: calculations (once per run), lines, arrears, exceptions and recoveries. */
  private async write(tx: EntityManager, run: RunRow, result: BatchResult, writing: Set<string>): Promise<void> {
    const calculations = this.newCalculations(run, result, writing);
    await this.output.insertCalculations(tx, calculations.rows);
    const lines: LineRow[] = result.lines.map((l) => ({
      personRef: l.personRef,
      programme: l.programme,
      calculationId: l.cluster ? calculations.idOf(l.cluster.items) : null,
      amount: l.amount,
      arrearsAmount: l.arrearsAmount,
      oneOffAmount: l.oneOffAmount,
      total: l.total,
    }));
    await this.output.insertLines(tx, run.run_id, run.month, lines);
    await this.output.insertArrears(tx, run.run_id, result.arrears);
    await this.output.insertExceptions(tx, run.run_id, result.exceptions);
    await this.output.insertRecoveries(tx, 'run', run.run_id, result.recoveries);
  }

  private async publishChunk(tx: EntityManager, run: RunRow, chunkNo: number, result: BatchResult): Promise<void> {
    const payload = { runId: run.run_id, month: run.month, chunkNo, items: result.lines.map((l) => l.item) };
    await this.outbox.add(tx, [createEvent(EntitlementChunk, payload, this.context(run))]);
  }

  /**
   * The distinct calculations of a batch not stored yet for this run, and the id of each: by all of its inputs, as a
   * line reads its items back from the calculation it points to.
   */
  private newCalculations(run: RunRow, result: BatchResult, writing: Set<string>) {
    const stored = this.stored.runId === run.run_id ? this.stored.ids : new Set<string>();
    const prefix = `${watermarkOf(run)}|${run.month}|${this.config.PROVINCE_CODE}|`;
    const ids = new Map<string, string>();
    const idOf = (items: readonly EntitlementItem[]) => {
      const key = inputsKey(items);
      let id = ids.get(key);
      if (id === undefined) {
        id = createHash('sha256').update(prefix + key).digest('hex');
        ids.set(key, id);
      }
      return id;
    };
    const rows: CalculationRow[] = [];
    for (const line of result.lines) {
      if (!line.cluster) continue;
      const id = idOf(line.cluster.items);
      if (stored.has(id) || writing.has(id)) continue;
      writing.add(id);
      const { items, entitlement } = line.cluster;
      rows.push({ id, month: run.month, inputs: items, components: entitlement.components, explanation: entitlement.explanation, amount: entitlement.total });
    }
    return { rows, idOf };
  }

  /** What the batches of a run look up once: the months searched for backdated rates, whether one-offs are pending. */
  private async factsOf(tx: EntityManager, run: RunRow, book: RateBook): Promise<RunFacts> {
    if (this.facts?.runId !== run.run_id) {
      this.facts = {
        runId: run.run_id,
        backdated: await this.calculations.backdated(tx, latestEntries(book, run.month, this.config.ARREARS_HORIZON_MONTHS)),
        oneOffsPending: await this.calculations.oneOffsPending(tx, run.month),
      };
    }
    return this.facts;
  }

  private context(run: RunRow): EventContext {
    return { correlationId: run.correlation_id, causationId: run.declared?.eventId ?? null, producer: SERVICE_NAME };
  }

  private async dropStaged(runId: string): Promise<void> {
    try {
      await this.dataSource.transaction((tx) => this.snapshots.dropStagedItems(tx, runId));
    } catch (error) {
      this.logger.warn({ runId, error: (error as Error).message }, 'staged snapshot items of a completed run could not be removed');
    }
  }
}

/** The rate book a run is priced with: every version entered up to the moment its snapshot was verified. */
function watermarkOf(run: RunRow): string {
  if (!run.book_watermark) throw new Error(`Run ${run.run_id} is calculating without a rate book watermark`);
  return run.book_watermark.toISOString();
}

/** The communes a run covers, if it was requested for some only (null: the whole province). */
function communesOf(run: RunRow): readonly string[] | null {
  return run.declared?.communeCodes ?? null;
}

/** The programmes a run covers: those its snapshot declared. */
function programmesOf(run: RunRow): Programme[] {
  const declared = run.declared?.countsByProgramme ?? {};
  return PROGRAMMES.filter((p) => p in declared);
}
