import type { EligibilityInput, StatusChange, YearPoverty } from './eligibility-input';
import { decideMonth } from './eligibility-rules';
import { lateDecisionArrearsFrom, latePovertyArrearsFrom, resumptionArrearsFrom } from './late-decision';
import { parseMonth, type Month } from './months';

describe('lateDecisionArrearsFrom', () => {
  // The province's first run was frozen on 10 June 2026.
  const octoberRun = { at: '2026-10-10T03:00:00.000Z', firstDay: '2026-06-10', firstMonth: parseMonth('2026-06') };
  it.each([
    ['signed 20 October, after the October run: October is owed in the November run', { startMonth: '2026-10', signedOn: '2026-10-20', recordedAt: '2026-10-20T02:00:00Z' }, '2026-11', octoberRun, '2026-10'],
    ['certificate in July, decision signed in October after the run: owed from July', { startMonth: '2026-07', signedOn: '2026-10-15', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, '2026-07'],
    ['signed 8 October, typed in on 12 October after the October run: October is owed', { startMonth: '2026-10', signedOn: '2026-10-08', recordedAt: '2026-10-12T02:00:00Z' }, '2026-11', octoberRun, '2026-10'],
    ['signed in August, typed in after the October run: owed from its start', { startMonth: '2026-08', signedOn: '2026-08-03', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, '2026-08'],
    ['signed before the first run of all, typed in late: the cash era paid it', { startMonth: '2026-05', signedOn: '2026-05-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['recorded before the October run: that run paid it', { startMonth: '2026-07', signedOn: '2026-10-01', recordedAt: '2026-10-05T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['a decision of 2019 typed in late: paid by whoever paid it then, not by this rule', { startMonth: '2019-03', signedOn: '2019-03-01', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['starts in the run month itself: nothing earlier is owed', { startMonth: '2026-11', signedOn: '2026-10-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['starts after the run month', { startMonth: '2026-12', signedOn: '2026-10-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', octoberRun, undefined],
    ['the first run of all: the months before were paid by the old system', { startMonth: '2025-01', signedOn: '2026-10-20', recordedAt: '2026-10-21T02:00:00Z' }, '2026-11', undefined, undefined],
  ])('%s', (_title, decision, runMonth, previous, expected) => {
    expect(lateDecisionArrearsFrom({ ...decision, startMonth: parseMonth(decision.startMonth) }, parseMonth(runMonth), previous)).toBe(expected);
  });
});

describe('resumptionArrearsFrom', () => {
  const octoberRun = { at: '2026-10-05T03:00:00.000Z', firstDay: '2026-06-05', firstMonth: parseMonth('2026-06') };
  const suspended = (from: string): StatusChange => ({ status: 'suspended', from, recordedAt: '2026-06-01T00:00:00Z' });
  const resumed = (from: string, recordedAt: string, withArrears = true): StatusChange => ({ status: 'active', from, withArrears, recordedAt });
  const always = () => true;
  it.each([
    ['suspended 1 July, resumed with arrears on 20 October after the October run: July to October', [suspended('2026-07-01'), resumed('2026-10-20', '2026-10-20T08:00:00Z')], '2026-07'],
    ['a suspension from 15 July stops August first', [suspended('2026-07-15'), resumed('2026-10-20', '2026-10-20T08:00:00Z')], '2026-08'],
    ['resumed before the October run: that run paid the arrears', [suspended('2026-07-01'), resumed('2026-10-01', '2026-10-02T08:00:00Z')], undefined],
    ['resumed without arrears', [suspended('2026-07-01'), resumed('2026-10-20', '2026-10-20T08:00:00Z', false)], undefined],
    ['never suspended', [resumed('2026-10-20', '2026-10-20T08:00:00Z')], undefined],
    ['resumption dated in the run month, recorded before the October run: November itself was suspended', [suspended('2026-07-01'), resumed('2026-11-20', '2026-09-01T08:00:00Z')], '2026-07'],
  ])('%s', (_title, history, expected) => {
    expect(resumptionArrearsFrom(history, parseMonth('2026-11'), octoberRun, always)).toBe(expected);
  });

  it('stops at the latest month that is not payable', () => {
    const history = [suspended('2026-07-01'), resumed('2026-10-20', '2026-10-20T08:00:00Z')];
    expect(resumptionArrearsFrom(history, parseMonth('2026-11'), octoberRun, (month: Month) => month !== '2026-08')).toBe('2026-09');
    expect(resumptionArrearsFrom(history, parseMonth('2026-11'), octoberRun, (month: Month) => month !== '2026-10')).toBeUndefined();
  });

  it('owes nothing at the first run of all, nor for months before it: the cash era paid them (or not), and the ledger does not know', () => {
    // Suspended in October 2024 and resumed with arrears in January 2025, typed in before the first run (August 2025):
    // counted from the suspension, January to July 2025, which the cash era paid, would be paid again.
    const history = [suspended('2024-10-01'), resumed('2025-01-01', '2025-06-10T08:00:00Z')];
    expect(resumptionArrearsFrom(history, parseMonth('2025-08'), undefined, always)).toBeUndefined();
    // A resumption after the first run (June 2026) of a suspension from the cash era owes from the first run's month.
    const fromCashEra = [suspended('2026-03-01'), resumed('2026-10-20', '2026-10-20T08:00:00Z')];
    expect(resumptionArrearsFrom(fromCashEra, parseMonth('2026-11'), octoberRun, always)).toBe('2026-06');
  });
});

describe('latePovertyArrearsFrom', () => {
  // A social pension at 70–75 needs a poor or near-poor household (Decree 176/2025). The February 2027 run was
  // frozen on 10 February; the province's first run was for June 2026.
  const februaryRun = { at: '2027-02-10T03:00:00.000Z', firstDay: '2026-06-05', firstMonth: parseMonth('2026-06') };
  const onTime = '2026-01-05T00:00:00.000Z';
  const late = '2027-02-20T00:00:00.000Z';
  const input = (householdPoverty: readonly YearPoverty[], dateOfBirth = '1955-05-05'): EligibilityInput => ({
    person: { sex: 'male', dateOfBirth, residences: [{ communeCode: '30742', provinceCode: '91', from: '1990-01-01' }] },
    householdPoverty,
    decision: { programme: 'SOCIAL_PENSION', groupCode: 'SOCIAL_PENSION', signedOn: '2025-08-01', effectiveFrom: '2025-08-01', statusHistory: [] },
    scope: { provinceCode: '91', programmes: ['SOCIAL_PENSION'] },
  });
  const owedFrom = (poverty: readonly YearPoverty[], options: { previous?: 'none'; dateOfBirth?: string } = {}) =>
    latePovertyArrearsFrom(poverty, parseMonth('2027-03'), options.previous === 'none' ? undefined : februaryRun, (month, rows) => decideMonth(input(rows, options.dateOfBirth), month));

  it.each<[string, YearPoverty[], string | undefined]>([
    ['the 2027 list recorded after the February run: January and February are owed in March', [{ year: 2026, status: 'poor', recordedAt: onTime }, { year: 2027, status: 'near_poor', recordedAt: late }], '2027-01'],
    ['the 2027 list recorded before the February run: that run paid February and owed January', [{ year: 2027, status: 'poor', recordedAt: '2027-02-01T00:00:00.000Z' }], undefined],
    ['recorded late, but the household is on neither list', [{ year: 2027, status: 'none', recordedAt: late }], undefined],
    ['a list of 2026 recorded late (the household moved in): owed back to the first run, not into the cash era', [{ year: 2026, status: 'poor', recordedAt: late }, { year: 2027, status: 'poor', recordedAt: late }], '2026-06'],
    // The status it replaced is not kept: the months are looked at again, and entitlement nets what was paid for them.
    ['a list corrected from poor to near-poor after the February run', [{ year: 2027, status: 'near_poor', recordedAt: late }, { year: 2026, status: 'poor', recordedAt: onTime }], '2027-01'],
  ])('%s', (_title, poverty, expected) => {
    expect(owedFrom(poverty)).toBe(expected);
  });

  it('owes nothing at the first run of all, nor for a group that needs no poverty list', () => {
    const poverty: YearPoverty[] = [{ year: 2027, status: 'poor', recordedAt: late }];
    expect(owedFrom(poverty, { previous: 'none' })).toBeUndefined();
    // Aged 76: the social pension from 75 is paid whatever the household's list says.
    expect(owedFrom(poverty, { dateOfBirth: '1950-05-05' })).toBeUndefined();
  });

  it('owes only the months the list made payable: turned 70 in February 2027, owed from February', () => {
    expect(owedFrom([{ year: 2027, status: 'poor', recordedAt: late }], { dateOfBirth: '1957-02-14' })).toBe('2027-02');
  });
});
