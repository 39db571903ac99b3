import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

/**
 * A household as the commune's poverty list knows it; `code` is the commune's own household code, unique within
 * `communeCode`: the commune its first row's residence was in on the day it was recorded, a unit merged on 2025-07-01
 * counting as the commune it went into (validate-row communeInForceOf). A household made for a person's poverty
 * status recorded through the API has no commune and the code `person:<id>`.
 */
@Entity({ name: 'household' })
@Index('household_commune_code_key', ['communeCode', 'code'], { unique: true })
export class HouseholdEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { name: 'commune_code', nullable: true })
  communeCode!: string | null;

  @Column('text')
  code!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The household's status on the poverty list of one calendar year (poor, near_poor, none). */
@Entity({ name: 'household_poverty' })
export class HouseholdPovertyEntity {
  @PrimaryColumn('uuid', { name: 'household_id' })
  householdId!: string;

  @PrimaryColumn('integer')
  year!: number;

  @Column('text')
  status!: 'poor' | 'near_poor' | 'none';

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'household_id', foreignKeyConstraintName: 'household_poverty_household_id_fkey' })
  household?: HouseholdEntity;
}
