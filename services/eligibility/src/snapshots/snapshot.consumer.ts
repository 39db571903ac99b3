import { readPayload, RunRequested, Topics } from '@benefits/contracts';
import { KafkaBatchConsumer, typeormDatabase, type EventHandler, type MessagingLogger } from '@benefits/messaging';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import type { SnapshotService } from './snapshot.service';
import type { SnapshotWorker } from './snapshot.worker';

export const RUN_REQUESTS_GROUP = 'eligibility.run-requests';

/**
 * RunRequested → a snapshot request recorded in the consumer's transaction; the worker builds it after the commit.
 * The topic's other events (RunClosedUnpaid, RunItemsLeftOut: what a run does not pay) are entitlement's concern: a
 * snapshot is a record of the month either way.
 */
export function runRequestsHandler(snapshots: SnapshotService): EventHandler<EntityManager> {
  return {
    async handle(event, tx) {
      if (event.envelope.type !== RunRequested.type) return;
      await snapshots.request(tx, readPayload(RunRequested, event.envelope), event.envelope);
    },
  };
}

export function runRequestsConsumer(deps: { kafka: Kafka; dataSource: DataSource; snapshots: SnapshotService; worker: SnapshotWorker; logger: MessagingLogger }) {
  return new KafkaBatchConsumer<EntityManager>({
    kafka: deps.kafka,
    groupId: RUN_REQUESTS_GROUP,
    topics: [Topics.runRequests.name],
    database: typeormDatabase(deps.dataSource),
    inboxSchema: 'eligibility',
    handler: runRequestsHandler(deps.snapshots),
    deadLetterTopic: Topics.deadLetter.name,
    consumerConfig: { maxWaitTimeInMs: 200 },
    logger: deps.logger,
    hooks: { onCommitted: () => deps.worker.notify() },
  });
}
