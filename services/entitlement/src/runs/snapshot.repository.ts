import { Injectable } from '@nestjs/common';
import type { EligibleItem } from '@benefits/contracts';
import { copyInto, copyLine } from '@benefits/platform';
import type { EntityManager } from 'typeorm';

/** CANCELLED: disbursement closed the run before release (RunClosedUnpaid); nothing of it counts as scheduled. */
export type RunStatus = 'RECEIVING' | 'CALCULATING' | 'COMPLETED' | 'HALTED' | 'CANCELLED';

export interface RunRow {
  readonly run_id: string;
  readonly month: string;
  readonly status: RunStatus;
  readonly correlation_id: string;
  readonly declared: DeclaredTotals | null;
  readonly book_watermark: Date | null;
  readonly next_chunk_no: number;
}

export interface DeclaredTotals {
  readonly chunkCount: number;
  readonly countsByProgramme: Record<string, number>;
  readonly checksum: string;
  readonly eventId: string;
  /** The run's communes, when it was requested for some only. */
  readonly communeCodes?: readonly string[];
}

export interface ReceivedTotals {
  readonly chunkCount: number;
  readonly minChunkNo: number;
  readonly maxChunkNo: number;
  readonly countsByProgramme: Record<string, number>;
  readonly checksum: string;
}

const STAGED_ITEM_COLUMNS = ['run_id', 'chunk_no', 'item_no', 'person_ref', 'decision_id', 'programme', 'group_code', 'commune_code', 'age_years', 'attributes'];

/** SQL of the snapshot as received: runs, chunks and staged items (set-based: one COPY per consumed batch of chunks). */
@Injectable()
export class SnapshotRepository {
  /** Creates the runs not seen yet, then locks and returns every run named. */
  async lockRuns(tx: EntityManager, runs: readonly { runId: string; month: string; correlationId: string }[]): Promise<Map<string, RunRow>> {
    await tx.query(
      `INSERT INTO entitlement.runs (run_id, month, status, correlation_id)
       SELECT r.run_id, r.month, 'RECEIVING', r.correlation_id FROM unnest($1::uuid[], $2::text[], $3::text[]) AS r(run_id, month, correlation_id)
       ON CONFLICT (run_id) DO NOTHING`,
      [runs.map((r) => r.runId), runs.map((r) => r.month), runs.map((r) => r.correlationId)],
    );
    const rows: RunRow[] = await tx.query(
      `SELECT run_id, month, status, correlation_id, declared, book_watermark, next_chunk_no
         FROM entitlement.runs WHERE run_id = ANY($1::uuid[]) ORDER BY run_id FOR UPDATE`,
      [runs.map((r) => r.runId)],
    );
    return new Map(rows.map((row) => [row.run_id, row]));
  }

  /** Records a chunk; false when its number was already received (under another event id). */
  async addChunk(tx: EntityManager, runId: string, chunkNo: number, eventId: string, itemCount: number): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO entitlement.snapshot_chunks (run_id, chunk_no, event_id, item_count) VALUES ($1, $2, $3, $4)
       ON CONFLICT (run_id, chunk_no) DO NOTHING RETURNING chunk_no`,
      [runId, chunkNo, eventId, itemCount],
    );
    return inserted.length === 1;
  }

  async stageItems(tx: EntityManager, rows: readonly { runId: string; chunkNo: number; itemNo: number; item: EligibleItem }[]): Promise<void> {
    const lines = rows.map(({ runId, chunkNo, itemNo, item }) =>
      copyLine([runId, chunkNo, itemNo, item.personRef, item.decisionId, item.programme, item.groupCode, item.communeCode, item.ageYears, JSON.stringify(item.attributes)]),
    );
    await copyInto(tx, 'entitlement.snapshot_items', STAGED_ITEM_COLUMNS, lines.join(''));
  }

  /**
   * What was received: chunks, items per programme, and the checksum of the contract (sha256 over the sorted lines
   * "decisionId:groupCode\n", see snapshotChecksum in @benefits/contracts), computed by PostgreSQL in byte order.
   */
  async received(tx: EntityManager, runId: string): Promise<ReceivedTotals> {
    const [chunks]: { count: number; min: number; max: number }[] = await tx.query(
      `SELECT count(*)::int AS count, coalesce(min(chunk_no), -1) AS min, coalesce(max(chunk_no), -1) AS max
         FROM entitlement.snapshot_chunks WHERE run_id = $1`,
      [runId],
    );
    const counts: { programme: string; count: number }[] = await tx.query(
      `SELECT programme, count(*)::int AS count FROM entitlement.snapshot_items WHERE run_id = $1 GROUP BY programme`,
      [runId],
    );
    const [hash]: { checksum: string }[] = await tx.query(
      `SELECT encode(sha256(convert_to(coalesce(string_agg(line, '' ORDER BY line COLLATE "C"), ''), 'UTF8')), 'hex') AS checksum
         FROM (SELECT decision_id || ':' || group_code || E'\\n' AS line FROM entitlement.snapshot_items WHERE run_id = $1) lines`,
      [runId],
    );
    return {
      chunkCount: chunks.count,
      minChunkNo: chunks.min,
      maxChunkNo: chunks.max,
      countsByProgramme: Object.fromEntries(counts.map((c) => [c.programme, c.count])),
      checksum: hash.checksum,
    };
  }

  /**
   * Splits the run's persons (person_ref order) into pages of `personsPerPage`, numbered from 0: every Nth person
   * starts a page that ends N-1 persons later (or at the last person). Page n is calculated as one batch and
   * published as EntitlementChunk n, so next_chunk_no becomes the number of pages; the run's last chunk (one-offs of
   * persons outside the snapshot), if any, comes after them. One pass over the staged items, in index order.
   */
  async createPages(tx: EntityManager, runId: string, personsPerPage: number): Promise<void> {
    await tx.query(
      `WITH pages AS (
         INSERT INTO entitlement.run_pages (run_id, page_no, first_person, last_person)
         SELECT $1, (n - 1) / $2::int, person_ref,
                coalesce(page_end, (SELECT person_ref FROM entitlement.snapshot_items WHERE run_id = $1 ORDER BY person_ref DESC LIMIT 1))
           FROM (SELECT person_ref, row_number() OVER persons AS n, lead(person_ref, $2::int - 1) OVER persons AS page_end
                   FROM (SELECT DISTINCT person_ref FROM entitlement.snapshot_items WHERE run_id = $1) staged
                 WINDOW persons AS (ORDER BY person_ref)) numbered
          WHERE (n - 1) % $2::int = 0
         RETURNING page_no)
       UPDATE entitlement.runs SET next_chunk_no = (SELECT count(*) FROM pages), updated_at = now() WHERE run_id = $1`,
      [runId, personsPerPage],
    );
  }

  /**
   * Fresh planner statistics for the tables a calculation reads per batch: a million staged items, a month of new
   * lines and outcomes since the last run. Without them PostgreSQL may scan whole tables for a batch's lookups.
   */
  async refreshStatistics(tx: EntityManager): Promise<void> {
    for (const table of ['snapshot_items', 'entitlement_lines', 'payments_received', 'arrears_lines', 'run_exceptions', 'recoveries']) {
      await tx.query(`ANALYZE entitlement.${table}`);
    }
  }

  async setStatus(
    tx: EntityManager,
    runId: string,
    status: RunStatus,
    detail: { declared?: DeclaredTotals; received?: ReceivedTotals; haltedReason?: string; bookWatermark?: string },
  ): Promise<void> {
    await tx.query(
      `UPDATE entitlement.runs SET status = $2, declared = coalesce($3, declared), received = coalesce($4, received),
              halted_reason = coalesce($5, halted_reason), book_watermark = coalesce($6, book_watermark), updated_at = now()
        WHERE run_id = $1`,
      [
        runId,
        status,
        detail.declared ? JSON.stringify(detail.declared) : null,
        detail.received ? JSON.stringify(detail.received) : null,
        detail.haltedReason ?? null,
        detail.bookWatermark ?? null,
      ],
    );
    await tx.query(`INSERT INTO entitlement.run_events (run_id, status, detail) VALUES ($1, $2, $3)`, [runId, status, JSON.stringify(detail)]);
    // A run halted or cancelled is never priced again: its staged snapshot (a row per item) would only take room.
    if (status === 'HALTED' || status === 'CANCELLED') await this.dropStagedItems(tx, runId);
  }

  /**
   * Staged items are a working copy of the snapshot, dropped once the run is completed, halted or cancelled; the lines
   * keep what each person was calculated from.
   */
  async dropStagedItems(tx: EntityManager, runId: string): Promise<void> {
    await tx.query('DELETE FROM entitlement.snapshot_items WHERE run_id = $1', [runId]);
  }

  /**
   * Records these items as left out of the run, once (a second delivery adds nothing), with the arrears lines and
   * one-off claims they held: from then on those no longer count as scheduled (`leftOut` in calculation.repository.ts),
   * and the next run owes them again. The lines and claims themselves stay as they were (history is append-only).
   */
  async leaveOutItems(
    tx: EntityManager,
    runId: string,
    items: readonly { personRef: string; programme: string }[],
    reason: string,
  ): Promise<{ arrearsLines: number; oneOffs: number }> {
    const [taken]: { arrears_lines: number; one_offs: number }[] = await tx.query(
      `WITH items AS (
         SELECT x.person_ref, x.programme FROM unnest($2::uuid[], $3::text[]) AS x(person_ref, programme)
          WHERE NOT EXISTS (SELECT 1 FROM entitlement.run_items_left_out l WHERE l.run_id = $1 AND l.person_ref = x.person_ref AND l.programme = x.programme)),
       arrears AS (
         SELECT a.person_ref, a.programme, a.month, a.recipient_ref, a.amount, a.reason FROM entitlement.arrears_lines a JOIN items x USING (person_ref, programme)
          WHERE a.run_id = $1),
       one_offs AS (
         SELECT o.person_ref, o.programme, s.one_off_id FROM entitlement.one_off_schedules s
           JOIN entitlement.one_offs o ON o.id = s.one_off_id JOIN items x ON x.person_ref = o.person_ref AND x.programme = o.programme
          WHERE s.run_id = $1),
       recorded AS (
         INSERT INTO entitlement.run_items_left_out (run_id, person_ref, programme, reason, arrears, one_off_ids)
         SELECT $1, x.person_ref, x.programme, $4,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('month', a.month, 'recipientRef', a.recipient_ref, 'amount', a.amount::text, 'reason', a.reason) ORDER BY a.month)
                            FROM arrears a WHERE a.person_ref = x.person_ref AND a.programme = x.programme), '[]'::jsonb),
                COALESCE((SELECT array_agg(o.one_off_id ORDER BY o.one_off_id) FROM one_offs o WHERE o.person_ref = x.person_ref AND o.programme = x.programme), '{}')
           FROM items x
         RETURNING 1)
       SELECT (SELECT count(*)::int FROM arrears) AS arrears_lines, (SELECT count(*)::int FROM one_offs) AS one_offs, (SELECT count(*) FROM recorded) AS recorded`,
      [runId, items.map((i) => i.personRef), items.map((i) => i.programme), reason],
    );
    return { arrearsLines: taken?.arrears_lines ?? 0, oneOffs: taken?.one_offs ?? 0 };
  }
}
