import type { Dong } from '@benefits/money';
import {
  addMonths,
  monthOfDate,
  monthsBetween,
  nextMonth,
  previousMonth,
  type ArrearsHistory,
  type EntitlementItem,
  type Month,
  type PastMonth,
  type PaymentRecord,
  type PriorAdjustment,
  type Programme,
  type RateBook,
} from '../../domain';
import type { OwedWindow, PersonInput } from './snapshot-input';

/** A payment outcome from the ledger (the latest outcome of a payment wins). */
export interface PaymentRow {
  readonly paymentId: string;
  readonly runId: string;
  readonly programme: Programme;
  readonly month: Month;
  readonly amount: Dong;
  readonly outcome: 'settled' | 'rejected' | 'returned' | 'not_collected';
  readonly occurredOn: string;
  readonly receivedAt: string;
  /** The month's own amount in the payment, when disbursement reported what the payment paid for. */
  readonly regular?: Dong;
  /** A re-send: the rejected or returned payment it pays again (same run, month and programme). */
  readonly resendOf?: string;
}

/** A line of an earlier (not halted) run: what was calculated for its month, and from which items. */
export interface PastLineRow {
  readonly runId: string;
  readonly programme: Programme;
  readonly month: Month;
  /** The month's own amount, without arrears and one-offs carried by the same payment. */
  readonly amount: Dong;
  readonly inputs: readonly EntitlementItem[];
  /** When the run was created (ISO): its snapshot was taken before. */
  readonly pricedAt?: string;
}

/**
 * Arrears for a month scheduled by an earlier run; `carrierUnpaid` when that run's payment came back unpaid (its
 * latest outcome not collected), `carrierReceived` when it settled (its latest outcome; not yet, or no longer once
 * returned).
 */
export interface PastArrearsRow {
  readonly programme: Programme;
  readonly month: Month;
  readonly recipientRef: string;
  readonly amount: Dong;
  readonly carrierUnpaid: boolean;
  readonly carrierReceived: boolean;
  /** Why it was owed (ArrearsReason): UNPAID_CARRY_OVER pays the month's unpaid money again. */
  readonly reason?: string;
  /**
   * The items the month was priced with when these arrears were (for their programme), and when that run was created
   * (ISO). They stand beside the month's own lines: an item paid only as arrears (recorded late) is eligibility of
   * the month as much as the items of its own run. Lines stored before they were kept have none.
   */
  readonly inputs?: readonly EntitlementItem[];
  readonly pricedAt?: string;
}

export interface PastRecoveryRow {
  readonly programme: Programme;
  readonly month: Month;
  readonly recipientRef: string;
  readonly amount: Dong;
}

/** A decision terminated by an operator (LifeEventRecorded decision_terminated): its item is not owed after the last day paid. */
export interface TerminationRow {
  readonly programme: Programme;
  /** The decision's group in the register (an item's family), e.g. SA_ELDERLY_POOR_NO_SUPPORT. */
  readonly groupCode: string;
  /** "YYYY-MM-DD": the month of this day is still owed. */
  readonly lastDayPaid: string;
  /** When eligibility recorded it (ISO): a snapshot taken later no longer had the decision's item. */
  readonly terminatedAt?: string;
  /** A care allowance: the person cared for. Only the item held for them ends (a household may hold the group twice). */
  readonly caredForRef?: string;
  /** CARED_FOR_DECEASED: the allowance ended by that person's death, for good (no later decision can hold it again). */
  readonly reasonCode?: string;
  /** An amended decision: the register's group (family) of the amending decision, which continues it after the last day paid. */
  readonly amendingFamily?: string;
  /**
   * An amended decision: the amending decision's item as the first run after the amendment priced it (the earliest
   * line of a later month, priced after the amendment was recorded). It stands for that decision in the months it
   * continues once it is no longer in the snapshot (terminated itself since).
   */
  readonly continuingItem?: EntitlementItem;
}

export interface PersonHistory {
  readonly payments: readonly PaymentRow[];
  readonly lines: readonly PastLineRow[];
  readonly arrears: readonly PastArrearsRow[];
  readonly recoveries: readonly PastRecoveryRow[];
  /** The person's recorded terminations: their items are dropped from the inputs of later months. */
  readonly terminations?: readonly TerminationRow[];
}

/** Which past months of a person are looked at again in this run, and which of them were suspended. */
export interface Examination {
  readonly months: readonly Month[];
  readonly suspended: ReadonlySet<Month>;
  /**
   * Per programme, the months all of its items of today are owed in: a window without an item (a suspension lifted
   * since the last month known) and months an earlier run left unpriced. A window of one item owes that item only.
   */
  readonly owed: ReadonlyMap<Programme, ReadonlySet<Month>>;
  /** Per month, the programmes a termination left owed there because the higher benefit ended (owed_elsewhere). */
  readonly higherEnded?: ReadonlyMap<Month, readonly Programme[]>;
  /** Per month, the programmes an earlier run left unpriced there (no rate table then). */
  readonly unpriced?: ReadonlyMap<Month, readonly Programme[]>;
}

/** The latest outcome of each payment (of a month and programme: a payment id is never reused across them). */
export function latestOutcomes(payments: readonly PaymentRow[]): PaymentRow[] {
  const latest = new Map<string, PaymentRow>();
  for (const p of payments) {
    const key = `${p.paymentId}|${p.month}|${p.programme}`;
    const known = latest.get(key);
    if (!known || isLater(p, known)) latest.set(key, p);
  }
  return [...latest.values()];
}

/**
 * The latest outcomes of the payments that stand for their month: a rejected or returned payment that disbursement
 * re-sent no longer does once the re-send has an outcome of its own (the re-send pays the same month again, in the
 * same run). Counting both would count the month paid twice: a false overpayment, or arrears never paid. A re-send
 * still without an outcome leaves the original standing (the money is with disbursement, counted once).
 *
 * A payment not collected stands, unpaid, whatever disbursement did with it: re-sent (a funeral support, arrears paid
 * alone) as well as carried over. Its re-sends are not counted here (nor re-sends of them): disbursement takes what
 * they paid off the UNPAID_CARRY_OVER owed for the month (instruction-builder.ts), as it does a carry-over's. Counted
 * here from the day their outcome arrived, what a run owed depended on whether it priced before or after that, which
 * disbursement cannot tell: a rate entered since was then paid twice, or not at all.
 */
export function standingPayments(payments: readonly PaymentRow[]): PaymentRow[] {
  const latest = latestOutcomes(payments);
  const key = (paymentId: string, p: PaymentRow) => `${paymentId}|${p.month}|${p.programme}`;
  const byKey = new Map(latest.map((p) => [key(p.paymentId, p), p]));
  const resent = new Set(latest.flatMap((p) => (p.resendOf === undefined ? [] : [key(p.resendOf, p)])));
  const repaysUncollected = (p: PaymentRow): boolean => {
    const original = p.resendOf === undefined ? undefined : byKey.get(key(p.resendOf, p));
    return original !== undefined && (original.outcome === 'not_collected' || repaysUncollected(original));
  };
  return latest.filter((p) => !(p.outcome !== 'not_collected' && resent.has(key(p.paymentId, p))) && !repaysUncollected(p));
}

/**
 * The later day, then, on one day, as a payment lives its outcomes: a return only ever follows a settlement
 * (disbursement's payment-status.ts), whichever was received last; then the later receipt. A settlement and its return
 * of one day come in one event (a bank statement returning a payment the bank never reported settled), or the
 * settlement again after the return (an event replayed from the dead-letter topic): either way the payment was
 * returned. CalculationRepository's LATEST_FIRST orders them the same in SQL.
 */
function isLater(p: PaymentRow, than: PaymentRow): boolean {
  if (p.occurredOn !== than.occurredOn) return p.occurredOn > than.occurredOn;
  if ((p.outcome === 'returned') !== (than.outcome === 'returned')) return p.outcome === 'returned';
  return p.receivedAt > than.receivedAt;
}

/**
 * Not collected: the money is owed again and carried into the next run (UNPAID_CARRY_OVER). A rejected or returned
 * payment stays with disbursement, which re-sends it once the destination is fixed: entitlement neither pays it
 * again nor counts it as received.
 */
export function isUnpaid(p: PaymentRow): boolean {
  return p.outcome === 'not_collected';
}

export function isReceived(p: PaymentRow): boolean {
  return p.outcome === 'settled';
}

/**
 * What reached the person, as recoveries count it: payments whose latest outcome is settled, and arrears whose
 * carrying payment settled. A run counts more as paid (a returned or rejected payment, arrears not settled yet:
 * disbursement holds that money, and it must not be paid twice), but money that never arrived, or came back, is never
 * asked back; an outcome that settles it, or returns it, works the recoveries out again (RecoveriesService.afterOutcomes).
 */
export function receivedHistory<H extends PersonHistory>(history: H): H {
  // Every settled payment: a re-send settled is what reached the person, also of a payment not collected (which
  // standingPayments leaves to disbursement); the payment it re-sent never settled.
  return { ...history, payments: latestOutcomes(history.payments).filter(isReceived), arrears: history.arrears.filter((a) => a.carrierReceived) };
}

/** A payment as computeArrears counts it: the month's own part (regularPart); unpaid if not collected, else settled. */
export function paymentRecord(p: PaymentRow, recipientRef: string, lines: readonly PastLineRow[]): PaymentRecord {
  const base = { month: p.month, programme: p.programme, recipientRef, amount: regularPart(p, lines) };
  // Rejected or returned: with disbursement, which re-sends it; counted as paid so it is not paid twice.
  return isUnpaid(p) ? { ...base, status: 'unpaid' as const, unpaidOn: p.occurredOn } : { ...base, status: 'settled' as const, settledOn: p.occurredOn };
}

/**
 * What earlier runs and recoveries already settled for the months `include` takes: arrears scheduled for a month count
 * as paid, unless the payment carrying them came back not collected (the month is carried over again); recoveries
 * raised count as recovered (a reversal, negative, as given back).
 */
export function priorAdjustments(
  history: Pick<PersonHistory, 'arrears' | 'recoveries'>,
  include: (row: { month: Month; programme: Programme }) => boolean,
): PriorAdjustment[] {
  return [
    ...history.arrears
      .filter((a) => include(a) && !a.carrierUnpaid)
      .map((a) => ({ kind: 'arrears' as const, month: a.month, programme: a.programme, recipientRef: a.recipientRef, amount: a.amount, repayment: a.reason === 'UNPAID_CARRY_OVER', ...(a.pricedAt && { pricedAt: a.pricedAt }) })),
    ...history.recoveries
      .filter(include)
      .map((r) => ({ kind: 'recovery' as const, month: r.month, programme: r.programme, recipientRef: r.recipientRef, amount: r.amount })),
  ];
}

/**
 * The part of a payment that paid its own month: as disbursement reported it, else the whole amount; in either case
 * no more than the amount the run calculated for the month, when its line is known. Disbursement's regular line is
 * the item's components, and a one-off paid with the item (funeral support) is one of them: counted as the month's,
 * a funeral support paid after the month of death was recovered from the family as a month paid after the death.
 * The rest of the payment (arrears, one-offs) is settled separately.
 */
export function regularPart(p: PaymentRow, lines: readonly PastLineRow[]): Dong {
  const paid = p.regular ?? p.amount;
  const line = lines.find((l) => l.runId === p.runId && l.programme === p.programme && l.month === p.month);
  return line && line.amount < paid ? line.amount : paid;
}

/**
 * A past month found in the ledger: a payment not collected or returned, a payment made before a rate table that
 * now covers its month (owed: false, the payment shows eligibility), a month left unpriced by an earlier run, or
 * whose arrears (a late decision, a resumption: `resumed`) disbursement left out (owed: true, eligibility is the
 * person's items of today), or a month a termination left owed in this programme (higherEnded: the social pension
 * once a higher social assistance ended; owed: false, the items are the month's).
 */
export interface LedgerCandidate {
  readonly month: Month;
  readonly programme: Programme;
  readonly owed: boolean;
  readonly higherEnded?: boolean;
  /** The month is owed by a resumption after suspension (its arrears say RESUMED_AFTER_SUSPENSION). */
  readonly resumed?: boolean;
  /** An earlier run left the month unpriced (no rate table covered it then). */
  readonly unpriced?: boolean;
}

/**
 * The ledger's months that are this run's to examine. A programme the person has an item of today: all of them. A
 * programme they have only stopped decisions of (arrears-only items): only the months one of those was payable in;
 * the months after a stop were nobody's to pay (a move away recorded late is not re-priced, nor paid a backdated
 * rate, from the lines paid before it was known). Any other programme: only for a person with an item today, as
 * before arrears-only items were sent (a person sent for those alone is examined for them alone).
 */
export function candidatesOf(person: PersonInput, candidates: readonly LedgerCandidate[]): LedgerCandidate[] {
  const current = new Set(person.items.map((item) => item.programme));
  const stopped = new Set((person.pastItems ?? []).map((item) => item.programme));
  const stoppedPayable = (c: LedgerCandidate) => person.windows.some((w) => w.ledgerOnly && w.programme === c.programme && owesIn(w, c.month));
  return candidates.filter((c) => current.has(c.programme) || (stopped.has(c.programme) ? stoppedPayable(c) : current.size > 0));
}

/** Whether a window's item is owed in the month: from its first month on, unless eligibility decided it not payable then. */
function owesIn(window: OwedWindow, month: Month): boolean {
  return window.from !== undefined && window.from <= month && window.months?.get(month) !== null;
}

/**
 * The months to examine: months named by the snapshot's owed windows, plus the candidates found in the ledger.
 * `lastKnown` is, per programme, the last month before the run this person was paid or calculated for.
 */
export function examination(
  windows: readonly OwedWindow[],
  candidates: readonly LedgerCandidate[],
  lastKnown: ReadonlyMap<Programme, Month>,
  runMonth: Month,
): Examination & { unknown: readonly Programme[] } {
  const past = candidates.filter((c) => c.month < runMonth);
  const months = new Set(past.map((c) => c.month));
  const suspended = new Set<Month>(past.filter((c) => c.resumed).map((c) => c.month));
  const owed = new Map<Programme, Set<Month>>();
  for (const c of past.filter((candidate) => candidate.owed)) owed.set(c.programme, (owed.get(c.programme) ?? new Set<Month>()).add(c.month));
  const byMonth = (flag: (candidate: LedgerCandidate) => boolean | undefined) => {
    const programmes = new Map<Month, Programme[]>();
    for (const c of past.filter(flag)) programmes.set(c.month, [...(programmes.get(c.month) ?? []), c.programme]);
    return programmes;
  };
  const higherEnded = byMonth((c) => c.higherEnded);
  const unpriced = byMonth((c) => c.unpriced);
  const unknown: Programme[] = [];
  for (const w of windows) {
    // A stopped decision's window owes nothing by itself: its months are examined when the ledger names them.
    if (w.ledgerOnly) continue;
    const last = lastKnown.get(w.programme);
    const from = w.from ?? (last === undefined ? undefined : nextMonth(last));
    if (from === undefined) {
      unknown.push(w.programme);
      continue;
    }
    // A window of one decision's item (a late decision, a resumption eligibility dated) makes that item owed, in
    // itemsFor; a window without one (a suspension lifted since the last month known) owes the programme's items.
    const mine = owed.get(w.programme) ?? new Set<Month>();
    for (const m of monthsBetween(from, previousMonth(runMonth))) {
      months.add(m);
      if (!w.item) mine.add(m);
      if (w.afterSuspension) suspended.add(m);
    }
    owed.set(w.programme, mine);
  }
  return { months: [...months].sort(), suspended, owed, higherEnded, unpriced, unknown };
}

/**
 * The history computeArrears needs for the examined months. Eligibility of a past month is what an earlier run
 * calculated for it; for a programme no run calculated (a late decision, a suspension, outcomes from before this
 * service) it is the person's items of today. A programme-month whose eligibility is not known at all is left
 * out, so that no recovery is ever raised from missing information.
 */
export function arrearsHistory(person: PersonInput, provinceCode: string, runMonth: Month, exam: Examination, history: PersonHistory): ArrearsHistory {
  const months = new Set(exam.months);
  const payments = standingPayments(history.payments).filter((p) => months.has(p.month));
  const pastMonths: PastMonth[] = [];
  const known = new Set<string>();
  for (const month of exam.months) {
    const { items, terminated } = itemsFor(person, month, exam, history, payments);
    // A programme whose item a termination dropped is known too: what is left (maybe nothing) is what is owed.
    for (const programme of [...items.map((i) => i.programme), ...terminated]) known.add(`${month}|${programme}`);
    const higherEnded = exam.higherEnded?.get(month);
    const unpriced = exam.unpriced?.get(month);
    pastMonths.push({
      month,
      entitlement: { personRef: person.personRef, provinceCode, items },
      suspended: exam.suspended.has(month),
      ...(higherEnded && { higherEnded }),
      ...(unpriced && { unpriced }),
    });
  }
  const isKnown = (row: { month: Month; programme: Programme }) => known.has(`${row.month}|${row.programme}`);
  const paymentRecords = payments.filter(isKnown).map((p) => paymentRecord(p, person.personRef, history.lines));
  const adjustments = priorAdjustments(history, (row) => months.has(row.month) && isKnown(row));
  return {
    personRef: person.personRef,
    currentMonth: runMonth,
    months: pastMonths,
    payments: [...paymentRecords, ...carriedUnpaid(history, (row) => months.has(row.month) && isKnown(row))],
    adjustments,
  };
}

/**
 * Arrears of a month whose carrying payment came back not collected, as the month's unpaid money: they no longer
 * count as paid (priorAdjustments), and disbursement carries every line of that payment into the person's next one
 * (instruction-builder.ts). What the month is owed again must then be UNPAID_CARRY_OVER, which disbursement pays as
 * the re-payment of those lines, once (a carry-over or a re-send that paid them already leaves nothing to pay); owed
 * under any other reason it would be paid as fresh arrears beside the carry-over: the same money twice.
 */
function carriedUnpaid(history: Pick<PersonHistory, 'arrears'>, include: (row: { month: Month; programme: Programme }) => boolean): PaymentRecord[] {
  return history.arrears
    .filter((a) => a.carrierUnpaid && include(a))
    .map((a) => ({ month: a.month, programme: a.programme, recipientRef: a.recipientRef, amount: a.amount, status: 'unpaid' as const }));
}

function itemsFor(
  person: PersonInput,
  month: Month,
  exam: Examination,
  history: PersonHistory,
  payments: readonly PaymentRow[],
): { items: EntitlementItem[]; terminated: ReadonlySet<Programme> } {
  // One item per group, and per person cared for (a household may hold one care group for several persons).
  const byGroup = new Map<string, EntitlementItem>();
  const keyOf = (item: EntitlementItem) => `${item.groupCode}|${item.caredForRef ?? ''}`;
  const calculated = new Set<Programme>();
  const terminated = new Set<Programme>();
  const unknown = new Set<Programme>();
  // The month's own lines, and the months as runs that paid arrears for them priced them (an item recorded late).
  const pricedAsArrears = history.arrears.flatMap((a): PastLineRow[] =>
    a.month === month && a.inputs ? [{ runId: '', programme: a.programme, month, amount: 0n, inputs: a.inputs, ...(a.pricedAt && { pricedAt: a.pricedAt }) }] : [],
  );
  const today = [...person.items, ...(person.pastItems ?? [])];
  // What may stand for an amending decision in this month: a stopped decision's item only where its window owes it
  // (an amended decision and its amending one, both stopped, share a family: the month's own decides).
  const standing = today.filter((item) => {
    const window = person.windows.find((w) => w.item === item);
    return !window?.ledgerOnly || owesIn(window, month);
  });
  for (const line of [...history.lines.filter((l) => l.month === month), ...pricedAsArrears]) {
    const kept = withoutTerminated(line, history.terminations ?? [], standing);
    if (kept === undefined) {
      unknown.add(line.programme);
      continue;
    }
    calculated.add(line.programme);
    for (const item of line.inputs.filter((i) => !kept.includes(i))) terminated.add(item.programme);
    for (const item of kept) byGroup.set(keyOf(item), item);
  }
  for (const item of byGroup.values()) calculated.add(item.programme);
  const paidProgrammes = new Set(payments.filter((p) => p.month === month).map((p) => p.programme));
  for (const current of today) {
    // Its own window (a late decision, a resumption, a stopped decision): the item as eligibility decided that month,
    // if it differs from today's (the band of an age crossed since), or none (not payable then). A stopped decision's
    // item is owed in its window only.
    const window = person.windows.find((w) => w.item === current && w.from !== undefined && w.from <= month);
    if (window === undefined && person.pastItems?.includes(current)) continue;
    const item = window?.months?.has(month) ? window.months.get(month) : current;
    if (item === null || item === undefined) continue;
    if (byGroup.has(keyOf(item)) || unknown.has(item.programme)) continue;
    // A decision that replaced a terminated one (a late decision the snapshot says is owed for this month) counts,
    // and so does a decision recorded late beside others of its programme (its own window covers the month).
    const replaces = terminated.has(item.programme) && exam.owed.get(item.programme)?.has(month) === true;
    const late = window !== undefined && !window.ledgerOnly;
    if (calculated.has(item.programme) && !replaces && !late) continue;
    if (late || paidProgrammes.has(item.programme) || exam.owed.get(item.programme)?.has(month)) byGroup.set(keyOf(item), item);
  }
  // A programme-month whose items cannot be told (an amended decision's continuation unknown) is left out whole.
  for (const [key, item] of byGroup) if (unknown.has(item.programme)) byGroup.delete(key);
  for (const programme of unknown) terminated.delete(programme);
  // Payments go to the person; care allowances are settled against the person's own payment too.
  const items = [...byGroup.values()].map((item) => {
    const own = { ...item };
    delete own.recipientRef;
    return own;
  });
  return { items, terminated };
}

/** Eligibility's reason a care allowance stops after the death of the person cared for (eligibility-rules.ts there). */
export const CARED_FOR_DECEASED = 'CARED_FOR_DECEASED';

/**
 * A past line's items without those of the decisions terminated before its month: one item of the terminated
 * decision's programme and group per termination whose last day paid falls in an earlier month, if the line was
 * priced from a snapshot taken before the termination was recorded (a later snapshot no longer had the item: an
 * item of that group in it is another decision's). The group is the register's, which an item keeps as its family
 * (an item stored before items kept it is matched on its group of the month). The stored inputs keep no decision
 * id; another decision of the same group priced in the same month keeps its own item. A care allowance is matched on
 * the person cared for; one ended by that person's death is never owed after the month of death, whenever the line
 * was priced.
 *
 * An amended decision's item is replaced by its amending decision's: the one a run priced after the amendment
 * (`continuingItem`), else the one in today's snapshot (`today`). Terminations apply in the order they were
 * recorded, so the amending decision's own later end (or amendment) applies to what replaced it. Undefined when an
 * amending decision's item is needed and not known (never priced, no longer in the snapshot): what the month is
 * owed in the programme cannot be told, and no recovery is ever raised from missing information.
 */
export function withoutTerminated(
  line: Pick<PastLineRow, 'month' | 'inputs' | 'pricedAt'>,
  terminations: readonly TerminationRow[],
  today: readonly EntitlementItem[] = [],
): EntitlementItem[] | undefined {
  const kept = [...line.inputs];
  const pricedBefore = (t: TerminationRow) => line.pricedAt === undefined || t.terminatedAt === undefined || line.pricedAt < t.terminatedAt;
  const applies = (t: TerminationRow) => monthOfDate(t.lastDayPaid) < line.month && (t.reasonCode === CARED_FOR_DECEASED || pricedBefore(t));
  // Items put in for an amending decision: a later termination (that decision's) takes them before any other.
  const continued = new Set<EntitlementItem>();
  const notKnown = new Set<EntitlementItem>();
  for (const t of [...terminations].filter(applies).sort(inRecordingOrder)) {
    const matching = kept.filter((i) => endsWith(t, i));
    const item = matching.find((i) => continued.has(i)) ?? matching[0];
    if (item === undefined) continue;
    const at = kept.indexOf(item);
    if (t.amendingFamily === undefined) {
      kept.splice(at, 1);
      continue;
    }
    const known = t.continuingItem ?? continuingItemOf(t, today);
    // Not known: a stand-in with the amending decision's group, which its own termination may still take.
    const replacement: EntitlementItem = known
      ? { ...known }
      : { programme: t.programme, groupCode: t.amendingFamily, family: t.amendingFamily, ...(t.caredForRef !== undefined && { caredForRef: t.caredForRef }) };
    kept.splice(at, 1, replacement);
    continued.add(replacement);
    if (!known) notKnown.add(replacement);
  }
  return kept.some((i) => notKnown.has(i)) ? undefined : kept;
}

/** Among items (a later line's, or today's), the amending decision's: of the amending group, for the same person cared for. */
export function continuingItemOf(amended: TerminationRow, items: readonly EntitlementItem[]): EntitlementItem | undefined {
  const amending = amended.amendingFamily;
  return amending === undefined ? undefined : items.find((i) => endsWith({ ...amended, groupCode: amending }, i));
}

/** Whether the item is the one a termination ends: of its programme, and its group (family) or person cared for. */
function endsWith(t: Pick<TerminationRow, 'programme' | 'groupCode' | 'caredForRef'>, item: EntitlementItem): boolean {
  return item.programme === t.programme && (t.caredForRef !== undefined ? item.caredForRef === t.caredForRef : (item.family ?? item.groupCode) === t.groupCode);
}

/** Terminations in the order eligibility recorded them. */
function inRecordingOrder(a: TerminationRow, b: TerminationRow): number {
  return (a.terminatedAt ?? '').localeCompare(b.terminatedAt ?? '');
}

/**
 * For each month of the horizon before the run, when the last rate table covering it entered the book. A month
 * paid or calculated before that moment may be owed more (or less) now: its payments are searched for arrears.
 */
export function latestEntries(book: RateBook, runMonth: Month, horizonMonths: number): { month: Month; latestEntry: string }[] {
  return monthsBetween(addMonths(runMonth, -horizonMonths), previousMonth(runMonth)).flatMap((month) => {
    const covering = book.versions.filter((v) => v.effectiveFrom <= month && (v.effectiveTo === undefined || month <= v.effectiveTo));
    if (covering.length === 0) return [];
    const latest = Math.max(...covering.map((v) => Date.parse(v.enteredAt)));
    return [{ month, latestEntry: new Date(latest).toISOString() }];
  });
}
