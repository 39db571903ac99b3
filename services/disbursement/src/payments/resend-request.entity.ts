import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { Channel } from '@benefits/contracts';

export type ResendStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** A request to pay an unpaid payment again to a corrected destination: requested by one user, approved by another. */
@Entity({ name: 'resend_requests' })
@Index('resend_requests_payment_idx', ['paymentId'])
export class ResendRequestEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('text')
  status!: ResendStatus;

  @Column('text')
  reason!: string;

  @Column('text', { name: 'requested_by' })
  requestedBy!: string;

  @Column('timestamptz', { name: 'requested_at', default: () => 'now()' })
  requestedAt!: Date;

  @Column('text', { name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason!: string | null;

  @Column('text', { name: 'resend_payment_id', nullable: true })
  resendPaymentId!: string | null;

  @Column('text')
  channel!: Channel;

  @Column('text', { name: 'bank_bin', nullable: true })
  bankBin!: string | null;

  @Column('text', { name: 'account_cipher', nullable: true })
  accountCipher!: string | null;

  @Column('text', { name: 'account_hash', nullable: true })
  accountHash!: string | null;

  @Column('text', { name: 'account_masked', nullable: true })
  accountMasked!: string | null;

  @Column('text', { name: 'holder_name' })
  holderName!: string;

  @Column('text', { name: 'commune_code' })
  communeCode!: string;

  @Column('text', { name: 'cash_point_code', nullable: true })
  cashPointCode!: string | null;
}
