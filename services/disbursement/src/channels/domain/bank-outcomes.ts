import type { CamtDocument, Pain002Report } from '@benefits/iso20022';
import type { PartnerOutcome } from '../channel-adapter';

/**
 * Reason codes for a file the bank already holds: AM05 duplication, DUPL duplicate payment. Our only resend of a
 * MsgId is the same stored file after an attempt that timed out here, possibly after the bank took it: a refusal
 * for duplication says the bank has the file, never that its payments will not be paid.
 */
const DUPLICATE_CODES: readonly string[] = ['AM05', 'DUPL'];

/** The bank's refusal of the whole file (GrpSts RJCT): its first reason, and whether it is a refusal for duplication. */
export interface FileRefusal {
  code?: string;
  detail?: string;
  duplicate: boolean;
}

export function fileRefusal(report: Pain002Report): FileRefusal | undefined {
  if (report.groupStatus !== 'RJCT') return undefined;
  const reason = report.groupReasons[0];
  return { code: reason?.code, detail: reason?.additionalInfo, duplicate: report.groupReasons.some((r) => DUPLICATE_CODES.includes(r.code)) };
}

/**
 * A pain.002 status report → outcomes: ACSC settled, RJCT rejected with its first reason code; anything else
 * (PDNG, ACCP ...) is still open. `complete` when no payment of the file is open any more.
 */
export function outcomesFromPain002(report: Pain002Report, occurredOn: string): { outcomes: PartnerOutcome[]; complete: boolean } {
  const outcomes: PartnerOutcome[] = [];
  let open = 0;
  for (const tx of report.transactions) {
    if (tx.status === 'ACSC') outcomes.push({ paymentId: tx.originalEndToEndId, outcome: 'settled', occurredOn });
    else if (tx.status === 'RJCT') {
      const reason = tx.reasons[0];
      outcomes.push({ paymentId: tx.originalEndToEndId, outcome: 'rejected', reasonCode: reason?.code ?? 'MS03', occurredOn, detail: reason?.additionalInfo });
    } else open++;
  }
  const complete = open === 0 && report.transactions.length > 0 && report.groupStatus !== 'ACCP';
  return { outcomes, complete };
}

/** Returns on a camt.053/054: credit entries with a return reason, per EndToEndId (batch-booked entries too). */
export function returnsFromCamt(doc: CamtDocument): PartnerOutcome[] {
  const returns: PartnerOutcome[] = [];
  for (const report of doc.reports) {
    for (const entry of report.entries) {
      if (entry.creditDebit !== 'CRDT') continue;
      for (const details of entry.details) {
        if (!details.endToEndId || details.returnReason === undefined) continue;
        returns.push({ paymentId: details.endToEndId, outcome: 'returned', reasonCode: details.returnReason, occurredOn: entry.bookingDate });
      }
    }
  }
  return returns;
}
