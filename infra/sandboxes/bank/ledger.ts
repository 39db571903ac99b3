import type { CreditDebit } from '@benefits/iso20022';
import { vietnamDate } from '../shared/determinism';

/**
 * The bank's book of the debtor accounts: append-only lines, one per settled payment (DBIT) and one per return
 * (CRDT). Statements and notifications are views of it; balances are computed, never stored.
 */
export interface LedgerLine {
  seq: number;
  /** When it was booked (the due time of the outcome, so runs are reproducible). */
  at: number;
  bookingDate: string;
  account: string;
  creditDebit: CreditDebit;
  amount: string;
  accountServicerRef: string;
  msgId: string;
  pmtInfId: string;
  instrId: string;
  endToEndId: string;
  returnReason?: string;
}

export type NewLine = Omit<LedgerLine, 'seq' | 'bookingDate' | 'accountServicerRef'>;

export interface AccountDay {
  opening: bigint;
  closing: bigint;
  lines: LedgerLine[];
}

export class Ledger {
  private lines: LedgerLine[] = [];
  /** The credits (returns) alone, in the same order: a payer watching for returns reads these, not every debit. */
  private credits: LedgerLine[] = [];
  private readonly knownAccounts = new Set<string>();

  constructor(
    private readonly openingBalance: bigint,
    /** Prefix for AcctSvcrRef, derived from the seed so two sandboxes never hand out the same reference. */
    private readonly refPrefix: string,
  ) {}

  /** An account the bank has seen in a PmtInf: it gets a statement even on a day without entries. */
  open(account: string): void {
    this.knownAccounts.add(account);
  }

  book(line: NewLine): LedgerLine {
    const seq = this.lines.length + 1;
    const booked = {
      ...line,
      seq,
      bookingDate: vietnamDate(line.at),
      accountServicerRef: `${this.refPrefix}${String(seq).padStart(8, '0')}`,
    };
    insertInTimeOrder(this.lines, booked);
    if (booked.creditDebit === 'CRDT') insertInTimeOrder(this.credits, booked);
    this.knownAccounts.add(line.account);
    return booked;
  }

  accounts(): string[] {
    return [...this.knownAccounts].sort();
  }

  /** Opening balance, closing balance and entries of one account on one business day. */
  day(account: string, date: string): AccountDay {
    let opening = this.openingBalance;
    const lines: LedgerLine[] = [];
    for (const line of this.lines) {
      if (line.account !== account || line.bookingDate > date) continue;
      if (line.bookingDate < date) opening += signed(line);
      else lines.push(line);
    }
    const closing = lines.reduce((balance, line) => balance + signed(line), opening);
    return { opening, closing, lines };
  }

  /** Lines booked strictly after an instant, for intraday notifications; only credits or debits if asked. */
  bookedAfter(at: number, account?: string, creditDebit?: CreditDebit): LedgerLine[] {
    // Every batch of a run polls for returns, each from where it last read: reading the credits alone keeps a poll
    // small however many payments were debited since (slicing the whole tail made the sandbox's CPU grow with N²).
    const lines = creditDebit === 'CRDT' ? this.credits : this.lines;
    // Binary search for the first line booked after `at`: scanning the whole book on every poll was quadratic in a run.
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (lines[middle].at > at) high = middle;
      else low = middle + 1;
    }
    return lines.slice(low).filter((l) => (account === undefined || l.account === account) && (creditDebit === undefined || l.creditDebit === creditDebit));
  }

  reset(): void {
    this.lines = [];
    this.credits = [];
    this.knownAccounts.clear();
  }
}

/**
 * Kept in booking-time order, so that a notification since an instant reads the tail only. A job books at its own due
 * time and jobs run in due order, so a line nearly always goes last.
 */
function insertInTimeOrder(lines: LedgerLine[], line: LedgerLine): void {
  let index = lines.length;
  while (index > 0 && lines[index - 1].at > line.at) index--;
  lines.splice(index, 0, line);
}

function signed(line: LedgerLine): bigint {
  return line.creditDebit === 'CRDT' ? BigInt(line.amount) : -BigInt(line.amount);
}
