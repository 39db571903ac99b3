import { CollectionAlertRaised, readPayload, Topics } from '@benefits/contracts';
import { KafkaBatchConsumer, PermanentError, typeormDatabase, type EventHandler, type MessagingLogger } from '@benefits/messaging';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { PersonNotFoundError } from '../shared/errors';
import { suspensionStartAfter } from './domain/life-event-rules';
import type { LifeEventsService } from './life-events.service';

export const COLLECTION_ALERTS_GROUP = 'eligibility.collection-alerts';

/**
 * CollectionAlertRaised (not collected three months running) → the person's decisions of that programme are
 * suspended from the month after the last month reported, in the consumer's transaction, with LifeEventRecorded.
 */
export function collectionAlertsHandler(lifeEvents: LifeEventsService): EventHandler<EntityManager> {
  return {
    async handle(event, tx) {
      const alert = readPayload(CollectionAlertRaised, event.envelope);
      const command = {
        kind: 'suspended' as const,
        effectiveOn: suspensionStartAfter(alert.months),
        reason: `${alert.reason}: ${[...alert.months].sort().join(', ')}`,
        target: { programme: alert.programme },
      };
      try {
        await lifeEvents.apply(tx, alert.personRef, command, {
          source: 'kafka',
          recordedBy: event.envelope.producer,
          correlationId: event.envelope.correlationId,
          causationId: event.envelope.eventId,
        });
      } catch (error) {
        if (error instanceof PersonNotFoundError) throw new PermanentError(error.message, error.code);
        throw error;
      }
    },
  };
}

export function collectionAlertsConsumer(deps: { kafka: Kafka; dataSource: DataSource; lifeEvents: LifeEventsService; logger: MessagingLogger }) {
  return new KafkaBatchConsumer<EntityManager>({
    kafka: deps.kafka,
    groupId: COLLECTION_ALERTS_GROUP,
    topics: [Topics.collectionAlerts.name],
    database: typeormDatabase(deps.dataSource),
    inboxSchema: 'eligibility',
    handler: collectionAlertsHandler(deps.lifeEvents),
    deadLetterTopic: Topics.deadLetter.name,
    consumerConfig: { maxWaitTimeInMs: 500 },
    logger: deps.logger,
  });
}
