import type { Dong } from '@benefits/money';
import type { Programme } from './catalogue';
import type { Month } from './month';

/** One payable item from eligibility for a person and a month. */
export interface EntitlementItem {
  readonly programme: Programme;
  /** Already banded by age for the month, e.g. SA_CHILD_NO_SUPPORT_U4. */
  readonly groupCode: string;
  /**
   * The decision's group as the register keeps it (eligibility's family, e.g. SA_CHILD_NO_SUPPORT): a termination names
   * this one, not the band of a month. Not used in pricing.
   */
  readonly family?: string;
  /** SA_SINGLE_PARENT_POOR: the number of children the allowance is paid for. */
  readonly children?: number;
  /** War invalids: injury rate in whole percent (21-100). */
  readonly injuryRate?: number;
  /** Meritorious groups >= 81% with an especially severe wound or illness. */
  readonly especiallySevere?: boolean;
  /** NCC_PRE1945_SALARIED: years of seniority before 1945. */
  readonly seniorityYears?: number;
  /** Care allowances paid to another household: that household's reference. */
  readonly recipientRef?: string;
  /**
   * A care allowance held by the caring household, who is the person paid: the person cared for. A household caring
   * for several persons holds the same care group once for each (D20 Art.20: "per person").
   */
  readonly caredForRef?: string;
}

export interface EntitlementInput {
  readonly personRef: string;
  /** 2-digit province code, for the province's top-ups. */
  readonly provinceCode?: string;
  readonly items: readonly EntitlementItem[];
}

export type ComponentKind = 'standard_x_coefficient' | 'table_amount' | 'supplement' | 'care_allowance' | 'province_topup';

export interface Component {
  readonly programme: Programme;
  readonly groupCode: string;
  readonly kind: ComponentKind;
  /** Supplements: the supplement's code in the meritorious table (NCC_SUPP_INVALID_81 ...). */
  readonly supplementCode?: string;
  readonly standardLevel?: Dong;
  readonly coefficient?: string;
  readonly amount: Dong;
  /** The instrument and article of the rate that priced the component. */
  readonly instrument: string;
  /** The instrument of the standard level, for components priced as standard level × coefficient. */
  readonly levelInstrument?: string;
  /** Paid to another household (care allowances); absent = paid to the person. */
  readonly recipientRef?: string;
  readonly text: string;
}

export interface MonthEntitlement {
  readonly personRef: string;
  readonly month: Month;
  readonly components: readonly Component[];
  readonly total: Dong;
  readonly explanation: readonly string[];
}

/** Components priced by one rule, and why other items were not paid. */
export interface Priced {
  readonly components: readonly Component[];
  readonly notes: readonly string[];
}
