/**
 * Arrears for a decision signed after the last run (truy lĩnh): a decision whose first payable month is before the
 * run's month, signed on or after the day the province's previous run was frozen and recorded after it, has never
 * been in a run for those months, so they are owed now — a decision signed after the month's run, a disability
 * certificate dated months before its decision, a backdated amendment. The snapshot tells entitlement where to start
 * (EligibleItem.attributes.arrearsFrom); entitlement prices each owed month and subtracts what its ledger says was
 * paid, so saying it again never pays twice.
 *
 * A decision signed before the previous run is not owed arrears by this rule, even if it is recorded late: it was in
 * that run if it was recorded by then, and a decision of the past typed in late (or a register taken over from the
 * cash era, before the first run of all) was paid by whoever paid it then. Its arrears, if any, are for an operator.
 */
import { compareMonths, type IsoDate, type Month } from './months';

export interface LateDecisionFacts {
  /** The first month the decision is payable (PayableMonth.startMonth). */
  readonly startMonth: Month;
  readonly signedOn: IsoDate;
  /** When the decision was recorded in the register (ISO timestamp). */
  readonly recordedAt: string;
}

/** The latest run of an earlier month than the one being frozen: when its snapshot was taken. */
export interface PreviousRun {
  /** ISO timestamp. */
  readonly at: string;
  /** The day of `at` in Vietnam. */
  readonly day: IsoDate;
}

/** The first month owed as arrears, or undefined. `previous`: undefined when there was no earlier run. */
export function lateDecisionArrearsFrom(decision: LateDecisionFacts, runMonth: Month, previous: PreviousRun | undefined): Month | undefined {
  if (previous === undefined) return undefined;
  if (decision.signedOn < previous.day || Date.parse(decision.recordedAt) <= Date.parse(previous.at)) return undefined;
  return compareMonths(decision.startMonth, runMonth) < 0 ? decision.startMonth : undefined;
}
