import { addMonths, monthLabel, narrativeMonth } from './month';
import { assertTransition, canTransition, InvalidRunTransitionError, isFrozen, RUN_STATUSES, type RunStatus } from './run-status';

describe('run status', () => {
  const allowed: [RunStatus, RunStatus][] = [
    ['REQUESTED', 'PREVIEW_READY'],
    ['REQUESTED', 'HALTED'],
    ['REQUESTED', 'CANCELLED'],
    ['PREVIEW_READY', 'APPROVED'],
    ['PREVIEW_READY', 'REJECTED'],
    ['PREVIEW_READY', 'CANCELLED'],
    ['APPROVED', 'RELEASING'],
    ['APPROVED', 'CANCELLED'],
    ['RELEASING', 'RELEASED'],
    ['RELEASED', 'SENT'],
    ['SENT', 'COMPLETED'],
    // A re-send approved after the run completed.
    ['COMPLETED', 'RELEASED'],
  ];

  it('allows exactly the documented transitions', () => {
    for (const from of RUN_STATUSES) {
      for (const to of RUN_STATUSES) {
        expect([from, to, canTransition(from, to)]).toEqual([from, to, allowed.some(([f, t]) => f === from && t === to)]);
      }
    }
  });

  it('refuses cancelling a run being released or released, and approving a halted one', () => {
    expect(() => assertTransition('RELEASING', 'CANCELLED')).toThrow(InvalidRunTransitionError);
    expect(() => assertTransition('RELEASED', 'CANCELLED')).toThrow(InvalidRunTransitionError);
    expect(() => assertTransition('HALTED', 'APPROVED')).toThrow('A run that is HALTED cannot become APPROVED');
  });

  it('is frozen from approval on', () => {
    expect(RUN_STATUSES.filter(isFrozen)).toEqual(['APPROVED', 'RELEASING', 'RELEASED', 'SENT', 'COMPLETED']);
  });
});

describe('months', () => {
  it.each([
    ['2026-11', 1, '2026-12'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -2, '2026-01'],
    ['2026-03', -14, '2025-01'],
  ])('%s %+d = %s', (month, delta, expected) => {
    expect(addMonths(month, delta)).toBe(expected);
  });

  it('writes months as Vietnamese texts and bank narratives do', () => {
    expect(monthLabel('2026-11')).toBe('11/2026');
    expect(narrativeMonth('2026-07')).toBe('T07/2026');
  });
});
