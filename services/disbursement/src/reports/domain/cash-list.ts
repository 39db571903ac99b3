import type { Programme } from '@benefits/contracts';
import { sumFigures } from './figures';

/**
 * A commune cash point's payment list (danh sách chi trả) as printed for the payout: one line per payment the post
 * office was sent, numbered as in the list it received, with an empty column the payee signs (formats.md). The ID
 * number is masked, as on every printed copy; the account number never appears (cash has none).
 */
export interface CashListPayment {
  /** The partner batch: the list the post office received. */
  listId: string;
  paymentId: string;
  /** The person's reference, sent to the post office as the beneficiary code. */
  beneficiaryCode: string;
  fullName: string;
  maskedId: string | null;
  /** Hamlet or street address, where the register has one. */
  address: string | null;
  programme: Programme;
  amount: string;
  arrears: string;
  carriedOver: string;
  total: string;
}

export interface CashListLine extends CashListPayment {
  /** Số thứ tự: the line's number on its list, from 1, as the post office's copy numbers it. */
  seq: number;
}

export interface CashListTotals {
  count: number;
  amount: string;
  arrears: string;
  carriedOver: string;
  total: string;
}

export interface CashListPart {
  listId: string;
  lines: CashListLine[];
  totals: CashListTotals;
}

/**
 * The payments of a point, in the order they were listed (by list, then payment id, as each list was built), as
 * numbered lists with their totals. A point with more payees than a batch holds was sent several lists: each keeps
 * its own numbering, so a line on paper is the line of the same number in the post office's list. Only the lines of
 * the `readable` programmes are kept (numbered as before), and only the lists holding one.
 */
export function cashListParts(payments: readonly CashListPayment[], readable: readonly Programme[]): CashListPart[] {
  const parts: { listId: string; lines: CashListLine[] }[] = [];
  for (const payment of payments) {
    let part = parts.at(-1);
    if (part?.listId !== payment.listId) {
      part = { listId: payment.listId, lines: [] };
      parts.push(part);
    }
    part.lines.push({ ...payment, seq: part.lines.length + 1 });
  }
  return parts
    .map((part) => ({ ...part, lines: part.lines.filter((line) => readable.includes(line.programme)) }))
    .filter((part) => part.lines.length > 0)
    .map((part) => ({ ...part, totals: sumFigures(part.lines.map((line) => ({ ...line, count: 1 })), ZERO_TOTALS) }));
}

export function sumCashLists(parts: readonly CashListPart[]): CashListTotals {
  return sumFigures(parts.map((part) => part.totals), ZERO_TOTALS);
}

const ZERO_TOTALS: CashListTotals = { count: 0, amount: '0', arrears: '0', carriedOver: '0', total: '0' };
