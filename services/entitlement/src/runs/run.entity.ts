import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A run as entitlement sees it: RECEIVING its snapshot, CALCULATING, COMPLETED, HALTED, or CANCELLED (closed unpaid in disbursement). */
@Entity({ name: 'runs' })
@Index('runs_calculating_idx', { synchronize: false })
@Index('runs_month_idx', { synchronize: false })
export class RunEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ type: 'character', length: 7 }) month!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ name: 'correlation_id', type: 'text' }) correlationId!: string;
  @Column({ type: 'jsonb', nullable: true }) declared!: unknown;
  @Column({ type: 'jsonb', nullable: true }) received!: unknown;
  @Column({ name: 'halted_reason', type: 'text', nullable: true }) haltedReason!: string | null;
  @Column({ name: 'book_watermark', type: 'timestamptz', nullable: true }) bookWatermark!: Date | null;
  @Column({ name: 'next_chunk_no', type: 'integer', default: 0 }) nextChunkNo!: number;
  /** Failures of its calculation that trying again did not fix: halted at CALCULATION_MAX_FAILURES. */
  @Column({ name: 'calculation_failures', type: 'integer', default: 0 }) calculationFailures!: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

/**
 * A page of a run's persons (person_ref order, CALCULATION_BATCH_PERSONS of them): one batch, published as the
 * EntitlementChunk numbered page_no. Workers claim the pages not done in turn.
 */
@Entity({ name: 'run_pages' })
@Index('run_pages_open_idx', { synchronize: false })
export class RunPageEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'page_no', type: 'integer' }) pageNo!: number;
  @Column({ name: 'first_person', type: 'uuid' }) firstPerson!: string;
  @Column({ name: 'last_person', type: 'uuid' }) lastPerson!: string;
  @Column({ type: 'boolean', default: false }) done!: boolean;
}

/** Every change of a run's status, appended. */
@Entity({ name: 'run_events' })
@Index('run_events_run_idx', { synchronize: false })
export class RunEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) detail!: unknown;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}

@Entity({ name: 'snapshot_chunks' })
export class SnapshotChunkEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'chunk_no', type: 'integer' }) chunkNo!: number;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'item_count', type: 'integer' }) itemCount!: number;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}

/** The snapshot's items, staged until the run's control totals are verified; removed once it is calculated. */
@Entity({ name: 'snapshot_items' })
export class SnapshotItemEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @PrimaryColumn({ name: 'chunk_no', type: 'integer' }) chunkNo!: number;
  @PrimaryColumn({ name: 'item_no', type: 'integer' }) itemNo!: number;
  @Column({ name: 'decision_id', type: 'text' }) decisionId!: string;
  @Column({ type: 'text' }) programme!: string;
  @Column({ name: 'group_code', type: 'text' }) groupCode!: string;
  @Column({ name: 'commune_code', type: 'character', length: 5 }) communeCode!: string;
  @Column({ name: 'age_years', type: 'integer' }) ageYears!: number;
  @Column({ type: 'jsonb' }) attributes!: Record<string, unknown>;
}
