import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Every life event applied to the register, as received (API or Kafka): the audit trail of the changes. */
@Entity({ name: 'life_event' })
@Index('life_event_person_idx', ['personId', 'recordedAt'])
export class LifeEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @Column('text')
  kind!: string;

  @Column('date', { name: 'effective_on' })
  effectiveOn!: string;

  /** What changed; account numbers only as their last 4 digits. */
  @Column('jsonb')
  details!: Record<string, unknown>;

  @Column('text')
  source!: 'api' | 'kafka';

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
