import { Iso20022Error } from './errors';

/** Max35Text: MsgId, PmtInfId, InstrId, EndToEndId. The EndToEndId is our payment id and comes back everywhere. */
export const MAX_ID_LENGTH = 35;
/** Max140Text: names and the unstructured narrative. */
export const MAX_TEXT_LENGTH = 140;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DIGITS = /^\d+$/;

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

export function checkCount(value: string, path: string): number {
  if (!DIGITS.test(value) || value.length > 15) throw new Iso20022Error(`"${value}" is not a count`, path);
  return Number(value);
}
