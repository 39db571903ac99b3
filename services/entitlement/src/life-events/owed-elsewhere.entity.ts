import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A month a termination left owed in another programme: the next run pays it as arrears (migration OwedElsewhere). */
@Entity({ name: 'owed_elsewhere' })
export class OwedElsewhereEntity {
  @PrimaryColumn({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @PrimaryColumn({ type: 'text' }) programme!: string;
  @PrimaryColumn({ type: 'character', length: 7 }) month!: string;
  /** What the termination found owed and not paid; the run prices the month again and pays what is owed then. */
  @Column({ type: 'bigint' }) amount!: string;
  @PrimaryColumn({ name: 'source_id', type: 'text' }) sourceId!: string;
  @Column({ type: 'jsonb' }) explanation!: unknown;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}
