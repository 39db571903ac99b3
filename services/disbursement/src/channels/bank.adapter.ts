import { Inject, Injectable } from '@nestjs/common';
import { buildPain001, parseCamt05x, parsePain002, partnerDay, vietnamDate, vietnamDateTime, type CamtDocument } from '@benefits/iso20022';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import {
  PartnerLostBatchError,
  PartnerUnavailableError,
  readIfNew,
  type BatchRef,
  type BatchToSend,
  type ChannelAdapter,
  type OutcomeReport,
  type PaymentForPartner,
  type SendResult,
  type WatchedBatch,
} from './channel-adapter';
import { fileRefusal, outcomesFromPain002, returnsFromCamt, StatusReportError, type FileRefusal } from './domain/bank-outcomes';
import { departmentOfGroupKey, isLegacyGroupKey, payingAccount, payingDepartment } from './domain/paying-account';
import { remittanceInfo } from './domain/remittance';
import { callPartner } from './http';

/** GrpHdr/CreDtTm, the first CreDtTm of a pain.002: when the bank rendered the report, new on every request. */
const REPORT_CREATION_TIME = /<CreDtTm>[^<]*<\/CreDtTm>/;

/**
 * Banks over ISO 20022: a pain.001 per batch (one creditor BIN, one paying department), MsgId = batch id,
 * EndToEndId = payment id.
 * Statuses come from the pain.002 report; returns, days later, from camt.054 notifications.
 */
@Injectable()
export class BankAdapter implements ChannelAdapter {
  readonly channel = 'bank' as const;

  constructor(@Inject(CONFIG) private readonly config: DisbursementConfig) {}

  /** One payment block, debited from the account of the department the batch's payments belong to. */
  buildPayload(batch: BatchRef, payments: readonly PaymentForPartner[]): string {
    const now = new Date();
    const department = departmentOfGroupKey(batch.groupKey);
    // A batch planned before departments were told apart (its key the BIN alone) is debited as it was planned: Health's.
    const stray = isLegacyGroupKey(batch.groupKey) ? undefined : payments.find((p) => payingDepartment(p.programme) !== department);
    if (stray) throw new Error(`batch ${batch.batchId} of the ${department} account holds payment ${stray.paymentId} of ${stray.programme}`);
    const debtor = payingAccount(this.config, department);
    return buildPain001({
      msgId: batch.batchId,
      createdAt: vietnamDateTime(now),
      initiatingParty: debtor.name,
      paymentInstructions: [
        {
          pmtInfId: batch.batchId,
          requestedExecutionDate: vietnamDate(now),
          debtorName: debtor.name,
          debtorAccount: debtor.account,
          debtorAgentBin: debtor.bin,
          transactions: payments.map((p) => ({
            instrId: p.paymentId,
            endToEndId: p.paymentId,
            amount: p.total,
            creditorAgentBin: p.bankBin ?? '',
            creditorName: p.holderName,
            creditorAccount: p.account ?? '',
            remittanceInfo: remittanceInfo(p),
          })),
        },
      ],
    });
  }

  async send(batch: BatchToSend): Promise<SendResult> {
    const response = await callPartner(
      `${this.config.BANK_URL}/pain001`,
      { method: 'POST', headers: { 'content-type': 'application/xml' }, body: batch.payload },
      this.config.PARTNER_TIMEOUT_MS,
    );
    // The pain.002 that comes with the answer is read whatever the HTTP status: a bank may refuse a file with 200.
    const refusal = refusalIn(response.body);
    if ((response.status === 202 || response.status === 200) && !refusal) {
      return { kind: 'acknowledged', ack: response.body, replay: response.headers.get('idempotent-replay') === 'true' };
    }
    if (response.status === 409) return { kind: 'attention', detail: 'the bank holds other content under this MsgId (AM05)', ack: response.body };
    if (refusal?.duplicate) {
      // The bank already has this file (an earlier attempt delivered it): rejecting its payments would let a re-send pay them twice.
      const detail = `the bank refuses the file as a duplicate (${refusal.code ?? 'AM05'}${refusal.detail ? `: ${refusal.detail}` : ''}): it may hold it from an earlier attempt; check with the bank`;
      return { kind: 'attention', detail, ack: response.body };
    }
    if (refusal) return { kind: 'rejected', code: refusal.code ?? 'FF01', detail: refusal.detail ?? `HTTP ${response.status}`, ack: response.body };
    return { kind: 'attention', detail: `the bank answered HTTP ${response.status} without a pain.002 refusing the file`, ack: response.body };
  }

  async fetchOutcomes(batch: WatchedBatch): Promise<OutcomeReport> {
    // Returns first, statuses second: a payment returned by then was settled by then, so the pain.002 read after
    // shows it settled and the return applies to it. Read the other way round, a payment settled and returned
    // between the two reads showed its return before its settlement; the return did not apply and the statement
    // cursor went past it.
    // Returns are credits: asking for credit notifications only keeps each look small, however many payments were
    // debited since (every batch watches the same account).
    const camt = await this.returnsFeed(batch).catch((error: unknown) => {
      // The camt.054 feed down must not stop every settlement being recorded: the statuses are read all the same, and
      // without a new cursor the returns are read from where they were once the feed is back. A batch only watched
      // for returns has nothing else to read: its poll fails and is tried again.
      if (error instanceof PartnerUnavailableError && !batch.outcomesComplete) return undefined;
      throw error;
    });
    // Once every payment had its final status the pain.002 no longer changes: a batch watched for returns skips it.
    const status = batch.outcomesComplete ? { outcomes: [], complete: true } : await this.statusReport(batch);
    return { ...status, outcomes: [...status.outcomes, ...(camt ? returnsFromCamt(camt) : [])], cursor: camt?.createdAt };
  }

  /** The credit notifications (camt.054) booked since the batch's cursor, on the account the batch was debited from. */
  private async returnsFeed(batch: WatchedBatch): Promise<CamtDocument> {
    const account = payingAccount(this.config, departmentOfGroupKey(batch.groupKey)).account;
    const query = new URLSearchParams({ account, creditDebit: 'CRDT', ...(batch.cursor ? { since: batch.cursor } : {}) });
    const notification = await callPartner(`${this.config.BANK_URL}/camt054?${query.toString()}`, { method: 'GET' }, this.config.PARTNER_TIMEOUT_MS);
    if (notification.status !== 200) throw new PartnerUnavailableError(`camt.054: HTTP ${notification.status}`);
    return parseCamt05x(notification.body);
  }

  /** The statuses of the file's payments (pain.002), unless it is the report already recorded. */
  private async statusReport(batch: WatchedBatch): Promise<Omit<OutcomeReport, 'cursor'>> {
    const response = await callPartner(`${this.config.BANK_URL}/pain002/${encodeURIComponent(batch.batchId)}`, { method: 'GET' }, this.config.PARTNER_TIMEOUT_MS);
    if (response.status === 404) throw new PartnerLostBatchError(`The bank does not know MsgId ${batch.batchId}`);
    if (response.status !== 200) throw new PartnerUnavailableError(`pain.002 of ${batch.batchId}: HTTP ${response.status}`);
    return readIfNew(batch, response.body.replace(REPORT_CREATION_TIME, ''), () => {
      const report = parsePain002(response.body);
      // A refusal or settlement of the file as a whole decides every payment of the batch it is recorded for: another
      // file's report (a gateway's cache, a bank's fault) records nothing, and the poll is tried again.
      if (report.originalMsgId !== batch.batchId) throw new StatusReportError(`the bank answered for MsgId ${batch.batchId} with the report of ${report.originalMsgId}`);
      // Its Vietnamese day: a bank writing its local time without an offset means Vietnamese time, not the server's.
      return outcomesFromPain002(report, partnerDay(report.createdAt));
    });
  }
}

/** The refusal of the whole file in the pain.002 answering a send, if the answer is a pain.002 at all. */
function refusalIn(xml: string): FileRefusal | undefined {
  let report: ReturnType<typeof parsePain002>;
  try {
    report = parsePain002(xml);
  } catch {
    return undefined;
  }
  return fileRefusal(report);
}
