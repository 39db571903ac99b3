/**
 * THE eligibility rules: is one decision of one person payable in one month, and as which group?
 *
 * The checks run in this order; the first that fails is the reason:
 *   1. OUT_OF_SCOPE       the decision's programme is outside the run's scope.
 *   2. INVALID_DECISION   unknown group, programme mismatch, a date that is not a date, a missing certificate date
 *                         (disability groups) or injury rate (war invalids).
 *   3. DECEASED           from the month after the month of death (D20: stop from the month after death).
 *      CARED_FOR_DECEASED a care allowance held by the caring household, from the month after the death of the
 *                         person cared for (whose age, not the holder's, bands the allowance in check 9).
 *   4. NOT_YET_STARTED    before the start month: the later of the family's start rule (decision month,
 *                         certificate month, month turning 75/80, as D20 sets them) and the month of effectiveFrom; or
 *                         before the programme exists (social pension: 2025-07). An amending decision starts in the
 *                         month of its effectiveFrom (it continues the decision it amends).
 *   5. ENDED              after the month of effectiveTo.
 *   6. TERMINATED         the status on the first day of the month is 'terminated' (stop from the month after);
 *                         a termination is final: no later status change revives the decision.
 *   7. SUSPENDED          the status on the first day is 'suspended', unless a later resumption granted arrears
 *                         (Circular 02/2021/TT-BLĐTBXH Art.2, 6), or the suspension was for a partner's report that
 *                         the payee died (PAYEE_REPORTED_DECEASED) and the death is now on record: check 3 stops the
 *                         months after the death, and the months up to it stay owed.
 *   8. MOVED_OUT_OF_PROVINCE / OUT_OF_SCOPE   the commune of residence on the last day of the month before pays
 *                         it (residenceDay): a move within the province keeps paying; after a move away, dated the
 *                         1st or any other day, the old commune pays the month of the move (the stop month) and the
 *                         new one from the month after. A residence recorded
 *                         under an old unit's code is paid by the commune the unit went into on 2025-07-01; one split
 *                         between several is in no commune's run until its new commune is recorded (a run of the
 *                         whole province pays it under the old code).
 *      CARED_FOR_MOVED_AWAY   a care allowance held by the caring household, once the person cared for lived outside
 *                         the province on the last day of the month before: a household here no longer cares for
 *                         them (the month of the move is still paid, as for the holder's own move).
 *   9. AGE_OUT_OF_RANGE / NOT_STUDYING / SOCIAL_PENSION_TOO_YOUNG   no age band of the family fits; bands change
 *                         in the birthday month. A birthday that ends the last band (a child turning 16, or 22
 *                         while studying) is a loss of eligibility: its month is still paid in the band it ends
 *                         (stop from the month after, D20), the month after is not.
 *  10. NOT_POOR           the band needs a poor (or near-poor) household on that calendar year's list.
 *  11. NO_ELIGIBLE_CHILDREN   per-child groups with no child under 16 or 16-22 studying.
 * Choosing between programmes (the higher of social assistance and social pension, the highest coefficient) is the
 * entitlement service's: the payable result says how to combine it (`combination`).
 * One rule looks across persons and is applied after this one: one care allowance per couple
 * (one-care-allowance.ts, ONE_CARE_ALLOWANCE_PER_COUPLE).
 */
import { isWithinProvince, payingCommuneOf } from '@benefits/admin-units';
import type { AgeBand, GroupFamily } from './benefit-groups';
import { findGroup, resolveFamily, startRuleOf } from './benefit-groups';
import type { ChildFacts, EligibilityInput, MonthDecision, NotPayableMonth, Period, PovertyStatus, Residence, StatusChange } from './eligibility-input';
import { findDataProblem } from './eligibility-input-check';
import type { IsoDate, Month } from './months';
import { addMonths, ageInMonth, compareMonths, firstDayOf, isBirthdayMonth, lastDayOf, monthOf, monthsBetween, monthTurning, parseMonth } from './months';

export function decideMonth(input: EligibilityInput, monthText: string): MonthDecision {
  const month = parseMonth(monthText);
  const { person, decision, scope } = input;
  const no = (reason: NotPayableMonth['reason'], detail: string, decisionReason?: string, decisionReasonCode?: string): NotPayableMonth => ({
    payable: false,
    month,
    reason,
    detail,
    ...(decisionReason !== undefined && { decisionReason }),
    ...(decisionReasonCode !== undefined && { decisionReasonCode }),
  });

  if (scope.programmes && !scope.programmes.includes(decision.programme)) {
    return no('OUT_OF_SCOPE', `The run covers ${scope.programmes.join(', ')}, not ${decision.programme}.`);
  }
  const resolution = resolveFamily(decision.groupCode);
  if (!resolution.found) return no('INVALID_DECISION', resolution.problem);
  const family = resolution.family;
  const problem = findDataProblem(input, family);
  if (problem) return no('INVALID_DECISION', problem);

  if (person.dateOfDeath && compareMonths(month, monthOf(person.dateOfDeath)) > 0) {
    return no('DECEASED', `Died on ${person.dateOfDeath}: payments stop from the month after the month of death.`);
  }
  const caredFor = decision.caredFor;
  if (caredFor?.dateOfDeath && compareMonths(month, monthOf(caredFor.dateOfDeath)) > 0) {
    return no('CARED_FOR_DECEASED', `The person cared for died on ${caredFor.dateOfDeath}: the care allowance stops from the month after the month of death.`);
  }
  const start = startMonth(input, family);
  if ('problem' in start) return no('INVALID_DECISION', start.problem);
  if (compareMonths(month, start.month) < 0) return no('NOT_YET_STARTED', `Payments start in ${start.month} (${start.why}).`);
  if (decision.effectiveTo && compareMonths(month, monthOf(decision.effectiveTo)) > 0) {
    return no('ENDED', `The decision ended on ${decision.effectiveTo}.`);
  }

  const status = statusOn(input, month);
  if (status.status === 'terminated') {
    return no('TERMINATED', `The decision was terminated from ${status.from}${status.reason ? `: ${status.reason}` : ''}.`, status.reason, status.reasonCode);
  }
  const arrearsAfterSuspension = status.status === 'suspended' && liftedWithArrears(input, status.index);
  // Stood in for a death not recorded yet: once it is, check 3 (above) decides, whichever came first.
  const deathOnRecord = status.status === 'suspended' && status.reasonCode === PAYEE_REPORTED_DECEASED && person.dateOfDeath !== undefined;
  if (status.status === 'suspended' && !arrearsAfterSuspension && !deathOnRecord) {
    return no('SUSPENDED', `Suspended from ${status.from}${status.reason ? `: ${status.reason}` : ''}.`, status.reason);
  }

  const home = residenceIn(person.residences, month, scope.provinceCode);
  if ('elsewhere' in home) {
    return no('MOVED_OUT_OF_PROVINCE', `On ${home.on} the person lived ${home.elsewhere}, not in province ${scope.provinceCode}.`);
  }
  const residence = home.residence;
  // A residence recorded under an old unit's code (before 2025-07-01) is paid by the commune it went into.
  const payingCommune = payingCommuneOf(residence.provinceCode, residence.communeCode, firstDayOf(month));
  if (scope.communeCodes && !(payingCommune && scope.communeCodes.includes(payingCommune))) {
    if (!payingCommune) {
      return no('OUT_OF_SCOPE', `Commune ${residence.communeCode} was split between several communes on 2025-07-01: record the person's new commune; the run covers ${scope.communeCodes.join(', ')}.`);
    }
    return no('OUT_OF_SCOPE', `Commune ${payingCommune} pays this month; the run covers ${scope.communeCodes.join(', ')}.`);
  }
  const caredForHome = caredFor && residenceIn(caredFor.residences, month, scope.provinceCode);
  if (caredForHome && 'elsewhere' in caredForHome) {
    return no('CARED_FOR_MOVED_AWAY', `On ${caredForHome.on} the person cared for lived ${caredForHome.elsewhere}, not in province ${scope.provinceCode}: the care allowance stops.`);
  }

  // A care allowance held by the caring household is banded by the age of the person cared for.
  const bandedBirth = caredFor?.dateOfBirth ?? person.dateOfBirth;
  const age = ageInMonth(bandedBirth, month);
  const studying = studiesIn(decision.attributes?.studyPeriods, month);
  const current = family.bands.find((candidate) => inBand(candidate, age));
  const agedOut = !current || (current.requiresStudying === true && !studying && decision.groupCode !== current.groupCode);
  const band = (agedOut && bandEndingThisMonth(family, bandedBirth, age, month)) || current;
  if (!band) return no(ageReason(family), ageDetail(family, age, month, bandedBirth));
  if (band.requiresStudying && !studying) {
    // A decision granted for the studying band itself has stopped studying; a child decision has aged out.
    const reason = decision.groupCode === band.groupCode ? 'NOT_STUDYING' : 'AGE_OUT_OF_RANGE';
    return no(reason, `Aged ${age} in ${month} and not studying: ${band.groupCode} is paid only while studying, until 22.`);
  }
  const povertyStatus = povertyIn(input, month);
  if (band.poverty && !meetsPoverty(band, povertyStatus)) {
    const needed = band.poverty === 'poor' ? 'a poor household' : 'a poor or near-poor household';
    return no('NOT_POOR', `${band.groupCode} needs ${needed}; the household is '${povertyStatus}' on the ${month.slice(0, 4)} list.`);
  }
  const children = family.perChild ? eligibleChildren(decision.attributes?.children ?? [], month) : undefined;
  if (children === 0) return no('NO_ELIGIBLE_CHILDREN', `No child under 16, or 16-22 and studying, in ${month}.`);

  const group = findGroup(band.groupCode);
  const attributes = decision.attributes ?? {};
  return {
    payable: true,
    month,
    programme: family.programme,
    family: family.code,
    groupCode: band.groupCode,
    ...(group?.coefficient === undefined ? {} : { coefficient: group.coefficient }),
    combination: family.combination,
    payee: family.combination === 'SA_CARE' ? 'caring_household' : 'beneficiary',
    ...(caredFor && { caredForRef: caredFor.personRef }),
    communeCode: payingCommune ?? residence.communeCode,
    provinceCode: scope.provinceCode,
    startMonth: start.month,
    arrearsAfterSuspension,
    inputs: {
      ageYears: age,
      ...(family.disabilityLevel && { disabilityLevel: family.disabilityLevel }),
      ...(attributes.injuryRate !== undefined && { injuryRate: attributes.injuryRate }),
      ...(attributes.especiallySevereWound !== undefined && { especiallySevereWound: attributes.especiallySevereWound }),
      ...(attributes.seniorityYears !== undefined && { seniorityYears: attributes.seniorityYears }),
      ...(children !== undefined && { children }),
      ...(band.requiresStudying && { studying }),
      ...(band.poverty && { povertyStatus }),
    },
  };
}

/** The residence that decides the month (residenceDay) if it is in the paying province; otherwise where the person was. */
function residenceIn(residences: readonly Residence[], month: Month, provinceCode: string): { residence: Residence } | { elsewhere: string; on: IsoDate } {
  const on = residenceDay(residences, month);
  const residence = residences.find((period) => covers(period, on));
  if (residence && isWithinProvince(residence.provinceCode, provinceCode)) return { residence };
  return { elsewhere: residence ? `in province ${residence.provinceCode}` : 'nowhere on record', on };
}

/**
 * The day whose residence decides which commune pays month M, and whether this province does: the last day of M−1.
 * The old commune pays the month of a move, the new one from the month after (D20/2021; domain brief "Moving away"),
 * a move dated the 1st like any other. A person with no residence on record that day (registered here from the 1st
 * of M) is decided by the 1st.
 */
export function residenceDay(residences: readonly Period[], month: Month): IsoDate {
  const dayBefore = lastDayOf(addMonths(month, -1));
  return residences.some((period) => covers(period, dayBefore)) ? dayBefore : firstDayOf(month);
}

/** decideMonth for every month from `from` to `to`, both included: a preview, or a recomputation for arrears. */
export function decideMonths(input: EligibilityInput, from: string, to: string): MonthDecision[] {
  return monthsBetween(parseMonth(from), parseMonth(to)).map((month) => decideMonth(input, month));
}

function startMonth(input: EligibilityInput, family: GroupFamily): { month: Month; why: string } | { problem: string } {
  const byRule = ruleStart(input, family);
  if ('problem' in byRule) return byRule;
  let start = byRule;
  const { effectiveFrom } = input.decision;
  if (compareMonths(monthOf(effectiveFrom), start.month) > 0) start = { month: monthOf(effectiveFrom), why: `the decision is effective from ${effectiveFrom}` };
  if (family.validFrom && compareMonths(family.validFrom, start.month) > 0) {
    start = { month: family.validFrom, why: `${family.code} exists from ${family.validFrom}` };
  }
  return start;
}

function ruleStart(input: EligibilityInput, family: GroupFamily): { month: Month; why: string } | { problem: string } {
  const { decision, person } = input;
  if (decision.amends) return { month: monthOf(decision.effectiveFrom), why: `the amendment is effective from ${decision.effectiveFrom}` };
  switch (startRuleOf(family)) {
    case 'certificate_month':
      if (decision.certificateDate === undefined) {
        return { problem: `${family.code} starts in the month of the disability certificate, and the decision has no certificateDate.` };
      }
      return { month: monthOf(decision.certificateDate), why: `month the disability certificate was issued, ${decision.certificateDate}` };
    case 'turns_75':
      return { month: monthTurning(person.dateOfBirth, 75), why: 'month the person turns 75' };
    case 'turns_80':
      return { month: monthTurning(person.dateOfBirth, 80), why: 'month the person turns 80' };
    case 'decision_month':
      return { month: monthOf(decision.signedOn), why: `month the decision was signed, ${decision.signedOn}` };
  }
}

/**
 * The reason code of a suspension because a partner reported the payee dead (a bank's MD07, the post office's
 * "deceased"), recorded by the collection-alerts consumer until the commune records the death.
 */
export const PAYEE_REPORTED_DECEASED = 'PAYEE_REPORTED_DECEASED';

interface StatusInForce extends StatusChange {
  /** Its place in the history; -1: no change yet (active from effectiveFrom). */
  readonly index: number;
}

/**
 * The status of a decision on a day: the last change on or before it (same date: the later row), except that a
 * termination is final: a change recorded for a later date (a suspension, a resumption) never revives a terminated
 * decision. Before any change: undefined (active).
 */
export function statusInForce(history: readonly StatusChange[], day: IsoDate): StatusInForce | undefined {
  // One pass in history order (a same-date change recorded later comes later): the latest change on or before the
  // day, and the earliest termination.
  let latest = -1;
  let termination = -1;
  history.forEach((change, index) => {
    if (change.from > day) return;
    if (latest < 0 || change.from >= history[latest].from) latest = index;
    if (change.status === 'terminated' && (termination < 0 || change.from < history[termination].from)) termination = index;
  });
  const chosen = termination >= 0 ? termination : latest;
  return chosen < 0 ? undefined : { ...history[chosen], index: chosen };
}

/** The status on the first day of the month. */
function statusOn(input: EligibilityInput, month: Month): StatusInForce {
  return statusInForce(input.decision.statusHistory, firstDayOf(month)) ?? { status: 'active', from: input.decision.effectiveFrom, index: -1 };
}

/**
 * The suspension at `index` ended with a resumption that grants arrears (later suspensions may come between). A
 * termination dated between them does not cancel the arrears: the months before it are still within the decision.
 */
function liftedWithArrears(input: EligibilityInput, index: number): boolean {
  const suspendedFrom = input.decision.statusHistory[index].from;
  const later = input.decision.statusHistory.filter((change) => change.from > suspendedFrom && change.status === 'active');
  if (later.length === 0) return false;
  // The first resumption; of several for its day, the one recorded last (history order): a resumption corrected to
  // grant arrears.
  const firstDay = later.map((change) => change.from).sort()[0];
  const thatDay = later.filter((change) => change.from === firstDay);
  return thatDay[thatDay.length - 1].withArrears === true;
}

function covers(period: Period, day: IsoDate): boolean {
  return period.from <= day && (period.to === undefined || day <= period.to);
}

function studiesIn(periods: readonly Period[] | undefined, month: Month): boolean {
  if (!periods || periods.length === 0) return false;
  const first = firstDayOf(month);
  const last = lastDayOf(month);
  return (periods ?? []).some((period) => period.from <= last && (period.to === undefined || first <= period.to));
}

/**
 * The band of the family that holds a person born on `dateOfBirth` in `month`, the month of the birthday that ends a
 * band included (a loss of eligibility is paid to the end of its month). The import checks a care allowance's
 * person cared for with it (imports/domain/cared-for.ts).
 */
export function bandOfAge(family: GroupFamily, dateOfBirth: IsoDate, month: Month): AgeBand | undefined {
  const age = ageInMonth(dateOfBirth, month);
  return family.bands.find((candidate) => inBand(candidate, age)) ?? bandEndingThisMonth(family, dateOfBirth, age, month);
}

/**
 * The band whose upper age this month's birthday reached (the person was in it last month): the month of the birthday
 * is still paid in it, since eligibility lost on a day of a month stops from the month after.
 */
function bandEndingThisMonth(family: GroupFamily, dateOfBirth: IsoDate, age: number, month: Month): AgeBand | undefined {
  if (!isBirthdayMonth(dateOfBirth, month)) return undefined;
  return family.bands.find((candidate) => candidate.belowAge === age && inBand(candidate, age - 1));
}

function inBand(band: AgeBand, age: number): boolean {
  return (band.fromAge === undefined || age >= band.fromAge) && (band.belowAge === undefined || age < band.belowAge);
}

function ageReason(family: GroupFamily): NotPayableMonth['reason'] {
  return family.programme === 'SOCIAL_PENSION' ? 'SOCIAL_PENSION_TOO_YOUNG' : 'AGE_OUT_OF_RANGE';
}

function ageDetail(family: GroupFamily, age: number, month: Month, dateOfBirth: IsoDate): string {
  if (family.programme === 'SOCIAL_PENSION') {
    return `Aged ${age} in ${month}: the social pension starts at 70 for a poor or near-poor household (${monthTurning(dateOfBirth, 70)}) and at 75 for everyone (${monthTurning(dateOfBirth, 75)}).`;
  }
  const ranges = family.bands.map((band) => `${band.groupCode} ${band.fromAge ?? 0}-${band.belowAge ?? '∞'}`).join(', ');
  return `Aged ${age} in ${month}, outside the ages of ${family.code} (${ranges}).`;
}

function povertyIn(input: EligibilityInput, month: Month): PovertyStatus {
  const year = Number(month.slice(0, 4));
  return input.householdPoverty.find((row) => row.year === year)?.status ?? 'none';
}

function meetsPoverty(band: AgeBand, status: PovertyStatus): boolean {
  return band.poverty === 'poor' ? status === 'poor' : status === 'poor' || status === 'near_poor';
}

/** Children under 16, or 16-22 and studying, in the month (D20 Art.5(4)). */
function eligibleChildren(children: readonly ChildFacts[], month: Month): number {
  return children.filter((child) => {
    const age = ageInMonth(child.dateOfBirth, month);
    const studying = studiesIn(child.studyPeriods, month);
    // The month of the 16th birthday (or the 22nd, studying) still counts the child: stop from the month after.
    const birthdayMonth = isBirthdayMonth(child.dateOfBirth, month);
    return age >= 0 && (age < 16 || (age < 22 && studying) || (birthdayMonth && (age === 16 || (age === 22 && studying))));
  }).length;
}
