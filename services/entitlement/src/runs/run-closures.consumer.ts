import { Topics } from '@benefits/contracts';
import { consumerProvider } from '../common/consumer.factory';
import { RunClosuresService } from './run-closures.service';

export const RUN_CLOSURES_CONSUMER = Symbol('RUN_CLOSURES_CONSUMER');

/** Kafka: RunClosedUnpaid on the run requests' topic, group entitlement.run-closures. */
export const runClosuresConsumer = consumerProvider(RUN_CLOSURES_CONSUMER, RunClosuresService, () => ({ groupId: 'entitlement.run-closures', topic: Topics.runRequests.name, chunkSize: 20 }));
