import {
  addMonths, ageInMonth, compareMonths, InvalidDateError, InvalidMonthError, lastDayOf, monthOf, monthsBetween, monthTurning, parseIsoDate, parseMonth,
} from './months';

describe('Month values', () => {
  it.each(['2026-01', '2026-12', '1999-07'])('parses %s', (text) => {
    expect(parseMonth(text)).toBe(text);
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-01', '2026-01-01', ''])('rejects %j with a stable code', (text) => {
    expect(() => parseMonth(text)).toThrow(InvalidMonthError);
    expect(() => parseMonth(text)).toThrow(expect.objectContaining({ code: 'INVALID_MONTH' }));
  });

  it.each([
    ['2026-02-28', '2026-02-28'],
    ['2024-02-29', '2024-02-29'],
  ])('accepts the existing date %s', (text, expected) => {
    expect(parseIsoDate(text)).toBe(expected);
  });

  it.each(['2025-02-29', '2026-04-31', '2026-00-10', '2026-13-01', '2026-01-00', '2026-4-1', '2026/04/01', '2026-04-01 '])('rejects the date %j', (text) => {
    expect(() => parseIsoDate(text)).toThrow(InvalidDateError);
  });

  it('compares months in calendar order', () => {
    expect(compareMonths(parseMonth('2025-12'), parseMonth('2026-01'))).toBeLessThan(0);
    expect(compareMonths(parseMonth('2026-01'), parseMonth('2026-01'))).toBe(0);
    expect(compareMonths(parseMonth('2026-02'), parseMonth('2025-11'))).toBeGreaterThan(0);
  });

  it.each([
    ['2026-01', 1, '2026-02'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', 24, '2028-03'],
    ['2026-03', 0, '2026-03'],
  ])('%s + %i months = %s', (month, count, expected) => {
    expect(addMonths(parseMonth(month), count)).toBe(expected);
  });

  it.each([
    ['2026-01', '2026-01-31'],
    ['2026-02', '2026-02-28'],
    ['2024-02', '2024-02-29'],
    ['2000-02', '2000-02-29'],
    ['1900-02', '1900-02-28'],
    ['2026-04', '2026-04-30'],
    ['2026-12', '2026-12-31'],
  ])('the last day of %s is %s', (month, expected) => {
    expect(lastDayOf(parseMonth(month))).toBe(expected);
  });

  it('takes the month of a date', () => {
    expect(monthOf('2026-03-15')).toBe('2026-03');
    expect(() => monthOf('2026-03-32')).toThrow(InvalidDateError);
  });

  it('lists the months between two months, both included, across a year end', () => {
    expect(monthsBetween(parseMonth('2025-11'), parseMonth('2026-02'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween(parseMonth('2026-02'), parseMonth('2026-02'))).toEqual(['2026-02']);
    expect(monthsBetween(parseMonth('2026-03'), parseMonth('2026-02'))).toEqual([]);
  });
});

describe('age in completed years, birthday-month rule', () => {
  it.each([
    // The brief's example: born 2022-05-17 is 3 in 2026-04 and 4 in 2026-05 (whole birthday month counts).
    ['2022-05-17', '2026-04', 3],
    ['2022-05-17', '2026-05', 4],
    ['2022-05-17', '2026-06', 4],
    ['2022-05-31', '2022-05', 0],
    ['1951-10-05', '2026-09', 74],
    ['1951-10-05', '2026-10', 75],
    ['2024-02-29', '2028-02', 4],
    ['2022-05-17', '2021-01', -2],
  ])('born %s is %i in %s', (dateOfBirth, month, age) => {
    expect(ageInMonth(dateOfBirth, parseMonth(month))).toBe(age);
  });

  it.each([
    ['1951-10-05', 75, '2026-10'],
    ['1946-11-30', 80, '2026-11'],
    ['2022-05-17', 4, '2026-05'],
    ['2024-02-29', 1, '2025-02'],
  ])('born %s turns %i in %s', (dateOfBirth, years, month) => {
    expect(monthTurning(dateOfBirth, years)).toBe(month);
  });
});
