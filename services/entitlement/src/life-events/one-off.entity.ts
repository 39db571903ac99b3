import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** Deaths reported by eligibility: payments for later months are recovered. */
@Entity({ name: 'deaths' })
export class DeathEntity {
  @PrimaryColumn({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @Column({ name: 'date_of_death', type: 'date' }) dateOfDeath!: string;
  @Column({ type: 'jsonb' }) programmes!: string[];
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}

/** A one-off payment (funeral support), paid in the next run; one per person and kind, besides its top-ups. */
@Entity({ name: 'one_offs' })
@Index('one_offs_person_kind_uq', { synchronize: false })
@Index('one_offs_tops_up_idx', { synchronize: false })
export class OneOffEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) programme!: string;
  @Column({ type: 'character', length: 7 }) month!: string;
  @Column({ type: 'bigint' }) amount!: string;
  @Column({ type: 'text' }) instrument!: string;
  @Column({ type: 'jsonb' }) explanation!: string[];
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  /** Funeral support: the commune the deceased lived in when they died (a run of other communes leaves it). */
  @Column({ name: 'commune_code', type: 'text', nullable: true }) communeCode!: string | null;
  /** A top-up after a backdated rate table: the one-off it adds to (funeral-top-ups.ts). */
  @Column({ name: 'tops_up', type: 'bigint', nullable: true }) topsUp!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The run a one-off was put into; again (the next attempt) only after that run was cancelled. */
@Entity({ name: 'one_off_schedules' })
export class OneOffScheduleEntity {
  @PrimaryColumn({ name: 'one_off_id', type: 'bigint' }) oneOffId!: string;
  /** How many runs that held the one-off were cancelled before this one. */
  @PrimaryColumn({ type: 'smallint', default: 0 }) attempt!: number;
  @Column({ name: 'run_id', type: 'uuid' }) runId!: string;
  @Column({ name: 'scheduled_at', type: 'timestamptz', default: () => 'now()' }) scheduledAt!: Date;
}
