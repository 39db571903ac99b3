/** Partners work in Vietnamese time (UTC+7): their dates are Vietnamese dates. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;

export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** 2026-11-05T08:00:00+07:00 */
export function vietnamDateTime(at: Date): string {
  return `${new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The Vietnamese date of a partner's date (YYYY-MM-DD, as it is) or date-time with its offset ("…T23:30:00Z" is the next day). */
export function partnerDay(text: string): string {
  return text.length === 10 ? text : vietnamDate(new Date(text));
}
