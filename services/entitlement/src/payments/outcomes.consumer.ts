import { Topics } from '@benefits/contracts';
import { consumerProvider } from '../common/consumer.factory';
import { OutcomesService } from './outcomes.service';

export const OUTCOMES_CONSUMER = Symbol('OUTCOMES_CONSUMER');

/**
 * Kafka: PaymentOutcomesRecorded (and the single PaymentOutcomeRecorded), group entitlement.payment-outcomes; parse and
 * hand over. Twenty events a transaction: up to 10,000 outcomes.
 */
export const outcomesConsumer = consumerProvider(OUTCOMES_CONSUMER, OutcomesService, () => ({ groupId: 'entitlement.payment-outcomes', topic: Topics.paymentOutcomes.name, chunkSize: 20 }));
