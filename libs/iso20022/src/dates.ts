/**
 * Partners (the bank, the post office) work in Vietnamese time (UTC+7, no daylight saving): their dates are
 * Vietnamese dates. The one rule for reading a partner's date-time as a day, here beside the ISO 20022 parsers that
 * need it.
 */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026-11-05T08:00:00+07:00 */
export function vietnamDateTime(at: Date): string {
  return `${new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** An offset at the end of a date-time, as partners write it: Z, +07:00 or +0700. */
const OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The Vietnamese date of a partner's date (YYYY-MM-DD, as it is), date-time with its offset ("…T23:30:00Z" is the
 * next day), or local date-time without one (Vietnamese time: its own day, never the server's time zone's).
 */
export function partnerDay(text: string): string {
  return OFFSET.test(text) ? vietnamDate(new Date(text)) : text.slice(0, 10);
}
