import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { CollectionAlertRaised, createEvent, OUTCOMES_PER_EVENT, PaymentOutcomesRecorded, PayeeReportedDeceased, type Channel, type Programme } from '@benefits/contracts';
import { Outbox, type OutboxEvent } from '@benefits/messaging';
import type { PartnerOutcome } from '../channels/channel-adapter';
import { vietnamDate } from '@benefits/iso20022';
import { select } from '../common/sql';
import { CONFIG, OUTBOX } from '../common/tokens';
import { SERVICE_NAME, type DisbursementConfig } from '../config';
import { holdsFuneralSupport } from '../payments/funeral';
import { paysArrearsOnly } from '../payments/arrears-only';
import { AWAITING_OUTCOME, outcomeApplies, reportedLineKind, statusesChangedBy, type LineSource, type PaymentStatus } from '../payments/domain/payment-status';
import { appendPaymentChanges, SYSTEM, type PaymentChange } from '../payments/payment-ledger';
import { addMonths } from '../runs/domain/month';
import { CONSECUTIVE_MONTHS, collectionAlertMonths } from './domain/collection';
import { notificationText } from './domain/notification-text';

interface PaymentRow {
  payment_id: string;
  run_id: string;
  status: PaymentStatus;
  programme: Programme;
  month: string;
  person_ref: string;
  total: string;
  channel: Channel;
  account_masked: string | null;
  cash_point_code: string | null;
  correlation_id: string;
  funeral_support: boolean;
  /** Arrears only (the month's own amount 0): a decision that has stopped; no next payment may carry it. */
  arrears_only: boolean;
  resend_of: string | null;
  /** The person has died (their destination carries the month of death): paid to their funeral payee, told to the family. */
  deceased: boolean;
}

interface Applied {
  readonly payment: PaymentRow;
  readonly from: PaymentStatus;
  readonly outcome: PartnerOutcome;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What a call of `record` changed. */
export interface Recorded {
  /** The outcomes that changed a payment, in the order applied. */
  readonly applied: readonly Applied[];
  /** The notifications it wrote: the caller sends them after the commit (NotificationDispatcher.flush). */
  readonly notificationIds: readonly string[];
}

const NOTHING: Recorded = { applied: [], notificationIds: [] };

/** What a payment paid for, as PaymentOutcomeRecorded reports it. */
interface ReportedLine {
  kind: ReturnType<typeof reportedLineKind>;
  month: string;
  amount: string;
}

/**
 * Records partner outcomes, in the caller's transaction: each one that changes a payment (outcomes are reported
 * again and again; only a change has effects) appends a status change and a notification for the beneficiary, is
 * told to entitlement in a PaymentOutcomesRecorded of its run (one event for up to OUTCOMES_PER_EVENT outcomes), and
 * — for a third month not collected — raises CollectionAlertRaised, and for a payee a partner reports dead,
 * PayeeReportedDeceased.
 */
@Injectable()
export class OutcomeRecorder {
  constructor(
    @Inject(OUTBOX) private readonly outbox: Outbox,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
  ) {}

  /**
   * The partner refused the whole batch, at its sending or in a status report after acknowledging it: each payment of
   * it still without an outcome once `decided` (the report's own per-payment outcomes) is recorded is rejected with
   * the refusal's reason, so that it can be re-sent or paid again, once.
   */
  async refuseBatch(tx: EntityManager, batchId: string, refusal: { reasonCode: string; occurredOn: string; detail?: string }, decided: readonly PartnerOutcome[] = []): Promise<Recorded> {
    const { reasonCode, occurredOn, detail } = refusal;
    return this.decideTheRest(tx, batchId, { outcome: 'rejected', reasonCode, occurredOn, detail }, decided);
  }

  /**
   * The bank reports the whole file settled (GrpSts ACSC, no status per payment): each payment of the batch still
   * without an outcome once `decided` (the report's own per-payment outcomes) is recorded is settled on that day.
   */
  async settleBatch(tx: EntityManager, batchId: string, occurredOn: string, decided: readonly PartnerOutcome[] = []): Promise<Recorded> {
    return this.decideTheRest(tx, batchId, { outcome: 'settled', occurredOn }, decided);
  }

  /**
   * Every payment of the batch `rest` could change gets it, in order: the report's own decisions first (a payment it
   * decides keeps that outcome, and `rest` no longer applies to it), then `rest`, then returns (read on the same poll:
   * a return applies only to a payment settled, and the cursor moves past it).
   */
  private async decideTheRest(tx: EntityManager, batchId: string, rest: Omit<PartnerOutcome, 'paymentId'>, decided: readonly PartnerOutcome[]): Promise<Recorded> {
    const payments = await select<{ payment_id: string }>(tx, 'SELECT payment_id FROM disbursement.payments WHERE batch_id = $1 AND status = ANY($2::text[])', [
      batchId,
      statusesChangedBy([rest.outcome]),
    ]);
    const returns = decided.filter((o) => o.outcome === 'returned');
    const theRest = payments.map((p): PartnerOutcome => ({ ...rest, paymentId: p.payment_id }));
    return this.record(tx, [...decided.filter((o) => o.outcome !== 'returned'), ...theRest, ...returns], batchId);
  }

  /** `batchId`: only payments of that batch are affected (a statement lists other batches' payments too). */
  async record(tx: EntityManager, outcomes: readonly PartnerOutcome[], batchId: string | null): Promise<Recorded> {
    if (outcomes.length === 0) return NOTHING;
    const ids = [...new Set(outcomes.map((o) => o.paymentId))];
    // Only the payments an outcome could still change are read and locked; each is checked exactly below.
    const rows = await select<PaymentRow>(
      tx,
      `SELECT p.payment_id, p.run_id, p.status, p.programme, p.month, p.person_ref, p.total::text AS total, p.channel, p.account_masked,
              p.cash_point_code, r.correlation_id, ${holdsFuneralSupport('p.components')} AS funeral_support, ${paysArrearsOnly('p.amount')} AS arrears_only, p.resend_of,
              EXISTS (SELECT 1 FROM disbursement.run_destinations d
                       WHERE d.run_id = p.run_id AND d.person_ref = p.person_ref AND d.last_month_owed IS NOT NULL) AS deceased
         FROM disbursement.payments p JOIN disbursement.runs r ON r.id = p.run_id
        WHERE p.payment_id = ANY($1::text[]) AND ($2::text IS NULL OR p.batch_id = $2) AND p.status = ANY($3::text[])
        ORDER BY p.payment_id FOR UPDATE OF p`,
      [ids, batchId, statusesChangedBy(outcomes.map((o) => o.outcome))],
    );
    const current = new Map(rows.map((row) => [row.payment_id, { row, status: row.status }]));
    const applied: Applied[] = [];
    const carried = new Map<string, string>();
    for (const outcome of outcomes) {
      const entry = current.get(outcome.paymentId);
      if (!entry || !outcomeApplies(entry.status, outcome.outcome)) continue;
      // A return of part of the amount (camt.054): what was not credited back may have reached the payee. Recorded
      // here, the payment could be re-sent in full before any statement shows the difference; reconciliation records
      // it from the statement together with its amount_mismatch, which refuses a re-send until finance resolves it.
      if (outcome.outcome === 'returned' && outcome.amount !== undefined && BigInt(outcome.amount) < BigInt(entry.row.total)) continue;
      applied.push({ payment: entry.row, from: entry.status, outcome });
      entry.status = outcome.outcome;
      if (outcome.outcome === 'not_collected') carried.set(outcome.paymentId, outcome.carriedOver ?? '0');
    }
    if (applied.length > 0) await this.update(tx, applied, current, carried);
    // Settled after a rejection (not applied): never dropped without a word, once the rejections above are written.
    const settledNotApplied = [...new Set(outcomes.filter((o) => o.outcome === 'settled' && current.get(o.paymentId)?.status !== 'settled').map((o) => o.paymentId))];
    await this.settledAfterRejection(tx, settledNotApplied, batchId);
    if (applied.length === 0) return NOTHING;
    const linesOf = await this.linesOf(tx, applied);
    await this.outbox.add(tx, this.events(applied, linesOf));
    const notificationIds = await this.notify(tx, applied, carried, linesOf);
    await this.collectionAlerts(tx, applied);
    await this.outbox.add(tx, deceasedPayees(applied));
    return { applied, notificationIds };
  }

  /**
   * A payment the partner reports settled after it rejected it (a bank reversing its refusal): the money may have
   * reached the person, and a re-send could pay them twice. The rejection stands (outcomes only move forward), and an
   * open reconciliation exception (outcome_mismatch) says so, which also refuses a re-send until finance resolves it.
   */
  private async settledAfterRejection(tx: EntityManager, paymentIds: readonly string[], batchId: string | null): Promise<void> {
    // A statement's debit of a rejected payment is reconciliation's to classify (classify.ts), with its line.
    if (paymentIds.length === 0 || batchId === null) return;
    await tx.query(
      `WITH raised AS (
         INSERT INTO disbursement.recon_exceptions (id, run_id, kind, payment_id, line_id, expected_amount, reported_amount, detail, status)
         SELECT gen_random_uuid(), p.run_id, 'outcome_mismatch', p.payment_id, NULL, p.total, p.total, $3, 'open'
           FROM disbursement.payments p
          WHERE p.payment_id = ANY($1::text[]) AND p.batch_id = $2 AND p.status = 'rejected'
         ON CONFLICT DO NOTHING RETURNING id)
       INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note) SELECT id, 'raised', 'system', NULL FROM raised`,
      [paymentIds, batchId, 'the partner reports settled a payment it had rejected: the money may have reached the payee; no re-send until this is resolved'],
    );
  }

  private async update(tx: EntityManager, applied: Applied[], current: Map<string, { status: PaymentStatus }>, carried: Map<string, string>) {
    const last = new Map<string, Applied>();
    for (const a of applied) last.set(a.payment.payment_id, a);
    const finals = [...last.values()];
    const statusOf = (a: Applied) => current.get(a.payment.payment_id)?.status ?? a.outcome.outcome;
    await tx.query(
      `UPDATE disbursement.payments p SET status = x.status, status_changed_at = now(), reason_code = x.reason, outcome_on = x.occurred_on,
              carried_over_next = COALESCE(x.carried, p.carried_over_next), balance_disposition = COALESCE(x.balance, p.balance_disposition),
              paid_how = COALESCE(x.paid_how, p.paid_how), paid_at_point = COALESCE(x.paid_at_point, p.paid_at_point),
              received_by = COALESCE(x.received_by, p.received_by)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[])
                AS x(payment_id, status, reason, occurred_on, carried, balance, paid_how, paid_at_point, received_by)
        WHERE p.payment_id = x.payment_id`,
      [
        finals.map((a) => a.payment.payment_id),
        finals.map(statusOf),
        finals.map((a) => a.outcome.reasonCode ?? null),
        finals.map((a) => occurredOn(a.outcome)),
        finals.map((a) => carried.get(a.payment.payment_id) ?? null),
        finals.map((a) => a.outcome.balance ?? null),
        finals.map((a) => a.outcome.payout?.how ?? null),
        finals.map((a) => a.outcome.payout?.point ?? null),
        finals.map((a) => a.outcome.payout?.receivedBy ?? null),
      ],
    );
    const changes: PaymentChange[] = applied.map((a) => ({ paymentId: a.payment.payment_id, from: a.from, to: a.outcome.outcome, reasonCode: a.outcome.reasonCode }));
    await appendPaymentChanges(tx, changes, SYSTEM);
  }

  /** What each payment pays for, month by month: told to entitlement, and its months named to the beneficiary. */
  private async linesOf(tx: EntityManager, applied: Applied[]): Promise<Map<string, ReportedLine[]>> {
    const lines = await select<{ payment_id: string; source: LineSource; month: string; amount: string }>(
      tx,
      `SELECT payment_id, source, month, amount::text AS amount FROM disbursement.payment_lines
        WHERE payment_id = ANY($1::text[]) AND voided_at IS NULL ORDER BY id`,
      [applied.map((a) => a.payment.payment_id)],
    );
    const linesOf = new Map<string, ReportedLine[]>();
    for (const line of lines) {
      const list = linesOf.get(line.payment_id) ?? [];
      list.push({ kind: reportedLineKind(line.source), month: line.month, amount: line.amount });
      linesOf.set(line.payment_id, list);
    }
    return linesOf;
  }

  private events(applied: Applied[], linesOf: ReadonlyMap<string, ReportedLine[]>): OutboxEvent[] {
    // Per run, in the order they were applied (a payment settled then returned in one statement stays so).
    const byRun = new Map<string, Applied[]>();
    for (const a of applied) {
      const ofRun = byRun.get(a.payment.run_id);
      if (ofRun) ofRun.push(a);
      else byRun.set(a.payment.run_id, [a]);
    }
    const events: OutboxEvent[] = [];
    for (const [runId, ofRun] of byRun) {
      for (let start = 0; start < ofRun.length; start += OUTCOMES_PER_EVENT) {
        const outcomes = ofRun.slice(start, start + OUTCOMES_PER_EVENT).map(({ payment, outcome }) => ({
          outcomeId: randomUUID(),
          paymentId: payment.payment_id,
          personRef: payment.person_ref,
          programme: payment.programme,
          month: payment.month,
          amount: payment.total,
          outcome: outcome.outcome,
          ...(outcome.reasonCode ? { reasonCode: outcome.reasonCode } : {}),
          occurredOn: occurredOn(outcome),
          lines: linesOf.get(payment.payment_id) ?? [],
          ...(payment.resend_of !== null && { resendOf: payment.resend_of }),
        }));
        events.push(createEvent(PaymentOutcomesRecorded, { runId, outcomes }, { correlationId: ofRun[0].payment.correlation_id, producer: SERVICE_NAME }));
      }
    }
    return events;
  }

  /**
   * The ids of the notifications written (one per payment and outcome: an outcome told before is not told again).
   * Only a payment's last outcome is told: settled and then returned in one report, "you received" is no longer true.
   * Nor is an earlier outcome's message still pending (the notifier failed, the process died before sending it): it
   * is superseded, never sent after the newer one (one a flush is sending right now is locked, and skipped).
   */
  private async notify(tx: EntityManager, applied: Applied[], carried: Map<string, string>, linesOf: ReadonlyMap<string, ReportedLine[]>): Promise<string[]> {
    const last = new Map<string, Applied>();
    for (const a of applied) last.set(a.payment.payment_id, a);
    const told = [...last.values()];
    // Only a payment that had an outcome before this report (its status as read) can have a message of it: most had none.
    const decidedBefore = told.filter((a) => !AWAITING_OUTCOME.includes(a.payment.status)).map((a) => a.payment.payment_id);
    if (decidedBefore.length > 0) {
      await tx.query(
        `UPDATE disbursement.notifications SET status = 'superseded'
          WHERE id IN (SELECT id FROM disbursement.notifications WHERE payment_id = ANY($1::text[]) AND status = 'pending' FOR UPDATE SKIP LOCKED)`,
        [decidedBefore],
      );
    }
    const texts = told.map(({ payment, outcome }) =>
      notificationText({
        outcome: outcome.outcome,
        programme: payment.programme,
        month: payment.month,
        amount: payment.total,
        channel: payment.channel,
        accountMasked: payment.account_masked,
        cashPointCode: payment.cash_point_code,
        reasonCode: outcome.reasonCode ?? null,
        carriedOver: carried.get(payment.payment_id) ?? null,
        funeralSupport: payment.funeral_support,
        arrearsOnly: payment.arrears_only,
        deceased: payment.deceased,
        months: (linesOf.get(payment.payment_id) ?? []).map((line) => line.month),
        payout: outcome.payout,
      }),
    );
    const written = await select<{ id: string }>(
      tx,
      `INSERT INTO disbursement.notifications (payment_id, person_ref, outcome, adapter, text, status)
       SELECT x.payment_id, x.person_ref, x.outcome, $4, x.text, 'pending'
         FROM unnest($1::text[], $2::uuid[], $3::text[], $5::text[]) AS x(payment_id, person_ref, outcome, text)
       ON CONFLICT (payment_id, outcome) DO NOTHING RETURNING id`,
      [told.map((a) => a.payment.payment_id), told.map((a) => a.payment.person_ref), told.map((a) => a.outcome.outcome), this.config.NOTIFIER, texts],
    );
    return written.map((row) => row.id);
  }

  /**
   * Three consecutive months not collected raise CollectionAlertRaised, once per person, programme and last month,
   * whichever of the three was recorded last.
   */
  private async collectionAlerts(tx: EntityManager, applied: Applied[]): Promise<void> {
    const notCollected = applied.filter((a) => a.outcome.outcome === 'not_collected').map((a) => a.payment);
    if (notCollected.length === 0) return;
    const history = await select<{ person_ref: string; programme: Programme; month: string }>(
      tx,
      `SELECT DISTINCT p.person_ref, p.programme, p.month FROM disbursement.payments p
         JOIN unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(person_ref, programme, first, last)
           ON p.person_ref = x.person_ref AND p.programme = x.programme AND p.month BETWEEN x.first AND x.last
        WHERE p.status = 'not_collected'`,
      [
        notCollected.map((p) => p.person_ref),
        notCollected.map((p) => p.programme),
        notCollected.map((p) => addMonths(p.month, 1 - CONSECUTIVE_MONTHS)),
        notCollected.map((p) => addMonths(p.month, CONSECUTIVE_MONTHS - 1)),
      ],
    );
    const events: OutboxEvent[] = [];
    for (const payment of notCollected) {
      const months = new Set(history.filter((h) => h.person_ref === payment.person_ref && h.programme === payment.programme).map((h) => h.month));
      for (const alert of collectionAlertMonths(payment.month, months)) {
        const inserted = await select(
          tx,
          `INSERT INTO disbursement.collection_alerts (person_ref, programme, last_month, months) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING person_ref`,
          [payment.person_ref, payment.programme, alert[alert.length - 1], alert],
        );
        if (inserted.length === 0) continue;
        events.push(
          createEvent(
            CollectionAlertRaised,
            { personRef: payment.person_ref, programme: payment.programme, months: alert, reason: 'NOT_COLLECTED_3_MONTHS' as const },
            { correlationId: payment.correlation_id, producer: SERVICE_NAME },
          ),
        );
      }
    }
    await this.outbox.add(tx, events);
  }
}

/**
 * PayeeReportedDeceased for each payment a partner reports the payee of dead: refused or returned by a bank with MD07
 * (end customer deceased), or not collected at the post office for that reason. Not for funeral support: it goes to
 * someone else, for a death already known. An outcome is applied once, so is its event.
 */
function deceasedPayees(applied: readonly Applied[]): OutboxEvent[] {
  return applied.flatMap(({ payment, outcome }) => {
    const reasonCode = deathReported(outcome);
    if (!reasonCode || payment.funeral_support) return [];
    const report = { personRef: payment.person_ref, programme: payment.programme, month: payment.month, paymentId: payment.payment_id, reasonCode, reportedOn: occurredOn(outcome) };
    return [createEvent(PayeeReportedDeceased, report, { correlationId: payment.correlation_id, producer: SERVICE_NAME })];
  });
}

function deathReported(outcome: PartnerOutcome): 'MD07' | 'DECEASED' | undefined {
  if (outcome.reasonCode === 'MD07' && (outcome.outcome === 'rejected' || outcome.outcome === 'returned')) return 'MD07';
  if (outcome.reasonCode === 'DECEASED' && outcome.outcome === 'not_collected') return 'DECEASED';
  return undefined;
}

function occurredOn(outcome: PartnerOutcome): string {
  return DATE.test(outcome.occurredOn) ? outcome.occurredOn : vietnamDate(new Date());
}

