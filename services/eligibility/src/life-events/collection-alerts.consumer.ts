import { CollectionAlertRaised, PayeeReportedDeceased, readPayload, Topics, type Envelope } from '@benefits/contracts';
import { KafkaBatchConsumer, PermanentError, rowsOf, typeormDatabase, type EventHandler, type MessagingLogger } from '@benefits/messaging';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { PersonNotFoundError } from '../shared/errors';
import { firstDayOf, parseMonth } from '../domain/months';
import { suspensionStartAfter } from './domain/life-event-rules';
import type { LifeEventsService } from './life-events.service';

export const COLLECTION_ALERTS_GROUP = 'eligibility.collection-alerts';

/**
 * The person's decisions of a programme are suspended, in the consumer's transaction, with LifeEventRecorded:
 * - CollectionAlertRaised (not collected three months running): from the month after the last month reported;
 * - PayeeReportedDeceased (a bank refused or returned a payment with MD07, or the post office could not pay it, the
 *   payee deceased): from the month of that payment, until an operator records the death or, if the partner was
 *   wrong, resumes them with arrears. Such payments fail anyway; a living person is made whole by the arrears. Not
 *   when the death is on record already: the rules stop the decisions after its month, and the month of death stays
 *   owed (a re-send to the heirs).
 */
export function collectionAlertsHandler(lifeEvents: LifeEventsService): EventHandler<EntityManager> {
  return {
    async handle(event, tx) {
      const { personRef, ...command } = suspensionFor(event.envelope);
      if (event.envelope.type === PayeeReportedDeceased.type && (await deathOnRecord(tx, personRef))) return;
      try {
        await lifeEvents.apply(tx, personRef, command, {
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

async function deathOnRecord(tx: EntityManager, personRef: string): Promise<boolean> {
  const rows = rowsOf<{ dead: boolean }>(await tx.query(`SELECT date_of_death IS NOT NULL AS dead FROM eligibility.person WHERE id = $1`, [personRef]));
  return rows[0]?.dead === true;
}

function suspensionFor(envelope: Envelope) {
  if (envelope.type === PayeeReportedDeceased.type) {
    const report = readPayload(PayeeReportedDeceased, envelope);
    return {
      personRef: report.personRef,
      kind: 'suspended' as const,
      effectiveOn: firstDayOf(parseMonth(report.month)),
      reason: `${report.reasonCode}: the partner reports the payee deceased (payment ${report.paymentId} for ${report.month}, ${report.reportedOn}); record the death, or resume with arrears`,
      target: { programme: report.programme },
    };
  }
  const alert = readPayload(CollectionAlertRaised, envelope);
  return {
    personRef: alert.personRef,
    kind: 'suspended' as const,
    effectiveOn: suspensionStartAfter(alert.months),
    reason: `${alert.reason}: ${[...alert.months].sort().join(', ')}`,
    target: { programme: alert.programme },
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
