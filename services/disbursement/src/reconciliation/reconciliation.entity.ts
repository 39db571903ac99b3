import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ExceptionKind, ReconClass } from './domain/classify';
import type { Coverage, LineKind, StatementKind, StatementSource } from './domain/statement-file';

/** One imported statement file. Found again by its SHA-256 or that of its content: importing it twice changes nothing. */
@Entity({ name: 'statement_files' })
@Index('statement_files_sha256_uq', ['sha256'], { unique: true })
@Index('statement_files_content_uq', ['contentSha256'], { unique: true })
@Index('statement_files_message_uq', ['kind', 'messageId'], { unique: true })
export class StatementFileEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  kind!: StatementKind;

  @Column('text', { name: 'message_id' })
  messageId!: string;

  @Column('text')
  sha256!: string;

  /**
   * What the partner sent (StatementFile.content: the document without its creation times): a copy re-issued with
   * another creation time is the same. Files imported before hold the hash of their content as read then
   * (contentAsReadBefore); no migration can redo them, as the bytes are not kept.
   */
  @Column('text', { name: 'content_sha256' })
  contentSha256!: string;

  @Column('text', { name: 'file_name', nullable: true })
  fileName!: string | null;

  @Column('integer', { name: 'size_bytes' })
  sizeBytes!: number;

  @Column('integer', { name: 'line_count' })
  lineCount!: number;

  /** Lines not seen before (a camt.053 repeats the camt.054 lines of the day). */
  @Column('integer', { name: 'new_lines' })
  newLines!: number;

  @Column('jsonb')
  coverage!: Coverage[];

  /** Figures that do not add up inside the file (balances, batch-booked entries, report totals). */
  @Column('jsonb')
  problems!: string[];

  @Column('text', { name: 'imported_by' })
  importedBy!: string;

  @Column('timestamptz', { name: 'imported_at', default: () => 'now()' })
  importedAt!: Date;
}

/** One booking (bank) or report line (post office), stored once however many files repeat it. */
@Entity({ name: 'statement_lines' })
@Index('statement_lines_booking_uq', ['source', 'account', 'bookingRef', 'txIndex'], { unique: true })
@Index('statement_lines_payment_idx', ['paymentId'])
@Index('statement_lines_file_idx', ['fileId'])
export class StatementLineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'file_id' })
  fileId!: string;

  @Column('text')
  source!: StatementSource;

  @Column('text')
  account!: string;

  @Column('text', { name: 'booking_ref' })
  bookingRef!: string;

  @Column('integer', { name: 'tx_index' })
  txIndex!: number;

  @Column('text')
  kind!: LineKind;

  /** Null while a batch-booked entry's transaction without its own amount is not accounted for by its payment. */
  @Column('bigint', { nullable: true })
  amount!: string | null;

  /** The whole entry's amount, on the lines of a batch-booked entry whose transactions do not all give theirs. */
  @Column('bigint', { name: 'entry_amount', nullable: true })
  entryAmount!: string | null;

  @Column('text', { name: 'booking_date', nullable: true })
  bookingDate!: string | null;

  @Column('text', { name: 'end_to_end_id', nullable: true })
  endToEndId!: string | null;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** The beneficiary's account as a keyed hash, when the bank reported it: never the number itself. */
  @Column('text', { name: 'creditor_account_hash', nullable: true })
  creditorAccountHash!: string | null;

  /** The payment it was matched to, and how: 'end_to_end_id' or 'amount_account'. */
  @Column('text', { name: 'payment_id', nullable: true })
  paymentId!: string | null;

  @Column('text', { name: 'match_method', nullable: true })
  matchMethod!: string | null;
}

/** Each payment's class after the latest reconciliation of its run. */
@Entity({ name: 'payment_reconciliations' })
@Index('payment_reconciliations_run_idx', ['runId', 'recon'])
export class PaymentReconciliationEntity {
  @PrimaryColumn('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  recon!: ReconClass;

  @Column('text', { nullable: true })
  reason!: string | null;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;
}

export type ExceptionStatus = 'open' | 'assigned' | 'resolved';

/**
 * The exceptions queue: one row per problem found (kind, and the payment, statement line or statement file it is
 * about); its history in recon_exception_changes.
 */
@Entity({ name: 'recon_exceptions' })
@Index('recon_exceptions_subject_uq', { synchronize: false }) // (kind, payment_id, line_id, file_id) NULLS NOT DISTINCT
@Index('recon_exceptions_run_idx', ['runId', 'status'])
@Index('recon_exceptions_status_idx', ['status', 'kind'])
@Index('recon_exceptions_payment_idx', ['paymentId'])
export class ReconExceptionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'run_id', nullable: true })
  runId!: string | null;

  @Column('text')
  kind!: ExceptionKind;

  @Column('text', { name: 'payment_id', nullable: true })
  paymentId!: string | null;

  @Column('bigint', { name: 'line_id', nullable: true })
  lineId!: string | null;

  /** A statement_problem: the file whose own figures do not add up. */
  @Column('uuid', { name: 'file_id', nullable: true })
  fileId!: string | null;

  @Column('bigint', { name: 'expected_amount', nullable: true })
  expectedAmount!: string | null;

  @Column('bigint', { name: 'reported_amount', nullable: true })
  reportedAmount!: string | null;

  @Column('text')
  detail!: string;

  @Column('text')
  status!: ExceptionStatus;

  @Column('text', { name: 'assigned_to', nullable: true })
  assignedTo!: string | null;

  @Column('text', { nullable: true })
  resolution!: string | null;

  @Column('text', { name: 'resolved_by', nullable: true })
  resolvedBy!: string | null;

  @Column('timestamptz', { name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

/** Append-only: who raised, assigned, resolved or reopened an exception, with their note. */
@Entity({ name: 'recon_exception_changes' })
@Index('recon_exception_changes_exception_idx', ['exceptionId'])
export class ReconExceptionChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'exception_id' })
  exceptionId!: string;

  @Column('text')
  action!: string;

  @Column('text')
  actor!: string;

  @Column('text', { nullable: true })
  note!: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}

/** A run's reconciliation as prepared by one finance officer and signed off by another (four eyes). */
@Entity({ name: 'run_reconciliations' })
export class RunReconciliationEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  status!: 'prepared' | 'signed_off';

  /** A hash of everything the summary says: a sign-off is refused when the reconciliation moved since. */
  @Column('text')
  fingerprint!: string;

  @Column('jsonb')
  summary!: unknown;

  @Column('text', { name: 'prepared_by' })
  preparedBy!: string;

  @Column('timestamptz', { name: 'prepared_at' })
  preparedAt!: Date;

  @Column('text', { name: 'signed_off_by', nullable: true })
  signedOffBy!: string | null;

  @Column('timestamptz', { name: 'signed_off_at', nullable: true })
  signedOffAt!: Date | null;
}

/** Append-only: every preparation and sign-off of a run's reconciliation. */
@Entity({ name: 'run_reconciliation_changes' })
@Index('run_reconciliation_changes_run_idx', ['runId'])
export class RunReconciliationChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  action!: 'prepared' | 'signed_off';

  @Column('text')
  actor!: string;

  @Column('text')
  fingerprint!: string;

  @Column('timestamptz', { default: () => 'now()' })
  at!: Date;
}
