import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type pino from 'pino';

/** A kafkajs client whose logs go through the service's pino logger. */
export function createKafka(options: { clientId: string; brokers: string[]; logger: pino.Logger }): Kafka {
  const logger = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8 },
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const method = level <= logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'debug';
        logger[method](extra, message);
      },
  });
}
