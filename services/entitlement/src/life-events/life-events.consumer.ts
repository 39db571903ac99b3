import { Topics } from '@benefits/contracts';
import { consumerProvider } from '../common/consumer.factory';
import { LifeEventsService } from './life-events.service';

export const LIFE_EVENTS_CONSUMER = Symbol('LIFE_EVENTS_CONSUMER');

/** Kafka: LifeEventRecorded, group entitlement.life-events; parse and hand over. */
export const lifeEventsConsumer = consumerProvider(LIFE_EVENTS_CONSUMER, LifeEventsService, () => ({ groupId: 'entitlement.life-events', topic: Topics.lifeEvents.name, chunkSize: 500 }));
