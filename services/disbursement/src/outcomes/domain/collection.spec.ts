import { collectionAlertMonths } from './collection';

describe('three consecutive months not collected', () => {
  it.each<[string, string[], string[] | null]>([
    ['2026-11', ['2026-09', '2026-10', '2026-11'], ['2026-09', '2026-10', '2026-11']],
    ['2027-01', ['2026-11', '2026-12', '2027-01'], ['2026-11', '2026-12', '2027-01']],
    ['2026-11', ['2026-08', '2026-10', '2026-11'], null],
    ['2026-11', ['2026-10', '2026-11'], null],
    ['2026-10', ['2026-09', '2026-10', '2026-11'], null],
  ])('%s with %j not collected → %j', (month, notCollected, alert) => {
    expect(collectionAlertMonths(month, new Set(notCollected))).toEqual(alert);
  });
});
