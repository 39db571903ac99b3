import { InvalidMonthError } from './errors';

/** A calendar month "YYYY-MM". Benefits are paid per month; strings of this shape sort chronologically. */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4}-(?:0[1-9]|1[0-2]))-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function assertMonth(value: string): Month {
  if (!isMonth(value)) throw new InvalidMonthError(value);
  return value;
}

/** The month of a calendar date "YYYY-MM-DD". */
export function monthOfDate(date: string): Month {
  const match = DATE.exec(date);
  if (!match) throw new InvalidMonthError(date);
  return match[1];
}

/** True when `month` lies in [from, to]; an absent `to` is open-ended. */
export function monthInPeriod(month: Month, from: Month, to?: Month): boolean {
  return from <= month && (to === undefined || month <= to);
}

/** The month after `month`. */
export function nextMonth(month: Month): Month {
  const [year, mon] = month.split('-').map(Number);
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, '0')}`;
}

/** The month before `month`. */
export function previousMonth(month: Month): Month {
  const [year, mon] = month.split('-').map(Number);
  return mon === 1 ? `${year - 1}-12` : `${year}-${String(mon - 1).padStart(2, '0')}`;
}

/** `month` moved by `count` months (negative: back). */
export function addMonths(month: Month, count: number): Month {
  const [year, mon] = month.split('-').map(Number);
  const index = year * 12 + (mon - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) months.push(m);
  return months;
}
