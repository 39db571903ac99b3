import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

/** Where a person lives, from/to (inclusive). Outside the province the commune may be unknown (null). */
@Entity({ name: 'residence' })
@Index('residence_person_from_key', ['personId', 'validFrom'], { unique: true })
@Index('residence_current_commune_idx', { synchronize: false })
export class ResidenceEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'residence_person_id_fkey' })
  person?: PersonEntity;

  @Column('text', { name: 'commune_code', nullable: true })
  communeCode!: string | null;

  @Column('text', { name: 'province_code' })
  provinceCode!: string;

  /** Hamlet or street address (thôn, ấp, tổ, khóm; số nhà), shown on the post office's cash list. */
  @Column('text', { nullable: true })
  address!: string | null;

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo!: string | null;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
