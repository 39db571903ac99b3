export { canonicalJson, payloadHash } from './canonical';
export type { ConsumedEvent, EventHandler } from './chunk-processor';
export { KafkaBatchConsumer, type ConsumerHooks, type KafkaBatchConsumerOptions } from './consumer';
export {
  deadLetterMessage,
  originalMessage,
  selectDeadLetters,
  toDeadLetter,
  type DeadLetterEntry,
  type DeadLetterFilter,
  type DeadLetterReason,
  type DeadLetterRecord,
  type RawMessage,
} from './dead-letter';
export { readDeadLetters, replayDeadLetters } from './dead-letter-replay';
export { PermanentError, isTransientError, type TransientClassifier } from './errors';
export { Inbox, type InboxClaim, type InboxEntry } from './inbox';
export type { MessagingLogger } from './logger';
export { outboxChannel, outboxEnvelopeAsTextMigrationSql, outboxInboxMigrationSql } from './migration';
export { Outbox, type OutboxEvent } from './outbox';
export { OutboxRelay, type OutboxRelayOptions, type RelayHooks } from './relay';
export { RetriesExhaustedError, backoffDelay, backoffSchedule, defaultRetryPolicy, retryTransient, type RetryInfo, type RetryOptions, type RetryPolicy } from './retry';
export { pgDatabase, rowsOf, typeormDatabase, type Database, type Sql } from './sql';
export { Wakeup } from './wakeup';
