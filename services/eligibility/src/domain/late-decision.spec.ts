import { lateDecisionArrearsFrom } from './late-decision';
import { parseMonth } from './months';

describe('lateDecisionArrearsFrom', () => {
  const octoberRun = { at: '2026-10-10T03:00:00.000Z', day: '2026-10-10' };
  it.each([
    ['signed 20 October, after the October run: October is owed in the November run', { startMonth: '2026-10', signedOn: '2026-10-20', recordedAt: '2026-10-20T02:00:00Z' }, '2026-11', octoberRun, '2026-10'],
    ['certificate in July, decision signed in October after the run: owed from July', { startMonth: '2026-07', signedOn: '2026-10-15', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, '2026-07'],
    ['recorded before the October run: that run paid it', { startMonth: '2026-07', signedOn: '2026-10-01', recordedAt: '2026-10-05T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['a decision of 2019 typed in late: paid by whoever paid it then, not by this rule', { startMonth: '2019-03', signedOn: '2019-03-01', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['starts in the run month itself: nothing earlier is owed', { startMonth: '2026-11', signedOn: '2026-10-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['starts after the run month', { startMonth: '2026-12', signedOn: '2026-10-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['the first run of all: the months before were paid by the old system', { startMonth: '2025-01', signedOn: '2026-10-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', undefined, undefined],
  ])('%s', (_title, decision, runMonth, previous, expected) => {
    expect(lateDecisionArrearsFrom({ ...decision, startMonth: parseMonth(decision.startMonth) }, parseMonth(runMonth), previous)).toBe(expected);
  });
});
