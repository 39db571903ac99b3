import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { EntitlementItem, Programme } from '@benefits/contracts';
import { DestinationColumns } from '../../common/destination-columns';

/** One received chunk of a run's inputs, by stream and number: a replay with the same content is recognised. */
@Entity({ name: 'run_input_chunks' })
export class RunInputChunkEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @PrimaryColumn('text')
  stream!: 'entitlements' | 'destinations';

  @PrimaryColumn('integer', { name: 'chunk_no' })
  chunkNo!: number;

  @Column('integer', { name: 'item_count' })
  itemCount!: number;

  @Column('text', { name: 'content_hash' })
  contentHash!: string;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt!: Date;
}

/** Something wrong with a run's inputs (a conflicting replay, a duplicate person, an item that does not add up). */
@Entity({ name: 'run_anomalies' })
@Index('run_anomalies_run_idx', ['runId'])
export class RunAnomalyEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'run_id' })
  runId!: string;

  @Column('text')
  kind!: string;

  @Column('text')
  detail!: string;

  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' })
  recordedAt!: Date;
}

/** What entitlement says a person is owed in the run, as received (the control totals are checked on these). */
@Entity({ name: 'run_entitlements' })
export class RunEntitlementEntity {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @PrimaryColumn('text')
  programme!: Programme;

  @PrimaryColumn('uuid', { name: 'person_ref' })
  personRef!: string;

  @Column('bigint')
  amount!: string;

  @Column('bigint', { name: 'components_total' })
  componentsTotal!: string;

  @Column('jsonb')
  components!: EntitlementItem['components'];

  @Column('jsonb')
  arrears!: EntitlementItem['arrears'];

  /** Derived from programme, month, person, components and arrears (domain/payment-id.ts). */
  @Column('text', { name: 'payment_id' })
  paymentId!: string;

  @Column('integer', { name: 'chunk_no' })
  chunkNo!: number;
}

/** Where a person of the run is paid. The account number is re-encrypted with this service's key at rest. */
@Entity({ name: 'run_destinations' })
@Index('run_destinations_deceased_idx', ['runId', 'personRef'], { where: 'last_month_owed IS NOT NULL' })
export class RunDestinationEntity extends DestinationColumns {
  @PrimaryColumn('uuid', { name: 'run_id' })
  runId!: string;

  @PrimaryColumn('uuid', { name: 'person_ref' })
  personRef!: string;

  /** Why this destination cannot be paid to (missing or invalid account, no cash point ...), or null. */
  @Column('text', { nullable: true })
  problem!: string | null;

  /** A deceased person's payee: the month of death, the last month owed to the person (a carry-over stops there). */
  @Column('text', { name: 'last_month_owed', nullable: true })
  lastMonthOwed!: string | null;

  @Column('integer', { name: 'chunk_no' })
  chunkNo!: number;
}
