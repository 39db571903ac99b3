import type { Channel } from '@benefits/contracts';
import type { PaymentStatus } from '../../payments/domain/payment-status';
import { postOfficeReportDueDate } from '../../reports/domain/due-dates';
import type { DayRange } from './balance-chain';
import { isReturn } from './returns';
import { netReversals, type ReversedEntry } from './reversals';
import type { LineKind } from './statement-file';

/**
 * Reconciliation of one payment against what the partners' statements say. Every payment of a released run ends
 * in one class; the explained ones (matched, returned, rejected, not collected, not sent) need nobody, the others
 * are exceptions for finance. `awaiting` is not yet an exception: its statement is not due.
 */
export const RECON_CLASSES = [
  'matched',
  'returned',
  'rejected',
  'not_collected',
  'not_sent',
  'awaiting',
  'missing',
  'amount_mismatch',
  'duplicate_debit',
  'unexpected_debit',
  'outcome_mismatch',
  'reversal',
] as const;
export type ReconClass = (typeof RECON_CLASSES)[number];

/**
 * Exception kinds: the payment classes that need a person, and the statements' own (of no payment, nor run).
 * - missing: sent (and settled, by the partner's word) but on no statement after its due date
 * - amount_mismatch: the statement's amount differs from the payment's
 * - duplicate_debit: debited (or paid out) more than once
 * - unexpected_debit: money left for a payment the partner rejected or that was never sent
 * - outcome_mismatch: the settlement report says one outcome, our record another; or the bank credited the money
 *   back without a return reason (a return, or a correction of the debit?)
 * - reversal: the bank reversed a debit or a return of the payment (camt RvslInd) and our record says otherwise
 *   (settled though the money came back, returned though it did not), or reversed an entry of it not on record
 * - unmatched_entry: a statement line with no payment, by id nor by amount and account
 * - statement_problem: a statement file whose own figures do not add up (its balances, a batch-booked entry and the
 *   sum of its transactions, a settlement report's totals)
 */
export const EXCEPTION_KINDS = ['missing', 'amount_mismatch', 'duplicate_debit', 'unexpected_debit', 'outcome_mismatch', 'reversal', 'unmatched_entry', 'statement_problem'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

export const EXPLAINED: readonly ReconClass[] = ['matched', 'returned', 'rejected', 'not_collected', 'not_sent'];

export interface EvidenceLine {
  readonly id: string;
  readonly kind: LineKind;
  /** Null: a transaction of a batch-booked entry that gives no amount, whose entry does not add up to its payments. */
  readonly amount: bigint | null;
  readonly bookingDate: string | null;
  readonly reason: string | null;
  /** The bank's reference of the entry (AcctSvcrRef), that finance finds it by. */
  readonly ref?: string | null;
}

export interface PaymentEvidence {
  readonly paymentId: string;
  readonly channel: Channel;
  readonly status: PaymentStatus;
  readonly total: bigint;
  /** The payment month (YYYY-MM): the post office reports on it before the 20th (postOfficeReportDueDate). */
  readonly month: string;
  /** The partner's date of the outcome (YYYY-MM-DD). */
  readonly outcomeOn: string | null;
  /** Every statement line matched to the payment. */
  readonly lines: readonly EvidenceLine[];
}

export interface DueFacts {
  /** Today in Vietnam (YYYY-MM-DD). */
  readonly today: string;
  /** Days after the settlement date (bank) or the post office's report deadline before an absent line is an exception. */
  readonly graceDays: number;
  /** Bank: the latest end-of-day statement imported for the account the payments are debited from. */
  readonly bankStatementThrough: string | null;
  /** Bank: the days before it whose statement may be missing (balance-chain.ts daysUncovered): not covered by it. */
  readonly bankDaysUncovered: readonly DayRange[];
  /** Post office: a FINAL settlement report of the payment's list was imported. */
  readonly batchReportFinal: boolean;
}

export interface Classification {
  readonly recon: ReconClass;
  /** For a returned payment: the bank's reason (MD07 deceased, AC04 closed …). */
  readonly reason?: string;
  readonly exception?: { readonly kind: ExceptionKind; readonly reported: bigint | null; readonly lineId: string | null; readonly detail: string };
}

const BANK_CHANNELS: readonly Channel[] = ['bank'];

/**
 * Reversals first (netReversals): a payment is classed on what its money did, a reversed entry and its reversal left
 * out. When that leaves the payment short of what our record says (no debit, though settled; no return, though
 * returned), the reversal is why, and finance is told so rather than of a booking missing.
 */
export function classifyPayment(p: PaymentEvidence, due: DueFacts): Classification {
  const { standing, reversed, unpaired } = netReversals(p.lines);
  const result = withReversed(classifyStanding({ ...p, lines: standing }, due), reversed, standing, p.status);
  const stray = unpaired[unpaired.length - 1];
  if (!stray) return result;
  const undone = stray.kind === 'debit_reversal' ? 'a debit' : 'a credit';
  const detail = `entry ${entryName(stray)} on ${stray.bookingDate ?? '?'} reverses ${undone} of ${stray.amount ?? '?'} đồng that is on no statement of this payment: taken neither as money in nor out`;
  // Another exception of the payment is said with it: one resolved for the reversal alone would leave it unseen.
  return result.exception ? { ...result, exception: { ...result.exception, detail: `${result.exception.detail}; besides, ${detail}` } } : exception('reversal', stray, detail);
}

function withReversed(result: Classification, reversed: readonly ReversedEntry[], standing: readonly EvidenceLine[], status: PaymentStatus): Classification {
  const last = reversed[reversed.length - 1];
  if (!last || (result.recon !== 'missing' && result.recon !== 'awaiting')) return result;
  // Our record has the money back already, and the bank gave it back by reversing its debit (a return booked as a
  // reversal): the two agree.
  if (last.original.kind === 'debit' && status === 'returned' && standing.length === 0) return { recon: 'returned', ...(last.reversal.reason ? { reason: last.reversal.reason } : {}) };
  return exception('reversal', last.reversal, reversalDetail(last, status));
}

function reversalDetail({ original, reversal }: ReversedEntry, status: PaymentStatus): string {
  const what = `${original.kind === 'debit' ? 'its debit' : 'the return'} ${entryName(original)} of ${original.amount} đồng (${original.bookingDate ?? '?'}) by entry ${entryName(reversal)} on ${reversal.bookingDate ?? '?'}`;
  const record = status === 'settled' ? 'the bank reported it settled' : status === 'sent' ? 'it was sent' : `our record says ${status}`;
  return original.kind === 'debit'
    ? `the bank reversed ${what}: the money came back, so the payment was not paid, although ${record}`
    : `the bank reversed ${what}: the money did not come back, so the payment is not returned, although ${record}`;
}

function entryName(line: EvidenceLine): string {
  return line.ref || `line ${line.id}`;
}

function classifyStanding(p: PaymentEvidence, due: DueFacts): Classification {
  if (p.status === 'pending' || p.status === 'cancelled') {
    const moved = p.lines.find((l) => l.kind === 'debit' || l.kind === 'paid');
    return moved ? exception('unexpected_debit', moved, `paid out although the payment was never sent (${p.status})`) : { recon: 'not_sent' };
  }
  return BANK_CHANNELS.includes(p.channel) ? classifyBank(p, due) : classifyPostOffice(p, due);
}

function classifyBank(p: PaymentEvidence, due: DueFacts): Classification {
  const debits = p.lines.filter((l) => l.kind === 'debit');
  const credits = p.lines.filter((l) => l.kind === 'credit');
  // Raised on the latest extra line: one more after a duplicate was resolved is a new exception, not the resolved one.
  if (debits.length > 1) {
    return exception('duplicate_debit', debits[debits.length - 1], `debited ${debits.length} times: ${debits.map((d) => d.amount ?? '?').join(' + ')} đồng for one payment of ${p.total}`, sum(debits));
  }
  const [debit] = debits;
  if (debit) {
    if (debit.amount === null) return exception('amount_mismatch', debit, `debited in a batch-booked entry that does not add up to the payments it names: what went to this one is not known`);
    if (debit.amount !== p.total) return exception('amount_mismatch', debit, `debited ${debit.amount} đồng, the payment is ${p.total}`);
    if (p.status === 'rejected') return exception('unexpected_debit', debit, 'debited although the bank reported the payment rejected');
    // Money credited back more than once for one debit (a return booked twice, a return beside a correction): the
    // first alone would read as the payment's return and the rest go unseen. Raised on the latest, as a second debit.
    if (credits.length > 1) {
      return exception('outcome_mismatch', credits[credits.length - 1], `credited back ${credits.length} times: ${credits.map((c) => c.amount ?? '?').join(' + ')} đồng for one debit of ${p.total}`, sum(credits));
    }
    const [credit] = credits;
    if (!credit) {
      // Returned by the bank's word (its camt.054, read by the outcome poller): the money is back once a statement books
      // it. Until then it is not matched; once a statement covers the day (or the grace days are over) it is missing,
      // raised on the debit it should pay back (a missing debit resolved earlier is another exception).
      if (p.status === 'returned') return isDue(p.outcomeOn, due) ? exception('missing', debit, `returned on ${p.outcomeOn} by the bank's word, its credit on no statement since`, null) : { recon: 'awaiting' };
      return { recon: 'matched' };
    }
    if (credit.amount === null) return exception('amount_mismatch', credit, `credited back in a batch-booked entry that does not add up to the payments it names: what came back for this one is not known`);
    if (credit.amount !== p.total) return exception('amount_mismatch', credit, `returned ${credit.amount} đồng of a payment of ${p.total}`);
    if (!isReturn(credit)) return exception('outcome_mismatch', credit, 'credited back without a return reason (RtrInf): not recorded as a return');
    return { recon: 'returned', reason: credit.reason };
  }
  if (p.status === 'rejected') return { recon: 'rejected' };
  if ((p.status === 'settled' || p.status === 'returned') && isDue(p.outcomeOn, due)) {
    // No debit: settled (or settled, then returned) by the bank's word, and no statement shows the money leaving.
    return { recon: 'missing', exception: { kind: 'missing', reported: null, lineId: null, detail: `${p.status} on ${p.outcomeOn} by the bank's word, its debit on no statement since` } };
  }
  return { recon: 'awaiting' };
}

/** A booking of this day should be on a statement by now: one covering the day was imported, or the grace days are over. */
function isDue(day: string | null, due: DueFacts): boolean {
  if (day === null) return false;
  const statementCovers = due.bankStatementThrough !== null && due.bankStatementThrough >= day && !due.bankDaysUncovered.some((gap) => gap.first <= day && day <= gap.last);
  return statementCovers || addDays(day, due.graceDays) < due.today;
}

/** The post office is funded in bulk: each payment is reconciled against its line in the settlement report. */
function classifyPostOffice(p: PaymentEvidence, due: DueFacts): Classification {
  const paid = p.lines.filter((l) => l.kind === 'paid');
  if (paid.length > 1) return exception('duplicate_debit', paid[paid.length - 1], `reported paid ${paid.length} times`, sum(paid));
  // Any other line beside it (paid and not collected, not collected and rejected): the report contradicts itself, and
  // the money it says it kept or returned may be for a payment it also paid out. Not matched on the first line alone.
  if (p.lines.length > 1) {
    const last = p.lines[p.lines.length - 1];
    return exception('outcome_mismatch', last, `reported ${p.lines.length} times with different outcomes: ${p.lines.map((l) => l.kind).join(', ')}`);
  }
  const line = paid[0] ?? p.lines[0];
  if (!line) {
    const reportDue = postOfficeReportDueDate(p.month);
    if (due.batchReportFinal || addDays(reportDue, due.graceDays) < due.today) {
      return { recon: 'missing', exception: { kind: 'missing', reported: null, lineId: null, detail: `not on the post office's settlement report (due ${reportDue})` } };
    }
    return { recon: 'awaiting' };
  }
  if (line.amount !== p.total) return exception('amount_mismatch', line, `the report says ${line.amount} đồng, the payment is ${p.total}`);
  const expected: Record<'paid' | 'not_collected' | 'rejected', { status: PaymentStatus; recon: ReconClass }> = {
    paid: { status: 'settled', recon: 'matched' },
    not_collected: { status: 'not_collected', recon: 'not_collected' },
    rejected: { status: 'rejected', recon: 'rejected' },
  };
  const wanted = expected[line.kind as 'paid' | 'not_collected' | 'rejected'];
  if (!wanted) return exception('outcome_mismatch', line, `a ${line.kind} line on a post-office report`);
  if (p.status !== wanted.status) return exception('outcome_mismatch', line, `the report says ${line.kind}, our record says ${p.status}`);
  return { recon: wanted.recon, ...(line.reason ? { reason: line.reason } : {}) };
}

function exception(kind: ExceptionKind, line: EvidenceLine, detail: string, reported: bigint | null = line.amount): Classification {
  return { recon: kind as ReconClass, exception: { kind, reported, lineId: line.id, detail } };
}

/** Null when an amount is not known. */
function sum(lines: readonly EvidenceLine[]): bigint | null {
  return lines.reduce<bigint | null>((total, l) => (total === null || l.amount === null ? null : total + l.amount), 0n);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
