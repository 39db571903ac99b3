/**
 * Terminating one decision (quyết định thôi hưởng / chấm dứt trợ cấp), pure: the request is checked and turned into
 * the status change the register appends. The payment rule itself stays in eligibility-rules.ts: a decision is
 * paid for the month that contains its last day paid (`effectiveTo`) and stops from the month after (D20: stop
 * from the month after the loss of eligibility), since the termination's status row begins the day after.
 */
import { MERGER_2025_FIRST_DAY } from '@benefits/admin-units';
import type { StatusChange } from '../../domain/eligibility-input';
import { addMonths, isIsoDate, monthOf, type IsoDate, type Month } from '../../domain/months';
import { maskQuoted } from '../../domain/national-id';
import type { FieldProblem } from '../../shared/errors';

/** Why a decision ends: a closed list, each with the sentence the register keeps (domain brief, D20). */
export const TERMINATION_REASONS = {
  NO_LONGER_ELIGIBLE: 'no longer meets the conditions of the benefit group',
  MOVED_OUT: 'moved away: the old commune stops, the new one pays from the month after',
  RECOVERED: 'no longer disabled (re-assessment)',
  AGED_OUT: 'turned 16 (or left the age group) and is not studying',
  STUDIES_ENDED: 'studies ended, or turned 22',
  OTHER_BENEFIT: 'paid another benefit instead (only the higher one is paid)',
  DUPLICATE: 'a duplicate of another decision',
  OTHER: 'another reason (see the note)',
} as const;

export type TerminationReasonCode = keyof typeof TERMINATION_REASONS;
export const TERMINATION_REASON_CODES = Object.keys(TERMINATION_REASONS) as TerminationReasonCode[];

/** Reasons that are not a termination: the fact is recorded as a life event, which stops every decision itself. */
const RECORDED_AS_LIFE_EVENTS: Readonly<Record<string, string>> = {
  DECEASED: 'a death is recorded as a life event (kind death): it stops every decision from the month after the death',
};

export const SIGNING_LEVELS = ['district', 'commune'] as const;

export interface TerminationRequest {
  readonly effectiveTo: string;
  readonly reasonCode: string;
  readonly note?: string;
  readonly decisionNumber: string;
  readonly signingLevel: string;
  readonly signedOn: string;
}

export interface Termination {
  /** The last day paid. */
  readonly effectiveTo: IsoDate;
  readonly reasonCode: TerminationReasonCode;
  readonly note?: string;
  /** The terminating decision: its number, who signed it and when. */
  readonly decisionNumber: string;
  readonly signingLevel: (typeof SIGNING_LEVELS)[number];
  readonly signedOn: IsoDate;
}

/** The decision being terminated, as the register has it. */
export interface TerminatedDecision {
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo?: IsoDate;
  readonly signedOn: IsoDate;
  readonly statusHistory: readonly StatusChange[];
}

export type TerminationCheck =
  | { readonly ok: true; readonly status: StatusChange & { readonly reasonCode: TerminationReasonCode }; readonly firstMonthNotPaid: Month }
  | { readonly ok: false; readonly alreadyTerminated: StatusChange }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** The request on its own: dates, the reason code, the terminating decision's number, level and date. */
export function parseTermination(request: TerminationRequest, today: IsoDate): { termination?: Termination; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, code: string, reason: string) => problems.push({ field, code, reason });
  const effectiveTo = date(request.effectiveTo, 'effectiveTo', problem);
  const signedOn = date(request.signedOn, 'signedOn', problem);
  if (signedOn && signedOn > today) problem('signedOn', 'DATE_IN_FUTURE', `signedOn ${signedOn} is after today (${today})`);

  const reasonCode = TERMINATION_REASON_CODES.find((code) => code === request.reasonCode);
  const note = request.note?.trim() || undefined;
  if (RECORDED_AS_LIFE_EVENTS[request.reasonCode]) problem('reasonCode', 'RECORDED_AS_LIFE_EVENT', RECORDED_AS_LIFE_EVENTS[request.reasonCode]);
  else if (!reasonCode) problem('reasonCode', 'NOT_ALLOWED', `reasonCode must be one of ${TERMINATION_REASON_CODES.join(', ')}`);
  if (reasonCode === 'OTHER' && !note) problem('note', 'REQUIRED', 'reasonCode OTHER needs a note saying why');

  const decisionNumber = request.decisionNumber?.trim() ?? '';
  if (!decisionNumber) problem('decisionNumber', 'REQUIRED', 'the number of the terminating decision is required');
  else if (decisionNumber.length > 100) problem('decisionNumber', 'TOO_LONG', 'decisionNumber has more than 100 characters');
  const signingLevel = SIGNING_LEVELS.find((level) => level === request.signingLevel);
  if (!signingLevel) problem('signingLevel', 'NOT_ALLOWED', `signingLevel must be one of ${SIGNING_LEVELS.join(', ')}`);
  if (signingLevel === 'district' && signedOn && signedOn >= MERGER_2025_FIRST_DAY) {
    problem('signingLevel', 'DISTRICT_ABOLISHED', `districts were abolished on ${MERGER_2025_FIRST_DAY}: a decision signed on ${signedOn} is signed by the commune`);
  }
  if (problems.length > 0 || !effectiveTo || !signedOn || !reasonCode || !signingLevel) return { problems };
  return { termination: { effectiveTo, reasonCode, ...(note && { note }), decisionNumber, signingLevel, signedOn }, problems };
}

/**
 * The termination against the decision: terminated once only (a second one is a conflict, whatever its dates); the
 * last day paid not before the decision starts nor after it ends; signed after the decision it ends. Gives the
 * status row to append: 'terminated' from the day after the last day paid.
 */
export function checkTermination(termination: Termination, decision: TerminatedDecision): TerminationCheck {
  const alreadyTerminated = decision.statusHistory.find((change) => change.status === 'terminated');
  if (alreadyTerminated) return { ok: false, alreadyTerminated };
  const problems: FieldProblem[] = [];
  const { effectiveTo, signedOn } = termination;
  if (effectiveTo < decision.effectiveFrom) {
    problems.push({ field: 'effectiveTo', code: 'BEFORE_EFFECTIVE_FROM', reason: `effectiveTo ${effectiveTo} is before the decision takes effect (${decision.effectiveFrom})` });
  }
  if (decision.effectiveTo && effectiveTo > decision.effectiveTo) {
    problems.push({ field: 'effectiveTo', code: 'AFTER_DECISION_END', reason: `the decision already ends on ${decision.effectiveTo}: effectiveTo ${effectiveTo} would change nothing` });
  }
  if (signedOn < decision.signedOn) {
    problems.push({ field: 'signedOn', code: 'BEFORE_DECISION_SIGNED', reason: `signedOn ${signedOn} is before the decision it terminates was signed (${decision.signedOn})` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const label = TERMINATION_REASONS[termination.reasonCode];
  return {
    ok: true,
    status: {
      status: 'terminated',
      from: dayAfter(effectiveTo),
      reason: termination.note ? `${label}: ${termination.note}` : label,
      reasonCode: termination.reasonCode,
    },
    firstMonthNotPaid: addMonths(monthOf(effectiveTo), 1),
  };
}

export function dayAfter(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function date(value: string | undefined, field: string, problem: (field: string, code: string, reason: string) => void): IsoDate | undefined {
  if (!value) {
    problem(field, 'REQUIRED', `${field} is required (YYYY-MM-DD)`);
    return undefined;
  }
  if (isIsoDate(value)) return value;
  // Echoed masked: a value typed in the wrong field may be an ID number.
  problem(field, 'INVALID_DATE', `${field} "${maskQuoted(value)}" is not a date (YYYY-MM-DD)`);
  return undefined;
}
