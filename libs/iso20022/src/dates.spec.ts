import { partnerDay, vietnamDate, vietnamDateTime } from './dates';

describe('partner dates (Vietnam, UTC+7)', () => {
  it('dates in Vietnamese time', () => {
    expect(vietnamDate(new Date('2026-11-04T17:30:00Z'))).toBe('2026-11-05');
    expect(vietnamDateTime(new Date('2026-11-04T17:30:00Z'))).toBe('2026-11-05T00:30:00+07:00');
  });

  it.each([
    ['2026-11-30T17:30:00Z', '2026-12-01'],
    ['2026-11-30T16:30:00Z', '2026-11-30'],
    ['2026-11-30T23:30:00+07:00', '2026-11-30'],
    ['2026-11-30T23:30:00+0700', '2026-11-30'],
    ['2026-12-01T00:30:00+07:00', '2026-12-01'],
    ['2026-11-30T12:30:00-05:00', '2026-12-01'],
    ['2026-11-30T23:30:00', '2026-11-30'],
    ['2026-11-30', '2026-11-30'],
  ])('reads %s as the Vietnamese day %s', (text, day) => {
    expect(partnerDay(text)).toBe(day);
  });
});
