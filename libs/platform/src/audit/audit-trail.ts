import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { chainHash, GENESIS_HASH, maskForAudit, maskText, verifyChain, type AuditContent, type AuditKind, type ChainVerdict, type StoredAuditEntry } from './audit-chain';

export const AUDIT_OPTIONS = Symbol('AUDIT_OPTIONS');

export interface AuditOptions {
  /** The service's own schema: its audit trail and spent tokens live there. */
  schema: string;
}

/** One thing to record. Whatever it holds is masked before it is stored (see maskForAudit). */
export interface AuditRecord {
  actor: { id: string; roles: readonly string[] } | null;
  kind?: AuditKind;
  /** `POST /runs/:id/approve` for a request, a dotted name (`run.approve`) for a use case's own entry. */
  action: string;
  resourceType?: string | null;
  resourceId?: string | null;
  before?: unknown;
  after?: unknown;
  request?: unknown;
  correlationId?: string | null;
  /** The HTTP status answered; none for a use case's own entry (it is written in its transaction: it happened). */
  outcome?: number | null;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  resourceId?: string;
  kind?: AuditKind;
  from?: Date;
  to?: Date;
  /** Only entries older than this one (its id): the next page after one ending with it. */
  beforeId?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  actor: string | null;
  roles: string[];
  kind: AuditKind;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  before: unknown;
  after: unknown;
  request: unknown;
  correlation_id: string | null;
  outcome: number | null;
  prev_hash: string;
  hash: string;
}

const VERIFY_PAGE = 5000;

/**
 * The service's audit trail: append-only entries, each chained to the previous one by its hash. Appends are
 * serialised by a transaction-scoped advisory lock, so two requests can never both extend the same head (the chain
 * cannot fork) and ids follow the order of the chain.
 */
@Injectable()
export class AuditTrail {
  private readonly table: string;
  private readonly lockName: string;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(AUDIT_OPTIONS) options: AuditOptions,
  ) {
    this.table = `${options.schema}.audit_log`;
    this.lockName = `audit-chain:${options.schema}`;
  }

  /**
   * Appends an entry. Given a transaction (READ COMMITTED, the default), the entry is written in it: it exists if
   * and only if the change it describes is committed. The chain stays locked until that transaction ends: keep it short.
   */
  async record(record: AuditRecord, tx?: EntityManager): Promise<StoredAuditEntry> {
    const content = contentOf(record);
    const append = async (manager: EntityManager): Promise<StoredAuditEntry> => {
      const [{ isolation }] = await manager.query(`SELECT current_setting('transaction_isolation') AS isolation`);
      // Under a snapshot older than the lock, the head read below could be stale and the chain would fork.
      if (isolation !== 'read committed') throw new Error(`Audit entries are appended under READ COMMITTED, not ${isolation}`);
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [this.lockName]);
      const [head] = await manager.query(`SELECT hash FROM ${this.table} ORDER BY id DESC LIMIT 1`);
      const prevHash: string = head?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, content);
      const [row] = await manager.query(
        `INSERT INTO ${this.table} (at, actor, roles, kind, action, resource_type, resource_id, before, after, request, correlation_id, outcome, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb, $11, $12, $13, $14) RETURNING id`,
        [
          content.at, content.actor, content.roles, content.kind, content.action, content.resourceType, content.resourceId,
          json(content.before), json(content.after), json(content.request), content.correlationId, content.outcome, prevHash, hash,
        ],
      );
      return { id: String(row.id), ...content, prevHash, hash };
    };
    return tx ? append(tx) : this.dataSource.transaction('READ COMMITTED', append);
  }

  /** Entries matching every given filter, newest first. */
  async find(filter: AuditFilter): Promise<StoredAuditEntry[]> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (column: string, operator: string, value: unknown) => {
      if (value === undefined) return;
      params.push(value);
      conditions.push(`${column} ${operator} $${params.length}`);
    };
    where('actor', '=', filter.actor);
    where('action', '=', filter.action);
    where('resource_id', '=', filter.resourceId);
    where('kind', '=', filter.kind);
    where('at', '>=', filter.from);
    where('at', '<', filter.to);
    where('id', '<', filter.beforeId);
    params.push(filter.limit);
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM ${this.table} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(entryOf);
  }

  /** Recomputes the whole chain, page by page in id order: the first entry that does not match is reported. */
  async verify(): Promise<ChainVerdict> {
    let prevHash = GENESIS_HASH;
    let afterId = '0';
    let entries = 0;
    for (;;) {
      const rows: AuditRow[] = await this.dataSource.query(`SELECT * FROM ${this.table} WHERE id > $1 ORDER BY id LIMIT ${VERIFY_PAGE}`, [afterId]);
      if (rows.length === 0) return { ok: true, entries, lastHash: prevHash };
      const verdict = verifyChain(rows.map(entryOf), prevHash);
      entries += verdict.entries;
      if (!verdict.ok) return { ...verdict, entries };
      prevHash = verdict.lastHash;
      afterId = String(rows[rows.length - 1].id);
    }
  }
}

function contentOf(record: AuditRecord): AuditContent {
  return {
    at: new Date().toISOString(),
    actor: record.actor?.id ?? null,
    roles: [...(record.actor?.roles ?? [])],
    kind: record.kind ?? 'change',
    action: maskText(record.action),
    resourceType: record.resourceType ?? null,
    resourceId: record.resourceId ? maskText(record.resourceId) : null,
    before: maskForAudit(record.before),
    after: maskForAudit(record.after),
    request: maskForAudit(record.request),
    correlationId: record.correlationId ?? null,
    outcome: record.outcome ?? null,
  };
}

function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}

function entryOf(row: AuditRow): StoredAuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    roles: row.roles,
    kind: row.kind,
    action: row.action,
    resourceType: row.resource_type,
    resourceId: row.resource_id,
    before: row.before,
    after: row.after,
    request: row.request,
    correlationId: row.correlation_id,
    outcome: row.outcome,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
