/**
 * What decideMonth reads and returns: plain data, dates as 'YYYY-MM-DD', months as 'YYYY-MM'.
 * Periods are inclusive at both ends; an open `to` means "still so".
 */
import type { Combination, Programme } from './benefit-groups';
import type { IsoDate, Month } from './months';
import type { Sex } from './national-id';

export interface Period {
  readonly from: IsoDate;
  readonly to?: IsoDate;
}

/** Where the person lives. The commune of residence on the last day of the month before pays a month (residenceDay). */
export interface Residence extends Period {
  readonly communeCode: string;
  readonly provinceCode: string;
  /** Hamlet or street address in the commune (thôn, ấp, tổ, khóm; số nhà): printed on the post office's cash list. */
  readonly address?: string;
  /** When the register learned it (ISO timestamp): a move recorded after a run may owe that run's months (late-decision.ts). */
  readonly recordedAt?: string;
}

/** The longest address the register keeps (an import column, an API field). */
export const ADDRESS_MAX_LENGTH = 200;

export interface PersonFacts {
  readonly dateOfBirth: IsoDate;
  readonly dateOfDeath?: IsoDate;
  readonly sex: Sex;
  readonly residences: readonly Residence[];
}

export type PovertyStatus = 'poor' | 'near_poor' | 'none';

/** The household's status on the poverty list of a calendar year; a year without a row counts as 'none'. */
export interface YearPoverty {
  readonly year: number;
  readonly status: PovertyStatus;
  /** When the register learned it (ISO timestamp): a list recorded after a run may owe that run's months. */
  readonly recordedAt?: string;
}

export type DecisionStatus = 'active' | 'suspended' | 'terminated';

/**
 * One change of the decision's status, in force from `from`. A change takes effect for the months whose first day
 * is on or after `from` (a suspension from 2026-04-01 stops April; one from 2026-04-15 stops May).
 * `withArrears` on an 'active' change that ends a suspension means the suspended months are owed (truy lĩnh,
 * Circular 02/2021/TT-BLĐTBXH Art.6): those months become payable again.
 */
export interface StatusChange {
  readonly status: DecisionStatus;
  readonly from: IsoDate;
  readonly reason?: string;
  /** A termination's code from the closed list (life-events/domain/termination.ts), e.g. MOVED_OUT; a suspension's PAYEE_REPORTED_DECEASED. */
  readonly reasonCode?: string;
  readonly withArrears?: boolean;
  /**
   * When a resumption with arrears was recorded in the register (ISO timestamp; the snapshot loads it for those only):
   * one recorded after a run is owed arrears by the next one.
   */
  readonly recordedAt?: string;
}

/** A child of a single parent (SA_SINGLE_PARENT_POOR is paid per eligible child). */
export interface ChildFacts {
  readonly dateOfBirth: IsoDate;
  readonly studyPeriods?: readonly Period[];
}

export interface DecisionAttributes {
  /** When the person of the decision studies; a month counts as studying if any period touches it. */
  readonly studyPeriods?: readonly Period[];
  /** War invalids: injury rate in percent, 21-100. */
  readonly injuryRate?: number;
  readonly especiallySevereWound?: boolean;
  /** Pre-1945 salaried revolutionaries: years of seniority for the supplement. */
  readonly seniorityYears?: number;
  readonly children?: readonly ChildFacts[];
}

export interface DecisionFacts {
  readonly programme: Programme;
  /** A family code (SA_CHILD_NO_SUPPORT) or a group code that stands for its family (SA_CHILD_NO_SUPPORT_U4). */
  readonly groupCode: string;
  readonly signedOn: IsoDate;
  readonly effectiveFrom: IsoDate;
  readonly effectiveTo?: IsoDate;
  /** Disability groups: the date the disability certificate was issued. */
  readonly certificateDate?: IsoDate;
  readonly statusHistory: readonly StatusChange[];
  readonly attributes?: DecisionAttributes;
  /**
   * A care allowance held by the caring household's representative (GroupFamily.mayNameCaredFor): the person cared
   * for, whose age bands the allowance and whose death ends it. Absent: the holder is the person cared for.
   */
  readonly caredFor?: CaredFor;
  /**
   * The decision amends an earlier one (quyết định điều chỉnh, life-events/domain/amendment.ts): it continues that
   * decision with new facts from effectiveFrom, so it is paid from the month of effectiveFrom whatever the family's
   * start rule (the rule already started the decision it amends).
   */
  readonly amends?: boolean;
}

/** The person a care allowance is for, as the register knows them. */
export interface CaredFor {
  readonly personRef: string;
  readonly dateOfBirth: IsoDate;
  readonly dateOfDeath?: IsoDate;
  /** Where they lived: a household of this province is paid for caring for them only while they live in it. */
  readonly residences: readonly Residence[];
}

/** The run's scope: the paying province, and optionally only some programmes or communes. */
export interface RunScope {
  readonly provinceCode: string;
  readonly programmes?: readonly Programme[];
  readonly communeCodes?: readonly string[];
}

/**
 * The run's scope without its communes: what is decided for the household (one care allowance per couple) and for
 * past months (arrears are paid where the person lives now) counts wherever in the province the person lived.
 */
export function provinceWide(scope: RunScope): RunScope {
  return { provinceCode: scope.provinceCode, ...(scope.programmes && { programmes: scope.programmes }) };
}

export interface EligibilityInput {
  readonly person: PersonFacts;
  readonly householdPoverty: readonly YearPoverty[];
  readonly decision: DecisionFacts;
  readonly scope: RunScope;
}

/** The facts entitlement needs to price the month. */
export interface EligibilityInputs {
  readonly ageYears: number;
  readonly disabilityLevel?: 'severe' | 'especially_severe';
  readonly injuryRate?: number;
  readonly especiallySevereWound?: boolean;
  readonly seniorityYears?: number;
  /** Per-child groups: the number of eligible children this month. */
  readonly children?: number;
  readonly studying?: boolean;
  readonly povertyStatus?: PovertyStatus;
}

export interface PayableMonth {
  readonly payable: true;
  readonly month: Month;
  readonly programme: Programme;
  readonly family: string;
  /** The banded group for this month: it selects the coefficient or the meritorious table row. */
  readonly groupCode: string;
  readonly coefficient?: string;
  readonly combination: Combination;
  readonly payee: 'beneficiary' | 'caring_household';
  /** A care allowance held by the caring household: the person cared for (their age is inputs.ageYears). */
  readonly caredForRef?: string;
  readonly communeCode: string;
  readonly provinceCode: string;
  /** The first month the decision is payable by its start rule (see decideMonth, check 4). */
  readonly startMonth: Month;
  /** The month was suspended, and the suspension was later lifted with arrears. */
  readonly arrearsAfterSuspension: boolean;
  readonly inputs: EligibilityInputs;
}

export type IneligibilityReason =
  | 'INVALID_DECISION'
  | 'OUT_OF_SCOPE'
  | 'DECEASED'
  /** A care allowance held by the caring household: the person cared for died (from the month after). */
  | 'CARED_FOR_DECEASED'
  /** A care allowance held by the caring household: the person cared for lives outside the province (from the month after the move). */
  | 'CARED_FOR_MOVED_AWAY'
  | 'NOT_YET_STARTED'
  | 'ENDED'
  | 'TERMINATED'
  | 'SUSPENDED'
  | 'MOVED_OUT_OF_PROVINCE'
  | 'AGE_OUT_OF_RANGE'
  | 'NOT_STUDYING'
  | 'NOT_POOR'
  | 'SOCIAL_PENSION_TOO_YOUNG'
  | 'NO_ELIGIBLE_CHILDREN'
  /** Across a household, not by decideMonth: the spouse is paid the one care allowance (one-care-allowance.ts). */
  | 'ONE_CARE_ALLOWANCE_PER_COUPLE';

export interface NotPayableMonth {
  readonly payable: false;
  readonly month: Month;
  readonly reason: IneligibilityReason;
  /** One sentence for the operator. */
  readonly detail: string;
  /** The reason recorded on the decision for a suspension or termination. */
  readonly decisionReason?: string;
  /** TERMINATED by an operator's termination: its reason code (e.g. MOVED_OUT, RECOVERED). */
  readonly decisionReasonCode?: string;
}

export type MonthDecision = PayableMonth | NotPayableMonth;
