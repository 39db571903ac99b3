import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Programme } from '@benefits/contracts';
import type { Outcome } from '../payments/domain/payment-status';

/** A message to a beneficiary about the outcome of a payment, in Vietnamese: one per payment and outcome. */
@Entity({ name: 'notifications' })
@Index('notifications_payment_outcome_uq', ['paymentId', 'outcome'], { unique: true })
@Index('notifications_pending_idx', ['id'], { where: "status = 'pending'" })
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('uuid', { name: 'person_ref' })
  personRef!: string;

  @Column('text')
  outcome!: Outcome;

  /** log, sms or zalo. */
  @Column('text')
  adapter!: string;

  @Column('text')
  text!: string;

  /** superseded: a later outcome of the payment was recorded before this one was sent; it never is. */
  @Column('text')
  status!: 'pending' | 'sent' | 'failed' | 'superseded';

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt!: Date | null;
}

/** Three consecutive months not collected: raised once per person, programme and last month. */
@Entity({ name: 'collection_alerts' })
export class CollectionAlertEntity {
  @PrimaryColumn('uuid', { name: 'person_ref' })
  personRef!: string;

  @PrimaryColumn('text')
  programme!: Programme;

  @PrimaryColumn('text', { name: 'last_month' })
  lastMonth!: string;

  @Column('text', { array: true })
  months!: string[];

  @Column('timestamptz', { name: 'raised_at', default: () => 'now()' })
  raisedAt!: Date;
}
