import { addMonths } from '../../runs/domain/month';

/** Not collected this many months running: the beneficiary is suspended (Circular 02/2021 Art.2). */
export const CONSECUTIVE_MONTHS = 3;

/**
 * The months of a collection alert when `month` completes three consecutive months not collected
 * (given every month the person did not collect for the programme), or null.
 */
export function collectionAlertMonths(month: string, notCollected: ReadonlySet<string>): string[] | null {
  const months = Array.from({ length: CONSECUTIVE_MONTHS }, (_, i) => addMonths(month, i - (CONSECUTIVE_MONTHS - 1)));
  return months.every((m) => notCollected.has(m)) ? months : null;
}
