import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EntitlementItem, Programme } from '@benefits/contracts';
import { DestinationColumns } from '../common/destination-columns';
import type { BalanceDisposition, LineKind, LineSource, PaymentKind, PaymentStatus } from './domain/payment-status';

/** A payment instruction: one per person and programme in a run (or a re-send of an unpaid one). */
@Entity({ name: 'payments' })
// By run alone, so that status changes are HOT updates (migration 1765584000000-payments-hot-updates); fillfactor 70.
@Index('payments_run_idx', ['runId'])
@Index('payments_person_idx', ['personRef', 'programme', 'month'])
@Index('payments_batch_idx', ['batchId'])
export class PaymentEntity extends DestinationColumns {
  /** Deterministic, ≤ 35 characters: the ISO 20022 EndToEndId and the post office's paymentId. */
  @PrimaryColumn('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  kind!: PaymentKind;

  @Column('text', { name: 'resend_of', nullable: true })
  resendOf!: string | null;

  @Column('text')
  programme!: Programme;

  @Column('text')
  month!: string;

  @Column('uuid', { name: 'person_ref' })
  personRef!: string;

  /** The month's own components. */
  @Column('bigint')
  amount!: string;

  @Column('bigint', { name: 'arrears_amount' })
  arrearsAmount!: string;

  @Column('bigint', { name: 'carried_over_amount' })
  carriedOverAmount!: string;

  @Column('bigint')
  total!: string;

  @Column('jsonb')
  components!: EntitlementItem['components'];

  @Column('text', { name: 'destination_problem', nullable: true })
  destinationProblem!: string | null;

  @Column('text')
  status!: PaymentStatus;

  @Column('timestamptz', { name: 'status_changed_at', default: () => 'now()' })
  statusChangedAt!: Date;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode!: string | null;

  /** The partner's date of the outcome (YYYY-MM-DD). */
  @Column('text', { name: 'outcome_on', nullable: true })
  outcomeOn!: string | null;

  /** Not collected at the post office: the amount owed again next month (0 when the person died). */
  @Column('bigint', { name: 'carried_over_next', nullable: true })
  carriedOverNext!: string | null;

  /** Not paid out by the post office (not collected, rejected): its money returned to us, or kept for next month. */
  @Column('text', { name: 'balance_disposition', nullable: true })
  balanceDisposition!: BalanceDisposition | null;

  /** Paid out by the post office: at the payment point or at home. */
  @Column('text', { name: 'paid_how', nullable: true })
  paidHow!: 'at_point' | 'at_home' | null;

  /** Paid out by the post office: the payment point's code. */
  @Column('text', { name: 'paid_at_point', nullable: true })
  paidAtPoint!: string | null;

  /** Paid out by the post office to a proxy (with a written authorisation): who, as the post office wrote it. */
  @Column('text', { name: 'received_by', nullable: true })
  receivedBy!: string | null;

  @Column('text', { name: 'batch_id', nullable: true })
  batchId!: string | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;
}

/** Append-only: every change of a payment's status. */
@Entity({ name: 'payment_status_changes' })
@Index('payment_status_changes_payment_idx', ['paymentId'])
export class PaymentStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('text', { name: 'from_status', nullable: true })
  fromStatus!: PaymentStatus | null;

  @Column('text', { name: 'to_status' })
  toStatus!: PaymentStatus;

  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode!: string | null;

  @Column('text', { name: 'changed_by' })
  changedBy!: string;

  @Column('timestamptz', { name: 'changed_at', default: () => 'now()' })
  changedAt!: Date;
}

/**
 * An obligation a payment pays. The partial unique index is the guard against paying twice: one active regular
 * line per (programme, month, person) across all runs, one active re-payment per line of an unpaid payment.
 */
@Entity({ name: 'payment_lines' })
@Index('payment_lines_obligation_uq', ['kind', 'programme', 'month', 'personRef', 'originRef'], { unique: true, where: 'voided_at IS NULL' })
@Index('payment_lines_payment_idx', ['paymentId'])
export class PaymentLineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('text')
  kind!: LineKind;

  @Column('text')
  source!: LineSource;

  @Column('text')
  programme!: Programme;

  /** The month the obligation is for (a carried-over line keeps the month it was first owed for). */
  @Column('text')
  month!: string;

  @Column('uuid', { name: 'person_ref' })
  personRef!: string;

  @Column('bigint')
  amount!: string;

  /** regular: ''; arrears: "<run month>:<reason>:<n>"; repay: the payment whose unpaid line this pays again. */
  @Column('text', { name: 'origin_ref', default: '' })
  originRef!: string;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'voided_at', nullable: true })
  voidedAt!: Date | null;
}
