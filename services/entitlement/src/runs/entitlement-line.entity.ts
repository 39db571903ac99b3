import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One distinct calculation (inputs → components), shared by every person with the same inputs in a month. */
@Entity({ name: 'calculations' })
export class CalculationEntity {
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'character', length: 7 }) month!: string;
  @Column({ type: 'jsonb' }) inputs!: unknown;
  @Column({ type: 'jsonb' }) components!: unknown;
  @Column({ type: 'jsonb' }) explanation!: string[];
  @Column({ type: 'bigint' }) amount!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** What one person is paid in a run for one programme: the month's amount, arrears and one-offs. */
@Entity({ name: 'entitlement_lines' })
@Index('entitlement_lines_person_idx', { synchronize: false })
export class EntitlementLineEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @PrimaryColumn({ type: 'text' }) programme!: string;
  @Column({ type: 'character', length: 7 }) month!: string;
  @Column({ name: 'calculation_id', type: 'text', nullable: true }) calculationId!: string | null;
  @Column({ type: 'bigint' }) amount!: string;
  @Column({ name: 'arrears_amount', type: 'bigint' }) arrearsAmount!: string;
  @Column({ name: 'one_off_amount', type: 'bigint' }) oneOffAmount!: string;
  @Column({ type: 'bigint' }) total!: string;
}

/** The difference owed for a past month, paid in this run (truy lĩnh). */
@Entity({ name: 'arrears_lines' })
@Index('arrears_lines_person_idx', { synchronize: false })
export class ArrearsLineEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @PrimaryColumn({ type: 'text' }) programme!: string;
  @PrimaryColumn({ type: 'character', length: 7 }) month!: string;
  @PrimaryColumn({ name: 'recipient_ref', type: 'text' }) recipientRef!: string;
  @Column({ type: 'bigint' }) owed!: string;
  @Column({ type: 'bigint' }) paid!: string;
  @Column({ type: 'bigint' }) amount!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'jsonb' }) explanation!: string[];
  /** The items the month was priced with, for the programme (null: a line stored before they were kept). */
  @Column({ type: 'jsonb', nullable: true }) inputs!: unknown;
}

/** A person not paid (or a past month not settled) in a run, and why: reported, never invented. */
@Entity({ name: 'run_exceptions' })
@Index('run_exceptions_person_idx', { synchronize: false })
export class RunExceptionEntity {
  @PrimaryColumn({ name: 'run_id', type: 'uuid' }) runId!: string;
  @PrimaryColumn({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @PrimaryColumn({ type: 'text' }) programme!: string;
  @PrimaryColumn({ type: 'character', length: 7 }) month!: string;
  @PrimaryColumn({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) message!: string;
}
