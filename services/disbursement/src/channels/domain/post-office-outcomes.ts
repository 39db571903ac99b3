import { z } from 'zod/v4';
import { partnerDay } from '@benefits/iso20022';
import type { PartnerOutcome, Payout } from '../channel-adapter';

/** Whole đồng as the post office writes them: digits only. */
export const wholeDong = z.string().regex(/^\d{1,15}$/, 'whole đồng, digits only');
/**
 * A day, or a date-time: with its offset as ISO 8601 writes it, with or without the colon (+07:00, +0700, Z), or with
 * none (a Vietnamese local time, read as the day it names: partnerDay).
 */
const day = z.union(
  [
    z.iso.date(),
    z.iso.datetime({ offset: true, local: true }),
    z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?[+-]\d{4}$/).refine((text) => !Number.isNaN(Date.parse(text))),
  ],
  { error: 'a date YYYY-MM-DD or a date-time, with its offset or in Vietnamese time' },
);

/**
 * The settlement report as the post office sends it (formats.md), as far as outcomes read it: checked before a line of
 * it is believed, by the outcome poller and (extended with its totals) by finance's statement import.
 */
export const settlementLineSchema = z.object({
  paymentId: z.string().min(1).max(35),
  outcome: z.enum(['PENDING', 'PAID', 'NOT_COLLECTED', 'REJECTED']),
  paidOn: day.optional(),
  /** Paid: at the payment point or at home, which point, and the proxy who received it if not the beneficiary. */
  how: z.enum(['at_point', 'at_home']).optional(),
  point: z.string().max(100).optional(),
  proxyReceiver: z.string().max(200).optional(),
  reason: z.string().max(100).optional(),
  carriedOver: wholeDong.optional(),
  /** What became of the money not paid out: returned to the department or kept for next month. */
  balance: z.enum(['kept', 'returned']).optional(),
});
export const settlementReportSchema = z.object({
  batchId: z.string().min(1).max(35),
  status: z.enum(['IN_PROGRESS', 'FINAL']),
  reportedAt: day,
  lines: z.array(settlementLineSchema),
});

/** A line of the post office's settlement report (báo cáo kết quả chi trả), as far as outcomes need it. */
export type SettlementLine = z.infer<typeof settlementLineSchema>;
/** The report as outcomes read it: its batch is the poller's to check (PostOfficeAdapter). */
export type SettlementReport = Omit<z.infer<typeof settlementReportSchema>, 'batchId'>;

export class SettlementReportError extends Error {
  readonly code = 'INVALID_SETTLEMENT_REPORT';
}

/**
 * Reads a settlement report's text against `schema`; anything else (not JSON, a field missing or malformed) is a
 * SettlementReportError naming the field and the line, and nothing of it is recorded.
 */
export function readSettlementReport<S extends z.ZodType>(text: string, schema: S): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Not the parser's message: it quotes the text around the fault, names of payees and proxies among it.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new SettlementReportError(`the settlement report is not JSON${position ? ` (at character ${position})` : ''}`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SettlementReportError(`settlement report: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * PAID settled (with how it was paid out); NOT_COLLECTED with its reason and the amount carried over; REJECTED with its
 * code; PENDING open. NOT_COLLECTED counts only on the FINAL report: on an interim one it says the first payout session
 * missed the person, who may still be paid at home before the report closes. Taken as final, it left the payment
 * not_collected when the FINAL report said PAID (settled applies only to a payment in flight), and the next month's
 * run carried the money over: paid twice.
 */
export function outcomesFromSettlement(report: SettlementReport): { outcomes: PartnerOutcome[]; complete: boolean } {
  const reportedOn = partnerDay(report.reportedAt);
  const outcomes: PartnerOutcome[] = [];
  for (const line of report.lines) {
    const occurredOn = line.paidOn ? partnerDay(line.paidOn) : reportedOn;
    if (line.outcome === 'PAID') outcomes.push({ paymentId: line.paymentId, outcome: 'settled', occurredOn, ...payoutOf(line) });
    else if (line.outcome === 'REJECTED') outcomes.push({ paymentId: line.paymentId, outcome: 'rejected', reasonCode: line.reason ?? 'MS03', occurredOn, ...balanceOf(line) });
    else if (line.outcome === 'NOT_COLLECTED' && report.status === 'FINAL') {
      outcomes.push({
        paymentId: line.paymentId,
        outcome: 'not_collected',
        reasonCode: (line.reason ?? 'absent').toUpperCase(),
        occurredOn,
        carriedOver: line.carriedOver ?? '0',
        ...balanceOf(line),
      });
    }
  }
  return { outcomes, complete: report.status === 'FINAL' };
}

function balanceOf(line: SettlementLine): { balance?: 'kept' | 'returned' } {
  return line.balance === 'kept' || line.balance === 'returned' ? { balance: line.balance } : {};
}

function payoutOf(line: SettlementLine): { payout?: Payout } {
  if (line.how !== 'at_point' && line.how !== 'at_home') return {};
  return { payout: { how: line.how, ...(line.point && { point: line.point }), ...(line.proxyReceiver && { receivedBy: line.proxyReceiver }) } };
}
