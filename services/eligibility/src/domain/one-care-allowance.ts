/**
 * One care allowance per couple (D20 Art.20): a disabled parent who is pregnant or raising children under 36 months
 * gets a care allowance, but if both spouses are disabled only one of them is paid it.
 *
 * We know spouses as the persons of one household of the register. Among the persons of a household whose
 * CARE_DISABLED_PARENT_* decision is otherwise payable in the month, one decision is paid: the higher coefficient
 * (2.0 before 1.5), then the earlier effectiveFrom, then the smaller decision id (so every run and every look-up
 * picks the same one). The other persons' such decisions are not payable, ONE_CARE_ALLOWANCE_PER_COUPLE.
 * Only these two groups are concerned; a person's own allowance is untouched. A household where only one person
 * holds such a decision, or a person without household, is unaffected (several care decisions of ONE person are
 * combined by the entitlement service: only the highest care coefficient).
 *
 * "Otherwise payable" is decided by decideMonth, with the run's province and programmes but not its communes: the
 * winner must be the same whichever commune's run asks, or two communes' runs could each pay one spouse.
 */
import { provinceWide, type DecisionFacts, type EligibilityInput, type NotPayableMonth, type PersonFacts, type RunScope, type YearPoverty } from './eligibility-input';
import { findGroup } from './benefit-groups';
import { decideMonth } from './eligibility-rules';
import type { IsoDate } from './months';
import { parseMonth } from './months';

export const COUPLE_CARE_GROUPS: readonly string[] = [
  'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M',
  'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M',
];

export function isCoupleCareGroup(groupCode: string): boolean {
  return COUPLE_CARE_GROUPS.includes(groupCode);
}

/** A couple-group decision that is payable in the month before this rule. */
export interface CareClaim {
  readonly decisionId: string;
  readonly personId: string;
  readonly householdId?: string;
  /** The payable group of the month: one of COUPLE_CARE_GROUPS. */
  readonly groupCode: string;
  readonly effectiveFrom: IsoDate;
  /** Shown to the operator to name the paid decision (e.g. 12/QĐ-UBND); never an ID number. */
  readonly decisionNumber?: string;
}

/**
 * The claims that are not paid because another person of their household is paid the care allowance, by decision
 * id, with the reason and a sentence naming the household's paid decision.
 */
export function oneCareAllowancePerCouple(claims: readonly CareClaim[], month: string): Map<string, NotPayableMonth> {
  const refused = new Map<string, NotPayableMonth>();
  const byHousehold = new Map<string, CareClaim[]>();
  for (const claim of claims) {
    if (!claim.householdId || !isCoupleCareGroup(claim.groupCode)) continue;
    byHousehold.set(claim.householdId, [...(byHousehold.get(claim.householdId) ?? []), claim]);
  }
  for (const household of byHousehold.values()) {
    if (new Set(household.map((claim) => claim.personId)).size < 2) continue;
    const paid = [...household].sort(paidFirst)[0];
    for (const claim of household) {
      if (claim.personId === paid.personId) continue;
      refused.set(claim.decisionId, {
        payable: false,
        month: parseMonth(month),
        reason: 'ONE_CARE_ALLOWANCE_PER_COUPLE',
        detail: `Only one care allowance is paid when both spouses are disabled (D20 Art.20): the household's is paid on decision ${nameOf(paid)}.`,
      });
    }
  }
  return refused;
}

/** Higher coefficient first, then the earlier effectiveFrom, then the smaller decision id. */
function paidFirst(a: CareClaim, b: CareClaim): number {
  return rank(b.groupCode) - rank(a.groupCode) || a.effectiveFrom.localeCompare(b.effectiveFrom) || a.decisionId.localeCompare(b.decisionId);
}

/** The coefficient in tenths ('2.0' → 20): an exact comparison of the catalogue's decimals. */
function rank(groupCode: string): number {
  const [units, tenths = '0'] = (findGroup(groupCode)?.coefficient ?? '0').split('.');
  return Number(units) * 10 + Number(tenths.slice(0, 1));
}

function nameOf(claim: CareClaim): string {
  const coefficient = findGroup(claim.groupCode)?.coefficient;
  return `${claim.decisionNumber ? `${claim.decisionNumber} ` : ''}(${claim.decisionId}, ${claim.groupCode}${coefficient ? `, coefficient ${coefficient}` : ''})`;
}

/** A person with their household and decisions, as the snapshot page and the operator look-up load them. */
export interface HouseholdMember {
  readonly id: string;
  readonly householdId?: string;
  readonly facts: PersonFacts;
  readonly householdPoverty: readonly YearPoverty[];
  readonly decisions: readonly { readonly id: string; readonly decisionNumber?: string; readonly facts: DecisionFacts }[];
}

/**
 * The rule applied to loaded persons: their couple-group decisions decided with decideMonth (the same rules as
 * every decision), the payable ones turned into claims, then oneCareAllowancePerCouple. `members` must hold, for
 * each household concerned, every person of it holding such a decision.
 */
export function coupleCareRefusals(members: readonly HouseholdMember[], month: string, scope: RunScope): Map<string, NotPayableMonth> {
  return oneCareAllowancePerCouple(careClaims(members, month, scope), month);
}

/**
 * Whether a person of the household other than `personId` holds a couple-group decision payable in `month`: then the
 * couple's one care allowance is theirs that month, whoever the rule would pick today (a spouse paid it while this
 * person's own decision was suspended must not be owed it again as arrears).
 */
export function anotherSpouseHoldsCare(personId: string, householdId: string | undefined, members: readonly HouseholdMember[], month: string, scope: RunScope): boolean {
  if (!householdId) return false;
  const spouses = members.filter((member) => member.id !== personId && member.householdId === householdId);
  return careClaims(spouses, month, scope).length > 0;
}

/** The couple-group decisions of members of a household that are payable in the month, in the whole province. */
function careClaims(members: readonly HouseholdMember[], month: string, scope: RunScope): CareClaim[] {
  const anyCommune = provinceWide(scope);
  const claims: CareClaim[] = [];
  for (const member of members) {
    if (!member.householdId) continue;
    for (const decision of member.decisions) {
      if (!isCoupleCareGroup(decision.facts.groupCode)) continue;
      const input: EligibilityInput = { person: member.facts, householdPoverty: member.householdPoverty, decision: decision.facts, scope: anyCommune };
      const result = decideOrNot(input, month);
      if (!result?.payable) continue;
      claims.push({
        decisionId: decision.id,
        personId: member.id,
        householdId: member.householdId,
        groupCode: result.groupCode,
        effectiveFrom: decision.facts.effectiveFrom,
        ...(decision.decisionNumber && { decisionNumber: decision.decisionNumber }),
      });
    }
  }
  return claims;
}

/** A decision that cannot be decided (bad register data) claims nothing: it is the decision's own INVALID_DECISION. */
function decideOrNot(input: EligibilityInput, month: string): ReturnType<typeof decideMonth> | undefined {
  try {
    return decideMonth(input, month);
  } catch {
    return undefined;
  }
}
