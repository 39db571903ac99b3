import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Programme } from '@benefits/contracts';
import { PersonEntity } from './person.entity';

/** A benefit decision for a person, as signed. Its status lives in the append-only DecisionStatusEntity rows. */
@Entity({ name: 'decision' })
@Index('decision_natural_key', ['personId', 'programme', 'decisionNumber'], { unique: true })
export class DecisionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('decision_person_idx')
  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'decision_person_id_fkey' })
  person?: PersonEntity;

  @Column('text')
  programme!: Programme;

  /** A family code (SA_CHILD_NO_SUPPORT) or a banded group code standing for its family. */
  @Column('text', { name: 'group_code' })
  groupCode!: string;

  /** injuryRate, especiallySevereWound, seniorityYears, studyPeriods, children (see the import layout). */
  @Column('jsonb')
  attributes!: Record<string, unknown>;

  @Column('text', { name: 'decision_number' })
  decisionNumber!: string;

  @Column('text', { name: 'signing_level' })
  signingLevel!: 'district' | 'commune';

  @Column('date', { name: 'signed_on' })
  signedOn!: string;

  @Column('date', { name: 'effective_from' })
  effectiveFrom!: string;

  @Column('date', { name: 'effective_to', nullable: true })
  effectiveTo!: string | null;

  @Column('date', { name: 'certificate_date', nullable: true })
  certificateDate!: string | null;

  @Column('uuid', { name: 'import_id', nullable: true })
  importId!: string | null;

  /** An amending decision: the decision it continues with changed facts (that one is terminated, reason AMENDED). */
  @Index('decision_amends_once', { synchronize: false })
  @Column('uuid', { name: 'amends_decision_id', nullable: true })
  amendsDecisionId!: string | null;

  @ManyToOne(() => DecisionEntity)
  @JoinColumn({ name: 'amends_decision_id', foreignKeyConstraintName: 'decision_amends_decision_id_fkey' })
  amends?: DecisionEntity;

  /** A care allowance held by the caring household: the person cared for (GroupFamily.mayNameCaredFor). */
  @Index('decision_cared_for_idx', { synchronize: false })
  @Column('uuid', { name: 'cared_for_person_id', nullable: true })
  caredForPersonId!: string | null;

  @ManyToOne(() => PersonEntity)
  @JoinColumn({ name: 'cared_for_person_id', foreignKeyConstraintName: 'decision_cared_for_person_id_fkey' })
  caredFor?: PersonEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One change of a decision's status, never updated: active, suspended or terminated from a date. */
@Entity({ name: 'decision_status' })
@Index('decision_status_decision_idx', ['decisionId', 'validFrom'])
/** Partial unique (decision_id) WHERE status = 'terminated', in the migration: a decision is terminated once. */
@Index('decision_status_one_termination', { synchronize: false })
export class DecisionStatusEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'decision_id' })
  decisionId!: string;

  @ManyToOne(() => DecisionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'decision_status_decision_id_fkey' })
  decision?: DecisionEntity;

  @Column('text')
  status!: 'active' | 'suspended' | 'terminated';

  @Column('date', { name: 'valid_from' })
  validFrom!: string;

  @Column('text', { nullable: true })
  reason!: string | null;

  /** Terminations: the reason code (life-events/domain/termination.ts). */
  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode!: string | null;

  /** The decision that made this change (terminations): its number, who signed it and when. */
  @Column('text', { name: 'by_decision_number', nullable: true })
  byDecisionNumber!: string | null;

  @Column('text', { name: 'by_signing_level', nullable: true })
  bySigningLevel!: 'district' | 'commune' | null;

  @Column('date', { name: 'by_signed_on', nullable: true })
  bySignedOn!: string | null;

  @Column('boolean', { name: 'with_arrears', default: false })
  withArrears!: boolean;

  @Column('text', { name: 'recorded_by' })
  recordedBy!: string;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}
