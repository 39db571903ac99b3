import { z } from 'zod';
import { faultsFromNames } from '../shared/faults';

/**
 * Statement faults: ways to make camt.053/054 NOT reconcile on purpose, so the reconciliation has something to
 * find. They change what the bank reports, never the ledger behind it: the balances stay true, as they would
 * when a real bank's reporting (not its booking) goes wrong.
 */
const target = z.object({ endToEndId: z.string().min(1).max(35).optional() }).strict();

export const statementFaultsSchema = z
  .object({
    /** Leave one debit line out. */
    dropLine: target.optional(),
    /** Report one debit with `delta` đồng more (or less, if negative). */
    alterAmount: target.extend({ delta: z.string().regex(/^-?\d+$/).default('1000') }).optional(),
    /** Report one debit twice. */
    duplicateDebit: target.optional(),
  })
  .strict();
export type StatementFaults = z.infer<typeof statementFaultsSchema>;

export const FAULT_NAMES = { 'drop-line': 'dropLine', 'alter-amount': 'alterAmount', 'duplicate-debit': 'duplicateDebit' } as const;

/** BANK_FAULTS="drop-line,alter-amount,duplicate-debit": each fault on a different debit, earliest first. */
export function faultsFromList(list: string): StatementFaults {
  return faultsFromNames<StatementFaults>(list, FAULT_NAMES);
}

export interface FaultableLine {
  endToEndId: string;
  creditDebit: 'CRDT' | 'DBIT';
  amount: string;
  accountServicerRef: string;
}

/**
 * Applies the faults to the lines of one statement. A fault without an EndToEndId takes the earliest debit no
 * other fault has taken, so "all three" spoils three different payments; one with an EndToEndId takes that line.
 */
export function applyFaults<T extends FaultableLine>(lines: readonly T[], faults: StatementFaults): T[] {
  const taken = new Set<T>();
  const choose = (endToEndId?: string): T | undefined => {
    const found = endToEndId
      ? lines.find((l) => l.endToEndId === endToEndId && !taken.has(l))
      : lines.find((l) => l.creditDebit === 'DBIT' && !taken.has(l));
    if (found) taken.add(found);
    return found;
  };
  const dropped = faults.dropLine ? choose(faults.dropLine.endToEndId) : undefined;
  const altered = faults.alterAmount ? choose(faults.alterAmount.endToEndId) : undefined;
  const duplicated = faults.duplicateDebit ? choose(faults.duplicateDebit.endToEndId) : undefined;

  const result: T[] = [];
  for (const line of lines) {
    if (line === dropped) continue;
    if (line === altered && faults.alterAmount) {
      const amount = BigInt(line.amount) + BigInt(faults.alterAmount.delta);
      result.push({ ...line, amount: (amount > 0n ? amount : 1n).toString() });
    } else {
      result.push(line);
    }
    if (line === duplicated) result.push({ ...line, accountServicerRef: `${line.accountServicerRef}D` });
  }
  return result;
}
