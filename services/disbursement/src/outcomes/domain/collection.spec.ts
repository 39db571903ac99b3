import { collectionAlertMonths } from './collection';

describe('three consecutive months not collected', () => {
  it.each<[string, string[], string[][]]>([
    ['2026-11', ['2026-09', '2026-10', '2026-11'], [['2026-09', '2026-10', '2026-11']]],
    ['2027-01', ['2026-11', '2026-12', '2027-01'], [['2026-11', '2026-12', '2027-01']]],
    ['2026-11', ['2026-08', '2026-10', '2026-11'], []],
    ['2026-11', ['2026-10', '2026-11'], []],
    // Recorded out of order: October's outcome after November's still completes September to November.
    ['2026-10', ['2026-09', '2026-10', '2026-11'], [['2026-09', '2026-10', '2026-11']]],
    ['2026-09', ['2026-09', '2026-10', '2026-11'], [['2026-09', '2026-10', '2026-11']]],
    // Four months running, the second recorded last: both runs of three it belongs to.
    ['2026-10', ['2026-09', '2026-10', '2026-11', '2026-12'], [['2026-09', '2026-10', '2026-11'], ['2026-10', '2026-11', '2026-12']]],
  ])('%s with %j not collected → %j', (month, notCollected, alerts) => {
    expect(collectionAlertMonths(month, new Set(notCollected))).toEqual(alerts);
  });
});
