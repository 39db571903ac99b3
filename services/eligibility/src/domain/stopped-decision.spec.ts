import type { PayableMonth } from './eligibility-input';
import { parseMonth, type IsoDate, type Month } from './months';
import { lastMonthByDates, stoppedDecisionMonths } from './stopped-decision';

const previous = { at: '2026-11-05T03:00:00.000Z', firstDay: '2026-06-05' as IsoDate, firstMonth: parseMonth('2026-06') };
const payable = (month: Month) => ({ payable: true, month, groupCode: 'SP_75_PLUS' }) as unknown as PayableMonth;

describe('stopped decisions: the past months a run may still owe', () => {
  it.each([
    [{ effectiveTo: '2026-09-30', statusHistory: [] }, '2026-09'],
    [{ statusHistory: [{ status: 'terminated', from: '2026-09-15' }] }, '2026-09'],
    [{ statusHistory: [{ status: 'terminated', from: '2026-09-01' }] }, '2026-08'],
    [{ effectiveTo: '2026-12-31', statusHistory: [{ status: 'terminated', from: '2026-10-01' }] }, '2026-09'],
    [{ statusHistory: [{ status: 'suspended', from: '2026-09-01' }] }, undefined],
  ])('the last month its own dates leave payable: %j → %s', (decision, month) => {
    expect(lastMonthByDates(decision as never)).toBe(month);
  });

  it('finds the first and last payable month from the first run, within 24 months, for a stop only', () => {
    const until = (last: string) => (month: Month) => (month <= last ? payable(month) : undefined);
    const open = { statusHistory: [] };
    expect(stoppedDecisionMonths({ reason: 'AGE_OUT_OF_RANGE' }, open, parseMonth('2026-12'), previous, until('2026-09'))).toEqual({ from: '2026-06', last: payable(parseMonth('2026-09')) });
    expect(stoppedDecisionMonths({ reason: 'SUSPENDED' }, open, parseMonth('2026-12'), previous, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'DECEASED' }, open, parseMonth('2026-12'), previous, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'AGE_OUT_OF_RANGE' }, open, parseMonth('2026-12'), undefined, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'AGE_OUT_OF_RANGE' }, open, parseMonth('2026-12'), previous, until('2026-05'))).toBeUndefined();
    // Terminated because another decision amended it: that decision continues it.
    expect(stoppedDecisionMonths({ reason: 'TERMINATED', decisionReasonCode: 'AMENDED' }, open, parseMonth('2026-12'), previous, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'TERMINATED', decisionReasonCode: 'MOVED_OUT' }, open, parseMonth('2026-12'), previous, until('2026-09'))).toBeDefined();
    // Ended before the window: not decided month by month at all.
    const asked: Month[] = [];
    const ended = { effectiveTo: '2024-01-31', statusHistory: [] };
    expect(stoppedDecisionMonths({ reason: 'ENDED' }, ended as never, parseMonth('2026-12'), previous, (month) => (asked.push(month), undefined))).toBeUndefined();
    expect(asked).toEqual([]);
  });
});
