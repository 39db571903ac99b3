/**
 * Arrears for a decision recorded after the last run (truy lĩnh): a decision whose first payable month is before the
 * run's month, recorded after the province's previous run was frozen, has never been in a run for those months, so
 * they are owed now — a decision signed after the month's run, one signed days before it but typed in after it, a
 * disability certificate dated months before its decision, a backdated amendment. The snapshot tells entitlement
 * where to start (EligibleItem.attributes.arrearsFrom); entitlement prices each owed month and subtracts what its
 * ledger says was paid, so saying it again never pays twice.
 *
 * A decision signed before the province's first run of all (a register taken over from the cash era, a decision of
 * the past typed in late) is not owed arrears by this rule: it was paid by whoever paid it then. Its arrears, if
 * any, are for an operator. Nor is any decision at the first run of all: the months before were the old system's.
 */
import type { Residence, StatusChange, YearPoverty } from './eligibility-input';
import { residenceDay } from './eligibility-rules';
import { addMonths, compareMonths, firstDayOf, monthOf, type IsoDate, type Month } from './months';

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
  /** The day in Vietnam the province's first run of all was frozen: the end of the cash era. */
  readonly firstDay: IsoDate;
  /** The month of the province's first run of all: months before it were paid (or not) by the cash era. */
  readonly firstMonth: Month;
}

/** The first month owed as arrears, or undefined. `previous`: undefined when there was no earlier run. */
export function lateDecisionArrearsFrom(decision: LateDecisionFacts, runMonth: Month, previous: PreviousRun | undefined): Month | undefined {
  if (previous === undefined) return undefined;
  if (decision.signedOn < previous.firstDay || Date.parse(decision.recordedAt) <= Date.parse(previous.at)) return undefined;
  return compareMonths(decision.startMonth, runMonth) < 0 ? decision.startMonth : undefined;
}

/**
 * Arrears after a resumption (truy lĩnh, Circular 02/2021/TT-BLĐTBXH Art.6). A suspension lifted with arrears has been
 * paid by no run when its resumption was recorded after the previous run (or there was none): not the suspended
 * months, and not the months between the resumption and this run either (the previous run still saw the decision
 * suspended). A resumption dated after the first day of the run's month counts whenever it was recorded: the run's
 * month was itself suspended, so its earlier months were too (entitlement subtracts whatever a run paid for them).
 *
 * They are owed from the first month of the suspension, walking back from the month before the run for as long as
 * each month is payable (`payableIn`: the month's own rules, e.g. the person still lived in the province; for a
 * couple's care allowance, no spouse was paid it instead). Months before a month that is not payable are not owed by
 * this rule (entitlement owes one unbroken stretch); they are for an operator. As with a late decision, nothing is
 * owed at the first run of all, nor for a month before it: those months were the cash era's, and entitlement's
 * ledger, which knows none of its payments, would pay them all again (a resumption of 2025-01 typed in before a first
 * run in 2025-08 would owe January to July, which the cash era had paid).
 */
export function resumptionArrearsFrom(
  history: readonly StatusChange[],
  runMonth: Month,
  previous: PreviousRun | undefined,
  payableIn: (month: Month) => boolean,
): Month | undefined {
  if (previous === undefined) return undefined;
  const unseen = (resumption: StatusChange) =>
    resumption.from > firstDayOf(runMonth) ||
    (resumption.recordedAt !== undefined && Date.parse(resumption.recordedAt) > Date.parse(previous.at));
  const firstSuspended = history
    .filter((change) => change.status === 'active' && change.withArrears && unseen(change))
    .map((resumption) => liftedSuspension(history, resumption))
    .filter((month): month is Month => month !== undefined)
    .sort(compareMonths)[0];
  if (firstSuspended === undefined) return undefined;
  let from: Month | undefined;
  const earliest = compareMonths(firstSuspended, previous.firstMonth) > 0 ? firstSuspended : previous.firstMonth;
  for (let month = addMonths(runMonth, -1); compareMonths(month, earliest) >= 0 && payableIn(month); month = addMonths(month, -1)) from = month;
  return from;
}

/** The first month stopped by the suspension a resumption lifts (the latest one before it), if any month was. */
function liftedSuspension(history: readonly StatusChange[], resumption: StatusChange): Month | undefined {
  const suspension = history
    .filter((change) => change.status === 'suspended' && change.from < resumption.from)
    .sort((a, b) => a.from.localeCompare(b.from))
    .pop();
  if (!suspension) return undefined;
  // A change takes effect for the months whose first day is on or after it (eligibility-input.ts, StatusChange).
  const month = monthOf(suspension.from);
  return firstDayOf(month) === suspension.from ? month : addMonths(month, 1);
}

/**
 * Arrears after a poverty list recorded late. A group that needs a poor or near-poor household (the social pension
 * at 70–75, poor elderly, poor single parents…) is refused NOT_POOR in the months of a year whose list the register
 * did not have yet; once the list is recorded, those months are owed (D20 Art.34: arrears are funded with the next
 * month's list). A month is owed when the household's row for its year was recorded after the previous run, the
 * decision is payable in it now, and it was refused NOT_POOR with the rows the previous run knew (`decide`).
 *
 * Walking back from the month before the run, as long as each month's year was recorded late and the month is
 * payable now (entitlement owes one unbroken stretch and subtracts what was paid in it), and never before the
 * province's first run. Months paid anyway (a list corrected from poor to near-poor) are netted to nothing.
 */
export function latePovertyArrearsFrom(
  poverty: readonly YearPoverty[],
  runMonth: Month,
  previous: PreviousRun | undefined,
  decide: (month: Month, poverty: readonly YearPoverty[]) => { payable: boolean; reason?: string },
): Month | undefined {
  if (previous === undefined) return undefined;
  const before = Date.parse(previous.at);
  const recordedLate = (row: YearPoverty) => row.recordedAt !== undefined && Date.parse(row.recordedAt) > before;
  const lateYears = new Set(poverty.filter(recordedLate).map((row) => row.year));
  if (lateYears.size === 0) return undefined;
  const knownThen = poverty.filter((row) => !recordedLate(row));
  let from: Month | undefined;
  for (
    let month = addMonths(runMonth, -1);
    compareMonths(month, previous.firstMonth) >= 0 && lateYears.has(Number(month.slice(0, 4))) && decide(month, poverty).payable;
    month = addMonths(month, -1)
  ) {
    if (decide(month, knownThen).reason === 'NOT_POOR') from = month;
  }
  return from;
}

/**
 * Arrears after a move recorded late. A move recorded after the previous run with an earlier date changes which
 * commune pays the months since: when the runs of a month are asked for commune by commune, the new commune's run
 * may have been frozen before the move was recorded (the person was still the old commune's) and the old commune's
 * after it (the person is now the new commune's): neither paid the month. A move back into the province recorded
 * late is the same: the previous run saw the person outside the province. A month is owed when the residence that
 * decides it (residenceDay: the one on the last day of the month before) began with a move (not the residence the
 * person was registered with: late-decision rules own that) and was recorded after the previous run, and the
 * decision is payable in it now; walking back from the month before the run, as long as both hold, never before the
 * province's first run. A month the old commune did pay is netted to nothing by entitlement.
 */
export function lateMoveArrearsFrom(
  residences: readonly Residence[],
  runMonth: Month,
  previous: PreviousRun | undefined,
  payableIn: (month: Month) => boolean,
): Month | undefined {
  if (previous === undefined) return undefined;
  const before = Date.parse(previous.at);
  const ordered = [...residences].sort((a, b) => a.from.localeCompare(b.from));
  const movedInLate = (residence: Residence | undefined) =>
    residence !== undefined && residence !== ordered[0] && residence.recordedAt !== undefined && Date.parse(residence.recordedAt) > before;
  let from: Month | undefined;
  for (let month = addMonths(runMonth, -1); compareMonths(month, previous.firstMonth) >= 0; month = addMonths(month, -1)) {
    const day = residenceDay(ordered, month);
    const residence = ordered.find((r) => r.from <= day && (r.to === undefined || day <= r.to));
    if (!movedInLate(residence) || !payableIn(month)) break;
    from = month;
  }
  return from;
}
