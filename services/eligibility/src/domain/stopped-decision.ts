/**
 * Arrears of a decision that has stopped. A decision no longer payable in the run's month (a child turned 16, the
 * decision ended or was terminated, the person moved out of the province, the household left the poverty list) may
 * still be owed for the months it was payable: a rate table entered later for them (Decree 335/2026, from July,
 * entered in October), a month an earlier run left unpriced, a payment not collected. Entitlement finds those months
 * in its ledger, but only for the persons of the run's snapshot: without an item the person was never looked at again
 * and the money never paid. So the snapshot carries such a decision as an arrears-only item (`attributes.arrearsOnly`)
 * for STOPPED_ARREARS_MONTHS after its last payable month: entitlement prices none of the run's month for it, only the
 * past months its ledger names, each as eligibility decided it (`arrearsMonths`).
 *
 * Not for a deceased person: what was owed to them goes to their heirs, whom the register does not name (an
 * operator's matter). Not for a suspended decision (a resumption with arrears pays it all), nor one out of the run's
 * scope, not started or invalid, nor one terminated because another amended it (AMENDED: the amending decision
 * continues it, and its item stands for it).
 */
import type { DecisionFacts, IneligibilityReason, PayableMonth } from './eligibility-input';
import { AMENDED } from '../life-events/domain/amendment';
import type { PreviousRun } from './late-decision';
import { addMonths, compareMonths, firstDayOf, monthOf, type Month } from './months';

/** How many months back from the run a stopped decision's payable months are still examined for arrears. */
export const STOPPED_ARREARS_MONTHS = 24;

/** The reasons a decision stops for good while the person may still be paid what it owed before. */
export const STOPPED_REASONS: ReadonlySet<string> = new Set<IneligibilityReason>([
  'ENDED',
  'TERMINATED',
  'MOVED_OUT_OF_PROVINCE',
  'AGE_OUT_OF_RANGE',
  'NOT_STUDYING',
  'NOT_POOR',
  'NO_ELIGIBLE_CHILDREN',
  'CARED_FOR_DECEASED',
  'CARED_FOR_MOVED_AWAY',
  'ONE_CARE_ALLOWANCE_PER_COUPLE',
]);

/** A stopped decision's past payable months: the first examined, and the last (its item is the one sent). */
export interface StoppedDecisionMonths {
  readonly from: Month;
  readonly last: PayableMonth;
}

/**
 * The payable months of a decision stopped in the run's month (`stop`: why the month is not payable), within STOPPED_ARREARS_MONTHS before it
 * and never before the province's first run (the cash era's months, which the ledger knows nothing of); undefined if
 * none, at the first run of all, or for a reason that is not a stop. `payableIn`: the month as the rules decide it
 * now, if payable.
 */
export function stoppedDecisionMonths(
  stop: { readonly reason: string; readonly decisionReasonCode?: string },
  decision: Pick<DecisionFacts, 'effectiveTo' | 'statusHistory'>,
  runMonth: Month,
  previous: PreviousRun | undefined,
  payableIn: (month: Month) => PayableMonth | undefined,
): StoppedDecisionMonths | undefined {
  if (previous === undefined || !STOPPED_REASONS.has(stop.reason) || stop.decisionReasonCode === AMENDED) return undefined;
  const horizon = addMonths(runMonth, -STOPPED_ARREARS_MONTHS);
  const earliest = compareMonths(horizon, previous.firstMonth) > 0 ? horizon : previous.firstMonth;
  // A decision ended or terminated long ago is not decided month by month again (most of a register's history).
  const byDates = lastMonthByDates(decision);
  const latest = byDates !== undefined && compareMonths(byDates, runMonth) < 0 ? byDates : addMonths(runMonth, -1);
  let from: Month | undefined;
  let last: PayableMonth | undefined;
  for (let month = latest; compareMonths(month, earliest) >= 0; month = addMonths(month, -1)) {
    const then = payableIn(month);
    if (!then) continue;
    from = month;
    last ??= then;
  }
  return from !== undefined && last !== undefined ? { from, last } : undefined;
}

/**
 * The last month a decision's own dates leave payable: the month of its effectiveTo, or the last month whose first
 * day is before a termination (a termination is final); undefined when neither stops it.
 */
export function lastMonthByDates(decision: Pick<DecisionFacts, 'effectiveTo' | 'statusHistory'>): Month | undefined {
  const ends: Month[] = [];
  if (decision.effectiveTo) ends.push(monthOf(decision.effectiveTo));
  for (const change of decision.statusHistory.filter((c) => c.status === 'terminated')) {
    const month = monthOf(change.from);
    ends.push(firstDayOf(month) === change.from ? addMonths(month, -1) : month);
  }
  return ends.sort(compareMonths)[0];
}
