/**
 * One page of a run's snapshot, pure: every decision of the page's persons decided for the month with decideMonth,
 * turned into the rows to freeze and the items to publish. No I/O: the loader gives plain facts, the service writes.
 */
import type { EligibleItem, Programme } from '@benefits/contracts';
import { provinceWide, type DecisionFacts, type EligibilityInput, type PayableMonth, type PersonFacts, type RunScope, type YearPoverty } from '../../domain/eligibility-input';
import { decideMonth } from '../../domain/eligibility-rules';
import { lateDecisionArrearsFrom, lateMoveArrearsFrom, latePovertyArrearsFrom, resumptionArrearsFrom, type PreviousRun } from '../../domain/late-decision';
import { addMonths, compareMonths, monthsBetween, parseMonth, type Month } from '../../domain/months';
import { anotherSpouseHoldsCare, coupleCareRefusals, isCoupleCareGroup } from '../../domain/one-care-allowance';
import { isAmended, stoppedDecisionMonths } from '../../domain/stopped-decision';

export interface PageDecision {
  readonly id: string;
  readonly programme: Programme;
  readonly decisionNumber?: string;
  /** When it was recorded (ISO): a decision signed and recorded after the previous run may be owed arrears. */
  readonly recordedAt?: string;
  readonly facts: DecisionFacts;
}

export interface PagePerson {
  readonly id: string;
  readonly householdId?: string;
  readonly facts: PersonFacts;
  readonly householdPoverty: readonly YearPoverty[];
  readonly decisions: readonly PageDecision[];
}

/** A row of snapshot_item. */
export interface FrozenDecision {
  readonly decisionId: string;
  readonly personId: string;
  readonly programme: Programme;
  readonly payable: boolean;
  readonly groupCode?: string;
  readonly communeCode?: string;
  readonly ageYears?: number;
  readonly attributes?: EligibleItem['attributes'];
  readonly reason?: string;
}

export interface EvaluatedPage {
  readonly frozen: FrozenDecision[];
  readonly eligible: EligibleItem[];
  /** Persons with at least one payable decision, with the commune that pays them. */
  readonly payablePersons: Map<string, string>;
}

/**
 * `householdMembers`: the persons outside the page who share a household with a page person holding a
 * CARE_DISABLED_PARENT_* decision and hold one too, so one care allowance per couple is decided on the whole
 * household (their own decisions are frozen by their own page).
 */
export function evaluatePage(
  persons: readonly PagePerson[],
  month: string,
  scope: RunScope,
  householdMembers: readonly PagePerson[] = [],
  previousRun?: PreviousRun,
): EvaluatedPage {
  const frozen: FrozenDecision[] = [];
  const eligible: EligibleItem[] = [];
  const payablePersons = new Map<string, string>();
  const household = [...persons, ...householdMembers];
  const coupleRefused = coupleCareRefusals(household, month, scope);
  for (const person of persons) {
    const stopped: { item: EligibleItem; lastMonth: Month; reason: string; amended: boolean }[] = [];
    /** The commune whose run pays the person this month, per programme. */
    const paidNow = new Map<Programme, string>();
    for (const decision of person.decisions) {
      const input: EligibilityInput = { person: person.facts, householdPoverty: person.householdPoverty, decision: decision.facts, scope };
      const decided = decideSafely(input, month);
      const result = decided.payable ? (coupleRefused.get(decision.id) ?? decided) : decided;
      if (!result.payable) {
        const stop = whyStopped(input, result, month);
        const sent = stop && arrearsOnlyItem(person, decision, stop, parseMonth(month), { scope, household, previousRun });
        if (sent) stopped.push({ ...sent, reason: result.reason, amended: isAmended(result) });
        else frozen.push({ decisionId: decision.id, personId: person.id, programme: decision.programme, payable: false, reason: result.reason });
        continue;
      }
      const item: EligibleItem = {
        personRef: person.id,
        decisionId: decision.id,
        programme: decision.programme,
        groupCode: result.groupCode,
        communeCode: result.communeCode,
        ageYears: result.inputs.ageYears,
        attributes: attributesOf(result, owedArrears(person, decision, result, { scope, household, previousRun })),
      };
      eligible.push(item);
      frozen.push(frozenOf(item, person.id));
      if (!paidNow.has(item.programme)) paidNow.set(item.programme, result.communeCode);
      if (!payablePersons.has(person.id)) payablePersons.set(person.id, result.communeCode);
    }
    if (stopped.length === 0) continue;
    // Arrears go with the person's payment of the month in their programme, whichever commune's run pays it (one
    // payment per person and programme and month: two runs would each claim the month); without one, all of a
    // programme's with the commune of the person's last month paid in that programme (each decision's own could be
    // two communes' runs). Per programme only: a run sees only its programmes' decisions, and runs split by programme
    // must agree on the commune.
    for (const { item, reason, amended } of stopped) {
      const communeCode =
        paidNow.get(item.programme) ??
        (scope.communeCodes && payingCommuneElsewhere(person, month, scope, item.programme)) ??
        lastPaidCommune(stopped.filter((s) => s.item.programme === item.programme));
      // An amended decision is continued by its amending one while that (or another of the programme) is paid.
      if ((scope.communeCodes && !scope.communeCodes.includes(communeCode)) || (amended && paidNow.has(item.programme))) {
        frozen.push({ decisionId: item.decisionId, personId: person.id, programme: item.programme, payable: false, reason });
        continue;
      }
      const sent = { ...item, communeCode };
      eligible.push(sent);
      frozen.push({ ...frozenOf(sent, person.id), reason });
      if (!payablePersons.has(person.id)) payablePersons.set(person.id, communeCode);
    }
  }
  return { frozen, eligible, payablePersons };
}

/**
 * Why a decision is not payable in the run's month, for the stopped-decision rule: in a run of some communes, a
 * decision of a person living in another is decided for the whole province (a child who aged out, then moved within
 * the province, is still owed the months paid where they lived); undefined when it is payable there (another
 * commune's run pays it).
 */
function whyStopped(input: EligibilityInput, result: { reason: string; decisionReasonCode?: string }, month: string) {
  if (result.reason !== 'OUT_OF_SCOPE' || !input.scope.communeCodes) return result;
  const anywhere = decideSafely({ ...input, scope: provinceWide(input.scope) }, month);
  return anywhere.payable ? undefined : anywhere;
}

/** The commune whose run pays the person in the month in a programme, when it is not one of this run's (a decision payable there). */
function payingCommuneElsewhere(person: PagePerson, month: string, scope: RunScope, programme: Programme): string | undefined {
  for (const decision of person.decisions) {
    if (decision.programme !== programme) continue;
    const decided = decideSafely({ person: person.facts, householdPoverty: person.householdPoverty, decision: decision.facts, scope: provinceWide(scope) }, month);
    if (decided.payable) return decided.communeCode;
  }
  return undefined;
}

/** The commune of the latest of the stopped decisions' last payable months (stopped is not empty; of one programme). */
function lastPaidCommune(stopped: readonly { item: EligibleItem; lastMonth: Month }[]): string {
  return stopped.reduce((latest, candidate) => (compareMonths(candidate.lastMonth, latest.lastMonth) > 0 ? candidate : latest)).item.communeCode;
}

/** The snapshot_item row of a published item: `payable` (it is sent to entitlement), with what it was sent with. */
function frozenOf(item: EligibleItem, personId: string): FrozenDecision {
  return {
    decisionId: item.decisionId,
    personId,
    programme: item.programme,
    payable: true,
    groupCode: item.groupCode,
    communeCode: item.communeCode,
    ageYears: item.ageYears,
    attributes: item.attributes,
  };
}

/**
 * A decision stopped in the run's month (stopped-decision.ts), sent for the arrears of its past months: the item of
 * its last payable month, with `arrearsOnly`, `arrearsFrom` (the first payable month examined) and `arrearsMonths`
 * (every month of the window decided otherwise, those after the stop as not owed). Past months count wherever in the
 * province the person lived; which run sends it is evaluatePage's choice (its commune). A couple's care allowance
 * counts the months the rule paid it to this person.
 */
function arrearsOnlyItem(
  person: PagePerson,
  decision: PageDecision,
  stop: { readonly reason: string; readonly decisionReasonCode?: string },
  runMonth: Month,
  context: { scope: RunScope; household: readonly PagePerson[]; previousRun: PreviousRun | undefined },
): { item: EligibleItem; lastMonth: Month } | undefined {
  const payableThen = payableThenOf(person, decision, context, 'paid to this person');
  const facts = { person: person.facts, decision: decision.facts, provinceCode: context.scope.provinceCode };
  const stopped = stoppedDecisionMonths(stop, facts, runMonth, context.previousRun, payableThen);
  if (!stopped) return undefined;
  const { from, last } = stopped;
  const months = arrearsMonths(from, runMonth, last, payableThen);
  const item: EligibleItem = {
    personRef: person.id,
    decisionId: decision.id,
    programme: decision.programme,
    groupCode: last.groupCode,
    communeCode: last.communeCode,
    ageYears: last.inputs.ageYears,
    attributes: { ...attributesOf(last, { from, afterSuspension: false, months }), arrearsOnly: true },
  };
  return { item, lastMonth: last.month };
}

/**
 * A past month of a decision as the rules decide it now, if payable, wherever in the province the person lived then.
 * A couple's care allowance: for arrears after a resumption, only if no spouse held it instead (a spouse was paid it
 * while this one was suspended); for a stopped decision, only if the one-allowance rule paid it to this person.
 * Decided once per month (memoised).
 */
function payableThenOf(
  person: PagePerson,
  decision: PageDecision,
  context: { scope: RunScope; household: readonly PagePerson[] },
  couple: 'no spouse held it' | 'paid to this person' = 'no spouse held it',
): (month: Month) => PayableMonth | undefined {
  const input: EligibilityInput = { person: person.facts, householdPoverty: person.householdPoverty, decision: decision.facts, scope: provinceWide(context.scope) };
  const members = () => context.household.filter((member) => member.id === person.id || (person.householdId !== undefined && member.householdId === person.householdId));
  const heldElsewhere = (month: Month) =>
    couple === 'no spouse held it'
      ? anotherSpouseHoldsCare(person.id, person.householdId, context.household, month, context.scope)
      : coupleCareRefusals(members(), month, provinceWide(context.scope)).has(decision.id);
  const decided = new Map<Month, PayableMonth | undefined>();
  return (month) => {
    if (decided.has(month)) return decided.get(month);
    const then = decideSafely(input, month);
    const payable = !then.payable || (isCoupleCareGroup(decision.facts.groupCode) && heldElsewhere(month)) ? undefined : then;
    decided.set(month, payable);
    return payable;
  };
}

/** One bad registry row must never stop a run: anything unexpected is that decision's INVALID_DECISION. */
function decideSafely(input: EligibilityInput, month: string): PayableMonth | { payable: false; reason: string } {
  try {
    return decideMonth(input, month);
  } catch {
    return { payable: false, reason: 'INVALID_DECISION' };
  }
}

/**
 * What entitlement needs to price the month, flat (EligibleItem.attributes): family, combination, payee,
 * caredForRef (a care allowance held by the caring household), coefficient (social assistance),
 * arrearsFrom (the first past month owed: a decision signed after the previous run, a suspension lifted with
 * arrears, or a poverty list recorded late; owedArrears), arrearsAfterSuspension (only when true: those months are owed by a resumption),
 * arrearsMonths (the months owed whose item differs from this month's, as JSON: see ArrearsMonth), and the
 * inputs of the group (disabilityLevel, injuryRate, especiallySevereWound, seniorityYears, children, studying,
 * povertyStatus) when they apply.
 */
export function attributesOf(result: PayableMonth, arrears?: OwedArrears): EligibleItem['attributes'] {
  const attributes: Record<string, string | number | boolean> = { family: result.family, combination: result.combination, payee: result.payee };
  if (result.caredForRef) attributes.caredForRef = result.caredForRef;
  // Only with the months owed (owedArrears): a suspension lifted with arrears whose months are all owed elsewhere
  // (a couple's care allowance its spouse was paid) or not at all is no reason for entitlement to look back.
  if (arrears?.afterSuspension) attributes.arrearsAfterSuspension = true;
  if (arrears) attributes.arrearsFrom = arrears.from;
  if (arrears?.months && arrears.months.length > 0) attributes.arrearsMonths = JSON.stringify(arrears.months);
  if (result.coefficient !== undefined) attributes.coefficient = result.coefficient;
  for (const [key, value] of Object.entries(result.inputs)) if (key !== 'ageYears' && value !== undefined) attributes[key] = value;
  return attributes;
}

/** Past months owed for a decision: from `from` to the month before the run; `afterSuspension` when a resumption owes them. */
export interface OwedArrears {
  readonly from: Month;
  readonly afterSuspension: boolean;
  /** The months owed whose item is not the run month's: another band (an age crossed since), another number of children, or none. */
  readonly months?: readonly ArrearsMonth[];
}

/**
 * A month of the arrears window as the rules decide it, when it differs from the run's month: the group of its band
 * then (a child under 4 in January who is 4 in May is owed January at the under-4 coefficient), the children who
 * counted then, or `owed: false` when the decision was not payable that month (lived outside the province ...).
 */
export type ArrearsMonth = { readonly month: Month; readonly groupCode: string; readonly children?: number } | { readonly month: Month; readonly owed: false };

/** Each month of the window, `from` to the month before the run's, whose item differs from `result`, decided by `decide`. */
function arrearsMonths(from: Month, runMonth: Month, result: PayableMonth, decide: (month: Month) => PayableMonth | undefined): ArrearsMonth[] {
  const months: ArrearsMonth[] = [];
  for (const month of monthsBetween(from, addMonths(runMonth, -1))) {
    const then = decide(month);
    if (!then) months.push({ month, owed: false });
    else if (then.groupCode !== result.groupCode || then.inputs.children !== result.inputs.children) {
      months.push({ month, groupCode: then.groupCode, ...(then.inputs.children !== undefined && { children: then.inputs.children }) });
    }
  }
  return months;
}

/**
 * The past months owed (late-decision.ts), from the earliest of: a decision signed and recorded after the previous
 * run, from its start; a suspension lifted with arrears after the previous run, from the suspension's first month, as
 * far back as every month is payable (a couple's care allowance: as long as no spouse held it instead); a poverty list
 * recorded after the previous run, from the first month it would have made payable; a move recorded after the
 * previous run, from the first month it made the person this run's (or the province's) to pay.
 */
function owedArrears(
  person: PagePerson,
  decision: PageDecision,
  result: PayableMonth,
  context: { scope: RunScope; household: readonly PagePerson[]; previousRun: PreviousRun | undefined },
): OwedArrears | undefined {
  const { scope, previousRun } = context;
  const late = decision.recordedAt
    ? lateDecisionArrearsFrom({ startMonth: result.startMonth, signedOn: decision.facts.signedOn, recordedAt: decision.recordedAt }, result.month, previousRun)
    : undefined;
  // Asked only for a decision with a resumption to date, or a poverty list recorded late.
  const payableThen = payableThenOf(person, decision, context);
  const resumed = resumptionArrearsFrom(decision.facts.statusHistory, result.month, previousRun, (month) => payableThen(month) !== undefined);
  const poor = latePovertyArrearsFrom(person.householdPoverty, result.month, previousRun, (month, poverty) =>
    decideSafely({ person: person.facts, householdPoverty: poverty, decision: decision.facts, scope: provinceWide(scope) }, month),
  );
  const moved = lateMoveArrearsFrom(person.facts.residences, result.month, previousRun, (month) => payableThen(month) !== undefined);
  const other = [late, poor, moved].filter((month): month is Month => month !== undefined).sort(compareMonths)[0];
  const owed = (from: Month, afterSuspension: boolean): OwedArrears => ({ from, afterSuspension, months: arrearsMonths(from, result.month, result, payableThen) });
  if (resumed !== undefined && (other === undefined || compareMonths(resumed, other) < 0)) return owed(resumed, true);
  return other === undefined ? undefined : owed(other, false);
}

/** Splits items into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
