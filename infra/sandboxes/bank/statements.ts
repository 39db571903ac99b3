import { buildCamt053, buildCamt054, sumVnd, type AccountReport, type Balance, type StatementEntry } from '@benefits/iso20022';
import { sha256, vietnamDateTime } from '../shared/determinism';
import { applyFaults, type StatementFaults } from './faults';
import type { Ledger, LedgerLine } from './ledger';

export interface StatementOptions {
  faults: StatementFaults;
  /** One DBIT entry per PmtInf with many TxDtls, instead of one entry per payment: banks do both. */
  batchBooking: boolean;
  seed: string;
}

/** camt.053 end-of-day statement for one date, one Stmt per account. */
export function renderCamt053(ledger: Ledger, date: string, accounts: string[], now: number, options: StatementOptions): string {
  const reports = accounts.map((account): AccountReport => {
    const day = ledger.day(account, date);
    return {
      id: `STMT-${account}-${date}`.slice(0, 35),
      createdAt: vietnamDateTime(now),
      account,
      balances: [balance('OPBD', day.opening, date), balance('CLBD', day.closing, date)],
      entries: toEntries(day.lines, options),
    };
  });
  // The id follows the content (not the moment it was rendered): asked again, an unchanged statement keeps its
  // MsgId; once more was booked that day it is another statement with another MsgId, as at a real bank.
  const content = JSON.stringify(reports.map((r) => ({ ...r, createdAt: '' })));
  return buildCamt053({ msgId: messageId('C53', options.seed, date, accounts.join(','), content), createdAt: vietnamDateTime(now), reports });
}

/** camt.054 intraday notification: lines booked strictly after `since`, one Ntfctn per account that has any. */
export function renderCamt054(ledger: Ledger, since: number, account: string | undefined, now: number, options: StatementOptions, creditDebit?: 'CRDT' | 'DBIT'): string {
  const lines = ledger.bookedAfter(since, account, creditDebit);
  const accounts = [...new Set(lines.map((l) => l.account))].sort();
  const reports = accounts.map(
    (acct): AccountReport => ({
      id: `NTF-${acct}-${lines.find((l) => l.account === acct)?.seq ?? 0}`.slice(0, 35),
      createdAt: vietnamDateTime(now),
      account: acct,
      balances: [],
      entries: toEntries(lines.filter((l) => l.account === acct), options),
    }),
  );
  return buildCamt054({ msgId: messageId('C54', options.seed, String(since), String(now)), createdAt: vietnamDateTime(now), reports });
}

function toEntries(lines: LedgerLine[], options: StatementOptions): StatementEntry[] {
  const reported = applyFaults(lines, options.faults);
  if (!options.batchBooking) return reported.map((line) => entry([line]));
  // The debits of one PmtInf on one day become one entry, where its first line was; returns stay one each.
  const groups: LedgerLine[][] = [];
  const byPmtInf = new Map<string, LedgerLine[]>();
  for (const line of reported) {
    const key = line.creditDebit === 'DBIT' ? `${line.bookingDate}/${line.msgId}/${line.pmtInfId}` : undefined;
    const group = key === undefined ? undefined : byPmtInf.get(key);
    if (group) {
      group.push(line);
      continue;
    }
    const created = [line];
    groups.push(created);
    if (key !== undefined) byPmtInf.set(key, created);
  }
  return groups.map(entry);
}

function entry(lines: LedgerLine[]): StatementEntry {
  const first = lines[0] as LedgerLine;
  return {
    amount: sumVnd(lines.map((l) => l.amount)),
    creditDebit: first.creditDebit,
    status: 'BOOK',
    bookingDate: first.bookingDate,
    valueDate: first.bookingDate,
    accountServicerRef: first.accountServicerRef,
    details: lines.map((line) => ({
      msgId: line.msgId,
      accountServicerRef: line.accountServicerRef,
      pmtInfId: line.pmtInfId,
      instrId: line.instrId,
      endToEndId: line.endToEndId,
      amount: line.amount,
      returnReason: line.returnReason,
    })),
  };
}

function balance(type: 'OPBD' | 'CLBD', amount: bigint, date: string): Balance {
  return { type, amount: (amount < 0n ? -amount : amount).toString(), creditDebit: amount < 0n ? 'DBIT' : 'CRDT', date };
}

function messageId(kind: string, seed: string, ...parts: string[]): string {
  return `${kind}-${sha256(seed, kind, ...parts).slice(0, 24)}`;
}
