import { z } from 'zod/v4';
import { maskAccount } from '@benefits/platform';
import { Iso20022Error, parseCamt05x, parseXmlSafely, partnerDay, type AccountReport, type CamtDocument } from '@benefits/iso20022';
import { readSettlementReport, settlementLineSchema, settlementReportSchema, SettlementReportError, wholeDong } from '../../channels/domain/post-office-outcomes';

/**
 * What finance imports, read into one shape: a bank statement (camt.053, end of day), a bank notification
 * (camt.054, intraday) or the post office's settlement report (báo cáo kết quả chi trả, JSON). Pure: bytes in,
 * lines out, or a StatementFormatError that says what is wrong and where. Nothing here knows our payments.
 */
export type StatementKind = 'camt.053' | 'camt.054' | 'post_office_settlement';
export type StatementSource = 'bank' | 'post_office';

/**
 * debit/credit: a bank booking on our account (a payment out, a return in). debit_reversal/credit_reversal: a bank
 * booking that undoes an earlier debit or credit (camt RvslInd), which is no money of its own (domain/reversals.ts).
 * paid/not_collected/rejected: a line of the post office's settlement report (the post office is funded in bulk and
 * reports per payment).
 */
export type LineKind = 'debit' | 'credit' | 'debit_reversal' | 'credit_reversal' | 'paid' | 'not_collected' | 'rejected';

export interface StatementLine {
  readonly source: StatementSource;
  /** Bank: the account booked (ours). Post office: the batch (list) the report is for. */
  readonly account: string;
  /** Bank: AcctSvcrRef of the entry. Post office: the payment id. With txIndex, the same booking seen twice is one line. */
  readonly bookingRef: string;
  /** The transaction's place inside a batch-booked entry (0 for an entry of one payment). */
  readonly txIndex: number;
  readonly kind: LineKind;
  /**
   * Whole đồng. Null for a transaction of a batch-booked entry that gives no amount of its own (ISO 20022 makes it
   * optional): the import takes it from the payment the line names once the entry's amount is what its payments add
   * up to (statement-import.service.ts), and leaves it unknown, an exception, when it is not.
   */
  readonly amount: string | null;
  /** The whole entry's amount, on the lines of a batch-booked entry whose transactions do not all give theirs. */
  readonly entryAmount: string | null;
  readonly bookingDate: string | null;
  /** Our payment id as the partner carried it (EndToEndId / paymentId), when it did. */
  readonly endToEndId: string | null;
  /** Why money came back (bank RtrInf/Rsn/Cd) or was not collected (post office reason). */
  readonly reason: string | null;
  /** The beneficiary's account when the bank reports it (kept only as a keyed hash). */
  readonly creditorAccount: string | null;
}

/** What a statement covers: a bank account for a day, or a post-office list whose report is final. */
export interface Coverage {
  readonly source: StatementSource;
  readonly account: string;
  readonly date: string;
  readonly final: boolean;
  /** A bank statement's opening and closing balances, signed đồng: consecutive days chain (balance-chain.ts). */
  readonly opening?: string;
  readonly closing?: string;
}

export interface StatementFile {
  readonly kind: StatementKind;
  /** The partner's id of the message (camt GrpHdr/MsgId; the post office: batchId + reportedAt). */
  readonly messageId: string;
  readonly lines: StatementLine[];
  readonly coverage: Coverage[];
  /** Figures that do not add up inside the file itself (balances, batch-booked entries, report totals). */
  readonly problems: string[];
  /** What the partner sent, in a canonical form (partnerContent): the same statement under other bytes has the same. */
  readonly content: string;
}

/** The file cannot be read: refused as a whole, nothing stored. */
export class StatementFormatError extends Error {
  readonly code = 'STATEMENT_MALFORMED';
}

/**
 * The canonical form of what the partner sent, by which the import knows a statement it has already under other
 * bytes: the document's elements and values (camt) or fields (settlement report) as the partner wrote them, keys in
 * one order, without layout, namespace prefixes, nor the creation times (CreDtTm) that change each time a bank renders
 * the same statement. Nothing the import derives is in it (lines, days, problem texts): another version of this code,
 * reading the same statement otherwise, still finds it the same, and a statement saying anything else under the same
 * id (an amount, an entry, a balance, a date) is not.
 */
function partnerContent(document: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>).filter(([key]) => key !== 'CreDtTm');
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, v]) => [key, canonical(v)]));
  };
  return JSON.stringify(canonical(document));
}

/**
 * The content as the import hashed it before partnerContent: lines, coverage and problem texts as this version reads
 * them. Only to recognise a statement imported then (statement-import.service.ts); it changes whenever the reading
 * does, which is why it is no longer the rule.
 */
export function contentAsReadBefore(file: StatementFile): string {
  const lines = file.lines.map(({ entryAmount, ...line }) => (entryAmount === null ? line : { ...line, entryAmount }));
  const coverage = file.coverage.map(({ source, account, date, final }) => ({ source, account, date, final }));
  return JSON.stringify([file.kind, file.messageId, lines, coverage, file.problems]);
}

/** Detects the format from the content: XML is ISO 20022 camt.053/054, JSON the post office's settlement report. */
export function readStatementFile(bytes: Buffer): StatementFile {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (start === '<') return readCamt(text);
  if (start === '{') return readPostOfficeReport(text);
  throw new StatementFormatError('not a camt.053/camt.054 (XML) nor a post-office settlement report (JSON)');
}

function readCamt(xml: string): StatementFile {
  let document: CamtDocument;
  try {
    document = parseCamt05x(xml);
  } catch (error) {
    if (error instanceof Iso20022Error) throw new StatementFormatError(error.message);
    throw error;
  }
  const lines: StatementLine[] = [];
  const problems: string[] = [];
  const coverage: Coverage[] = [];
  document.reports.forEach((report, reportNo) => {
    lines.push(...reportLines(report, `${document.msgId}/${reportNo}`, problems));
    if (document.kind === 'camt.053') {
      const date = statementDate(report);
      const { opening, closing } = balances(report);
      problems.push(...balanceProblems(report, date, opening, closing));
      if (date) coverage.push({ source: 'bank', account: report.account, date, final: true, ...(opening !== undefined && closing !== undefined ? { opening: `${opening}`, closing: `${closing}` } : {}) });
    }
  });
  return { kind: document.kind, messageId: document.msgId, lines, coverage, problems, content: partnerContent(parseXmlSafely(xml)) };
}

function reportLines(report: AccountReport, fallbackRef: string, problems: string[]): StatementLine[] {
  const lines: StatementLine[] = [];
  report.entries.forEach((entry, entryNo) => {
    if (entry.status !== 'BOOK') return; // pending and informational entries move no money yet
    const bookingRef = entry.accountServicerRef || entry.entryRef || `${fallbackRef}/${entryNo}`;
    // A reversal is booked the other way round from what it undoes: a CRDT reversal gives back a debit.
    const kind: LineKind = entry.reversal ? (entry.creditDebit === 'CRDT' ? 'debit_reversal' : 'credit_reversal') : entry.creditDebit === 'DBIT' ? 'debit' : 'credit';
    const details = entry.details.length > 0 ? entry.details : [{}];
    // A batch-booked entry whose transactions do not all give their amount is checked against our payments on import.
    const perTransaction = details.length === 1 || details.every((d) => d.amount !== undefined);
    // An entry of one payment is checked too: its transaction's amount (what was instructed) is not always what the
    // entry booked, and the balances add up with the booked one.
    if (perTransaction && details.some((d) => d.amount !== undefined)) {
      const sum = details.reduce((total, d) => total + BigInt(d.amount ?? entry.amount), 0n);
      if (sum !== BigInt(entry.amount)) problems.push(`entry ${bookingRef}: its transactions add up to ${sum}, the entry says ${entry.amount}`);
    }
    details.forEach((d, txIndex) => {
      lines.push({
        source: 'bank',
        account: report.account,
        bookingRef,
        txIndex,
        kind,
        // One payment: the amount booked, which moved the balance (a transaction's other amount is a problem above).
        amount: details.length === 1 ? entry.amount : (d.amount ?? null),
        entryAmount: perTransaction ? null : entry.amount,
        bookingDate: entry.bookingDate,
        endToEndId: d.endToEndId && d.endToEndId !== 'NOTPROVIDED' ? d.endToEndId : null,
        reason: d.returnReason ?? null,
        creditorAccount: d.creditorAccount ?? null,
      });
    });
  });
  return lines;
}

/** The opening (OPBD) and closing (CLBD) balances, signed: DBIT is overdrawn. */
function balances(report: AccountReport): { opening?: bigint; closing?: bigint } {
  const signed = (type: string) => {
    const balance = report.balances.find((b) => b.type === type);
    return balance === undefined ? undefined : (balance.creditDebit === 'CRDT' ? 1n : -1n) * BigInt(balance.amount);
  };
  return { opening: signed('OPBD'), closing: signed('CLBD') };
}

/**
 * Opening balance + credits − debits must be the closing balance; a line left out or altered shows here. Said with
 * the account (masked) and the day, as finance looks for the statement by them.
 */
function balanceProblems(report: AccountReport, date: string | undefined, opening: bigint | undefined, closing: bigint | undefined): string[] {
  const statement = `statement ${report.id} of account ${maskAccount(report.account)} on ${date ?? 'an unknown day'}`;
  if (opening === undefined || closing === undefined) return [`${statement}: opening or closing balance missing`];
  const movement = report.entries
    .filter((e) => e.status === 'BOOK')
    .reduce((sum, e) => sum + (e.creditDebit === 'CRDT' ? 1n : -1n) * BigInt(e.amount), 0n);
  if (opening + movement === closing) return [];
  return [`${statement}: opening ${opening} + entries ${movement} = ${opening + movement}, but the closing balance is ${closing}`];
}

/** The day a statement covers: its closing balance's, else its last booking's, else the day it was created. */
function statementDate(report: AccountReport): string | undefined {
  return report.balances.find((b) => b.type === 'CLBD')?.date ?? report.entries.map((e) => e.bookingDate).sort().at(-1) ?? createdDay(report.createdAt);
}

/**
 * The Vietnamese day of the statement's creation time (partnerDay: 2026-11-30T17:30:00Z is 1 December), unknown when
 * the bank gave none or one that is no time.
 */
function createdDay(createdAt: string): string | undefined {
  const day = createdAt && !Number.isNaN(Date.parse(createdAt)) ? partnerDay(createdAt) : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

const countAndAmount = z.object({ count: z.number().int().nonnegative(), amount: wholeDong });
/** The outcome poller's view of the report, with what finance needs to reconcile: its month, kind, amounts and totals. */
const settlementSchema = settlementReportSchema.extend({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
  kind: z.enum(['account', 'cash_point']),
  lines: z.array(settlementLineSchema.extend({ total: wholeDong })),
  totals: z.object({ listed: countAndAmount, paid: countAndAmount, notCollected: countAndAmount, rejected: countAndAmount, pending: countAndAmount }),
});

const PO_KIND: Record<'PAID' | 'NOT_COLLECTED' | 'REJECTED', LineKind> = { PAID: 'paid', NOT_COLLECTED: 'not_collected', REJECTED: 'rejected' };

function readPostOfficeReport(text: string): StatementFile {
  let report: z.infer<typeof settlementSchema>;
  try {
    report = readSettlementReport(text, settlementSchema);
  } catch (error) {
    if (error instanceof SettlementReportError) throw new StatementFormatError(error.message);
    throw error;
  }
  const problems: string[] = [];
  const tally = (outcome: string) => {
    const selected = report.lines.filter((l) => l.outcome === outcome);
    return { count: selected.length, amount: selected.reduce((sum, l) => sum + BigInt(l.total), 0n) };
  };
  const checks: [string, { count: number; amount: string }, { count: number; amount: bigint }][] = [
    ['listed', report.totals.listed, { count: report.lines.length, amount: report.lines.reduce((sum, l) => sum + BigInt(l.total), 0n) }],
    ['paid', report.totals.paid, tally('PAID')],
    ['notCollected', report.totals.notCollected, tally('NOT_COLLECTED')],
    ['rejected', report.totals.rejected, tally('REJECTED')],
    ['pending', report.totals.pending, tally('PENDING')],
  ];
  for (const [name, declared, counted] of checks) {
    if (declared.count !== counted.count || BigInt(declared.amount) !== counted.amount) {
      problems.push(`report ${report.batchId}: totals.${name} says ${declared.count} for ${declared.amount}, its lines ${counted.count} for ${counted.amount}`);
    }
  }
  const lines: StatementLine[] = [];
  // A payment on the report twice is two lines (its second paid line a duplicate to explain), not one kept.
  const seen = new Map<string, number>();
  for (const line of report.lines) {
    const occurrence = seen.get(line.paymentId) ?? 0;
    seen.set(line.paymentId, occurrence + 1);
    if (line.outcome === 'PENDING') continue; // a later report tells
    // Not collected on an interim report only says a first session missed the person (the outcomes read it so too):
    // stored, it would stand for the payment's outcome and the final report's PAID line of the same key would not.
    if (line.outcome === 'NOT_COLLECTED' && report.status !== 'FINAL') continue;
    lines.push({
      source: 'post_office',
      account: report.batchId,
      bookingRef: line.paymentId,
      txIndex: occurrence,
      kind: PO_KIND[line.outcome],
      amount: line.total,
      entryAmount: null,
      bookingDate: partnerDay(line.paidOn ?? report.reportedAt),
      endToEndId: line.paymentId,
      reason: line.reason ?? null,
      creditorAccount: null,
    });
  }
  return {
    kind: 'post_office_settlement',
    messageId: `${report.batchId}@${report.reportedAt}`.slice(0, 80),
    lines,
    coverage: [{ source: 'post_office', account: report.batchId, date: partnerDay(report.reportedAt), final: report.status === 'FINAL' }],
    problems,
    content: partnerContent(JSON.parse(text)),
  };
}
