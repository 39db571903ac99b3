import { z } from 'zod';
import { faultsFromNames } from '../shared/faults';
import type { SettlementLine, SettlementReport } from './settlement';

/**
 * Settlement report faults: ways to make the post office's report NOT reconcile on purpose (formats.md: "a missing
 * line, an amount that differs, a duplicate"), so the reconciliation has something to find. They change what the
 * report says, never the outcomes behind it; the report's totals are those of its lines, as a wrong report's would be.
 * Set them once the list's outcomes are recorded: a line left out of a report the poller reads keeps its payment open.
 */
const target = z.object({ paymentId: z.string().min(1).max(35).optional() }).strict();

export const settlementFaultsSchema = z
  .object({
    /** Leave one paid line out. */
    dropLine: target.optional(),
    /** Report one paid line with `delta` đồng more (or less, if negative). */
    alterAmount: target.extend({ delta: z.string().regex(/^-?\d+$/).default('1000') }).optional(),
    /** Report one paid line twice. */
    duplicateLine: target.optional(),
  })
  .strict();
export type SettlementFaults = z.infer<typeof settlementFaultsSchema>;

const FAULT_NAMES = { 'drop-line': 'dropLine', 'alter-amount': 'alterAmount', 'duplicate-line': 'duplicateLine' } as const;

/** POST_OFFICE_FAULTS="drop-line,alter-amount,duplicate-line": each fault on a different paid line, earliest first. */
export function faultsFromList(list: string): SettlementFaults {
  return faultsFromNames<SettlementFaults>(list, FAULT_NAMES);
}

/**
 * The report with the faults applied. A fault without a paymentId takes the earliest paid line no other fault has
 * taken; one with a paymentId takes that payment's line. The totals are counted again from the lines.
 */
export function applyFaults(report: SettlementReport, faults: SettlementFaults): SettlementReport {
  if (!faults.dropLine && !faults.alterAmount && !faults.duplicateLine) return report;
  const taken = new Set<SettlementLine>();
  const choose = (paymentId?: string): SettlementLine | undefined => {
    const found = report.lines.find((l) => (paymentId ? l.paymentId === paymentId : l.outcome === 'PAID') && !taken.has(l));
    if (found) taken.add(found);
    return found;
  };
  const dropped = faults.dropLine ? choose(faults.dropLine.paymentId) : undefined;
  const altered = faults.alterAmount ? choose(faults.alterAmount.paymentId) : undefined;
  const duplicated = faults.duplicateLine ? choose(faults.duplicateLine.paymentId) : undefined;
  const lines: SettlementLine[] = [];
  for (const line of report.lines) {
    if (line === dropped) continue;
    if (line === altered && faults.alterAmount) {
      const total = BigInt(line.total) + BigInt(faults.alterAmount.delta);
      lines.push({ ...line, total: (total > 0n ? total : 1n).toString() });
    } else {
      lines.push(line);
    }
    if (line === duplicated) lines.push(line);
  }
  return { ...report, lines, totals: totalsOf(lines, report.totals) };
}

function totalsOf(lines: readonly SettlementLine[], was: SettlementReport['totals']): SettlementReport['totals'] {
  const tally = (keep: (l: SettlementLine) => boolean) => {
    const selected = lines.filter(keep);
    return { count: selected.length, amount: selected.reduce((sum, l) => sum + BigInt(l.total), 0n).toString() };
  };
  return {
    ...was,
    listed: tally(() => true),
    paid: tally((l) => l.outcome === 'PAID'),
    notCollected: tally((l) => l.outcome === 'NOT_COLLECTED'),
    rejected: tally((l) => l.outcome === 'REJECTED'),
    pending: tally((l) => l.outcome === 'PENDING'),
  };
}
