import { createHash } from 'node:crypto';
import type { Channel, Programme } from '@benefits/contracts';
import type { BalanceDisposition, Outcome } from '../payments/domain/payment-status';

/** One payment as a partner needs it: the account number is decrypted just before the payload is built. */
export interface PaymentForPartner {
  readonly paymentId: string;
  readonly personRef: string;
  readonly programme: Programme;
  readonly month: string;
  /** The months its lines pay (its own, arrears for earlier ones, a month carried over): named in the bank narrative. */
  readonly months: readonly string[];
  readonly amount: string;
  readonly arrearsAmount: string;
  readonly carriedOverAmount: string;
  readonly total: string;
  readonly bankBin: string | null;
  readonly account: string | null;
  readonly holderName: string;
  readonly maskedNationalId: string | null;
  readonly communeCode: string;
  readonly cashPointCode: string | null;
  /** Cash at a post-office point: the payee's hamlet or street address, if the register has one. */
  readonly address: string | null;
  /** A deceased person's funeral support, paid to the funeral organiser (the narrative says so). */
  readonly funeralSupport: boolean;
}

export interface BatchRef {
  readonly batchId: string;
  readonly runId: string;
  readonly month: string;
  readonly channel: Channel;
  /** Bank: the BIN and the paying department ("970436/health"); post-office account: "account"; cash point: "<commune>/<point>". */
  readonly groupKey: string;
  /** Bank: where the last statement read ended (camt.054 CreDtTm). */
  readonly cursor: string | null;
}

/** A batch the partner acknowledged, polled for its outcomes. */
export interface WatchedBatch extends BatchRef {
  /** The sha256 of the last status report whose outcomes were recorded; null before the first. */
  readonly statusReportSha256: string | null;
  /**
   * The status report had a final status for every payment (outcomes_complete_at): it will not change any more, and
   * the batch is only watched for returns.
   */
  readonly outcomesComplete: boolean;
}

/** The exact bytes to send: built once, stored, and sent again unchanged if the job runs again. */
export interface BatchToSend extends BatchRef {
  readonly payload: string;
}

export type SendResult =
  /** Taken: the payments are with the partner. `replay`: the partner recognised a file it already had. */
  | { kind: 'acknowledged'; ack: string; replay: boolean }
  /** The whole file or list was refused, as the partner's contract refuses one: nothing of it will be paid. */
  | { kind: 'rejected'; code: string; detail: string; ack: string }
  /**
   * Neither taken nor refused: the partner holds other content under this id, or answered what its contract does not
   * name (a gateway's 401, 403 or 404). The file may have been taken by an earlier attempt that timed out, so its
   * payments are not taken for refused (a re-send would pay them twice): nothing is assumed, a person must look.
   */
  | { kind: 'attention'; detail: string; ack: string };

/** How the post office paid a payment out (its settlement report). */
export interface Payout {
  readonly how: 'at_point' | 'at_home';
  /** The payment point's code. */
  readonly point?: string;
  /** A proxy who received it for the beneficiary, as the post office wrote them down. */
  readonly receivedBy?: string;
}

/** A final (or, for `returned`, later) outcome of one payment as the partner reports it. */
export interface PartnerOutcome {
  readonly paymentId: string;
  readonly outcome: Outcome;
  readonly reasonCode?: string;
  /** YYYY-MM-DD, the partner's date. */
  readonly occurredOn: string;
  /** Not collected: the amount owed again next month (the post office's figure). */
  readonly carriedOver?: string;
  /** Not paid out by the post office: its money returned to us or kept for next month (its settlement report). */
  readonly balance?: BalanceDisposition;
  /** Paid out by the post office: how, where, and to whom if not the beneficiary (its settlement report). */
  readonly payout?: Payout;
  /**
   * Returned, read from a bank's camt.054 by the outcome poller: the amount credited back (a return without one is not
   * read: returnsFromCamt). Less than the payment's total, the return is not recorded by the poller
   * (OutcomeRecorder.record): reconciliation records it from the statement with its amount_mismatch, which refuses a
   * re-send until finance resolves it.
   */
  readonly amount?: string;
  readonly detail?: string;
}

/** The partner refused the whole batch after acknowledging it (a bank's pain.002 with GrpSts or PmtInfSts RJCT). */
export interface FileRefused {
  readonly reasonCode: string;
  readonly occurredOn: string;
  readonly detail?: string;
  /** Refused for duplication (AM05, DUPL, DU01-DU05): the partner holds the file, its payments are not refused; a person looks. */
  readonly duplicate: boolean;
}

export interface OutcomeReport {
  readonly outcomes: PartnerOutcome[];
  /** Every payment of the batch that `outcomes` leaves undecided is rejected with this refusal (unless `duplicate`). */
  readonly refused?: FileRefused;
  /**
   * Every payment of the batch that `outcomes` leaves undecided is settled on that day: the bank reports the whole file
   * settled (a pain.002 with GrpSts ACSC, or its payment block's PmtInfSts ACSC, and no status per payment).
   */
  readonly settledOn?: string;
  /**
   * Every payment of the batch has its final status at the partner. False when the status report is the one already
   * recorded: the poll that recorded it noted whether it was complete.
   */
  readonly complete: boolean;
  readonly cursor?: string | null;
  /** The sha256 of the status report read (readIfNew), to be recorded with its outcomes. */
  readonly statusReportSha256?: string;
}

/**
 * Partners answer every poll with the whole status report of a batch, thousands of payments. Its digest, recorded
 * with the outcomes read from it, lets the next poll skip a report it has seen: parsing it (`read`) is the costliest
 * part of a poll, and its outcomes are all recorded. A report seen before adds nothing, and says it is not complete:
 * the poll that recorded it noted whether it was. `content`: the report without the time it was rendered, which a
 * partner stamps anew on every request; anything else that differs makes it a new report, read in full.
 */
export function readIfNew(
  batch: WatchedBatch,
  content: string,
  read: () => Omit<OutcomeReport, 'cursor' | 'statusReportSha256'>,
): Omit<OutcomeReport, 'cursor'> & { statusReportSha256: string } {
  const statusReportSha256 = createHash('sha256').update(content).digest('hex');
  if (statusReportSha256 === batch.statusReportSha256) return { outcomes: [], complete: false, statusReportSha256 };
  return { ...read(), statusReportSha256 };
}

/** One payment channel: bank (ISO 20022), post-office account, post-office cash point. */
export interface ChannelAdapter {
  readonly channel: Channel;
  buildPayload(batch: BatchRef, payments: readonly PaymentForPartner[]): string;
  /** Throws PartnerUnavailableError when the partner could not be reached or failed: the job is retried. */
  send(batch: BatchToSend): Promise<SendResult>;
  fetchOutcomes(batch: WatchedBatch): Promise<OutcomeReport>;
}

/** The partner did not answer, or answered with a server error, a timeout or "too many requests": worth trying again later. */
export class PartnerUnavailableError extends Error {
  readonly code = 'PARTNER_UNAVAILABLE';
}

/** The partner does not know a batch it acknowledged: nothing is assumed about its payments, a person must look. */
export class PartnerLostBatchError extends Error {
  readonly code = 'PARTNER_LOST_BATCH';
}

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
