import type { Channel } from '@benefits/contracts';
import { sumFigures, ZERO, type Tally } from './figures';
import { isOverdue } from './due-dates';

/** What the post office did with money it did not pay out (whole đồng), from its settlement report. */
export interface Balances {
  /** Not collected: owed to the beneficiaries again next month. */
  carriedOver: string;
  /** Handed back to the department. */
  balanceReturned: string;
  /** Kept by the post office to pay next month. */
  balanceKept: string;
  /** Not paid out, with no disposition recorded (outcomes recorded before it was stored). */
  balanceUnrecorded: string;
}

/** The account list (commune and point null) or one commune cash point's list. */
export interface ListKey {
  channel: Channel;
  communeCode: string | null;
  cashPointCode: string | null;
}

export interface ListFigures extends Balances {
  /** Partner batches the list was sent in. */
  lists: number;
  listed: Tally;
  paid: Tally;
  notCollected: Tally;
  rejected: Tally;
  /** No outcome reported yet. */
  pending: Tally;
}

export type PostOfficeList = ListKey & ListFigures;

export interface PostOfficeReason extends ListKey, Balances {
  outcome: 'not_collected' | 'rejected';
  /** ABSENT, MOVED_AWAY, DECEASED, REFUSED; a rejection's code. */
  reason: string;
  payments: Tally;
}

export const ZERO_LIST: ListFigures = {
  lists: 0,
  listed: ZERO,
  paid: ZERO,
  notCollected: ZERO,
  rejected: ZERO,
  pending: ZERO,
  carriedOver: '0',
  balanceReturned: '0',
  balanceKept: '0',
  balanceUnrecorded: '0',
};

export function postOfficeTotals(lists: readonly PostOfficeList[]): ListFigures {
  return sumFigures(lists, ZERO_LIST);
}

export interface Reporting {
  /** Last day for the settlement report (see due-dates.ts). */
  dueBy: string;
  lists: number;
  /** Lists whose settlement report is final. */
  final: number;
  complete: boolean;
  /** The Vietnamese date the last report became final, once all are. */
  completedOn: string | null;
  /** Complete by its due date; false once overdue and still incomplete; null while there is time. */
  onTime: boolean | null;
}

export function reporting(dueBy: string, lists: number, final: number, lastFinalOn: string | null, today: string): Reporting {
  const complete = lists > 0 && final === lists;
  const completedOn = complete ? lastFinalOn : null;
  const onTime = completedOn ? completedOn <= dueBy : isOverdue(dueBy, today) ? false : null;
  return { dueBy, lists, final, complete, completedOn, onTime };
}
