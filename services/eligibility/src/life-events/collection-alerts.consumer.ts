import { CollectionAlertRaised, PayeeReportedDeceased, readPayload, Topics, type Envelope } from '@benefits/contracts';
import { KafkaBatchConsumer, PermanentError, rowsOf, typeormDatabase, type EventHandler, type MessagingLogger } from '@benefits/messaging';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { PersonNotFoundError } from '../shared/errors';
import { PAYEE_REPORTED_DECEASED } from '../domain/eligibility-rules';
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
 *   owed (a re-send to the heirs). Recorded with reason code PAYEE_REPORTED_DECEASED, so that once the death is
 *   recorded the rules set it aside (eligibility-rules.ts): whichever comes first, the month of death stays owed.
 * An alert whose months all came before a resumption of the person's decisions of the programme (dated in or after
 * its last month) is left alone: the operator resumed them knowing those months were not collected. A run frozen
 * before the resumption still sent a payment for a month of the suspension, and its "not collected" raises a new
 * alert over months of which none is after the resumption; suspending again for it would stop the person for good.
 */
export function collectionAlertsHandler(lifeEvents: LifeEventsService): EventHandler<EntityManager> {
  return {
    async handle(event, tx) {
      const { personRef, ...command } = suspensionFor(event.envelope);
      if (event.envelope.type === PayeeReportedDeceased.type && (await deathOnRecord(tx, personRef))) return;
      if (event.envelope.type === CollectionAlertRaised.type) {
        const alert = readPayload(CollectionAlertRaised, event.envelope);
        const lastMonth = [...alert.months].sort().pop();
        if (lastMonth && (await resumedSince(tx, personRef, alert.programme, firstDayOf(parseMonth(lastMonth))))) return;
      }
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

/** Whether a decision of the person's programme was resumed (an active row right after a suspension) on or after `day`. */
async function resumedSince(tx: EntityManager, personRef: string, programme: string, day: string): Promise<boolean> {
  const rows = rowsOf<{ resumed: boolean }>(
    await tx.query(
      `SELECT EXISTS (
         SELECT 1 FROM (
           SELECT s.status, s.valid_from, lag(s.status) OVER (PARTITION BY s.decision_id ORDER BY s.valid_from, s.id) AS before
             FROM eligibility.decision_status s JOIN eligibility.decision d ON d.id = s.decision_id
            WHERE d.person_id = $1 AND d.programme = $2) h
          WHERE h.status = 'active' AND h.before = 'suspended' AND h.valid_from >= $3) AS resumed`,
      [personRef, programme, day],
    ),
  );
  return rows[0]?.resumed === true;
}

function suspensionFor(envelope: Envelope) {
  if (envelope.type === PayeeReportedDeceased.type) {
    const report = readPayload(PayeeReportedDeceased, envelope);
    return {
      personRef: report.personRef,
      kind: 'suspended' as const,
      effectiveOn: firstDayOf(parseMonth(report.month)),
      reason: `${report.reasonCode}: the partner reports the payee deceased (payment ${report.paymentId} for ${report.month}, ${report.reportedOn}); record the death, or resume with arrears`,
      reasonCode: PAYEE_REPORTED_DECEASED,
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
