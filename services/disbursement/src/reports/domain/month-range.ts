import { addMonths } from '../../runs/domain/month';

/** The longest range a report covers at once: three years of months. */
export const MAX_RANGE_MONTHS = 36;

/** Why from..to (YYYY-MM, inclusive) is not a range a report can cover, or null when it is. */
export function rangeProblem(from: string, to: string): string | null {
  if (to < from) return `to (${to}) is before from (${from})`;
  if (addMonths(from, MAX_RANGE_MONTHS - 1) < to) return `from..to covers more than ${MAX_RANGE_MONTHS} months`;
  return null;
}
