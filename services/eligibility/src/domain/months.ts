/**
 * Calendar months and dates as plain strings: a Month is 'YYYY-MM', an IsoDate is 'YYYY-MM-DD'. Benefits are paid
 * by month, so every rule works in whole months; no Date objects and no time zones are involved.
 *
 * Ages use the birthday-month rule: a person reaches an age threshold in the month of the birthday, whatever the
 * day ("we apply age thresholds from the birthday month": the domain brief on D20). Born 2022-05-17: 3 in 2026-04,
 * 4 in 2026-05.
 */
export type Month = string & { readonly __brand: 'Month' };

/** A calendar date 'YYYY-MM-DD', checked with parseIsoDate where it enters the domain. */
export type IsoDate = string;

export class InvalidMonthError extends Error {
  readonly code = 'INVALID_MONTH';
  constructor(readonly input: string) {
    super(`Invalid month ${JSON.stringify(input)}: expected YYYY-MM`);
  }
}

export class InvalidDateError extends Error {
  readonly code = 'INVALID_DATE';
  constructor(readonly input: string) {
    super(`Invalid date ${JSON.stringify(input)}: expected an existing calendar date YYYY-MM-DD`);
  }
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isMonth(text: string): text is Month {
  return MONTH.test(text);
}

export function parseMonth(text: string): Month {
  if (!isMonth(text)) throw new InvalidMonthError(text);
  return text;
}

/** Checks that the text is an existing date (2025-02-29 is rejected) and returns it unchanged. */
export function parseIsoDate(text: string): IsoDate {
  if (!isIsoDate(text)) throw new InvalidDateError(text);
  return text;
}

/**
 * An existing date 'YYYY-MM-DD'. The digits are read in place (numberAt), not through a match array: a run checks
 * every date of every decision, several times.
 */
export function isIsoDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const year = numberAt(text, 0, 4);
  const month = numberAt(text, 5, 7);
  const day = numberAt(text, 8, 10);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The decimal number written by the digits of `text` from `start` to `end` (excluded), all known to be digits. */
function numberAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let at = start; at < end; at++) value = value * 10 + (text.charCodeAt(at) - 48);
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Plain arithmetic (no Date object): parseIsoDate runs for every date of every decision of a run. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function yearOf(month: Month): number {
  return numberAt(month, 0, 4);
}

function monthNumber(month: Month): number {
  return numberAt(month, 5, 7);
}

function fromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return parseMonth(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
}

function toIndex(month: Month): number {
  return yearOf(month) * 12 + monthNumber(month) - 1;
}

/** Negative when a is earlier than b, zero when equal, positive when later. */
export function compareMonths(a: Month, b: Month): number {
  return toIndex(a) - toIndex(b);
}

export function addMonths(month: Month, count: number): Month {
  if (!Number.isInteger(count)) throw new RangeError(`addMonths needs a whole number of months, got ${count}`);
  return fromIndex(toIndex(month) + count);
}

/** The month a date falls in: monthOf('2026-03-15') = '2026-03'. */
export function monthOf(date: IsoDate): Month {
  return parseMonth(parseIsoDate(date).slice(0, 7));
}

/** The first day of the month as a date: '2026-03' → '2026-03-01'. */
export function firstDayOf(month: Month): IsoDate {
  return `${month}-01`;
}

/** The last day of the month as a date: '2026-02' → '2026-02-28', '2024-02' → '2024-02-29'. */
export function lastDayOf(month: Month): IsoDate {
  return `${month}-${daysInMonth(yearOf(month), monthNumber(month))}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let index = toIndex(from); index <= toIndex(to); index++) months.push(fromIndex(index));
  return months;
}

/** Completed years in the given month, counting the birthday month as already reached. */
export function ageInMonth(dateOfBirth: IsoDate, month: Month): number {
  const birthMonth = monthOf(dateOfBirth);
  const years = yearOf(month) - yearOf(birthMonth);
  return monthNumber(month) < monthNumber(birthMonth) ? years - 1 : years;
}

/** The month is the birthday month of a person born on dateOfBirth (whatever the year). */
export function isBirthdayMonth(dateOfBirth: IsoDate, month: Month): boolean {
  return monthNumber(monthOf(dateOfBirth)) === monthNumber(month);
}

/** The month in which a person born on dateOfBirth turns `years` old: the birthday month of that year. */
export function monthTurning(dateOfBirth: IsoDate, years: number): Month {
  return addMonths(monthOf(dateOfBirth), years * 12);
}
