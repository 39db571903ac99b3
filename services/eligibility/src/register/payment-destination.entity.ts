import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Channel } from '@benefits/contracts';
import { PersonEntity } from './person.entity';

/**
 * regular: where the person is paid. funeral: where a deceased person's funeral support (and anything else still
 * paid for them) goes: the funeral organiser's account or cash point (D20 Art.11), never the deceased's own.
 */
export type DestinationPurpose = 'regular' | 'funeral';

/**
 * Where a person is paid, kept apart from the person as an account mapper does: append-only, the row with the
 * latest valid_from (then the latest id) on a date is the destination on that date.
 * The account number is encrypted at rest (account_cipher), found through its keyed hash, shown by its last 4
 * digits, and also kept encrypted with the transport key (account_transport_cipher) so that a run does not
 * decrypt and re-encrypt a million accounts; a row whose transport cipher names an old key is re-encrypted then.
 * Each purpose has its own history: a funeral organiser's row never becomes the person's regular destination.
 */
@Entity({ name: 'payment_destination' })
@Index('payment_destination_person_idx', ['personId', 'validFrom'])
export class PaymentDestinationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'payment_destination_person_id_fkey' })
  person?: PersonEntity;

  @Column('text')
  channel!: Channel;

  @Column('text', { name: 'bank_bin', nullable: true })
  bankBin!: string | null;

  @Column('text', { name: 'account_cipher', nullable: true })
  accountCipher!: string | null;

  @Index('payment_destination_account_hash_idx')
  @Column('text', { name: 'account_hash', nullable: true })
  accountHash!: string | null;

  @Column('text', { name: 'account_last4', nullable: true })
  accountLast4!: string | null;

  @Column('text', { name: 'account_transport_cipher', nullable: true })
  accountTransportCipher!: string | null;

  @Column('text', { name: 'holder_name' })
  holderName!: string;

  @Column('text', { name: 'cash_point_code', nullable: true })
  cashPointCode!: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('text', { default: 'regular' })
  purpose!: DestinationPurpose;

  /** Funeral: the organiser's relationship to the deceased (con, vợ, UBND xã ...). */
  @Column('text', { name: 'payee_relationship', nullable: true })
  payeeRelationship!: string | null;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
