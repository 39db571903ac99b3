import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ControlTotals, NotPaid, Programme } from '@benefits/contracts';
import type { RunStatus } from './domain/run-status';

/** What preparation found beside the payments themselves (shown on the preview). */
export interface PreparationNotes {
  /** Items of the run whose obligation is already paid or in flight in another run. */
  alreadyPaid: number;
  /** Arrears lines for an unpaid earlier payment that was already paid again (carried over or re-sent). */
  droppedArrearsLines: number;
  /** Lines of earlier payments, not collected, carried into this run. */
  carriedOverLines: number;
}

/** A monthly payment run for a scope; its status is the latest of its run_status_changes. */
@Entity({ name: 'runs' })
@Index('runs_scope_idx', ['scopeKey', 'month'])
@Index('runs_status_idx', ['status'])
export class RunEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  month!: string;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  @Column('text', { array: true })
  programmes!: Programme[];

  @Column('text', { name: 'commune_codes', array: true, nullable: true })
  communeCodes!: string[] | null;

  /** Province, programmes and communes in a canonical form: runs of the same scope are compared on the preview. */
  @Column('text', { name: 'scope_key' })
  scopeKey!: string;

  @Column('text')
  status!: RunStatus;

  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt!: Date;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column('text', { name: 'halt_reason', nullable: true })
  haltReason!: string | null;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('integer', { name: 'declared_chunk_count', nullable: true })
  declaredChunkCount!: number | null;

  @Column('jsonb', { name: 'declared_totals', nullable: true })
  declaredTotals!: ControlTotals | null;

  /** EntitlementCompleted.notPaid: persons of the run entitlement could not pay, per programme and reason. */
  @Column('jsonb', { name: 'declared_not_paid', nullable: true })
  declaredNotPaid!: NotPaid | null;

  @Column('timestamptz', { name: 'entitlement_completed_at', nullable: true })
  entitlementCompletedAt!: Date | null;

  @Column('integer', { name: 'destinations_chunk_count', nullable: true })
  destinationsChunkCount!: number | null;

  @Column('integer', { name: 'destinations_count', nullable: true })
  destinationsCount!: number | null;

  @Column('timestamptz', { name: 'destinations_completed_at', nullable: true })
  destinationsCompletedAt!: Date | null;

  @Column('jsonb', { nullable: true })
  preparation!: PreparationNotes | null;

  /** When the BullMQ flow of the released run was created. */
  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt!: Date | null;
}

/** Append-only: every change of a run's status, when and by whom. */
@Entity({ name: 'run_status_changes' })
@Index('run_status_changes_run_idx', ['runId'])
export class RunStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: RunStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: RunStatus;

  @Column('text', { name: 'changed_by' })
  changedBy!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;

  @Column('text', { nullable: true })
  reason!: string | null;
}
