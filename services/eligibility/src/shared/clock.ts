import type { IsoDate } from '../domain/months';

const VIETNAM_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Vietnam (UTC+7), where "a date in the future" is judged. */
export function todayInVietnam(now: Date = new Date()): IsoDate {
  return VIETNAM_DATE.format(now);
}
