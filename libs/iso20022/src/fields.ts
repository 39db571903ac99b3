import { Iso20022Error } from './errors';

/** Max35Text: MsgId, PmtInfId, InstrId, EndToEndId. The EndToEndId is our payment id and comes back everywhere. */
export const MAX_ID_LENGTH = 35;
/** Max140Text: names and the unstructured narrative. */
export const MAX_TEXT_LENGTH = 140;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DIGITS = /^\d+$/;
/** ISODateTime: a time of day with its offset (Z, +07:00, +0700) or without (local time). A date alone passes too. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:0\d|1[0-4]):?[0-5]\d)?)?$/;

export function checkId(value: string, path: string): string {
  if (value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new Iso20022Error(`must be 1 to ${MAX_ID_LENGTH} characters, got ${value.length}`, path);
  }
  return value;
}

export function checkText(value: string, path: string): string {
  if (value.length === 0 || value.length > MAX_TEXT_LENGTH) {
    throw new Iso20022Error(`must be 1 to ${MAX_TEXT_LENGTH} characters, got ${value.length}`, path);
  }
  return value;
}

export function checkDate(value: string, path: string): string {
  if (!ISO_DATE.test(value)) throw new Iso20022Error(`"${value}" is not a date YYYY-MM-DD`, path);
  return value;
}

export function checkDateTime(value: string, path: string): string {
  if (!ISO_DATE_TIME.test(value)) throw new Iso20022Error(`"${value}" is not a date-time`, path);
  checkDate(value.slice(0, 10), path);
  return value;
}

export function checkCount(value: string, path: string): number {
  if (!DIGITS.test(value) || value.length > 15) throw new Iso20022Error(`"${value}" is not a count`, path);
  return Number(value);
}
