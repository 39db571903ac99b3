import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredRow } from './rate-table.mapping';

/** One version of a rate table as proposed (append-only; see migration RateTables1764547200000). */
@Entity({ name: 'rate_table_versions' })
export class RateTableVersionEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ name: 'table_name', type: 'text' }) tableName!: string;
  @Column({ type: 'text', nullable: true }) scope!: string | null;
  @Column({ name: 'effective_from', type: 'character', length: 7 }) effectiveFrom!: string;
  @Column({ name: 'effective_to', type: 'character', length: 7, nullable: true }) effectiveTo!: string | null;
  @Column({ type: 'text' }) instrument!: string;
  @Column({ type: 'text' }) confidence!: string;
  @Column({ name: 'standard_level', type: 'bigint', nullable: true }) standardLevel!: string | null;
  @Column({ type: 'jsonb' }) rows!: StoredRow[];
  @Column({ name: 'proposed_by', type: 'text' }) proposedBy!: string;
  @Column({ name: 'proposed_at', type: 'timestamptz', default: () => 'now()' }) proposedAt!: Date;
}

/** A second person's approval or rejection of a version (append-only, at most one per version). */
@Entity({ name: 'rate_table_decisions' })
export class RateTableDecisionEntity {
  @PrimaryColumn({ name: 'version_id', type: 'text' }) versionId!: string;
  @Column({ type: 'text' }) decision!: string;
  @Column({ name: 'decided_by', type: 'text' }) decidedBy!: string;
  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' }) decidedAt!: Date;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
}
