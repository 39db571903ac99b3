import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The tables every service keeps in its own schema (see auditTablesV1): list these entities in the service's
 * ENTITIES so that its schema test checks them against the migration.
 */

/** One entry of the hash-chained, append-only audit trail (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity({ name: 'audit_log' })
@Index('audit_log_at_idx', ['at'])
@Index('audit_log_actor_idx', ['actor', 'at'])
@Index('audit_log_resource_idx', ['resourceId'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column('timestamptz') at!: Date;
  @Column('text', { nullable: true }) actor!: string | null;
  @Column('text', { array: true }) roles!: string[];
  @Column('text') kind!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'resource_type', nullable: true }) resourceType!: string | null;
  @Column('text', { name: 'resource_id', nullable: true }) resourceId!: string | null;
  @Column('jsonb', { nullable: true }) before!: unknown;
  @Column('jsonb', { nullable: true }) after!: unknown;
  @Column('jsonb', { nullable: true }) request!: unknown;
  @Column('text', { name: 'correlation_id', nullable: true }) correlationId!: string | null;
  @Column('integer', { nullable: true }) outcome!: number | null;
  @Column('text', { name: 'prev_hash' }) prevHash!: string;
  @Column('text') hash!: string;
}

/** A token that took a four-eyes decision: its jti can take no other (kept until the token has expired). */
@Entity({ name: 'spent_tokens' })
@Index('spent_tokens_expires_idx', ['expiresAt'])
export class SpentTokenEntity {
  @PrimaryColumn('text') jti!: string;
  @Column('text') actor!: string;
  @Column('text') action!: string;
  @Column('timestamptz', { name: 'spent_at', default: () => 'now()' }) spentAt!: Date;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
}

export const AUDIT_ENTITIES = [AuditLogEntity, SpentTokenEntity];

/**
 * The SQL of the audit trail and spent-token tables in `schema`, as first created (migrations *1764720000000).
 * Frozen: a later change is a new function and a new migration, never an edit of this one.
 */
export function auditTablesV1(schema: string): string[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Unexpected schema name "${schema}"`);
  return [
    `CREATE TABLE ${schema}.audit_log (
      id             bigserial   PRIMARY KEY,
      at             timestamptz NOT NULL,
      actor          text,
      roles          text[]      NOT NULL,
      kind           text        NOT NULL,
      action         text        NOT NULL,
      resource_type  text,
      resource_id    text,
      before         jsonb,
      after          jsonb,
      request        jsonb,
      correlation_id text,
      outcome        integer,
      prev_hash      text        NOT NULL,
      hash           text        NOT NULL
    )`,
    `CREATE INDEX audit_log_at_idx ON ${schema}.audit_log (at)`,
    `CREATE INDEX audit_log_actor_idx ON ${schema}.audit_log (actor, at)`,
    `CREATE INDEX audit_log_resource_idx ON ${schema}.audit_log (resource_id)`,
    `CREATE FUNCTION ${schema}.audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '${schema}.audit_log is append-only: entries are never changed or removed' USING ERRCODE = '55000';
      END $$`,
    `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON ${schema}.audit_log
       FOR EACH ROW EXECUTE FUNCTION ${schema}.audit_log_append_only()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ${schema}.audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.audit_log_append_only()`,
    `CREATE TABLE ${schema}.spent_tokens (
      jti        text        PRIMARY KEY,
      actor      text        NOT NULL,
      action     text        NOT NULL,
      spent_at   timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )`,
    `CREATE INDEX spent_tokens_expires_idx ON ${schema}.spent_tokens (expires_at)`,
  ];
}
