import type { Dong } from '@benefits/money';
import type { TableName } from './catalogue';
import type { Month } from './month';

/**
 * One version of a rate table as an operator (or the seed data) entered it: what one legal instrument
 * published, from which month, and when it was entered. Versions are never edited; a correction or a new
 * decree is a new version. For a month, the version entered last among those covering the month wins, so a
 * version entered later with an earlier effective date supersedes for the months it covers.
 */
export interface TableVersion {
  readonly id: string;
  readonly table: TableName;
  /** The programme for `standard_level`, the 2-digit province code for `province_topup`; absent otherwise. */
  readonly scope?: string;
  readonly effectiveFrom: Month;
  /** Last month covered, inclusive; absent = until superseded. */
  readonly effectiveTo?: Month;
  /** ISO-8601 date or date-time at which the version was entered. */
  readonly enteredAt: string;
  /** The legal instrument, e.g. "Decree 76/2024/ND-CP". */
  readonly instrument: string;
  /** How sure we are of the figures and what to verify. */
  readonly confidence: string;
  /** Meritorious tables: the meritorious standard level the fixed amounts were computed from. */
  readonly standardLevel?: Dong;
  readonly rows: readonly RateRow[];
}

export interface RateRow {
  /** Group code, supplement code, programme (standard levels) or injury rate in percent ("81"). */
  readonly key: string;
  /** Whole đồng, for amount tables. */
  readonly amount?: Dong;
  /** Exact decimal such as "2.5", for coefficient tables. */
  readonly coefficient?: string;
  /** Optional narrower period of this row inside the version's period. */
  readonly from?: Month;
  readonly to?: Month;
  /** The article or appendix, e.g. "Art.5(1)"; cited together with the version's instrument. */
  readonly source?: string;
  readonly note?: string;
}
