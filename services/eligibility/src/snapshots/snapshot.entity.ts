import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * The frozen eligibility of one payment run. Built in parts (SnapshotPartEntity), page by page, each page in one
 * transaction with its items, its outbox events and its part's cursor, so a restart resumes where it stopped and
 * publishes nothing twice. One row per run id: the same RunRequested twice gives one snapshot. The chunk numbers of
 * both streams are handed out here, to whichever part's page commits, so they stay dense whatever the order.
 */
@Entity({ name: 'snapshot' })
export class SnapshotEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  month!: string;

  @Column('jsonb')
  scope!: Record<string, unknown>;

  @Column('text')
  status!: 'building' | 'completed';

  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('uuid', { name: 'request_event_id' })
  requestEventId!: string;

  /** The runs of the month closed unpaid before this one was requested (RunRequested), passed on at completion. */
  @Column('uuid', { name: 'closed_run_ids', array: true, nullable: true })
  closedRunIds!: string[] | null;

  @Column('integer', { name: 'next_chunk_no', default: 0 })
  nextChunkNo!: number;

  @Column('integer', { name: 'next_destinations_chunk_no', default: 0 })
  nextDestinationsChunkNo!: number;

  @Column('integer', { name: 'payable_count', default: 0 })
  payableCount!: number;

  @Column('integer', { name: 'not_payable_count', default: 0 })
  notPayableCount!: number;

  @Column('integer', { name: 'without_destination_count', default: 0 })
  withoutDestinationCount!: number;

  /** Deceased persons, not payable in the run, whose funeral payee was sent (see funeral-payee.ts). */
  @Column('integer', { name: 'funeral_destination_count', default: 0 })
  funeralDestinationCount!: number;

  @Column('jsonb', { name: 'counts_by_programme', nullable: true })
  countsByProgramme!: Record<string, number> | null;

  @Column('text', { nullable: true })
  checksum!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt!: Date | null;
}

/**
 * One part of a run's snapshot: the persons with an id after `cursor` (the last person done), up to `lastPersonId`
 * included. Parts are built side by side, one snapshot thread each; `done` once its last page is written.
 */
@Entity({ name: 'snapshot_part' })
export class SnapshotPartEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @ManyToOne(() => SnapshotEntity)
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'snapshot_part_run_id_fkey' })
  snapshot?: SnapshotEntity;

  @PrimaryColumn('integer')
  part!: number;

  @Column('uuid')
  cursor!: string;

  @Column('uuid', { name: 'last_person_id' })
  lastPersonId!: string;

  @Column('boolean', { default: false })
  done!: boolean;
}

/** One decision of a run: payable (with its group for the month) or not (with the machine reason). */
@Entity({ name: 'snapshot_item' })
export class SnapshotItemEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @PrimaryColumn('uuid', { name: 'decision_id' })
  decisionId!: string;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @Column('text')
  programme!: string;

  @Column('boolean')
  payable!: boolean;

  @Column('text', { name: 'group_code', nullable: true })
  groupCode!: string | null;

  @Column('text', { name: 'commune_code', nullable: true })
  communeCode!: string | null;

  @Column('integer', { name: 'age_years', nullable: true })
  ageYears!: number | null;

  @Column('jsonb', { nullable: true })
  attributes!: Record<string, unknown> | null;

  @Column('text', { nullable: true })
  reason!: string | null;
}
