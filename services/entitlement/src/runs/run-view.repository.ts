import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readableRecord } from './person-communes';

/** Whose person-level records a user reads: `readableProgrammes` and `readableCommunes` (null: every commune). */
export interface ReadScope {
  readonly programmes: readonly string[];
  readonly communes: readonly string[] | null;
}

/** The reads behind the run summary and the person view: aggregates in SQL, never a million rows in memory. */
@Injectable()
export class RunViewRepository {
  constructor(private readonly dataSource: DataSource) {}

  async run(runId: string) {
    const rows: { run_id: string; month: string; status: string; halted_reason: string | null; declared: unknown; received: unknown; next_chunk_no: number; book_watermark: Date | null }[] =
      await this.dataSource.query(
        `SELECT run_id, month, status, halted_reason, declared, received, next_chunk_no, book_watermark FROM entitlement.runs WHERE run_id = $1`,
        [runId],
      );
    return rows[0];
  }

  async programmeTotals(runId: string) {
    return this.dataSource.query(
      `SELECT programme, count(*)::int AS count, sum(amount)::text AS current, sum(arrears_amount)::text AS arrears,
              sum(one_off_amount)::text AS one_offs, sum(total)::text AS total
         FROM entitlement.entitlement_lines WHERE run_id = $1 GROUP BY programme ORDER BY programme`,
      [runId],
    ) as Promise<{ programme: string; count: number; current: string; arrears: string; one_offs: string; total: string }[]>;
  }

  async exceptionCounts(runId: string) {
    return this.dataSource.query(
      `SELECT kind, code, count(*)::int AS count, count(DISTINCT person_ref)::int AS persons FROM entitlement.run_exceptions WHERE run_id = $1 GROUP BY kind, code ORDER BY kind, code`,
      [runId],
    ) as Promise<{ kind: string; code: string; count: number; persons: number }[]>;
  }

  /** The run's exceptions the user reads, or one person's when `personRef` is given. */
  async exceptions(runId: string, limit: number, of: ReadScope & { personRef?: string }) {
    return this.dataSource.query(
      `SELECT person_ref, programme, month, kind, code, message FROM entitlement.run_exceptions e
        WHERE run_id = $1 AND ($3::uuid IS NULL OR person_ref = $3) AND ${readableRecord('e.person_ref', 'e.programme', '$4', '$5')}
        ORDER BY person_ref, programme, month LIMIT $2`,
      [runId, limit, of.personRef ?? null, of.programmes, of.communes],
    ) as Promise<{ person_ref: string; programme: string; month: string; kind: string; code: string; message: string }[]>;
  }

  /** The programmes of `scope` in which the user reads this person's records (none: the person is not theirs to see). */
  async personProgrammes(personRef: string, scope: ReadScope): Promise<string[]> {
    const rows: { programme: string }[] = await this.dataSource.query(
      `SELECT p.programme FROM unnest($2::text[]) AS p(programme) WHERE ${readableRecord('$1::uuid', 'p.programme', '$2', '$3')} ORDER BY p.programme`,
      [personRef, scope.programmes, scope.communes],
    );
    return rows.map((r) => r.programme);
  }

  async arrearsTotals(runId: string) {
    const [row]: { count: number; total: string }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count, coalesce(sum(amount), 0)::text AS total FROM entitlement.arrears_lines WHERE run_id = $1`,
      [runId],
    );
    return row;
  }

  async recoveryTotals(runId: string) {
    const [row]: { count: number; total: string }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count, coalesce(sum(amount), 0)::text AS total FROM entitlement.recoveries WHERE source = 'run' AND source_id = $1`,
      [runId],
    );
    return row;
  }

  async personLines(runId: string, personRef: string, programmes: readonly string[]) {
    return this.dataSource.query(
      `SELECT l.programme, l.month, l.amount::text, l.arrears_amount::text, l.one_off_amount::text, l.total::text,
              c.components, c.explanation, c.inputs
         FROM entitlement.entitlement_lines l LEFT JOIN entitlement.calculations c ON c.id = l.calculation_id
        WHERE l.run_id = $1 AND l.person_ref = $2 AND l.programme = ANY($3::text[]) ORDER BY l.programme`,
      [runId, personRef, programmes],
    ) as Promise<
      {
        programme: string;
        month: string;
        amount: string;
        arrears_amount: string;
        one_off_amount: string;
        total: string;
        components: { programme: string; groupCode: string; kind: string; amount: string; text: string; instrument: string }[] | null;
        explanation: string[] | null;
        inputs: unknown[] | null;
      }[]
    >;
  }

  async personArrears(runId: string, personRef: string, programmes: readonly string[]) {
    return this.dataSource.query(
      `SELECT programme, month, owed::text, paid::text, amount::text, reason, explanation FROM entitlement.arrears_lines
        WHERE run_id = $1 AND person_ref = $2 AND programme = ANY($3::text[]) ORDER BY programme, month`,
      [runId, personRef, programmes],
    ) as Promise<{ programme: string; month: string; owed: string; paid: string; amount: string; reason: string; explanation: string[] }[]>;
  }

  async personOneOffs(runId: string, personRef: string, programmes: readonly string[]) {
    return this.dataSource.query(
      `SELECT o.kind, o.programme, o.month, o.amount::text, o.explanation FROM entitlement.one_offs o
         JOIN entitlement.one_off_schedules s ON s.one_off_id = o.id WHERE s.run_id = $1 AND o.person_ref = $2 AND o.programme = ANY($3::text[]) ORDER BY o.id`,
      [runId, personRef, programmes],
    ) as Promise<{ kind: string; programme: string; month: string; amount: string; explanation: string[] }[]>;
  }

  async recoveries(filter: ReadScope & { personRef?: string; after?: string; limit: number }) {
    return this.dataSource.query(
      `SELECT id::text, person_ref, programme, month, recipient_ref, owed::text, paid::text, amount::text, reason, explanation, source, source_id, created_at
         FROM entitlement.recoveries r
        WHERE ($1::uuid IS NULL OR person_ref = $1) AND ($2::bigint IS NULL OR id > $2) AND ${readableRecord('r.person_ref', 'r.programme', '$4', '$5')}
        ORDER BY id LIMIT $3`,
      [filter.personRef ?? null, filter.after ?? null, filter.limit, filter.programmes, filter.communes],
    ) as Promise<
      {
        id: string;
        person_ref: string;
        programme: string;
        month: string;
        recipient_ref: string;
        owed: string;
        paid: string;
        amount: string;
        reason: string;
        explanation: string[];
        source: string;
        source_id: string;
        created_at: Date;
      }[]
    >;
  }
}
