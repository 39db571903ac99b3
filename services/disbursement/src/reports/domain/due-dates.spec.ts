import { annualReportDueDate, fundingDueDate, isOverdue, postOfficeReportDueDate } from './due-dates';
import { rangeProblem } from './month-range';

describe('payment cycle deadlines', () => {
  it.each([
    ['2026-11', '2026-10-24'],
    ['2027-01', '2026-12-24'],
    ['2026-03', '2026-02-24'],
  ])('funds payment month %s by %s (before the 25th of the month before)', (month, due) => {
    expect(fundingDueDate(month)).toBe(due);
  });

  it.each([
    ['2026-11', '2026-11-19'],
    ['2027-01', '2027-01-19'],
  ])("expects the post office's report of %s by %s (before the 20th)", (month, due) => {
    expect(postOfficeReportDueDate(month)).toBe(due);
  });

  it('wants the annual report before 15 November of its year', () => {
    expect(annualReportDueDate(2026)).toBe('2026-11-14');
  });

  it.each([
    ['2026-10-24', '2026-10-24', false],
    ['2026-10-24', '2026-10-25', true],
    ['2026-10-24', '2026-09-30', false],
  ])('due %s, today %s: overdue %s', (due, today, overdue) => {
    expect(isOverdue(due, today)).toBe(overdue);
  });
});

describe('month ranges', () => {
  it.each([
    ['2026-01', '2026-12', null],
    ['2026-05', '2026-05', null],
    ['2026-05', '2026-04', 'to (2026-04) is before from (2026-05)'],
    ['2024-01', '2026-12', null],
    ['2024-01', '2027-01', 'from..to covers more than 36 months'],
  ])('%s..%s: %s', (from, to, problem) => {
    expect(rangeProblem(from, to)).toBe(problem);
  });
});
