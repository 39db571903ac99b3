/**
 * Amending a decision (quyết định điều chỉnh), pure: a commune chairman's decision that changes the facts of an
 * earlier decision — its group (a disability re-assessed as especially severe), its attributes (injury rate, children,
 * studies), its certificate date or its end — from the first day of a month. The register keeps history instead of
 * editing it: the earlier decision is terminated from that day (reason AMENDED, its months before stay as they were
 * paid) and an amending decision continues it with the new facts, naming the decision it amends. The amending decision
 * is paid from the month of its effectiveFrom (DecisionFacts.amends), whenever it is signed.
 *
 * Payments: a level changes "from the month" (domain brief), so an amendment takes effect on the 1st: the earlier
 * decision pays up to the month before, the amending one from that month, never both in one month. A backdated
 * amendment is settled by the next run: the amending decision is new since the last run, so its months before the run
 * are re-priced (late-decision.ts) against what the earlier decision paid, giving arrears or a recovery of the
 * difference only.
 */
import type { Programme } from '@benefits/contracts';
import { resolveFamily, type GroupFamily } from '../../domain/benefit-groups';
import type { DecisionAttributes, StatusChange } from '../../domain/eligibility-input';
import { statusInForce } from '../../domain/eligibility-rules';
import { monthOf, parseIsoDate, type IsoDate, type Month } from '../../domain/months';
import type { ColumnName, RawRow, RegisterRow } from '../../imports/domain/import-layout';
import { validateDecision } from '../../imports/domain/validate-row';
import type { FieldProblem } from '../../shared/errors';

/** The reason code of the status row that ends an amended decision (not one an operator picks: see termination.ts). */
export const AMENDED = 'AMENDED';

/** What the amendment changes; a field left out keeps the amended decision's value. */
export interface AmendmentChanges {
  readonly groupCode?: string;
  readonly certificateDate?: string;
  readonly effectiveTo?: string;
  readonly injuryRate?: number;
  readonly especiallySevereWound?: boolean;
  readonly seniorityYears?: number;
  readonly studyingFrom?: string;
  readonly studyingTo?: string;
  readonly childrenBirthDates?: readonly string[];
}

export interface AmendmentRequest extends AmendmentChanges {
  /** The first day of the first month the new facts apply to. */
  readonly effectiveFrom: string;
  /** The amending decision: its number, who signed it and when. */
  readonly decisionNumber: string;
  readonly signingLevel: string;
  readonly signedOn: string;
  readonly note?: string;
}

/** A decision as the register has it (the one being amended; terminations read the same, locked-decision.ts). */
export interface AmendedDecision {
  readonly programme: Programme;
  readonly groupCode: string;
  readonly decisionNumber: string;
  readonly signedOn: IsoDate;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo?: IsoDate;
  readonly certificateDate?: IsoDate;
  readonly attributes: DecisionAttributes;
  /** A care allowance held by the caring household: the person cared for (kept by the amending decision). */
  readonly caredForPersonId?: string;
  readonly statusHistory: readonly StatusChange[];
}

export type AmendmentPlan =
  | {
      readonly ok: true;
      /** The amending decision to record (amends the earlier one). */
      readonly successor: RegisterRow['decision'];
      /** The status row that ends the earlier decision. */
      readonly termination: StatusChange & { readonly reasonCode: typeof AMENDED };
      /** The earlier decision's last day paid. */
      readonly lastDayPaid: IsoDate;
      readonly firstMonthAmended: Month;
    }
  | { readonly ok: false; readonly alreadyTerminated: StatusChange }
  | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** Where each register column sits in the amendment request, to name the field of a problem. */
const REQUEST_FIELDS: Partial<Record<ColumnName, string>> = {
  group_code: 'groupCode', decision_number: 'decisionNumber', signing_level: 'signingLevel', signed_on: 'signedOn',
  effective_from: 'effectiveFrom', effective_to: 'effectiveTo', certificate_date: 'certificateDate', injury_rate: 'injuryRate',
  especially_severe_wound: 'especiallySevereWound', seniority_years: 'seniorityYears', studying_from: 'studyingFrom',
  studying_to: 'studyingTo', children_birth_dates: 'childrenBirthDates',
};

/**
 * The amendment against the decision it amends: not already ended by a termination; from the 1st of a month not
 * before the decision's first month nor after its end; signed after it; changing something. The amending decision's
 * facts are checked as an import row's decision would be (group of the programme, dates, required attributes).
 */
export function planAmendment(request: AmendmentRequest, decision: AmendedDecision, today: IsoDate): AmendmentPlan {
  const alreadyTerminated = decision.statusHistory.find((change) => change.status === 'terminated');
  if (alreadyTerminated) return { ok: false, alreadyTerminated };

  const problems: FieldProblem[] = [];
  const problem = (field: string, code: string, reason: string) => problems.push({ field, code, reason });
  const from = isoDate(request.effectiveFrom);
  if (!from) problem('effectiveFrom', request.effectiveFrom ? 'INVALID_DATE' : 'REQUIRED', 'effectiveFrom must be a date (YYYY-MM-DD), the 1st of a month');
  else if (!from.endsWith('-01')) problem('effectiveFrom', 'NOT_FIRST_OF_MONTH', `an amendment takes effect from the 1st of a month (a level changes from the month), not ${from}`);
  else if (monthOf(from) < monthOf(decision.effectiveFrom)) {
    problem('effectiveFrom', 'BEFORE_DECISION', `effectiveFrom ${from} is before the month the decision takes effect (${decision.effectiveFrom})`);
  } else if (decision.effectiveTo && from > decision.effectiveTo) {
    problem('effectiveFrom', 'AFTER_DECISION_END', `the decision ends on ${decision.effectiveTo}: there is nothing left to amend from ${from}`);
  } else {
    const suspension = suspensionFrom(decision.statusHistory, from);
    if (suspension) {
      problem('effectiveFrom', 'DECISION_SUSPENDED', `the decision is suspended from ${suspension.from}: the amending decision would be paid in its suspended months; resume it first, or amend it from a day after its last suspension ended`);
    }
  }

  // The amending decision as a register row's decision: the earlier facts, then the changes, then its own signature.
  const raw: RawRow = {
    ...decisionColumns(decision),
    ...changedColumns(request),
    decision_number: request.decisionNumber ?? '',
    signing_level: request.signingLevel ?? '',
    signed_on: request.signedOn ?? '',
    effective_from: from && from > decision.effectiveFrom ? from : decision.effectiveFrom,
  };
  const checked = validateDecision(raw, today);
  for (const p of checked.problems) problem(REQUEST_FIELDS[p.field] ?? p.field, p.code, p.reason.replace(p.field, REQUEST_FIELDS[p.field] ?? p.field));
  const successor = checked.decision;
  if (successor && successor.signedOn < decision.signedOn) {
    problem('signedOn', 'BEFORE_DECISION_SIGNED', `signedOn ${successor.signedOn} is before the decision it amends was signed (${decision.signedOn})`);
  }
  if (successor && successor.decisionNumber === decision.decisionNumber) {
    problem('decisionNumber', 'SAME_DECISION', 'the amending decision has its own number, not the number of the decision it amends');
  }
  if (successor && decision.caredForPersonId && !resolvedFamily(successor.groupCode)?.mayNameCaredFor) {
    problem('groupCode', 'CARED_FOR_NOT_ALLOWED', `the decision is a care allowance for another person: ${successor.groupCode} cannot be held for someone else`);
  }
  if (successor && !changes(decision, successor)) problem('groupCode', 'NOTHING_CHANGED', 'the amendment changes none of the facts of the decision');
  if (problems.length > 0 || !from || !successor) return { ok: false, problems };

  const note = request.note?.trim();
  const reason = `amended by ${successor.decisionNumber} from ${from}${note ? `: ${note}` : ''}`;
  return {
    ok: true,
    successor,
    termination: { status: 'terminated', from, reason, reasonCode: AMENDED },
    lastDayPaid: dayBefore(from),
    firstMonthAmended: monthOf(from),
  };
}

/**
 * A suspension that holds on `from` or begins after it. The amending decision starts with a status of its own
 * (active): it would pay those months as if the suspension were not there, and the resumption that settles them
 * (with or without arrears) could no longer be recorded for the terminated decision.
 */
function suspensionFrom(history: readonly StatusChange[], from: IsoDate): StatusChange | undefined {
  const inForce = statusInForce(history, from);
  if (inForce?.status === 'suspended') return inForce;
  return history.find((change) => change.status === 'suspended' && change.from > from);
}

/** The register's decision back as the columns of a row. */
function decisionColumns(decision: AmendedDecision): RawRow {
  const a = decision.attributes;
  const study = a.studyPeriods?.[0];
  return {
    programme: decision.programme,
    group_code: decision.groupCode,
    effective_to: decision.effectiveTo ?? '',
    certificate_date: decision.certificateDate ?? '',
    injury_rate: a.injuryRate === undefined ? '' : String(a.injuryRate),
    especially_severe_wound: a.especiallySevereWound ? 'yes' : '',
    seniority_years: a.seniorityYears === undefined ? '' : String(a.seniorityYears),
    studying_from: study?.from ?? '',
    studying_to: study?.to ?? '',
    children_birth_dates: (a.children ?? []).map((child) => child.dateOfBirth).join(';'),
  };
}

function changedColumns(changes: AmendmentChanges): RawRow {
  const columns: RawRow = {};
  const set = (column: ColumnName, value: string | number | boolean | undefined) => {
    if (value !== undefined) columns[column] = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  };
  set('group_code', changes.groupCode);
  set('certificate_date', changes.certificateDate);
  set('effective_to', changes.effectiveTo);
  set('injury_rate', changes.injuryRate);
  set('especially_severe_wound', changes.especiallySevereWound);
  set('seniority_years', changes.seniorityYears);
  set('studying_from', changes.studyingFrom);
  set('studying_to', changes.studyingTo);
  if (changes.childrenBirthDates !== undefined) columns.children_birth_dates = changes.childrenBirthDates.join(';');
  return columns;
}

function changes(decision: AmendedDecision, successor: RegisterRow['decision']): boolean {
  const facts = (d: Pick<AmendedDecision, 'groupCode' | 'effectiveTo' | 'certificateDate' | 'attributes'>) =>
    JSON.stringify([d.groupCode.toUpperCase(), d.effectiveTo ?? null, d.certificateDate ?? null, sortedKeys(d.attributes)]);
  return facts(decision) !== facts(successor);
}

function resolvedFamily(groupCode: string): GroupFamily | undefined {
  const resolution = resolveFamily(groupCode);
  return resolution.found ? resolution.family : undefined;
}

function sortedKeys(attributes: DecisionAttributes): [string, unknown][] {
  return Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
}

function isoDate(value: string | undefined): IsoDate | undefined {
  if (!value) return undefined;
  try {
    return parseIsoDate(value);
  } catch {
    return undefined;
  }
}

function dayBefore(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

