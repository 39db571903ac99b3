import type { CaredFor, DecisionFacts, EligibilityInput, PersonFacts, Residence, RunScope, StatusChange, YearPoverty } from './eligibility-input';
import { decideMonth } from './eligibility-rules';
import { coupleCareRefusals, type HouseholdMember } from './one-care-allowance';

/**
 * An independent check of "payable in month M" against the domain brief (/work/shared/domain/README.md and
 * tables/social-assistance-coefficients.csv): every expected answer below was worked out by hand from the brief, not
 * from the code. Each case names the part of the brief it rests on:
 *   AGES      Social assistance, Start: "A change of level applies from the month the person becomes eligible for
 *             it; we apply age thresholds from the birthday month"; the age conditions of the coefficient table.
 *   START     Social assistance, Start: "the month the decision is signed; for disability groups the month the
 *             disability certificate was issued; for the 75+/80+ elderly groups the month the person turns 75/80".
 *   STOP      Social assistance, Stop: "from the month after death or loss of eligibility".
 *   MOVE      Social assistance, Stop: "Moving away: the old commune stops, the new one pays from the month after the
 *             stop month".
 *   SUSPEND   Social assistance, Suspend: not collected for 3 months, refusal of re-assessment, custody; "resume with
 *             arrears (truy lĩnh) for the suspended months" (Circular 02/2021/TT-BLĐTBXH Art.2, 6).
 *   SP        Social pension: "From 2025-07-01: aged 75+, or 70–75 in a poor or near-poor household ... Payment from
 *             the month the commune chairman signs"; "Eligible for both this and social assistance: the higher one".
 *   POVERTY   the poor / near-poor conditions of the coefficient table and of the social pension, on the household's
 *             list of the calendar year.
 *   PLACES    Identity and places: An Giang is 91 (Kiên Giang's code before the merger; old An Giang was 89); a new
 *             commune reuses one predecessor's code; old codes stay on old records.
 * Cases where the brief can be read two ways are not here: they are listed in the review's report.
 */

const AN_GIANG = '91';
/** Phường Rạch Giá, a commune of An Giang from 2025-07-01 (the code of one of its predecessors). */
const RACH_GIA = '30742';
const HOME: Residence = { communeCode: RACH_GIA, provinceCode: AN_GIANG, from: '1990-01-01' };
const POOR_2025_TO_2028: YearPoverty[] = [2025, 2026, 2027, 2028].map((year) => ({ year, status: 'poor' }));

interface Facts {
  person?: Partial<PersonFacts>;
  decision?: Partial<DecisionFacts>;
  poverty?: YearPoverty[];
  scope?: Partial<RunScope>;
}

/** A woman born 1950-06-20 living in Rạch Giá, poor household, a poor-elderly decision signed 2025-09-10. */
function given(facts: Facts = {}): EligibilityInput {
  return {
    person: { dateOfBirth: '1950-06-20', sex: 'female', residences: [HOME], ...facts.person },
    householdPoverty: facts.poverty ?? POOR_2025_TO_2028,
    decision: { programme: 'SOCIAL_ASSISTANCE', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', statusHistory: [], ...facts.decision },
    scope: { provinceCode: AN_GIANG, ...facts.scope },
  };
}

const born = (dateOfBirth: string, decision: Partial<DecisionFacts> = {}, poverty?: YearPoverty[]): Facts => ({ person: { dateOfBirth }, decision, ...(poverty && { poverty }) });
const signed = (date: string): Pick<DecisionFacts, 'signedOn' | 'effectiveFrom'> => ({ signedOn: date, effectiveFrom: date });
const year = (y: number, status: YearPoverty['status']): YearPoverty => ({ year: y, status });
const studying = (from: string, to?: string) => ({ attributes: { studyPeriods: [to === undefined ? { from } : { from, to }] } });
const child = (dateOfBirth: string, decision: Partial<DecisionFacts> = {}): Facts => born(dateOfBirth, { groupCode: 'SA_CHILD_NO_SUPPORT', ...signed('2022-06-01'), ...decision });
const socialPension = (dateOfBirth: string, signedOn: string, poverty: YearPoverty[] = [year(2026, 'none')]): Facts =>
  born(dateOfBirth, { programme: 'SOCIAL_PENSION', groupCode: 'SOCIAL_PENSION', ...signed(signedOn) }, poverty);
const lived = (...residences: Residence[]): Facts => ({ person: { residences } });
const status = (...statusHistory: StatusChange[]): Facts => ({ decision: { statusHistory } });
const fosterChild = (more: Partial<CaredFor> = {}): Facts => ({
  decision: { groupCode: 'CARE_FOSTER_CHILD', ...signed('2026-04-15'), caredFor: { personRef: 'child-1', dateOfBirth: '2024-02-01', residences: [{ ...HOME, from: '2024-02-01' }], ...more } },
});

const paid = (groupCode: string, more: object = {}) => ({ payable: true, groupCode, ...more });
const notPaid = (reason: string) => ({ payable: false, reason });

type Case = [section: string, title: string, facts: Facts, month: string, expected: object];

function check(cases: Case[]): void {
  const titled = cases.map(([section, title, facts, month, expected]) => [section, title, month, facts, expected] as const);
  it.each(titled)('%s: %s (%s)', (_section, _title, month, facts, expected) => {
    expect(decideMonth(given(facts), month)).toMatchObject({ month, ...expected });
  });
}

describe('legal check: age thresholds from the birthday month', () => {
  check([
    ['AGES', 'orphan born 2022-05-17 is under 4 in April 2026: 2.5', child('2022-05-17'), '2026-04', paid('SA_CHILD_NO_SUPPORT_U4', { coefficient: '2.5' })],
    ['AGES', 'orphan turns 4 in May 2026: 1.5 from the birthday month', child('2022-05-17'), '2026-05', paid('SA_CHILD_NO_SUPPORT_4_16', { coefficient: '1.5' })],
    ['AGES', 'child with HIV, poor household, under 4: 2.5', born('2022-05-17', { groupCode: 'SA_CHILD_HIV_POOR', ...signed('2022-06-01') }), '2026-04', paid('SA_CHILD_HIV_POOR_U4', { coefficient: '2.5' })],
    ['AGES', 'child with HIV turns 4: 2.0 from the birthday month', born('2022-05-17', { groupCode: 'SA_CHILD_HIV_POOR', ...signed('2022-06-01') }), '2026-05', paid('SA_CHILD_HIV_POOR_4_16', { coefficient: '2.0' })],
    ['STOP', 'orphan turns 16 in May 2026, not studying: May is the month of the loss, still paid', child('2010-05-17'), '2026-05', paid('SA_CHILD_NO_SUPPORT_4_16')],
    ['STOP', 'orphan 16, not studying, June 2026: stopped from the month after', child('2010-05-17'), '2026-06', notPaid('AGE_OUT_OF_RANGE')],
    ['AGES', 'orphan 16 and studying in June 2026: 16-22 studying, 1.5', child('2010-05-17', studying('2025-09-05', '2028-06-30')), '2026-06', paid('SA_YOUTH_STUDYING_16_22', { coefficient: '1.5' })],
    ['AGES', 'studying youth turns 18 in March 2026: still paid (the brief has no threshold at 18, only 16 and 22)', child('2008-03-09', studying('2023-09-01', '2027-06-30')), '2026-03', paid('SA_YOUTH_STUDYING_16_22')],
    ['STOP', 'studying youth turns 22 in May 2026: the birthday month is still paid', child('2004-05-17', studying('2022-09-01')), '2026-05', paid('SA_YOUTH_STUDYING_16_22')],
    ['STOP', 'studying youth aged 22 in June 2026: stopped', child('2004-05-17', studying('2022-09-01')), '2026-06', notPaid('AGE_OUT_OF_RANGE')],
    ['STOP', 'youth of 19 whose studies ended 2026-06-30: July not paid', child('2007-02-01', { groupCode: 'SA_YOUTH_STUDYING_16_22', ...studying('2023-09-01', '2026-06-30') }), '2026-07', notPaid('NOT_STUDYING')],
    ['STOP', 'child under 3 in a remote commune turns 3 in August 2026: August still paid', born('2023-08-05', { groupCode: 'SA_CHILD_U3_POOR_REMOTE', ...signed('2023-09-01') }, [year(2026, 'near_poor')]), '2026-08', paid('SA_CHILD_U3_POOR_REMOTE', { coefficient: '1.5' })],
    ['STOP', 'child under 3 in a remote commune, aged 3 in September 2026: stopped', born('2023-08-05', { groupCode: 'SA_CHILD_U3_POOR_REMOTE', ...signed('2023-09-01') }, [year(2026, 'near_poor')]), '2026-09', notPaid('AGE_OUT_OF_RANGE')],
    ['AGES', 'severely disabled child of 15: child rate 2.0', born('2010-09-01', { groupCode: 'SA_DISABLED_SEVERE', certificateDate: '2015-03-01', ...signed('2015-03-10') }), '2026-08', paid('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY', { coefficient: '2.0' })],
    ['AGES', 'severely disabled child turns 16: adult rate 1.5 from the birthday month', born('2010-09-01', { groupCode: 'SA_DISABLED_SEVERE', certificateDate: '2015-03-01', ...signed('2015-03-10') }), '2026-09', paid('SA_DISABLED_SEVERE', { coefficient: '1.5' })],
    ['AGES', 'especially severe disability at 59: adult rate 2.0', born('1966-10-10', { groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE', certificateDate: '2012-01-05', ...signed('2012-01-20') }), '2026-09', paid('SA_DISABLED_ESPECIALLY_SEVERE', { coefficient: '2.0' })],
    ['AGES', 'especially severe disability turns 60: elderly rate 2.5 from the birthday month', born('1966-10-10', { groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE', certificateDate: '2012-01-05', ...signed('2012-01-20') }), '2026-10', paid('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', { coefficient: '2.5' })],
    ['AGES', 'poor elderly decision signed at 59 (January 2026): nothing in February, before the 60th birthday', born('1966-03-15', signed('2026-01-10')), '2026-02', notPaid('AGE_OUT_OF_RANGE')],
    ['AGES', 'poor elderly turns 60 in March 2026: 1.5 from the birthday month', born('1966-03-15', signed('2026-01-10')), '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { coefficient: '1.5' })],
    ['AGES', 'poor elderly aged 79 in October 2026: 1.5', born('1946-11-02'), '2026-10', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { coefficient: '1.5' })],
    ['AGES', 'poor elderly turns 80 in November 2026: 2.0 from the birthday month', born('1946-11-02'), '2026-11', paid('SA_ELDERLY_POOR_NO_SUPPORT_80', { coefficient: '2.0' })],
    ['AGES', 'poor elderly taken in by the community, from the 60th birthday: 3.0', born('1966-03-15', { groupCode: 'SA_ELDERLY_COMMUNITY_CARE', ...signed('2026-01-10') }), '2026-03', paid('SA_ELDERLY_COMMUNITY_CARE', { coefficient: '3.0' })],
    ['STOP', '75-80 remote group turns 80 in November 2026: November is the last month paid', born('1946-11-02', { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', ...signed('2021-12-01') }), '2026-11', paid('SA_ELDERLY_75_80_POOR_REMOTE', { coefficient: '1.0' })],
    ['STOP', '75-80 remote group aged 80 in December 2026: stopped', born('1946-11-02', { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', ...signed('2021-12-01') }), '2026-12', notPaid('AGE_OUT_OF_RANGE')],
  ]);
});

describe('legal check: the start month of each group', () => {
  check([
    ['START', 'decision signed 2026-03-28: March is paid', { decision: signed('2026-03-28') }, '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['START', 'decision signed 2026-03-28: February is not', { decision: signed('2026-03-28') }, '2026-02', notPaid('NOT_YET_STARTED')],
    ['START', 'decision signed 2026-03-05 that says it takes effect 2026-02-01: still from the signing month', { decision: { signedOn: '2026-03-05', effectiveFrom: '2026-02-01' } }, '2026-02', notPaid('NOT_YET_STARTED')],
    ['START', 'disability: certificate issued 2026-01-20, decision signed 2026-03-05 from the certificate: January paid', born('1990-04-04', { groupCode: 'SA_DISABLED_SEVERE', certificateDate: '2026-01-20', signedOn: '2026-03-05', effectiveFrom: '2026-01-20' }), '2026-01', paid('SA_DISABLED_SEVERE', { startMonth: '2026-01' })],
    ['START', 'disability: nothing before the certificate month', born('1990-04-04', { groupCode: 'SA_DISABLED_SEVERE', certificateDate: '2026-01-20', signedOn: '2026-03-05', effectiveFrom: '2026-01-20' }), '2025-12', notPaid('NOT_YET_STARTED')],
    ['START', '75-80 remote group, decision signed in May 2026 before the 75th birthday (August): July not paid', born('1951-08-10', { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', ...signed('2026-05-12') }), '2026-07', notPaid('NOT_YET_STARTED')],
    ['START', '75-80 remote group: paid from the month the person turns 75', born('1951-08-10', { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', ...signed('2026-05-12') }), '2026-08', paid('SA_ELDERLY_75_80_POOR_REMOTE', { startMonth: '2026-08' })],
    ['START', '80+ without pension, decision signed in September 2026, 80th birthday in November: October not paid', born('1946-11-02', { groupCode: 'SA_ELDERLY_80_NO_PENSION', ...signed('2026-09-15') }), '2026-10', notPaid('NOT_YET_STARTED')],
    ['START', '80+ without pension: paid from the month the person turns 80', born('1946-11-02', { groupCode: 'SA_ELDERLY_80_NO_PENSION', ...signed('2026-09-15') }), '2026-11', paid('SA_ELDERLY_80_NO_PENSION', { coefficient: '1.0', startMonth: '2026-11' })],
    ['START', '80+ without pension, decision signed in December from the 80th birthday: November paid', born('1946-11-02', { groupCode: 'SA_ELDERLY_80_NO_PENSION', signedOn: '2026-12-03', effectiveFrom: '2026-11-02' }), '2026-11', paid('SA_ELDERLY_80_NO_PENSION')],
    ['START', 'foster care allowance signed 2026-04-15: March not paid', fosterChild(), '2026-03', notPaid('NOT_YET_STARTED')],
    ['START', 'foster care allowance signed 2026-04-15: April paid, banded by the child under 4', fosterChild(), '2026-04', paid('CARE_FOSTER_CHILD_U4', { coefficient: '2.5', payee: 'caring_household' })],
  ]);
});

describe('legal check: the social pension', () => {
  check([
    ['SP', '74 in July 2026, household on no list: not paid (70-75 needs a poor or near-poor household)', socialPension('1951-08-10', '2026-05-20'), '2026-07', notPaid('NOT_POOR')],
    ['SP', 'turns 75 in August 2026: paid from the birthday month, no poverty needed', socialPension('1951-08-10', '2026-05-20'), '2026-08', paid('SP_75_PLUS', { programme: 'SOCIAL_PENSION' })],
    ['SP', '69 in a poor household: not paid', socialPension('1956-04-02', '2026-02-10', [year(2026, 'poor')]), '2026-03', notPaid('SOCIAL_PENSION_TOO_YOUNG')],
    ['SP', 'turns 70 in a poor household: paid from the birthday month', socialPension('1956-04-02', '2026-02-10', [year(2026, 'poor')]), '2026-04', paid('SP_70_75_POOR_NEAR_POOR')],
    ['SP', '72 in a near-poor household: paid', socialPension('1954-01-01', '2026-02-10', [year(2026, 'near_poor')]), '2026-05', paid('SP_70_75_POOR_NEAR_POOR')],
    ['SP', '72 in a household on no list: not paid', socialPension('1954-01-01', '2026-02-10', [year(2026, 'none')]), '2026-05', notPaid('NOT_POOR')],
    ['SP', 'decision signed 2025-09-22: August 2025 not paid', socialPension('1940-01-01', '2025-09-22'), '2025-08', notPaid('NOT_YET_STARTED')],
    ['SP', 'decision signed 2025-09-22: September 2025 paid', socialPension('1940-01-01', '2025-09-22'), '2025-09', paid('SP_75_PLUS')],
    ['SP', 'no social pension before 2025-07-01', socialPension('1940-01-01', '2025-06-20'), '2025-06', notPaid('NOT_YET_STARTED')],
  ]);

  it('SP: a person eligible for both is decided payable in both, each saying how entitlement picks the higher one', () => {
    const assistance = decideMonth(given(born('1946-01-01')), '2026-08');
    const pension = decideMonth(given(socialPension('1946-01-01', '2025-07-15')), '2026-08');
    expect(assistance).toMatchObject(paid('SA_ELDERLY_POOR_NO_SUPPORT_80', { combination: 'SA_OWN' }));
    expect(pension).toMatchObject(paid('SP_75_PLUS', { combination: 'SOCIAL_PENSION' }));
  });
});

describe('legal check: poverty by calendar year', () => {
  const singleParent = (poverty: YearPoverty[]): Facts =>
    born('1985-01-01', { groupCode: 'SA_SINGLE_PARENT_POOR', ...signed('2024-01-10'), attributes: { children: [{ dateOfBirth: '2012-03-01' }, { dateOfBirth: '2014-07-01' }] } }, poverty);
  check([
    ['POVERTY', 'poor elderly, poor in 2026: December 2026 paid', { poverty: [year(2026, 'poor'), year(2027, 'near_poor')] }, '2026-12', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['POVERTY', 'poor elderly, only near-poor on the 2027 list: January 2027 not paid (Art.5(5a) needs poor)', { poverty: [year(2026, 'poor'), year(2027, 'near_poor')] }, '2027-01', notPaid('NOT_POOR')],
    ['POVERTY', 'child with HIV in a near-poor household: not paid (Art.5(3) needs poor)', born('2020-01-01', { groupCode: 'SA_CHILD_HIV_POOR', ...signed('2021-01-10') }, [year(2026, 'near_poor')]), '2026-05', notPaid('NOT_POOR')],
    ['POVERTY', 'social pension at 72, poor in 2026, off the list in 2027: December 2026 paid', socialPension('1954-01-01', '2026-02-10', [year(2026, 'poor'), year(2027, 'none')]), '2026-12', paid('SP_70_75_POOR_NEAR_POOR')],
    ['POVERTY', 'social pension at 73, off the list in 2027: January 2027 not paid', socialPension('1954-01-01', '2026-02-10', [year(2026, 'poor'), year(2027, 'none')]), '2027-01', notPaid('NOT_POOR')],
    ['POVERTY', 'near-poor single parent, two children under 16: two', singleParent([year(2026, 'near_poor')]), '2026-05', paid('SA_SINGLE_PARENT_POOR', { inputs: { children: 2 } })],
    ['STOP', 'single parent: the elder child turns 16 in March 2028, still counted that month', singleParent([year(2028, 'near_poor')]), '2028-03', paid('SA_SINGLE_PARENT_POOR', { inputs: { children: 2 } })],
    ['STOP', 'single parent: from April 2028 one child', singleParent([year(2028, 'near_poor')]), '2028-04', paid('SA_SINGLE_PARENT_POOR', { inputs: { children: 1 } })],
    ['AGES', 'single parent: a child of 17 who studies still counts, one of 17 who does not, not', born('1985-01-01', { groupCode: 'SA_SINGLE_PARENT_POOR', ...signed('2024-01-10'), attributes: { children: [{ dateOfBirth: '2009-02-01', studyPeriods: [{ from: '2024-09-01' }] }, { dateOfBirth: '2009-02-01' }] } }), '2026-05', paid('SA_SINGLE_PARENT_POOR', { inputs: { children: 1 } })],
    ['POVERTY', 'single parent whose household is on no list in 2027: not paid', singleParent([year(2026, 'near_poor'), year(2027, 'none')]), '2027-02', notPaid('NOT_POOR')],
  ]);
});

describe('legal check: death, end, suspension and resumption', () => {
  const suspendedFeb: StatusChange = { status: 'suspended', from: '2026-02-01', reason: 'not collected for 3 months' };
  check([
    ['STOP', 'died 2026-04-30: April paid', { person: { dateOfDeath: '2026-04-30' } }, '2026-04', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['STOP', 'died 2026-04-30: May not paid', { person: { dateOfDeath: '2026-04-30' } }, '2026-05', notPaid('DECEASED')],
    ['STOP', 'died on the first of May: May is the month of death, still paid', { person: { dateOfDeath: '2026-05-01' } }, '2026-05', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['STOP', 'foster child died 2026-06-10: the care allowance pays June', fosterChild({ dateOfDeath: '2026-06-10' }), '2026-06', paid('CARE_FOSTER_CHILD_U4')],
    ['STOP', 'foster child died 2026-06-10: July not paid', fosterChild({ dateOfDeath: '2026-06-10' }), '2026-07', notPaid('CARED_FOR_DECEASED')],
    ['STOP', 'decision effective to 2026-06-15: June paid', { decision: { effectiveTo: '2026-06-15' } }, '2026-06', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['STOP', 'decision effective to 2026-06-15: July not paid', { decision: { effectiveTo: '2026-06-15' } }, '2026-07', notPaid('ENDED')],
    ['STOP', 'terminated, last day paid 2026-06-30: June paid', status({ status: 'terminated', from: '2026-07-01', reasonCode: 'NO_LONGER_ELIGIBLE' }), '2026-06', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['STOP', 'terminated, last day paid 2026-06-30: July not paid', status({ status: 'terminated', from: '2026-07-01', reasonCode: 'NO_LONGER_ELIGIBLE' }), '2026-07', notPaid('TERMINATED')],
    ['SUSPEND', 'not collected November to January, suspended from February: January still paid', status(suspendedFeb), '2026-01', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['SUSPEND', 'suspended from February, not resumed: March not paid', status(suspendedFeb), '2026-03', notPaid('SUSPENDED')],
    ['SUSPEND', 'resumed 2026-05-01 with arrears: the suspended March is owed', status(suspendedFeb, { status: 'active', from: '2026-05-01', withArrears: true }), '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: true })],
    ['SUSPEND', 'resumed 2026-05-01: May paid as a normal month', status(suspendedFeb, { status: 'active', from: '2026-05-01', withArrears: true }), '2026-05', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: false })],
    ['SUSPEND', 'in custody from 2026-04-01, still suspended: June not paid', status({ status: 'suspended', from: '2026-04-01', reason: 'in custody' }), '2026-06', notPaid('SUSPENDED')],
  ]);
});

describe('legal check: moving, and residence through the codes of before the 2025 merger', () => {
  const bìnhMinh = '31064';
  const movedWithin = lived({ ...HOME, to: '2026-03-09' }, { communeCode: bìnhMinh, provinceCode: AN_GIANG, from: '2026-03-10' });
  const movedOut = lived({ ...HOME, to: '2026-03-09' }, { communeCode: '26734', provinceCode: '79', from: '2026-03-10' });
  const movedIn = lived({ communeCode: '26734', provinceCode: '79', from: '1990-01-01', to: '2026-03-09' }, { ...HOME, from: '2026-03-10' });
  const movedWithinOnThe1st = lived({ ...HOME, to: '2026-02-28' }, { communeCode: bìnhMinh, provinceCode: AN_GIANG, from: '2026-03-01' });
  const movedOutOnThe1st = lived({ ...HOME, to: '2026-02-28' }, { communeCode: '26734', provinceCode: '79', from: '2026-03-01' });
  const movedInOnThe1st = lived({ communeCode: '26734', provinceCode: '79', from: '1990-01-01', to: '2026-02-28' }, { ...HOME, from: '2026-03-01' });
  const inRun = (facts: Facts, communeCodes?: string[]): Facts => ({ ...facts, ...(communeCodes && { scope: { communeCodes } }) });
  check([
    ['MOVE', 'moved within the province on 2026-03-10: the old commune pays March', inRun(movedWithin, [RACH_GIA]), '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: RACH_GIA })],
    ['MOVE', 'moved within the province: the new commune does not pay March', inRun(movedWithin, [bìnhMinh]), '2026-03', notPaid('OUT_OF_SCOPE')],
    ['MOVE', 'moved within the province: the new commune pays from April', inRun(movedWithin, [bìnhMinh]), '2026-04', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: bìnhMinh })],
    ['MOVE', 'moved within the province: the old commune stops in April', inRun(movedWithin, [RACH_GIA]), '2026-04', notPaid('OUT_OF_SCOPE')],
    ['MOVE', 'moved out of the province on 2026-03-10: March paid', movedOut, '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['MOVE', 'moved out of the province: April not paid here', movedOut, '2026-04', notPaid('MOVED_OUT_OF_PROVINCE')],
    ['MOVE', 'moved in from another province on 2026-03-10: March is the old province\'s', movedIn, '2026-03', notPaid('MOVED_OUT_OF_PROVINCE')],
    ['MOVE', 'moved in from another province: paid here from April', movedIn, '2026-04', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: RACH_GIA })],
    // A move dated the 1st is a move in that month like any other: the month of the move is the old commune's.
    ['MOVE', 'moved within the province on 2026-03-01: the old commune pays March', inRun(movedWithinOnThe1st, [RACH_GIA]), '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: RACH_GIA })],
    ['MOVE', 'moved within the province on 2026-03-01: the new commune does not pay March', inRun(movedWithinOnThe1st, [bìnhMinh]), '2026-03', notPaid('OUT_OF_SCOPE')],
    ['MOVE', 'moved within the province on 2026-03-01: the new commune pays from April', inRun(movedWithinOnThe1st, [bìnhMinh]), '2026-04', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: bìnhMinh })],
    ['MOVE', 'moved out of the province on 2026-03-01: March paid', movedOutOnThe1st, '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['MOVE', 'moved out of the province on 2026-03-01: April not paid here', movedOutOnThe1st, '2026-04', notPaid('MOVED_OUT_OF_PROVINCE')],
    ['MOVE', 'moved in from another province on 2026-03-01: March is the old province\'s', movedInOnThe1st, '2026-03', notPaid('MOVED_OUT_OF_PROVINCE')],
    ['MOVE', 'moved in from another province on 2026-03-01: paid here from April', movedInOnThe1st, '2026-04', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: RACH_GIA })],
    ['MOVE', 'registered here from 2026-03-01 with no earlier residence on record: paid from March', lived({ ...HOME, from: '2026-03-01' }), '2026-03', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: RACH_GIA })],
    ['MOVE', 'foster child moved out of the province 2026-06-01: June paid', fosterChild({ residences: [{ ...HOME, from: '2024-02-01', to: '2026-05-31' }, { communeCode: '26734', provinceCode: '79', from: '2026-06-01' }] }), '2026-06', paid('CARE_FOSTER_CHILD_U4')],
    ['MOVE', 'foster child moved out of the province 2026-06-10: June paid', fosterChild({ residences: [{ ...HOME, from: '2024-02-01', to: '2026-06-09' }, { communeCode: '26734', provinceCode: '79', from: '2026-06-10' }] }), '2026-06', paid('CARE_FOSTER_CHILD_U4')],
    ['MOVE', 'foster child moved out of the province: July not paid', fosterChild({ residences: [{ ...HOME, from: '2024-02-01', to: '2026-06-09' }, { communeCode: '26734', provinceCode: '79', from: '2026-06-10' }] }), '2026-07', notPaid('CARED_FOR_MOVED_AWAY')],
    ['PLACES', 'residence recorded in old An Giang (89), xã Vĩnh Hội Đông 30370: paid in An Giang 91 by xã An Phú 30337', inRun(lived({ communeCode: '30370', provinceCode: '89', from: '2001-01-01' }), ['30337']), '2026-08', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30337', provinceCode: AN_GIANG })],
    ['PLACES', 'residence recorded in old Kiên Giang, xã Vĩnh Bình Bắc 31060: paid by xã Bình Minh 31064', inRun(lived({ communeCode: '31060', provinceCode: '91', from: '2001-01-01' }), [bìnhMinh]), '2026-08', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: bìnhMinh })],
    ['PLACES', 'old An Giang residence (89) in a whole-province run of 91: paid', lived({ communeCode: '30370', provinceCode: '89', from: '2001-01-01' }), '2026-08', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['PLACES', 'xã Phú Hội 30355, split between two communes: no one commune\'s run pays it until the new commune is recorded', inRun(lived({ communeCode: '30355', provinceCode: '89', from: '2001-01-01' }), ['30337']), '2026-08', notPaid('OUT_OF_SCOPE')],
    ['PLACES', 'xã Phú Hội 30355: a whole-province run still pays it', lived({ communeCode: '30355', provinceCode: '89', from: '2001-01-01' }), '2026-08', paid('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
    ['PLACES', 'a residence in another province (79) is not An Giang\'s', lived({ communeCode: '26734', provinceCode: '79', from: '2001-01-01' }), '2026-08', notPaid('MOVED_OUT_OF_PROVINCE')],
  ]);
});

describe('legal check: one care allowance when both spouses are disabled', () => {
  const spouse = (id: string, groupCode: string, effectiveFrom: string): HouseholdMember => ({
    id,
    householdId: 'household-1',
    facts: { dateOfBirth: '1995-01-01', sex: id === 'wife' ? 'female' : 'male', residences: [HOME] },
    householdPoverty: [],
    decisions: [{ id: `decision-of-${id}`, facts: { programme: 'SOCIAL_ASSISTANCE', groupCode, ...signed(effectiveFrom), statusHistory: [] } }],
  });

  it('CARE (D20 Art.20 in the brief: "if both spouses are disabled only one care allowance is paid"): one of the two is refused', () => {
    const members = [spouse('wife', 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', '2026-02-01'), spouse('husband', 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', '2026-01-01')];
    const refused = coupleCareRefusals(members, '2026-05', { provinceCode: AN_GIANG });
    expect([...refused.keys()]).toEqual(['decision-of-husband']);
    expect(refused.get('decision-of-husband')).toMatchObject(notPaid('ONE_CARE_ALLOWANCE_PER_COUPLE'));
  });

  it('CARE: before the wife\'s decision starts, the husband\'s is the only one and is paid', () => {
    const members = [spouse('wife', 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', '2026-02-01'), spouse('husband', 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', '2026-01-01')];
    expect(coupleCareRefusals(members, '2026-01', { provinceCode: AN_GIANG }).size).toBe(0);
  });
});
