import { addMonths } from '../../runs/domain/month';

/** Not collected this many months running: the beneficiary is suspended (Circular 02/2021 Art.2). */
export const CONSECUTIVE_MONTHS = 3;

/**
 * The collection alerts `month` completes: every run of three consecutive months not collected that contains it
 * (given every month the person did not collect for the programme), oldest first. Outcomes may arrive out of order
 * (a post office report of October after November's): the month recorded last need not be the last of the three.
 */
export function collectionAlertMonths(month: string, notCollected: ReadonlySet<string>): string[][] {
  const alerts: string[][] = [];
  for (let last = 0; last < CONSECUTIVE_MONTHS; last += 1) {
    const end = addMonths(month, last);
    const months = Array.from({ length: CONSECUTIVE_MONTHS }, (_, i) => addMonths(end, i - (CONSECUTIVE_MONTHS - 1)));
    if (months.every((m) => notCollected.has(m))) alerts.push(months);
  }
  return alerts;
}
