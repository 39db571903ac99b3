import { decimal, formatDecimal, formatDong, multiply, type Dong } from '@benefits/money';
import { FUNERAL_RULES } from '../data/funeral-support';
import { EntitlementError } from './errors';
import { monthOfDate, type Month } from './month';
import type { RateBook } from './rate-book';

/** Funeral support of a scheme as a multiple of a standard level at the date of death. */
export interface FuneralRule {
  readonly programme: 'social_assistance' | 'social_pension';
  readonly levelOf: 'social_assistance' | 'social_pension';
  readonly multiple: string;
  readonly instrument: string;
  readonly confidence: string;
}

/** Funeral support another scheme would pay (meritorious, social insurance ...), computed by that scheme. */
export interface OtherFuneralScheme {
  readonly scheme: string;
  readonly amount: Dong;
  readonly instrument: string;
}

export interface FuneralInput {
  readonly personRef: string;
  /** "YYYY-MM-DD" */
  readonly dateOfDeath: string;
  /** The monthly programmes the person was on when they died. */
  readonly programmes: readonly ('social_assistance' | 'social_pension')[];
  readonly otherSchemes?: readonly OtherFuneralScheme[];
}

export interface FuneralOption {
  readonly scheme: string;
  readonly amount: Dong;
  readonly instrument: string;
  readonly text: string;
}

export interface FuneralSupport {
  readonly personRef: string;
  readonly month: Month;
  /** The scheme that pays: the highest option. */
  readonly scheme: string;
  readonly amount: Dong;
  readonly instrument: string;
  readonly options: readonly FuneralOption[];
  readonly explanation: readonly string[];
}

export class NoFuneralSchemeError extends EntitlementError {
  readonly code = 'NO_FUNERAL_SCHEME';
  constructor(readonly personRef: string) {
    super(`${personRef}: no scheme pays funeral support`);
  }
}

/**
 * Funeral support when a person on monthly social assistance or the social pension dies: the multiple of the
 * standard level in force in the month of death (20 × 500,000 = 10,000,000), and only the highest if several
 * schemes apply (D20 Art.11).
 */
export function computeFuneralSupport(input: FuneralInput, book: RateBook, rules: readonly FuneralRule[] = FUNERAL_RULES): FuneralSupport {
  const month = monthOfDate(input.dateOfDeath);
  const ours = rules.filter((rule) => input.programmes.includes(rule.programme)).map((rule) => option(rule, month, book));
  const others = (input.otherSchemes ?? []).map((o) => ({ ...o, text: `${formatDong(o.amount)} (${o.scheme}, ${o.instrument})` }));
  const options = [...ours, ...others];
  if (options.length === 0) throw new NoFuneralSchemeError(input.personRef);
  const paid = options.reduce((best, o) => (o.amount > best.amount ? o : best));
  const notPaid = options.filter((o) => o !== paid).map((o) => `${o.scheme} ${formatDong(o.amount)} not paid: only the highest funeral support is paid (Decree 20/2021/ND-CP Art.11)`);
  return {
    personRef: input.personRef,
    month,
    scheme: paid.scheme,
    amount: paid.amount,
    instrument: paid.instrument,
    options,
    explanation: [paid.text, ...notPaid],
  };
}

/** The monthly programmes whose death pays funeral support. */
export const FUNERAL_PROGRAMMES: readonly FuneralInput['programmes'][number][] = ['social_assistance', 'social_pension'];

/**
 * What a funeral support recorded earlier is owed on top, now that the book prices its month higher (a rate table
 * entered later for the month of death, as Decree 335/2026 was): the difference, with why; nothing if no more is owed
 * (the law never lowers a level: a lower figure is not taken back).
 */
export function funeralTopUp(recorded: Dong, now: FuneralSupport): { amount: Dong; explanation: string[] } | undefined {
  if (now.amount <= recorded) return undefined;
  const amount = now.amount - recorded;
  const [first, ...rest] = now.explanation;
  return { amount, explanation: [`${first}; ${formatDong(recorded)} recorded before: ${formatDong(amount)} more`, ...rest] };
}

function option(rule: FuneralRule, month: Month, book: RateBook): FuneralOption {
  const level = book.levelFor(rule.levelOf, month);
  const amount = multiply(level.amount, rule.multiple);
  return {
    scheme: rule.programme,
    amount,
    instrument: rule.instrument,
    text: `${formatDecimal(decimal(rule.multiple))} × ${formatDong(level.amount)} = ${formatDong(amount)} funeral support (${rule.programme}, ${rule.instrument}; level: ${level.instrument})`,
  };
}
