import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { HouseholdEntity } from './household.entity';

/**
 * A person of the register. `id` is the personRef other services know; the ID number is kept only encrypted
 * (AES-256-GCM, PII_KEYS) and found through its keyed hash (HMAC-SHA256, PII_HASH_KEY).
 */
@Entity({ name: 'person' })
@Index('person_name_search_trgm_idx', { synchronize: false })
export class PersonEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'national_id_cipher' })
  nationalIdCipher!: string;

  @Column('text', { name: 'national_id_hash', unique: true })
  nationalIdHash!: string;

  @Column('text', { name: 'full_name' })
  fullName!: string;

  /** The name in lower case without diacritics, for searching ("nguyen thi lan" finds "Nguyễn Thị Lan"). */
  @Column('text', { name: 'name_search' })
  nameSearch!: string;

  @Column('text')
  sex!: 'male' | 'female';

  @Column('date', { name: 'date_of_birth' })
  dateOfBirth!: string;

  @Column('date', { name: 'date_of_death', nullable: true })
  dateOfDeath!: string | null;

  @Column('text', { name: 'phone_cipher', nullable: true })
  phoneCipher!: string | null;

  @Index('person_household_idx')
  @Column('uuid', { name: 'household_id', nullable: true })
  householdId!: string | null;

  @ManyToOne(() => HouseholdEntity)
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'person_household_id_fkey' })
  household?: HouseholdEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
