/** Shapes of the administrative-unit data rows (see admin-units.ts for the sources). */

/** A calendar date 'YYYY-MM-DD': the day a unit is looked up on (codes are reused across the 2025 merger). */
export type IsoDate = string;

/** Kinds before 2025-07-01: commune, ward, township; after: commune, ward, special zone. */
export type CommuneKind = 'xa' | 'phuong' | 'thi_tran' | 'dac_khu';

/**
 * How sure a row is:
 *   high    read in the official text and consistent with the other sources;
 *   medium  read in the official text, but one link of the row is inferred (see the row's note or comment);
 *   low     inferred only: check before relying on it.
 */
export type Confidence = 'high' | 'medium' | 'low';

export interface NewCommuneRow {
  readonly code: string;
  readonly kind: CommuneKind;
  readonly name: string;
  readonly confidence: Confidence;
  readonly note?: string;
}

export interface PredecessorRow {
  readonly province: string;
  readonly district: string;
  readonly code: string;
  readonly kind: CommuneKind;
  readonly name: string;
  readonly newCode: string;
  /** Clause of NQ 1654/NQ-UBTVQH15 Art.1 (97: units kept unchanged). */
  readonly clause: number;
  /** Only part of the old unit went into this new one. */
  readonly part?: true;
  /** The old unit had already merged into a neighbour before 2025-06-30. */
  readonly before2025?: true;
  readonly confidence: Confidence;
}
