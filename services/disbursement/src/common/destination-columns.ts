import { Column } from 'typeorm';
import type { Channel } from '@benefits/contracts';

/**
 * Where a person is paid, as stored with a run's inputs and with each payment instruction: the same columns in
 * both tables. The account number only ever as its at-rest cipher, keyed hash and masked form.
 */
export abstract class DestinationColumns {
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

  @Column('text', { name: 'masked_national_id', nullable: true })
  maskedNationalId!: string | null;

  @Column('text', { name: 'commune_code' })
  communeCode!: string;

  @Column('text', { name: 'cash_point_code', nullable: true })
  cashPointCode!: string | null;

  /** Cash at a post-office point only: the payee's hamlet or street address, printed on the cash list. */
  @Column('text', { nullable: true })
  address!: string | null;
}
