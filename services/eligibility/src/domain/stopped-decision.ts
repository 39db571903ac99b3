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
 * A deceased person's decisions too (DECEASED): what was owed for the months up to the death is paid, as the month of
 * death is, to their funeral payee (snapshots/domain/payees.ts: the organiser, else cash for the family at the
 * commune). Not for a suspended decision (a resumption with arrears pays it all), nor one out of the run's scope, not
 * started or invalid. One terminated because another amended it (AMENDED) only once no decision of its programme is
 * payable in the month (evaluatePage, `isAmended`): until then the amending decision continues it, and its item
 * stands for it.
 */
import { isWithinProvince } from '@benefits/admin-units';
import { resolveFamily } from './benefit-groups';
import type { DecisionFacts, IneligibilityReason, PayableMonth, PersonFacts } from './eligibility-input';
import { AMENDED } from '../life-events/domain/amendment';
import type { PreviousRun } from './late-decision';
import { addMonths, compareMonths, firstDayOf, monthOf, monthTurning, type Month } from './months';

/** How many months back from the run a stopped decision's payable months are still examined for arrears. */
export const STOPPED_ARREARS_MONTHS = 24;

/** The reasons a decision stops for good while the person may still be paid what it owed before. */
export const STOPPED_REASONS: ReadonlySet<string> = new Set<IneligibilityReason>([
  'DECEASED',
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
  facts: { readonly person: StopFacts['person']; readonly decision: StopFacts['decision']; readonly provinceCode: string },
  runMonth: Month,
  previous: PreviousRun | undefined,
  payableIn: (month: Month) => PayableMonth | undefined,
): StoppedDecisionMonths | undefined {
  if (previous === undefined || !STOPPED_REASONS.has(stop.reason)) return undefined;
  const horizon = addMonths(runMonth, -STOPPED_ARREARS_MONTHS);
  const earliest = compareMonths(horizon, previous.firstMonth) > 0 ? horizon : previous.firstMonth;
  // A decision stopped long ago (most of a register's history) is not decided month by month again.
  const bound = lastPossibleMonth(stop.reason, facts);
  const latest = bound !== undefined && compareMonths(bound, runMonth) < 0 ? bound : addMonths(runMonth, -1);
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

/** What bounds a stopped decision's last payable month, whatever the rules decide on the way. */
export interface StopFacts {
  readonly person: Pick<PersonFacts, 'dateOfBirth' | 'dateOfDeath' | 'residences'>;
  readonly decision: Pick<DecisionFacts, 'groupCode' | 'effectiveTo' | 'statusHistory' | 'caredFor'>;
}


/**
 * The last month a decision can have been payable, from facts that never come back (eligibility-rules.ts): the month
 * of its effectiveTo; the last month whose first day is before a termination (final); the month of death, of the
 * person or of the person cared for; the month of a move away for good (the last residence, outside the province:
 * the old commune pays the month of the move); for a decision aged out, the birthday month that ends the last band
 * of its family (paid in the band it ends: a child's 16th, 22nd while studying; the poor elderly of remote communes'
 * 80th), if every band ends. Undefined when none bounds it. A payable month is never later, so the months after it
 * need not be decided.
 */
export function lastPossibleMonth(reason: string, facts: StopFacts & { readonly provinceCode: string }): Month | undefined {
  const { person, decision } = facts;
  const ends: Month[] = [];
  if (decision.effectiveTo) ends.push(monthOf(decision.effectiveTo));
  for (const change of decision.statusHistory.filter((c) => c.status === 'terminated')) {
    const month = monthOf(change.from);
    ends.push(firstDayOf(month) === change.from ? addMonths(month, -1) : month);
  }
  if (person.dateOfDeath) ends.push(monthOf(person.dateOfDeath));
  if (decision.caredFor?.dateOfDeath) ends.push(monthOf(decision.caredFor.dateOfDeath));
  const lastHome = [...person.residences].sort((a, b) => a.from.localeCompare(b.from)).pop();
  if (lastHome && lastHome.to === undefined && !isWithinProvince(lastHome.provinceCode, facts.provinceCode)) ends.push(monthOf(lastHome.from));
  const family = reason === 'AGE_OUT_OF_RANGE' || reason === 'NOT_STUDYING' ? resolveFamily(decision.groupCode) : undefined;
  const bandEnds = family?.found ? family.family.bands.map((band) => band.belowAge) : [];
  if (bandEnds.length > 0 && bandEnds.every((age) => age !== undefined)) {
    ends.push(monthTurning(decision.caredFor?.dateOfBirth ?? person.dateOfBirth, Math.max(...(bandEnds as number[]))));
  }
  return ends.sort(compareMonths)[0];
}

/** A decision terminated because another amended it: it stands apart only once nothing of its programme is paid. */
export function isAmended(stop: { readonly reason: string; readonly decisionReasonCode?: string }): boolean {
  return stop.decisionReasonCode === AMENDED;
}
