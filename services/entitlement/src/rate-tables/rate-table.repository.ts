import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { TableVersion } from '../domain';
import { toStoredRows, type Decision, type VersionRecord } from './rate-table.mapping';

const SELECT_VERSIONS = `
  SELECT v.id, v.table_name, v.scope, v.effective_from, v.effective_to, v.instrument, v.confidence,
         v.standard_level::text AS standard_level, v.rows, v.proposed_by, v.proposed_at,
         d.decision, d.decided_by, d.decided_at, d.reason
    FROM entitlement.rate_table_versions v
    LEFT JOIN entitlement.rate_table_decisions d ON d.version_id = v.id`;

/** SQL of the rate tables: versions are inserted, decisions are inserted, nothing is ever updated. */
@Injectable()
export class RateTableRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Approved versions in the order they entered the book (standard levels first at equal times). */
  async approved(sql: EntityManager | DataSource = this.dataSource): Promise<VersionRecord[]> {
    return sql.query(`${SELECT_VERSIONS} WHERE d.decision = 'approved'
      ORDER BY d.decided_at, (v.table_name <> 'standard_level'), v.id`);
  }

  async list(filter: { status?: 'proposed' | Decision; table?: string }): Promise<VersionRecord[]> {
    const status = filter.status ?? null;
    return this.dataSource.query(
      `${SELECT_VERSIONS}
        WHERE ($1::text IS NULL OR coalesce(d.decision, 'proposed') = $1) AND ($2::text IS NULL OR v.table_name = $2)
        ORDER BY v.proposed_at DESC, v.id`,
      [status, filter.table ?? null],
    );
  }

  /** One version; with `lock`, its row is locked until the transaction ends (a decision is being taken). */
  async find(id: string, sql: EntityManager | DataSource = this.dataSource, lock = false): Promise<VersionRecord | undefined> {
    const rows: VersionRecord[] = await sql.query(`${SELECT_VERSIONS} WHERE v.id = $1${lock ? ' FOR UPDATE OF v' : ''}`, [id]);
    return rows[0];
  }

  async insert(version: TableVersion, proposedBy: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO entitlement.rate_table_versions
         (id, table_name, scope, effective_from, effective_to, instrument, confidence, standard_level, rows, proposed_by, proposed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        version.id,
        version.table,
        version.scope ?? null,
        version.effectiveFrom,
        version.effectiveTo ?? null,
        version.instrument,
        version.confidence,
        version.standardLevel?.toString() ?? null,
        JSON.stringify(toStoredRows(version.rows)),
        proposedBy,
        version.enteredAt,
      ],
    );
  }

  async decide(tx: EntityManager, versionId: string, decision: Decision, by: string, at: string, reason: string | null): Promise<void> {
    await tx.query(
      `INSERT INTO entitlement.rate_table_decisions (version_id, decision, decided_by, decided_at, reason) VALUES ($1, $2, $3, $4, $5)`,
      [versionId, decision, by, at, reason],
    );
  }

  /** Approvals are taken one at a time: each is validated against the book as the previous one left it. */
  async lockBook(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('entitlement.rate-book'))`);
  }
}
