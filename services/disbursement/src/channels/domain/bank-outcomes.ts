import type { CamtDocument, Pain002Report } from '@benefits/iso20022';
import type { PartnerOutcome } from '../channel-adapter';

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
