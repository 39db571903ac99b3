import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Decisions terminated by an operator: payments for months after the last day paid are re-priced without them. */
@Entity({ name: 'terminations' })
@Index('terminations_person_idx', { synchronize: false })
export class TerminationEntity {
  @PrimaryColumn({ name: 'decision_id', type: 'text' }) decisionId!: string;
  @Column({ name: 'person_ref', type: 'uuid' }) personRef!: string;
  @Column({ type: 'text' }) programme!: string;
  @Column({ name: 'group_code', type: 'text' }) groupCode!: string;
  @Column({ name: 'last_day_paid', type: 'date' }) lastDayPaid!: string;
  @Column({ name: 'decision_number', type: 'text' }) decisionNumber!: string;
  @Column({ name: 'reason_code', type: 'text' }) reasonCode!: string;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
  /** When eligibility recorded the termination (the event's occurredAt). */
  @Column({ name: 'terminated_at', type: 'timestamptz' }) terminatedAt!: Date;
  /** A care allowance ended by the death of the person cared for (cared_for_died): that person. */
  @Column({ name: 'cared_for_ref', type: 'uuid', nullable: true }) caredForRef!: string | null;
  /** An amended decision (reason AMENDED): the register's group of the amending decision that continues it. */
  @Column({ name: 'amending_group_code', type: 'text', nullable: true }) amendingGroupCode!: string | null;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}
