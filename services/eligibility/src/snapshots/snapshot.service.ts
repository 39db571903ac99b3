import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  createEvent, EligibilitySnapshotChunk, EligibilitySnapshotCompleted, RunDestinationsChunk, RunDestinationsCompleted, SnapshotChecksum,
  type Destination, type EligibleItem, type Envelope, type Programme, type RunScope,
} from '@benefits/contracts';
import { Outbox, PermanentError, rowsOf, type OutboxEvent, type Sql } from '@benefits/messaging';
import { copyInto, maskNationalId, PiiCipher } from '@benefits/platform';
import { DataSource } from 'typeorm';
import type { EligibilityConfig } from '../config';
import { parseMonth } from '../domain/months';
import { todayInVietnam } from '../shared/clock';
import { RegisterCipher, TransportCipher } from '../shared/pii';
import { toDomainProgramme } from '../shared/programmes';
import { ELIGIBILITY_CONFIG, PRODUCER } from '../shared/tokens';
import { chunks, evaluatePage } from './domain/evaluate-page';
import { personIdRanges } from './domain/snapshot-parts';
import { pagePayees, type PagePayees, type PayeeFacts } from './domain/payees';
import { SNAPSHOT_ITEM_COLUMNS, snapshotItemsCopy } from './domain/snapshot-items';
import { RegisterReader, type LoadedDestination, type LoadedPage, type PageOfPersons } from './snapshot-loader';

interface SnapshotRow {
  run_id: string;
  month: string;
  /** The latest snapshot of an earlier month (late-decision.ts): when it was taken, ISO, and that day in Vietnam. */
  previous_run_at: string | null;
  first_run_day: string | null;
  first_run_month: string | null;
  scope: RunScope;
  correlation_id: string;
  request_event_id: string;
  /** The runs of the month closed unpaid before this one was requested: passed on to entitlement at completion. */
  closed_run_ids: string[] | null;
  next_chunk_no: number;
  next_destinations_chunk_no: number;
}

interface PartRow {
  run_id: string;
  part: number;
  cursor: string;
  last_person_id: string;
  done: boolean;
}

/**
 * A chunk event made (and validated) while its page is prepared, numbered from 0 within the page: the run hands out
 * its number when the page is written (numbered()).
 */
type PageChunkEvent = OutboxEvent & { readonly envelope: Envelope<{ readonly chunkNo: number }> };

/**
 * A page read, decided and turned into rows and events, ready to be written. `before`: the part's cursor it follows;
 * no `after`: the part has no more persons.
 */
interface PreparedPage {
  readonly before: string;
  readonly after?: string;
  /** The page's snapshot_item rows, in COPY text format. */
  readonly items: string;
  readonly decisions: number;
  readonly snapshotEvents: PageChunkEvent[];
  readonly destinationEvents: PageChunkEvent[];
  readonly payable: number;
  readonly withoutDestination: number;
  /** Funeral payees of deceased persons not payable in the run: sent beyond the payable persons. */
  readonly funeral: number;
}

/**
 * done: the part is built (now or before); busy: another thread or replica is building it; handed_over: another
 * builder moved its cursor meanwhile; stopped: the caller asked to stop.
 */
export type BuildOutcome = 'done' | 'busy' | 'handed_over' | 'stopped';

/** A part of a run to build. */
export interface PendingPart {
  readonly runId: string;
  readonly part: number;
}

/** What a build of a part did, with the time its stages took (read and decide overlap the previous page's write). */
export interface BuildReport {
  readonly outcome: BuildOutcome;
  readonly pages: number;
  readonly decisions: number;
  readonly readMs: number;
  readonly decideMs: number;
  readonly writeMs: number;
  readonly completeMs: number;
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that never rejects, so a read-ahead that fails while nobody awaits it is not an unhandled rejection. */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
}

function unwrap<T>(result: Settled<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}

/** Rows per checksum fetch when the run completes. */
const CHECKSUM_BATCH = 20_000;

/**
 * Freezes a run's eligibility: one row per run (the same RunRequested twice gives one snapshot), built in parts
 * (ranges of person ids, snapshot-parts.ts) side by side, one snapshot thread each. A part is built page by page in
 * person-id order (the register streamed by RegisterReader), each page in ONE transaction with its snapshot rows, its
 * outbox events (EligibilitySnapshotChunk, RunDestinationsChunk, numbered by the run as pages commit) and its
 * part's cursor, so a crash resumes at the next page and never publishes a chunk twice. The part that finishes last
 * completes the run. Memory holds a couple of pages per thread, whatever the size of the register.
 */
/**
 * When the run's scope was last frozen for an earlier month (PreviousRun.at, late-decision.ts): a decision, a
 * resumption or a poverty list recorded after it was in no run yet. Runs may split the province by commune and by
 * programme, so each (programme, commune) of the scope has its own latest earlier snapshot that covered it, and the
 * run takes the earliest of them: a decision recorded after its commune's run and before another commune's is late
 * (the latest run of all would hide it, and its months would never be paid), while one said late wrongly costs
 * nothing (entitlement subtracts what its ledger says was paid). A province-wide run's communes are those earlier
 * runs named, and '*' for the rest, which only a province-wide run covers. A (programme, commune) no earlier run
 * covered is in its first run: it has no previous run. SQL of a LATERAL join on the run's snapshot row \`s\`.
 */
const PREVIOUS_RUN_AT = `
  WITH earlier AS (SELECT e.created_at, e.scope FROM eligibility.snapshot e WHERE e.month < s.month),
  cells AS (
    SELECT g.programme, c.commune
      FROM jsonb_array_elements_text(s.scope->'programmes') g(programme)
      CROSS JOIN LATERAL (
        SELECT jsonb_array_elements_text(s.scope->'communeCodes') WHERE jsonb_typeof(s.scope->'communeCodes') = 'array'
        UNION
        SELECT '*' WHERE jsonb_typeof(s.scope->'communeCodes') IS DISTINCT FROM 'array'
        UNION
        SELECT jsonb_array_elements_text(e.scope->'communeCodes') FROM earlier e
         WHERE jsonb_typeof(s.scope->'communeCodes') IS DISTINCT FROM 'array' AND jsonb_typeof(e.scope->'communeCodes') = 'array'
           AND e.scope->'programmes' ? g.programme) c(commune))
  SELECT min(covered.at) AS at FROM cells
   CROSS JOIN LATERAL (
     SELECT max(e.created_at) AS at FROM earlier e
      WHERE e.scope->'programmes' ? cells.programme
        AND (jsonb_typeof(e.scope->'communeCodes') IS DISTINCT FROM 'array' OR e.scope->'communeCodes' ? cells.commune)) covered`;

@Injectable()
export class SnapshotService {
  private readonly logger = new Logger(SnapshotService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig,
    private readonly outbox: Outbox,
    private readonly register: RegisterCipher,
    private readonly transport: TransportCipher,
  ) {}

  /** In the consumer's transaction: records the request; the worker builds it after the commit. */
  async request(sql: Sql, payload: { runId: string; month: string; scope: RunScope; requestedBy: string; closedRunIds?: string[] }, envelope: Envelope): Promise<void> {
    if (payload.scope.provinceCode !== this.config.PROVINCE_CODE) {
      throw new PermanentError(`Run ${payload.runId} is for province ${payload.scope.provinceCode}; this register serves ${this.config.PROVINCE_CODE}`, 'WRONG_PROVINCE');
    }
    const inserted = rowsOf(
      await sql.query(
        `INSERT INTO eligibility.snapshot (run_id, month, scope, status, requested_by, correlation_id, request_event_id, closed_run_ids)
         VALUES ($1, $2, $3, 'building', $4, $5, $6, $7) ON CONFLICT (run_id) DO NOTHING RETURNING run_id`,
        [
          payload.runId,
          payload.month,
          JSON.stringify(payload.scope),
          payload.requestedBy,
          envelope.correlationId,
          envelope.eventId,
          payload.closedRunIds?.length ? payload.closedRunIds : null,
        ],
      ),
    );
    if (inserted.length === 0) return;
    const ranges = personIdRanges(this.config.SNAPSHOT_THREADS);
    await sql.query(
      `INSERT INTO eligibility.snapshot_part (run_id, part, cursor, last_person_id)
       SELECT $1, part - 1, cursor, last FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS r (cursor, last, part)`,
      [payload.runId, ranges.map((r) => r.after), ranges.map((r) => r.last)],
    );
  }

  /** The parts still to build, oldest run first; of a run, part `first` and those after it first (a thread's own). */
  async pending(first = 0): Promise<PendingPart[]> {
    const rows = rowsOf<{ run_id: string; part: number }>(
      await this.dataSource.query(
        `SELECT p.run_id, p.part FROM eligibility.snapshot_part p JOIN eligibility.snapshot s ON s.run_id = p.run_id
          WHERE s.status = 'building' AND NOT p.done ORDER BY s.created_at, p.run_id, p.part < $1, p.part`,
        [first],
      ),
    );
    return rows.map((row) => ({ runId: row.run_id, part: row.part }));
  }

  /**
   * Builds a part of a run to the end in a two-stage pipeline: while page N is written (one connection), page N+1 is
   * read (another connection, the register reader's) and decided, so the database and this process work at once.
   * The reader's transaction holds the part's lock for the whole build (another builder finds it busy). Each page
   * commits on its own with its cursor; a page whose cursor moved meanwhile (another replica) is dropped and the build
   * handed over.
   */
  async build({ runId, part }: PendingPart, keepGoing: () => boolean = () => true, afterPage: () => void = () => undefined): Promise<BuildReport> {
    const report = { outcome: 'stopped' as BuildOutcome, pages: 0, decisions: 0, readMs: 0, decideMs: 0, writeMs: 0, completeMs: 0 };
    const [snapshot] = rowsOf<SnapshotRow>(
      await this.dataSource.query(
        `SELECT s.*, to_char(p.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS previous_run_at,
                to_char(f.first_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS first_run_day, f.first_month AS first_run_month
           FROM eligibility.snapshot s
           LEFT JOIN LATERAL (SELECT min(created_at) AS first_at, min(month) AS first_month FROM eligibility.snapshot e WHERE e.month < s.month) f ON true
           LEFT JOIN LATERAL (${PREVIOUS_RUN_AT}) p ON true
          WHERE s.run_id = $1 AND s.status = 'building'`,
        [runId],
      ),
    );
    const [start] = rowsOf<PartRow>(await this.dataSource.query(`SELECT * FROM eligibility.snapshot_part WHERE run_id = $1 AND part = $2`, [runId, part]));
    if (!snapshot || !start || start.done) return { ...report, outcome: 'done' };
    const connection = this.dataSource.createQueryRunner();
    const scope = { ...snapshot.scope, paysFrom: `${snapshot.month}-01` };
    const reader = await RegisterReader.open(connection, start.cursor, scope, this.config.SNAPSHOT_PAGE_SIZE, start.last_person_id).catch(async (error: unknown) => {
      await connection.release();
      throw error;
    });
    const [{ claimed }] = rowsOf<{ claimed: boolean }>(
      await connection.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS claimed`, [`eligibility.snapshot_part:${runId}:${part}`]),
    );
    if (!claimed) {
      await reader.close().catch(() => undefined);
      await connection.release();
      return { ...report, outcome: 'busy' };
    }
    const prepare = (cursor: string) => settled(this.prepare(reader, snapshot, cursor, report));
    let next = prepare(start.cursor);
    try {
      while (keepGoing()) {
        const page = unwrap(await next);
        if (page.after) next = prepare(page.after);
        const started = performance.now();
        const outcome = await this.writePage(snapshot, part, page);
        report[page.after ? 'writeMs' : 'completeMs'] += performance.now() - started;
        if (outcome !== 'more') return { ...report, outcome };
        report.pages++;
        report.decisions += page.decisions;
        afterPage();
      }
      return report;
    } finally {
      // The read-ahead uses the reader's connection: it must be over before the connection goes back to the pool.
      await next;
      await reader.close().catch(() => undefined);
      await connection.release();
    }
  }

  /** Reads, decides and builds the rows and event items of the page after `cursor`, without writing anything. */
  private async prepare(reader: RegisterReader, snapshot: SnapshotRow, cursor: string, report: { readMs: number; decideMs: number }): Promise<PreparedPage> {
    let started = performance.now();
    const page = await reader.nextPage(this.config.SNAPSHOT_PAGE_SIZE);
    report.readMs += performance.now() - started;
    started = performance.now();
    try {
      return this.decide(snapshot, cursor, page);
    } finally {
      report.decideMs += performance.now() - started;
    }
  }

  private decide(snapshot: SnapshotRow, cursor: string, { persons, householdMembers, after }: LoadedPage & { after?: string }): PreparedPage {
    const nothing = { before: cursor, items: '', decisions: 0, snapshotEvents: [], destinationEvents: [], payable: 0, withoutDestination: 0, funeral: 0 };
    if (!after) return nothing;
    const previousRun =
      snapshot.previous_run_at && snapshot.first_run_day && snapshot.first_run_month
        ? { at: snapshot.previous_run_at, firstDay: snapshot.first_run_day, firstMonth: parseMonth(snapshot.first_run_month) }
        : undefined;
    const scope = { ...snapshot.scope, programmes: snapshot.scope.programmes.map(toDomainProgramme) };
    const page = evaluatePage(persons, snapshot.month, scope, householdMembers, previousRun);
    const payees = pagePayees(persons.map(payeeFacts), page.payablePersons, { month: snapshot.month, today: todayInVietnam(), scope: snapshot.scope });
    const idCiphers = new Map(persons.flatMap((p) => (p.deceased ? [[p.id, p.deceased.nationalIdCipher] as const] : [])));
    return {
      before: cursor,
      after,
      items: snapshotItemsCopy(snapshot.run_id, page.frozen),
      decisions: page.frozen.length,
      snapshotEvents: this.snapshotChunks(snapshot, chunks(page.eligible, this.config.SNAPSHOT_CHUNK_SIZE)),
      destinationEvents: this.destinationChunks(snapshot, chunks(this.destinations(payees.payees, idCiphers), this.config.SNAPSHOT_CHUNK_SIZE)),
      payable: page.eligible.length,
      withoutDestination: payees.withoutDestination,
      funeral: payees.funeral,
    };
  }

  /**
   * One page in one transaction: its items, the run's next chunk numbers and counts, its outbox events and the part's
   * new cursor. After a part's last page, the part is done, and the run completed if no other part is left. The part
   * is locked first, then the run (every page and completion in that order): the run's row is held only from the
   * numbering to the commit.
   */
  private writePage(snapshot: SnapshotRow, part: number, page: PreparedPage): Promise<BuildOutcome | 'more'> {
    return this.dataSource.transaction(async (tx) => {
      const [current] = rowsOf<PartRow>(await tx.query(`SELECT * FROM eligibility.snapshot_part WHERE run_id = $1 AND part = $2 FOR UPDATE`, [snapshot.run_id, part]));
      if (!current || current.done || current.cursor !== page.before) return 'handed_over';
      if (!page.after) {
        await tx.query(`UPDATE eligibility.snapshot_part SET done = true WHERE run_id = $1 AND part = $2`, [snapshot.run_id, part]);
        const [run] = rowsOf<SnapshotRow>(await tx.query(`SELECT * FROM eligibility.snapshot WHERE run_id = $1 AND status = 'building' FOR UPDATE`, [snapshot.run_id]));
        const [{ left }] = rowsOf<{ left: number }>(
          await tx.query(`SELECT count(*)::int AS left FROM eligibility.snapshot_part WHERE run_id = $1 AND NOT done`, [snapshot.run_id]),
        );
        if (run && left === 0) await this.complete(tx, run);
        return 'done';
      }
      // A decision belongs to one person and a person to one page, so no row is written twice.
      await copyInto(tx, 'eligibility.snapshot_item', SNAPSHOT_ITEM_COLUMNS, page.items);
      const [numbers] = rowsOf<{ chunk_no: number; destinations_chunk_no: number }>(
        await tx.query(
          `UPDATE eligibility.snapshot SET next_chunk_no = next_chunk_no + $2, next_destinations_chunk_no = next_destinations_chunk_no + $3,
                  payable_count = payable_count + $4, not_payable_count = not_payable_count + $5, without_destination_count = without_destination_count + $6,
                  funeral_destination_count = funeral_destination_count + $7
            WHERE run_id = $1 AND status = 'building'
            RETURNING next_chunk_no - $2 AS chunk_no, next_destinations_chunk_no - $3 AS destinations_chunk_no`,
          [snapshot.run_id, page.snapshotEvents.length, page.destinationEvents.length, page.payable, page.decisions - page.payable, page.withoutDestination, page.funeral],
        ),
      );
      if (!numbers) return 'handed_over';
      await this.outbox.add(tx, [
        ...numbered(page.snapshotEvents, numbers.chunk_no),
        ...numbered(page.destinationEvents, numbers.destinations_chunk_no),
      ]);
      await tx.query(`UPDATE eligibility.snapshot_part SET cursor = $3 WHERE run_id = $1 AND part = $2`, [snapshot.run_id, part, page.after]);
      return 'more';
    });
  }

  private snapshotChunks(snapshot: SnapshotRow, itemChunks: readonly EligibleItem[][]): PageChunkEvent[] {
    return itemChunks.map((chunk, index) =>
      createEvent(EligibilitySnapshotChunk, { runId: snapshot.run_id, month: snapshot.month, chunkNo: index, items: chunk }, this.context(snapshot)),
    );
  }

  private destinationChunks(snapshot: SnapshotRow, itemChunks: readonly Destination[][]): PageChunkEvent[] {
    return itemChunks.map((chunk, index) => createEvent(RunDestinationsChunk, { runId: snapshot.run_id, chunkNo: index, items: chunk }, this.context(snapshot)));
  }

  /** `idCiphers`: the deceased's ID numbers (at rest), printed masked on a cash list that pays for them. */
  private destinations(payees: PagePayees<LoadedDestination>['payees'], idCiphers: ReadonlyMap<string, string>): Destination[] {
    return payees.map(({ personId, communeCode, address, lastMonthOwed, payee }): Destination => {
      if (payee.kind === 'cash') {
        // A funeral payee without destination: cash for whoever brings the papers, listed with the deceased's masked ID.
        const idCipher = idCiphers.get(personId);
        return {
          personRef: personId,
          channel: 'post_office_cash',
          accountHolderName: payee.holderName,
          communeCode,
          cashPointCode: payee.cashPointCode,
          ...(address && { address }),
          ...(idCipher && { maskedNationalId: maskNationalId(this.register.decrypt(idCipher)) }),
          ...(lastMonthOwed && { lastMonthOwed }),
        };
      }
      const d = payee.destination;
      return {
        personRef: personId,
        channel: d.channel,
        ...(d.bankBin && { bankBin: d.bankBin }),
        ...(d.accountCipher && { accountCipher: this.transportCipherOf(d) }),
        accountHolderName: d.holderName,
        communeCode,
        ...(d.cashPointCode && { cashPointCode: d.cashPointCode }),
        // Only the cash list prints an address: a bank or an account credit has no use for it.
        ...(address && d.channel === 'post_office_cash' && { address }),
        ...(d.nationalIdCipher && { maskedNationalId: maskNationalId(this.register.decrypt(d.nationalIdCipher)) }),
        ...(lastMonthOwed && { lastMonthOwed }),
      };
    });
  }

  /** The cipher stored for transport, unless the transport key changed since: then re-encrypted from the at-rest one. */
  private transportCipherOf(destination: LoadedDestination): string {
    const stored = destination.accountTransportCipher;
    if (stored && PiiCipher.keyIdOf(stored) === this.transport.keyId) return stored;
    return this.transport.encrypt(this.register.decrypt(destination.accountCipher ?? ''));
  }

  /** After the last page: control totals over what was frozen (both streams), then the run is completed. */
  private async complete(sql: Sql, snapshot: SnapshotRow): Promise<void> {
    const { countsByProgramme, checksum } = await this.controlTotals(sql, snapshot);
    const completed = createEvent(
      EligibilitySnapshotCompleted,
      {
        runId: snapshot.run_id,
        month: snapshot.month,
        chunkCount: snapshot.next_chunk_no,
        countsByProgramme,
        checksum,
        ...(snapshot.scope.communeCodes && { communeCodes: snapshot.scope.communeCodes }),
        // Entitlement acts on the completion: it applies these closures before it prices the run (events.ts).
        ...(snapshot.closed_run_ids && { closedRunIds: snapshot.closed_run_ids }),
      },
      this.context(snapshot),
    );
    // Every payable person with a destination, and the funeral payees of deceased persons not payable in the run.
    const [{ count: destinations }] = rowsOf<{ count: number }>(
      await sql.query(
        `SELECT (SELECT count(DISTINCT person_id) FROM eligibility.snapshot_item WHERE run_id = $1 AND payable)::int
                - without_destination_count + funeral_destination_count AS count
           FROM eligibility.snapshot WHERE run_id = $1`,
        [snapshot.run_id],
      ),
    );
    const destinationsCompleted = createEvent(
      RunDestinationsCompleted,
      { runId: snapshot.run_id, chunkCount: snapshot.next_destinations_chunk_no, count: destinations },
      this.context(snapshot),
    );
    await this.outbox.add(sql, [completed, destinationsCompleted]);
    await sql.query(
      `UPDATE eligibility.snapshot SET status = 'completed', counts_by_programme = $2, checksum = $3, completed_at = now() WHERE run_id = $1`,
      [snapshot.run_id, JSON.stringify(countsByProgramme), checksum],
    );
    this.logger.log({ runId: snapshot.run_id, month: snapshot.month, countsByProgramme, chunkCount: snapshot.next_chunk_no }, 'eligibility snapshot completed');
  }

  /**
   * Counts per programme and the checksum (sha256 over the sorted "decisionId:groupCode" lines) of the payable items,
   * in one pass over them in decision-id order. The run's rows lie together (its pages were appended one after the
   * other): PostgreSQL reads them in that order (a bitmap scan) and sorts them, instead of fetching a million rows
   * one by one in index order; the cursor hands them over in batches.
   */
  private async controlTotals(sql: Sql, snapshot: SnapshotRow): Promise<{ countsByProgramme: Record<string, number>; checksum: string }> {
    const counts = new Map<string, number>(snapshot.scope.programmes.map((p) => [p, 0]));
    const checksum = new SnapshotChecksum();
    await sql.query('SET LOCAL enable_indexscan = off');
    await sql.query(
      `DECLARE payable_items NO SCROLL CURSOR FOR
         SELECT decision_id, group_code, programme FROM eligibility.snapshot_item WHERE run_id = $1 AND payable ORDER BY decision_id`,
      [snapshot.run_id],
    );
    await sql.query('SET LOCAL enable_indexscan TO DEFAULT');
    for (;;) {
      const rows = rowsOf<{ decision_id: string; group_code: string; programme: Programme }>(await sql.query(`FETCH ${CHECKSUM_BATCH} FROM payable_items`));
      for (const row of rows) {
        checksum.add({ decisionId: row.decision_id, groupCode: row.group_code });
        counts.set(row.programme, (counts.get(row.programme) ?? 0) + 1);
      }
      if (rows.length < CHECKSUM_BATCH) break;
    }
    await sql.query('CLOSE payable_items');
    return { countsByProgramme: Object.fromEntries(counts), checksum: checksum.digest() };
  }

  private context(snapshot: SnapshotRow) {
    return { correlationId: snapshot.correlation_id, causationId: snapshot.request_event_id, producer: PRODUCER };
  }
}

/** A page's chunk events in the run's sequence, from `first`. */
function numbered(events: readonly PageChunkEvent[], first: number): OutboxEvent[] {
  return events.map((event) => ({ ...event, envelope: { ...event.envelope, payload: { ...event.envelope.payload, chunkNo: first + event.envelope.payload.chunkNo } } }));
}

/** A loaded person as the payee rules see them. */
function payeeFacts(person: PageOfPersons): PayeeFacts<LoadedDestination> {
  const own = person.destination;
  return {
    id: person.id,
    residences: person.facts.residences,
    ...(own && { destination: own }),
    ...(own?.channel === 'post_office_cash' && own.cashPointCode && { cashPointCode: own.cashPointCode }),
    ...(person.deceased && {
      deceased: {
        fullName: person.deceased.fullName,
        dateOfDeath: person.facts.dateOfDeath ?? '',
        ...(person.deceased.reportedOn && { reportedOn: person.deceased.reportedOn }),
        residences: person.facts.residences,
        ...(person.deceased.organiser && { organiser: person.deceased.organiser }),
      },
    }),
  };
}
