import { Topics } from '@benefits/contracts';
import { consumerProvider } from '../common/consumer.factory';
import { SnapshotsService } from './snapshots.service';

export const SNAPSHOTS_CONSUMER = Symbol('SNAPSHOTS_CONSUMER');

/** Kafka: EligibilitySnapshotChunk and EligibilitySnapshotCompleted, group entitlement.snapshots; parse and hand over. */
export const snapshotsConsumer = consumerProvider(SNAPSHOTS_CONSUMER, SnapshotsService, (config) => ({
  groupId: 'entitlement.snapshots',
  topic: Topics.eligibilitySnapshots.name,
  chunkSize: config.SNAPSHOT_CHUNKS_PER_TRANSACTION,
}));
