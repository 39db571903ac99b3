import { addMonths } from '../../runs/domain/month';

/**
 * The deadlines of the payment cycle (Decree 20/2021/NĐ-CP Art.34 and practice; domain brief "The monthly payment
 * cycle"). Our reading, stated once here:
 *  - "Before the 25th the department funds next month's list": the funding of payment month M is due before the
 *    25th of month M−1, so the last day it may arrive is the 24th of M−1 (e.g. November 2026 → 2026-10-24).
 *  - "Before the 20th the agent reports who was paid, who did not collect and the balance": the post office's
 *    settlement report of payment month M is due before the 20th of M itself (the report must be in before the
 *    next month is funded on the 25th), so its last day is the 19th of M (November 2026 → 2026-11-19).
 *  - The annual report is due to the province before 15 November of its year: last day 14 November.
 * Dates are Vietnamese calendar dates (YYYY-MM-DD).
 */
export function fundingDueDate(month: string): string {
  return `${addMonths(month, -1)}-24`;
}

export function postOfficeReportDueDate(month: string): string {
  return `${month}-19`;
}

export function annualReportDueDate(year: number): string {
  return `${year}-11-14`;
}

/** Past its last day (both YYYY-MM-DD, which compare as text). */
export function isOverdue(dueBy: string, today: string): boolean {
  return today > dueBy;
}
