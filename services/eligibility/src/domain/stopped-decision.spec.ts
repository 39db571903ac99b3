import type { PayableMonth } from './eligibility-input';
import { parseMonth, type IsoDate, type Month } from './months';
import { lastPossibleMonth, stoppedDecisionMonths, type StopFacts } from './stopped-decision';

const previous = { at: '2026-11-05T03:00:00.000Z', firstDay: '2026-06-05' as IsoDate, firstMonth: parseMonth('2026-06') };
const payable = (month: Month) => ({ payable: true, month, groupCode: 'SP_75_PLUS' }) as unknown as PayableMonth;
const HOME = { communeCode: '30742', provinceCode: '91', from: '1990-01-01' };
const facts = (decision: object = {}, person: object = {}) =>
  ({ person: { dateOfBirth: '1950-03-10', residences: [HOME], ...person }, decision: { groupCode: 'SOCIAL_PENSION', statusHistory: [], ...decision }, provinceCode: '91' }) as StopFacts & {
    provinceCode: string;
  };

describe('stopped decisions: the past months a run may still owe', () => {
  it.each([
    ['effectiveTo', 'ENDED', facts({ effectiveTo: '2026-09-30' }), '2026-09'],
    ['a termination from the 15th', 'TERMINATED', facts({ statusHistory: [{ status: 'terminated', from: '2026-09-15' }] }), '2026-09'],
    ['a termination from the 1st', 'TERMINATED', facts({ statusHistory: [{ status: 'terminated', from: '2026-09-01' }] }), '2026-08'],
    ['the earlier of the two', 'TERMINATED', facts({ effectiveTo: '2026-12-31', statusHistory: [{ status: 'terminated', from: '2026-10-01' }] }), '2026-09'],
    ['a death', 'DECEASED', facts({}, { dateOfDeath: '2026-07-20' }), '2026-07'],
    ['the death of the person cared for', 'CARED_FOR_DECEASED', facts({ caredFor: { personRef: 'c', dateOfBirth: '2024-01-01', dateOfDeath: '2026-05-02', residences: [HOME] } }), '2026-05'],
    ['a move away for good', 'MOVED_OUT_OF_PROVINCE', facts({}, { residences: [{ ...HOME, to: '2026-08-14' }, { communeCode: '26734', provinceCode: '79', from: '2026-08-15' }] }), '2026-08'],
    ['a child aged out: the 22nd birthday month, the end of the studying band', 'AGE_OUT_OF_RANGE', facts({ groupCode: 'SA_CHILD_NO_SUPPORT' }, { dateOfBirth: '2000-04-04' }), '2022-04'],
    ['the poor elderly of a remote commune: the 80th birthday month', 'AGE_OUT_OF_RANGE', facts({ groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE' }, { dateOfBirth: '1946-08-10' }), '2026-08'],
    ['a care allowance: the age of the child cared for', 'AGE_OUT_OF_RANGE', facts({ groupCode: 'SA_CHILD_NO_SUPPORT', caredFor: { personRef: 'c', dateOfBirth: '2010-01-01', residences: [HOME] } }), '2032-01'],
    ['a suspension bounds nothing', 'SUSPENDED', facts({ statusHistory: [{ status: 'suspended', from: '2026-09-01' }] }), undefined],
    ['an old person not poor: age bounds nothing', 'NOT_POOR', facts({}, { dateOfBirth: '1940-01-01' }), undefined],
  ])('the last month it can have been payable: %s', (_case, reason, stop, month) => {
    expect(lastPossibleMonth(reason, stop)).toBe(month);
  });

  it('finds the first and last payable month from the first run, within 24 months, for a stop only', () => {
    const until = (last: string) => (month: Month) => (month <= last ? payable(month) : undefined);
    const december = parseMonth('2026-12');
    expect(stoppedDecisionMonths({ reason: 'NOT_POOR' }, facts(), december, previous, until('2026-09'))).toEqual({ from: '2026-06', last: payable(parseMonth('2026-09')) });
    expect(stoppedDecisionMonths({ reason: 'DECEASED' }, facts(), december, previous, until('2026-09'))).toEqual({ from: '2026-06', last: payable(parseMonth('2026-09')) });
    expect(stoppedDecisionMonths({ reason: 'SUSPENDED' }, facts(), december, previous, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'NOT_YET_STARTED' }, facts(), december, previous, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'NOT_POOR' }, facts(), december, undefined, until('2026-09'))).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'NOT_POOR' }, facts(), december, previous, until('2026-05'))).toBeUndefined();
  });

  it('does not decide month by month a decision stopped before the window: ended, or a child aged out years ago', () => {
    const asked: Month[] = [];
    const ask = (month: Month) => (asked.push(month), undefined);
    expect(stoppedDecisionMonths({ reason: 'ENDED' }, facts({ effectiveTo: '2024-01-31' }), parseMonth('2026-12'), previous, ask)).toBeUndefined();
    expect(stoppedDecisionMonths({ reason: 'AGE_OUT_OF_RANGE' }, facts({ groupCode: 'SA_CHILD_NO_SUPPORT' }, { dateOfBirth: '2000-04-04' }), parseMonth('2026-12'), previous, ask)).toBeUndefined();
    expect(asked).toEqual([]);
    // Ended in August: July and August are decided (from the first run), nothing after.
    stoppedDecisionMonths({ reason: 'ENDED' }, facts({ effectiveTo: '2026-08-31' }), parseMonth('2026-12'), previous, ask);
    expect(asked).toEqual(['2026-08', '2026-07', '2026-06']);
  });
});
