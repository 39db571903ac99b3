import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The only producer configuration this lib uses: idempotent (no duplicates from the producer's own retries),
 * one request in flight (retries cannot overtake, so one key's messages keep their order), and the Java-compatible
 * partitioner so other clients put the same key on the same partition. Sends must use acks -1 (all replicas).
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
}

export const ALL_REPLICAS = -1;
