import type { CamtDocument, Pain002Report } from '@benefits/iso20022';
import type { FileRefused, OutcomeReport, PartnerOutcome } from '../channel-adapter';

/**
 * Reason codes for a file the bank already holds: AM05 duplication, DUPL duplicate payment, and ISO 20022's codes for
 * an identification already received: DU01 MsgId, DU02 PmtInfId (ours is the MsgId), DU03 transaction, DU04
 * EndToEndId, DU05 InstrId. Our only resend of a MsgId is the same stored file after an attempt that timed out here,
 * possibly after the bank took it: a refusal for duplication says the bank has the file (or its payments), never that
 * its payments will not be paid.
 */
const DUPLICATE_CODES: readonly string[] = ['AM05', 'DUPL', 'DU01', 'DU02', 'DU03', 'DU04', 'DU05'];

/** A status report that is not the batch's own: nothing of it is recorded (OutcomePoller shows why on the batch). */
export class StatusReportError extends Error {
  readonly code = 'INVALID_STATUS_REPORT';
}

/** The bank's refusal of the whole file: its first reason, and whether it is a refusal for duplication. */
export interface FileRefusal {
  code?: string;
  detail?: string;
  duplicate: boolean;
}

/**
 * GrpSts RJCT, or a payment block refused as a whole (PmtInfSts RJCT): ISO 20022 lets a bank do either without a
 * status per transaction (insufficient funds at execution, a file refused after its acknowledgement). Our files hold
 * one payment block (PmtInfId = MsgId, see BankAdapter.buildPayload), so a block refused is the file refused.
 */
export function fileRefusal(report: Pain002Report): FileRefusal | undefined {
  const reasons = report.groupStatus === 'RJCT' ? report.groupReasons : report.paymentInfoStatuses?.find((b) => b.status === 'RJCT')?.reasons;
  if (!reasons) return undefined;
  const reason = reasons[0];
  return { code: reason?.code, detail: reason?.additionalInfo, duplicate: reasons.some((r) => DUPLICATE_CODES.includes(r.code)) };
}

/**
 * A pain.002 status report → outcomes: ACSC settled, RJCT rejected with its first reason code, unless refused for
 * duplication (the bank holds that payment: it stays sent, its settlement or a statement's debit to come, and the
 * batch is polled); anything else (PDNG, ACCP ...) is still open; the file settled as a whole (GrpSts or PmtInfSts ACSC) settles what it leaves open. `complete` when no payment of the file is open any more. A refusal of the whole
 * file (fileRefusal) comes back as `refused`: the poller rejects every payment the report does not decide, as a
 * refusal at sending does, and the file is complete; unless the refusal is for duplication, which a person must see.
 */
export function outcomesFromPain002(report: Pain002Report, occurredOn: string): Omit<OutcomeReport, 'cursor' | 'statusReportSha256'> {
  const outcomes: PartnerOutcome[] = [];
  let open = 0;
  for (const tx of report.transactions) {
    if (tx.status === 'ACSC') outcomes.push({ paymentId: tx.originalEndToEndId, outcome: 'settled', occurredOn });
    else if (tx.status === 'RJCT' && !tx.reasons.some((r) => DUPLICATE_CODES.includes(r.code))) {
      const reason = tx.reasons[0];
      outcomes.push({ paymentId: tx.originalEndToEndId, outcome: 'rejected', reasonCode: reason?.code ?? 'MS03', occurredOn, detail: reason?.additionalInfo });
    } else open++; // a transaction refused as a duplicate (DU04 …) is one the bank holds: not rejected (a re-send would pay it twice), still open
  }
  const refusal = fileRefusal(report);
  if (refusal) {
    const refused: FileRefused = { reasonCode: refusal.code ?? 'MS03', occurredOn, detail: refusal.detail, duplicate: refusal.duplicate };
    return { outcomes, complete: !refusal.duplicate, refused };
  }
  // Settled as a whole: ISO 20022 lets a bank give the status of the group (or of the payment block, our file's one)
  // alone, with no status per transaction, when every transaction has it. Without this the file's payments stayed
  // sent, and the batch polled, for ever. (A report that lists transactions decides each one it lists.)
  const blocks = report.paymentInfoStatuses ?? [];
  const settledWhole = report.groupStatus === 'ACSC' || (blocks.length > 0 && blocks.every((b) => b.status === 'ACSC'));
  if (settledWhole && report.transactions.length === 0) return { outcomes, complete: true, settledOn: occurredOn };
  const complete = open === 0 && report.transactions.length > 0 && report.groupStatus !== 'ACCP';
  return { outcomes, complete };
}

/**
 * Returns on a camt.053/054: booked credit entries with a return reason, per EndToEndId (batch-booked entries too). A
 * pending (PDNG) or informational credit is no money back yet: taken as a return, the payment could be re-sent while
 * the first transfer still stands. The bank notifies the entry again once it is booked. A return whose amount cannot
 * be told (an entry booking several transactions without their amounts) is left to the statement, as one of less than
 * the payment is (OutcomeRecorder): reconciliation records it and holds a re-send while a debit stands unreturned.
 */
export function returnsFromCamt(doc: CamtDocument): PartnerOutcome[] {
  const returns: PartnerOutcome[] = [];
  for (const report of doc.reports) {
    for (const entry of report.entries) {
      if (entry.creditDebit !== 'CRDT' || entry.status !== 'BOOK') continue;
      for (const details of entry.details) {
        if (!details.endToEndId || details.returnReason === undefined) continue;
        // The transaction's amount, or the entry's when it books this transaction alone.
        const amount = details.amount ?? (entry.details.length === 1 ? entry.amount : undefined);
        if (amount === undefined) continue;
        returns.push({ paymentId: details.endToEndId, outcome: 'returned', reasonCode: details.returnReason, occurredOn: entry.bookingDate, amount });
      }
    }
  }
  return returns;
}
