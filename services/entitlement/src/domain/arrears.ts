import { formatDong, sum, type Dong } from '@benefits/money';
import { calculateMonth, payableLines, pricingClusters, type PayableLine } from './calculate';
import { saGroup, type Programme } from './catalogue';
import type { EntitlementInput, MonthEntitlement } from './component';
import { EntitlementError, NoRateTableError } from './errors';
import { assertMonth, type Month } from './month';
import type { RateBook } from './rate-book';
import { HIGHER_OF_SA_OR_SP } from './social';

export type ArrearsReason = 'LATE_DECISION' | 'BACKDATED_RATE' | 'RESUMED_AFTER_SUSPENSION' | 'UNPAID_CARRY_OVER' | 'HIGHER_BENEFIT_ENDED';
/** NOT_ELIGIBLE: nothing was owed; OVERPAID: less was owed than paid; REVERSED: a recovery given back (payments/domain/recovery-reversals.ts). */
export type RecoveryReason = 'NOT_ELIGIBLE' | 'OVERPAID' | 'REVERSED';

/** A past month as eligibility sees it today. No items = nothing is owed (e.g. a death reported late). */
export interface PastMonth {
  readonly month: Month;
  readonly entitlement: EntitlementInput;
  /** The month fell in a suspension that has since been lifted (Circular 02/2021 Art.6). */
  readonly suspended?: boolean;
  /**
   * Programmes owed in the month because the higher benefit paid instead of them ended later, backdated (the social
   * pension when a higher social assistance is terminated: only the higher of the two is paid).
   */
  readonly higherEnded?: readonly Programme[];
  /**
   * Programmes an earlier run left unpriced in the month (no rate table covered it then, as meritorious service from
   * July 2026 until Decree 321/2026 was entered): what is owed now comes from a table entered since.
   */
  readonly unpriced?: readonly Programme[];
}

interface PaymentBase {
  readonly month: Month;
  readonly programme: Programme;
  /** The payee: the person, or the household a care allowance goes to. */
  readonly recipientRef: string;
  readonly amount: Dong;
}
/** A payment for a month: settled (money arrived), or unpaid (not collected, returned; carried over). */
/** `unpaidOn`: the day the payment came back not collected (YYYY-MM-DD), when known. */
export type PaymentRecord = (PaymentBase & { readonly status: 'settled'; readonly settledOn: string }) | (PaymentBase & { readonly status: 'unpaid'; readonly unpaidOn?: string });

/** Arrears already paid or scheduled, and recoveries already raised, for a month. */
export interface PriorAdjustment extends PaymentBase {
  readonly kind: 'arrears' | 'recovery';
  /**
   * Arrears scheduled as UNPAID_CARRY_OVER: the month's unpaid money paid again. Other arrears of the month (a late
   * decision, a rate entered since) are money the month was owed beyond it, and re-pay none of it.
   */
  readonly repayment?: boolean;
  /** Arrears: when the run that scheduled them was priced (ISO), as the book then stood. */
  readonly pricedAt?: string;
}

export interface ArrearsHistory {
  readonly personRef: string;
  /** The month of the run: only months before it are past. */
  readonly currentMonth: Month;
  readonly months: readonly PastMonth[];
  readonly payments: readonly PaymentRecord[];
  readonly adjustments: readonly PriorAdjustment[];
}

interface Settlement {
  readonly personRef: string;
  readonly recipientRef: string;
  readonly month: Month;
  readonly programme: Programme;
  readonly owed: Dong;
  /** Settled payments + arrears already paid or scheduled − recoveries already raised. */
  readonly paid: Dong;
  readonly explanation: readonly string[];
}
export interface ArrearsLine extends Settlement {
  readonly difference: Dong;
  readonly reason: ArrearsReason;
}
export interface RecoveryRecord extends Settlement {
  /**
   * Positive: the amount to recover. Negative only for REVERSED: part of a recovery raised before given back, for the
   * money it was raised on came back (recoveries are append-only). Never a negative payment.
   */
  readonly amount: Dong;
  readonly reason: RecoveryReason;
}
export interface UnpricedMonth {
  readonly month: Month;
  /** The programmes left unpriced (a cluster of pricingClusters): the others of the month are settled. */
  readonly programmes: readonly Programme[];
  readonly code: string;
  readonly message: string;
}
export interface ArrearsResult {
  readonly lines: readonly ArrearsLine[];
  readonly recoveries: readonly RecoveryRecord[];
  /** Months that cannot be settled yet because a rate table is missing: nothing is invented for them. */
  readonly unpriced: readonly UnpricedMonth[];
  readonly totalArrears: Dong;
  readonly totalRecovery: Dong;
}

export class IncompleteHistoryError extends EntitlementError {
  readonly code = 'INCOMPLETE_HISTORY';
  constructor(readonly month: Month) {
    super(`Payments exist for ${month} but the history has no eligibility for that month`);
  }
}

/** How a month is priced: calculateMonth, or a caching wrapper of it (the service prices a million people). */
export type MonthCalculator = (person: EntitlementInput, month: Month, book: RateBook) => MonthEntitlement;

/**
 * For each past month: owed now (today's eligibility, today's rate book) against what was paid for it.
 * owed > paid → an arrears line (truy lĩnh) with its reason; paid > owed → a recovery record. Arrears already
 * paid or scheduled count as paid, so no month is paid twice.
 */
export function computeArrears(
  history: ArrearsHistory,
  book: RateBook,
  calculate: MonthCalculator = calculateMonth,
  options: { readonly countAcrossOneBenefit?: boolean } = {},
): ArrearsResult {
  const acrossOneBenefit = options.countAcrossOneBenefit ?? true;
  assertMonth(history.currentMonth);
  const lines: ArrearsLine[] = [];
  const recoveries: RecoveryRecord[] = [];
  const unpriced: UnpricedMonth[] = [];
  for (const month of pastMonths(history)) {
    const past = history.months.find((m) => m.month === month);
    if (past === undefined) throw new IncompleteHistoryError(month);
    const owedNow = priceByCluster(past.entitlement, month, book, calculate);
    unpriced.push(...owedNow.unpriced.map(({ programmes, error }) => ({ month, programmes, code: error.code, message: error.message })));
    const left = new Set(owedNow.unpriced.flatMap((u) => u.programmes));
    // A programme left unpriced is settled by a later run, once its table is entered: owed nothing now, it would be recovered.
    const own = settlements(history, month, owedNow.priced);
    const settled = acrossOneBenefit && oneBenefitMayCount(history, past) ? countedAcrossOneBenefit(own) : own;
    for (const s of settled.filter((settlement) => !left.has(settlement.programme))) {
      // What countedAcrossOneBenefit counted toward it, of the other programme's payments.
      const counted = s.paid - (own.find((o) => o.programme === s.programme && o.recipientRef === s.recipientRef)?.paid ?? s.paid);
      if (s.owed > s.paid) lines.push({ ...s, difference: s.owed - s.paid, reason: arrearsReason(history, past, s, book, calculate, counted) });
      if (s.paid > s.owed) recoveries.push({ ...s, amount: s.paid - s.owed, reason: s.owed === 0n ? 'NOT_ELIGIBLE' : 'OVERPAID' });
    }
  }
  return {
    lines: lines.map((l) => ({ ...l, explanation: [...l.explanation, `arrears ${formatDong(l.difference)} (${l.reason})`] })),
    recoveries: recoveries.map((r) => ({ ...r, explanation: [...r.explanation, `to recover ${formatDong(r.amount)} (${r.reason})`] })),
    unpriced,
    totalArrears: sum(lines.map((l) => l.difference)),
    totalRecovery: sum(recoveries.map((r) => r.amount)),
  };
}

function pastMonths(history: ArrearsHistory): Month[] {
  const all = [...history.months, ...history.payments, ...history.adjustments].map((m) => assertMonth(m.month));
  return [...new Set(all)].filter((m) => m < history.currentMonth).sort();
}

/** One settlement per programme and payee that is owed, paid or adjusted for the month. */
function settlements(history: ArrearsHistory, month: Month, owedNow: MonthEntitlement): Settlement[] {
  const owedLines = payableLines(owedNow);
  const payments = history.payments.filter((p) => p.month === month);
  const adjustments = history.adjustments.filter((a) => a.month === month);
  const keys = new Map<string, Pick<PayableLine, 'programme' | 'recipientRef'>>();
  for (const k of [...owedLines, ...payments, ...adjustments]) keys.set(`${k.programme}|${k.recipientRef}`, k);
  return [...keys.values()].map(({ programme, recipientRef }) => {
    const same = <T extends { programme: Programme; recipientRef: string }>(x: T) => x.programme === programme && x.recipientRef === recipientRef;
    const owed = sum(owedLines.filter(same).map((l) => l.amount));
    const settled = sum(payments.filter(same).filter((p) => p.status === 'settled').map((p) => p.amount));
    const arrears = sum(adjustments.filter(same).filter((a) => a.kind === 'arrears').map((a) => a.amount));
    const recovered = sum(adjustments.filter(same).filter((a) => a.kind === 'recovery').map((a) => a.amount));
    const paid = settled + arrears - recovered;
    const texts = owedNow.components.filter((c) => c.programme === programme && (c.recipientRef ?? owedNow.personRef) === recipientRef).map((c) => c.text);
    const explanation = [
      `${month} ${programme} to ${recipientRef}: owed ${formatDong(owed)}`,
      ...texts,
      `paid ${formatDong(paid)} (settled ${formatDong(settled)}, earlier arrears ${formatDong(arrears)}, recovered ${formatDong(recovered)})`,
    ];
    return { personRef: history.personRef, recipientRef, month, programme, owed, paid, explanation };
  });
}

/** Only the higher of the two is paid for a month (priceSocial): what is paid under one counts toward the other. */
const ONE_BENEFIT: readonly Programme[] = ['social_assistance', 'social_pension'];

/**
 * Whether the month's settlements of the two may be counted across: only where the social assistance of the month is
 * the person's own (a care allowance is paid on top of the pension, not instead of it: its excess is recovered) and
 * nothing of either was left not collected (that is owed again as such, UNPAID_CARRY_OVER, and carried over).
 */
function oneBenefitMayCount(history: ArrearsHistory, past: PastMonth): boolean {
  const care = past.entitlement.items.some((i) => i.programme === 'social_assistance' && saGroup(i.groupCode)?.category === 'care');
  const unpaid = history.payments.some((p) => p.month === past.month && ONE_BENEFIT.includes(p.programme) && p.status === 'unpaid');
  return !care && !unpaid;
}

/**
 * A month paid under one of social assistance and the social pension and owed now under the other (a decision of the
 * other recorded late: the move of the 80+ from social assistance to the social pension, a higher social assistance
 * decided after months of the pension): what was paid under the one counts toward what is owed under the other, up to
 * what the other is owed. The person is paid the difference, or a recovery is raised for the excess only — never the
 * whole new benefit beside a recovery of the whole old one. Settlements of the same payee only.
 */
function countedAcrossOneBenefit(settlements: readonly Settlement[]): Settlement[] {
  return settlements.map((s) => {
    const other = ONE_BENEFIT.includes(s.programme)
      ? settlements.find((o) => o.programme !== s.programme && ONE_BENEFIT.includes(o.programme) && o.recipientRef === s.recipientRef)
      : undefined;
    if (other === undefined) return s;
    const counted = s.owed > s.paid ? min(s.owed - s.paid, other.paid - other.owed) : -min(s.paid - s.owed, other.owed - other.paid);
    if (counted === 0n) return s;
    const text =
      counted > 0n
        ? `${formatDong(counted)} paid for the month as ${other.programme} counts toward it (only the higher is paid, ${HIGHER_OF_SA_OR_SP})`
        : `${formatDong(-counted)} of it counts toward ${other.programme} owed for the month (only the higher is paid, ${HIGHER_OF_SA_OR_SP})`;
    return { ...s, paid: s.paid + counted, explanation: [...s.explanation, text] };
  });
}

/** The smaller of a and b, 0 if either is not positive. */
function min(a: Dong, b: Dong): Dong {
  if (a <= 0n || b <= 0n) return 0n;
  return a < b ? a : b;
}

/**
 * Why a month is owed more than was paid, first match wins: it was suspended and is now resumed; a payment
 * for it was not collected and is not paid again yet (UNPAID_CARRY_OVER arrears scheduled for it cover less than it;
 * other arrears of the month are money owed beyond it: counted, a late decision's would hide the unpaid month, which
 * disbursement then pays both as new arrears and as its own carry-over of the line not collected); the
 * higher benefit paid instead of this one ended, backdated; an earlier run left it unpriced, or it was paid (or came
 * back not collected, and was carried over since) and the rate book as it stood then gave less than today's (a table
 * entered later with an earlier effective date); otherwise the decision granting or raising it (or a fact it
 * depends on, such as the household's poverty list) came after the month.
 */
function arrearsReason(history: ArrearsHistory, past: PastMonth, s: Settlement, book: RateBook, calculate: MonthCalculator, counted: Dong = 0n): ArrearsReason {
  const same = (x: PaymentBase) => x.month === s.month && x.programme === s.programme && x.recipientRef === s.recipientRef;
  const mine = history.payments.filter(same);
  if (mine.length === 0 && counted > 0n && !past.suspended) return countedReason(history, past, s, book, calculate, counted);
  if (past.suspended) return 'RESUMED_AFTER_SUSPENSION';
  const unpaid = sum(mine.filter((p) => p.status === 'unpaid').map((p) => p.amount));
  const repaid = sum(history.adjustments.filter((a) => same(a) && a.kind === 'arrears' && a.repayment === true).map((a) => a.amount));
  if (unpaid > repaid) return 'UNPAID_CARRY_OVER';
  if (past.higherEnded?.includes(s.programme)) return 'HIGHER_BENEFIT_ENDED';
  if (past.unpriced?.includes(s.programme)) return 'BACKDATED_RATE';
  // A month paid only as arrears (a late decision, a resumption): as the book stood when those arrears were priced.
  const paidOn =
    mine.flatMap((p) => (p.status === 'settled' ? [p.settledOn] : p.unpaidOn !== undefined ? [p.unpaidOn] : [])).sort().pop() ??
    history.adjustments.flatMap((a) => (same(a) && a.kind === 'arrears' && a.pricedAt !== undefined ? [a.pricedAt] : [])).sort().pop();
  if (paidOn === undefined) return 'LATE_DECISION';
  const then = priceByCluster(past.entitlement, s.month, book.asOf(paidOn), calculate);
  if (then.unpriced.some((u) => u.programmes.includes(s.programme))) return 'BACKDATED_RATE';
  const owedThen = sum(payableLines(then.priced).filter((l) => l.programme === s.programme && l.recipientRef === s.recipientRef).map((l) => l.amount));
  return owedThen < s.owed ? 'BACKDATED_RATE' : 'LATE_DECISION';
}

/**
 * The reason of a month owed under one of social assistance and the social pension and paid under the other (what was
 * paid counted toward it): had this one been owed then, as the book stood when the other was paid, no more than what
 * was paid: the rest is a rate entered since (the 40,000 of an 80-year-old moved to the social pension across Decree
 * 335/2026); else the decision came after the month.
 */
function countedReason(history: ArrearsHistory, past: PastMonth, s: Settlement, book: RateBook, calculate: MonthCalculator, counted: Dong): ArrearsReason {
  const other = (p: PaymentRecord) => p.month === s.month && p.programme !== s.programme && ONE_BENEFIT.includes(p.programme) && p.recipientRef === s.recipientRef;
  const paidOn = history.payments.flatMap((p) => (other(p) && p.status === 'settled' ? [p.settledOn] : [])).sort().pop();
  if (paidOn === undefined) return 'LATE_DECISION';
  const then = priceByCluster(past.entitlement, s.month, book.asOf(paidOn), calculate);
  if (then.unpriced.some((u) => u.programmes.includes(s.programme))) return 'LATE_DECISION';
  const owedThen = sum(payableLines(then.priced).filter((l) => l.programme === s.programme && l.recipientRef === s.recipientRef).map((l) => l.amount));
  return owedThen <= counted ? 'BACKDATED_RATE' : 'LATE_DECISION';
}

/**
 * A past month priced cluster by cluster (pricingClusters): what the clusters with their tables are owed, and the
 * clusters a missing table leaves unpriced, with the programmes of their items.
 */
function priceByCluster(
  entitlement: EntitlementInput,
  month: Month,
  book: RateBook,
  calculate: MonthCalculator,
): { priced: MonthEntitlement; unpriced: { programmes: Programme[]; error: NoRateTableError }[] } {
  const priced: MonthEntitlement[] = [];
  const unpriced: { programmes: Programme[]; error: NoRateTableError }[] = [];
  const clusters = pricingClusters(entitlement.items);
  for (const items of clusters.length > 0 ? clusters : [[]]) {
    try {
      priced.push(calculate({ ...entitlement, items }, month, book));
    } catch (error) {
      if (!(error instanceof NoRateTableError)) throw error;
      unpriced.push({ programmes: [...new Set(items.map((i) => i.programme))], error });
    }
  }
  return { priced: merged(entitlement.personRef, month, priced), unpriced };
}

/** The clusters' entitlements of a month as one. */
function merged(personRef: string, month: Month, parts: readonly MonthEntitlement[]): MonthEntitlement {
  if (parts.length === 1) return parts[0];
  const total = sum(parts.map((p) => p.total));
  return { personRef, month, components: parts.flatMap((p) => p.components), total, explanation: parts.flatMap((p) => p.explanation) };
}
