import type { PartnerOutcome } from '../../channels/channel-adapter';
import type { EvidenceLine, PaymentEvidence } from './classify';
import { netReversals } from './reversals';

/**
 * A return: a credit that carries its reason (camt RtrInf/Rsn), as the outcome poller reads returns from the bank's
 * camt.054 (channels/domain/bank-outcomes.ts). A credit without one (a correction of a debit, a refund) is not: a
 * person decides what it is.
 */
export function isReturn(line: EvidenceLine): line is EvidenceLine & { readonly reason: string } {
  return line.kind === 'credit' && line.reason !== null;
}

const FOUND = 'found on a bank statement';

/**
 * What a statement makes of a payment the bank took (sent, or settled): a return on it (not reversed) is its outcome,
 * whatever else the statement says of it (a return of part of the amount, a second debit are exceptions besides, for
 * finance); a payment the bank never reported settled is settled first, on the day of its debit. Recorded as a
 * partner's outcomes are (OutcomeRecorder), so entitlement owes the money again and the payment can be re-sent or
 * carried over.
 */
export function statementOutcomes(p: PaymentEvidence, today: string): PartnerOutcome[] {
  if (p.status !== 'sent' && p.status !== 'settled') return [];
  const lines = netReversals(p.lines).standing;
  const credit = lines.find(isReturn);
  if (!credit) return [];
  const returnedOn = credit.bookingDate ?? today;
  const returned: PartnerOutcome = { paymentId: p.paymentId, outcome: 'returned', reasonCode: credit.reason, occurredOn: returnedOn, detail: FOUND };
  if (p.status === 'settled') return [returned];
  const debit = lines.find((l) => l.kind === 'debit');
  return [{ paymentId: p.paymentId, outcome: 'settled', occurredOn: debit?.bookingDate ?? returnedOn, detail: FOUND }, returned];
}

/**
 * The debits of a payment no return gave back (each return pays back one debit): money that left for it and may have
 * reached the payee, so it is not paid again. A return pays back a debit of its own amount first; one of less (the
 * bank kept a fee) pays back a debit left, as statementOutcomes counts it a return: the payee got nothing, and the
 * fee is finance's to settle (the amount_mismatch exception, which blocks a re-send until it is resolved).
 */
export function unreturnedDebits(lines: readonly EvidenceLine[]): EvidenceLine[] {
  // A debit reversed did not leave; a return reversed did not pay one back.
  const { standing } = netReversals(lines);
  const returns = standing.filter(isReturn);
  let debits = standing.filter((line) => line.kind === 'debit');
  const payBack = (matches: (debit: EvidenceLine, back: EvidenceLine) => boolean) => {
    debits = debits.filter((debit) => {
      const back = returns.findIndex((r) => matches(debit, r));
      if (back < 0) return true;
      returns.splice(back, 1);
      return false;
    });
  };
  // An amount not known (a batch-booked entry that does not add up) pays back nothing, nor is paid back.
  payBack((debit, back) => debit.amount !== null && back.amount === debit.amount);
  payBack((debit, back) => debit.amount !== null && back.amount !== null && back.amount < debit.amount);
  return debits;
}
