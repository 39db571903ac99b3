import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** The ledger of payment outcomes reported by disbursement (append-only). */
@Entity({ name: 'payments_received' })
@Index('payments_received_person_idx', { synchronize: false })
@Index('payments_received_unpaid_idx', { synchronize: false })
@Index('payments_received_month_idx', { synchronize: false })
export class PaymentReceivedEntity {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'payment_id', type: 'text' }) paymentId!: string;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @Column({ type: 'text' }) programme!: string;
  @Column({ type: 'character', length: 7 }) month!: string;
  @Column({ type: 'bigint' }) amount!: string;
  @Column({ type: 'text' }) outcome!: string;
  @Column({ name: 'reason_code', type: 'text', nullable: true }) reasonCode!: string | null;
  @Column({ name: 'occurred_on', type: 'date' }) occurredOn!: string;
  /** What the amount paid for, month by month (regular, arrears, carried_over, resent), when disbursement says. */
  @Column({ type: 'jsonb', nullable: true }) lines!: { kind: string; month: string; amount: string }[] | null;
  /** A re-send: the payment (rejected or returned) it pays again. */
  @Column({ name: 'resend_of', type: 'text', nullable: true }) resendOf!: string | null;
  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' }) receivedAt!: Date;
}

/** An overpayment to recover, for finance: never a negative payment (append-only). */
@Entity({ name: 'recoveries' })
@Unique('recoveries_source_uq', ['sourceId', 'personRef', 'programme', 'month', 'recipientRef'])
@Index('recoveries_person_idx', { synchronize: false })
export class RecoveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @Column({ type: 'text' }) programme!: string;
  @Column({ type: 'character', length: 7 }) month!: string;
  @Column({ name: 'recipient_ref', type: 'text' }) recipientRef!: string;
  @Column({ type: 'bigint' }) owed!: string;
  @Column({ type: 'bigint' }) paid!: string;
  @Column({ type: 'bigint' }) amount!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'jsonb' }) explanation!: string[];
  @Column({ type: 'text' }) source!: string;
  @Column({ name: 'source_id', type: 'text' }) sourceId!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
