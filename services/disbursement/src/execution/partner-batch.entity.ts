import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@benefits/contracts';
import type { BatchStatus, Partner } from './domain/batch-status';

/**
 * One file or list sent to a partner. The payload is stored (encrypted: it holds account numbers) BEFORE it is
 * sent, so a job that runs again sends the very same bytes under the same id and the partner answers with its
 * idempotent replay: never a new MsgId for payments already sent.
 */
@Entity({ name: 'partner_batches' })
@Index('partner_batches_run_idx', ['runId'])
export class PartnerBatchEntity {
  /** ≤ 35 characters: the pain.001 MsgId / the post office's batchId. */
  @PrimaryColumn('text', { name: 'batch_id' })
  batchId!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  channel!: Channel;

  @Column('text')
  partner!: Partner;

  /** Bank BIN, "account", or "<commune>/<cash point>". */
  @Column('text', { name: 'group_key' })
  groupKey!: string;

  @Column('integer', { name: 'item_count' })
  itemCount!: number;

  @Column('bigint')
  total!: string;

  @Column('text')
  status!: BatchStatus;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column('text', { name: 'payload_cipher', nullable: true })
  payloadCipher!: string | null;

  @Column('text', { name: 'payload_sha256', nullable: true })
  payloadSha256!: string | null;

  @Column('text', { name: 'ack_body', nullable: true })
  ackBody!: string | null;

  @Column('integer', { default: 0 })
  attempts!: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError!: string | null;

  /** Bank: the CreDtTm of the last camt.054 read, so the next read asks only for newer entries. */
  @Column('text', { name: 'statement_cursor', nullable: true })
  statementCursor!: string | null;

  /** The sha256 of the last status report whose outcomes were recorded: the same report again has nothing new. */
  @Column('text', { name: 'status_report_sha256', nullable: true })
  statusReportSha256!: string | null;

  /** When the partner had a final outcome for every payment of the batch. */
  @Column('timestamptz', { name: 'outcomes_complete_at', nullable: true })
  outcomesCompleteAt!: Date | null;

  /** When its send job was put on its queue; null: planned, and nothing will send it until the recovery sweep does. */
  @Column('timestamptz', { name: 'dispatched_at', nullable: true })
  dispatchedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

/** Append-only: every change of a batch's status. */
@Entity({ name: 'partner_batch_status_changes' })
@Index('partner_batch_status_changes_batch_idx', ['batchId'])
export class PartnerBatchStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('text', { name: 'batch_id' })
  batchId!: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: BatchStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: BatchStatus;

  @Column('text', { nullable: true })
  detail!: string | null;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}
