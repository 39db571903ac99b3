import type { CaredFor, DecisionFacts, EligibilityInput, MonthDecision, Period, PersonFacts, RunScope, StatusChange, YearPoverty } from './eligibility-input';
import { decideMonth, decideMonths, statusInForce } from './eligibility-rules';
import { InvalidMonthError } from './months';

/** One factory: an elderly woman in phường Rạch Giá (30742, An Giang 91), poor household, an SA decision of 2025-09. */
interface Patch {
  person?: Partial<PersonFacts>;
  decision?: Partial<DecisionFacts>;
  householdPoverty?: YearPoverty[];
  scope?: Partial<RunScope>;
}
function given(patch: Patch = {}): EligibilityInput {
  return {
    person: { dateOfBirth: '1950-06-20', sex: 'female', residences: [{ communeCode: '30742', provinceCode: '91', from: '1990-01-01' }], ...patch.person },
    householdPoverty: patch.householdPoverty ?? [{ year: 2025, status: 'poor' }, { year: 2026, status: 'poor' }, { year: 2027, status: 'poor' }],
    decision: { programme: 'SOCIAL_ASSISTANCE', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', statusHistory: [], ...patch.decision },
    scope: { provinceCode: '91', ...patch.scope },
  };
}

const study = (from: string, to?: string): Period[] => [to === undefined ? { from } : { from, to }];
const child = (dateOfBirth: string, patch: Patch = {}): Patch => ({
  ...patch,
  person: { dateOfBirth, ...patch.person },
  decision: { groupCode: 'SA_CHILD_NO_SUPPORT', signedOn: '2022-06-01', effectiveFrom: '2022-06-01', ...patch.decision },
});
const disabled = (groupCode: string, dateOfBirth: string, decision: Partial<DecisionFacts> = {}): Patch => ({
  person: { dateOfBirth },
  decision: { groupCode, certificateDate: '2010-01-01', signedOn: '2010-02-01', effectiveFrom: '2010-01-01', ...decision },
});
const socialPension = (dateOfBirth: string, decision: Partial<DecisionFacts> = {}, householdPoverty?: YearPoverty[]): Patch => ({
  person: { dateOfBirth },
  decision: { programme: 'SOCIAL_PENSION', groupCode: 'SOCIAL_PENSION', signedOn: '2025-07-15', effectiveFrom: '2025-07-15', ...decision },
  householdPoverty,
});
const meritorious = (groupCode: string, attributes: DecisionFacts['attributes'] = {}): Patch => ({
  decision: { programme: 'MERITORIOUS', groupCode, attributes },
});
const moved = (to: { communeCode: string; provinceCode: string }): PersonFacts['residences'] => [
  { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-03-09' },
  { ...to, from: '2026-03-10' },
];
/** A person cared for, living in the holder's commune unless `more` says otherwise. */
const caredFor = (personRef: string, dateOfBirth: string, more: Partial<CaredFor> = {}): CaredFor => ({
  personRef,
  dateOfBirth,
  residences: [{ communeCode: '30742', provinceCode: '91', from: '1990-01-01' }],
  ...more,
});
const nearPoor = (year: number): YearPoverty[] => [{ year, status: 'near_poor' }];
const payable = (groupCode: string, more: object = {}) => ({ payable: true, groupCode, ...more });
const notPayable = (reason: string, more: object = {}) => ({ payable: false, reason, ...more });

const TERMINATED_JULY: StatusChange = { status: 'terminated', from: '2026-07-01', reason: 'moved away', reasonCode: 'MOVED_OUT' };

type Case = [title: string, patch: Patch, month: string, expected: Partial<Record<keyof MonthDecision, unknown>> | object];

const cases: Case[] = [
  // D20 Art.5(1) child with no support: 2.5 below 4, 1.5 from the birthday month of the 4th birthday.
  ['child born 2022-05-17 is 3 in 2026-04: under-4 band', child('2022-05-17'), '2026-04', payable('SA_CHILD_NO_SUPPORT_U4', { coefficient: '2.5', inputs: { ageYears: 3 } })],
  ['child born 2022-05-17 is 4 in 2026-05: 4-16 band from the birthday month', child('2022-05-17'), '2026-05', payable('SA_CHILD_NO_SUPPORT_4_16', { coefficient: '1.5', inputs: { ageYears: 4 } })],
  ['a decision naming the under-4 code is banded the same way (the code stands for its family)', child('2022-05-17', { decision: { groupCode: 'SA_CHILD_NO_SUPPORT_U4' } }), '2026-05', payable('SA_CHILD_NO_SUPPORT_4_16', { family: 'SA_CHILD_NO_SUPPORT' })],
  ['child is 15 the month before the 16th birthday', child('2010-05-17'), '2026-04', payable('SA_CHILD_NO_SUPPORT_4_16', { inputs: { ageYears: 15 } })],
  // D20 Art.5(1)-(2): at 16 the child allowance ends; it goes on to 22 only while studying.
  // A birthday that ends the allowance is a loss of eligibility: stop from the month after (D20), so its month is paid.
  ['child turns 16 and is not studying: the birthday month is the last paid', child('2010-05-17'), '2026-05', payable('SA_CHILD_NO_SUPPORT_4_16', { inputs: { ageYears: 16 } })],
  ['child 16 and not studying, the month after the birthday: aged out', child('2010-05-17'), '2026-06', notPayable('AGE_OUT_OF_RANGE')],
  ['child turns 16 while studying: moves to the studying-youth band', child('2010-05-17', { decision: { attributes: { studyPeriods: study('2025-09-05', '2027-06-30') } } }), '2026-05', payable('SA_YOUTH_STUDYING_16_22', { coefficient: '1.5', inputs: { ageYears: 16, studying: true } })],
  ['studying youth is paid the month before the 22nd birthday', child('2004-05-17', { decision: { attributes: { studyPeriods: study('2022-09-01') } } }), '2026-04', payable('SA_YOUTH_STUDYING_16_22', { inputs: { ageYears: 21 } })],
  ['studying youth turns 22: the birthday month is the last paid', child('2004-05-17', { decision: { attributes: { studyPeriods: study('2022-09-01') } } }), '2026-05', payable('SA_YOUTH_STUDYING_16_22', { inputs: { ageYears: 22 } })],
  ['studying youth aged 22, the month after the birthday: aged out', child('2004-05-17', { decision: { attributes: { studyPeriods: study('2022-09-01') } } }), '2026-06', notPayable('AGE_OUT_OF_RANGE')],
  ['a decision for the studying band whose studies ended: not studying', child('2008-01-10', { decision: { groupCode: 'SA_YOUTH_STUDYING_16_22', attributes: { studyPeriods: study('2024-09-01', '2026-06-30') } } }), '2026-07', notPayable('NOT_STUDYING')],
  ['studies starting on the 5th count for that whole month', child('2009-03-01', { decision: { attributes: { studyPeriods: study('2026-09-05') } } }), '2026-09', payable('SA_YOUTH_STUDYING_16_22')],
  // D20 Art.5(6) and its start rule: disability groups start in the month the disability certificate was issued.
  ['disability pays from the certificate month even if the decision is signed later', disabled('SA_DISABLED_SEVERE', '1990-04-04', { certificateDate: '2026-01-20', signedOn: '2026-03-05', effectiveFrom: '2026-01-20' }), '2026-01', payable('SA_DISABLED_SEVERE', { coefficient: '1.5', inputs: { disabilityLevel: 'severe' } })],
  ['disability: nothing before the certificate month', disabled('SA_DISABLED_SEVERE', '1990-04-04', { certificateDate: '2026-01-20', signedOn: '2026-03-05', effectiveFrom: '2026-01-20' }), '2025-12', notPayable('NOT_YET_STARTED')],
  ['an amending decision is paid from the month of its effectiveFrom, though signed later', { decision: { signedOn: '2026-10-20', effectiveFrom: '2026-08-01', amends: true } }, '2026-08', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { startMonth: '2026-08' })],
  ['an amending decision is not paid before its effectiveFrom', { decision: { signedOn: '2026-10-20', effectiveFrom: '2026-08-01', amends: true } }, '2026-07', notPayable('NOT_YET_STARTED')],
  ['an amending disability decision starts at its effectiveFrom, not at the certificate month', disabled('SA_DISABLED_SEVERE', '1990-04-04', { certificateDate: '2010-01-01', signedOn: '2026-10-20', effectiveFrom: '2026-09-01', amends: true }), '2026-09', payable('SA_DISABLED_SEVERE', { startMonth: '2026-09' })],
  ['disability: a later effectiveFrom on the decision wins over the certificate month', disabled('SA_DISABLED_SEVERE', '1990-04-04', { certificateDate: '2026-01-20', effectiveFrom: '2026-03-01' }), '2026-02', notPayable('NOT_YET_STARTED')],
  ['disability without a certificate date cannot start', disabled('SA_DISABLED_SEVERE', '1990-04-04', { certificateDate: undefined }), '2026-01', notPayable('INVALID_DECISION')],
  ['severely disabled child is 15: child-or-elderly rate 2.0', disabled('SA_DISABLED_SEVERE', '2012-08-01'), '2028-07', payable('SA_DISABLED_SEVERE_CHILD_OR_ELDERLY', { coefficient: '2.0' })],
  ['severely disabled child turns 16: adult rate 1.5 from the birthday month', disabled('SA_DISABLED_SEVERE', '2012-08-01'), '2028-08', payable('SA_DISABLED_SEVERE', { coefficient: '1.5' })],
  ['especially severe disability at 59: adult rate 2.0', disabled('SA_DISABLED_ESPECIALLY_SEVERE', '1966-03-03'), '2026-02', payable('SA_DISABLED_ESPECIALLY_SEVERE', { coefficient: '2.0', inputs: { disabilityLevel: 'especially_severe' } })],
  ['especially severe disability turns 60: elderly rate 2.5', disabled('SA_DISABLED_ESPECIALLY_SEVERE', '1966-03-03'), '2026-03', payable('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', { coefficient: '2.5' })],
  // D20 Art.5(5a): poor elderly with no supporter, 1.5 from 60, 2.0 from the month of the 80th birthday.
  ['poor elderly aged 79', { person: { dateOfBirth: '1946-07-02' } }, '2026-06', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { coefficient: '1.5', inputs: { ageYears: 79, povertyStatus: 'poor' } })],
  ['poor elderly turns 80: 2.0 from the birthday month', { person: { dateOfBirth: '1946-07-02' } }, '2026-07', payable('SA_ELDERLY_POOR_NO_SUPPORT_80', { coefficient: '2.0' })],
  ['poor elderly whose household is only near-poor this year', { person: { dateOfBirth: '1946-07-02' }, householdPoverty: nearPoor(2026) }, '2026-06', notPayable('NOT_POOR')],
  ['poor elderly with no poverty record for the year', { householdPoverty: [{ year: 2025, status: 'poor' }] }, '2026-01', notPayable('NOT_POOR')],
  ['elderly group for a person of 59', { person: { dateOfBirth: '1967-01-01' } }, '2026-06', notPayable('AGE_OUT_OF_RANGE')],
  // D20 Art.5(5b)-(5c) and its start rule: the 75-80 and 80+ groups start in the month the person turns 75 / 80.
  ['75-80 remote group: not before the month of the 75th birthday', { person: { dateOfBirth: '1951-10-05' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', signedOn: '2026-08-01', effectiveFrom: '2026-08-01' } }, '2026-09', notPayable('NOT_YET_STARTED')],
  ['75-80 remote group pays from the month of the 75th birthday', { person: { dateOfBirth: '1951-10-05' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE', signedOn: '2026-08-01', effectiveFrom: '2026-08-01' } }, '2026-10', payable('SA_ELDERLY_75_80_POOR_REMOTE', { coefficient: '1.0', inputs: { ageYears: 75 } })],
  ['75-80 remote group: the month of the 80th birthday is the last paid', { person: { dateOfBirth: '1946-01-05' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE' } }, '2026-01', payable('SA_ELDERLY_75_80_POOR_REMOTE', { inputs: { ageYears: 80 } })],
  ['75-80 remote group ends at 80', { person: { dateOfBirth: '1946-01-05' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_ELDERLY_75_80_POOR_REMOTE' } }, '2026-02', notPayable('AGE_OUT_OF_RANGE')],
  ['80+ without pension: not before the month of the 80th birthday', { person: { dateOfBirth: '1946-11-30' }, decision: { groupCode: 'SA_ELDERLY_80_NO_PENSION', signedOn: '2026-10-01', effectiveFrom: '2026-10-01' } }, '2026-10', notPayable('NOT_YET_STARTED')],
  ['80+ without pension pays from the month of the 80th birthday', { person: { dateOfBirth: '1946-11-30' }, decision: { groupCode: 'SA_ELDERLY_80_NO_PENSION', signedOn: '2026-10-01', effectiveFrom: '2026-10-01' } }, '2026-11', payable('SA_ELDERLY_80_NO_PENSION', { combination: 'SA_OWN' })],
  // Law 41/2024/QH15, D176/2025: social pension from 2025-07-01; 75+, or 70-75 poor or near-poor.
  ['social pension for a 75-year-old from the signing month', socialPension('1950-02-01'), '2025-07', payable('SP_75_PLUS', { programme: 'SOCIAL_PENSION', combination: 'SOCIAL_PENSION' })],
  ['social pension does not exist before 2025-07, whatever the decision says', socialPension('1950-02-01', { signedOn: '2025-05-10', effectiveFrom: '2025-05-10' }), '2025-06', notPayable('NOT_YET_STARTED')],
  ['social pension at 71 for a near-poor household', socialPension('1954-09-09', {}, nearPoor(2026)), '2026-01', payable('SP_70_75_POOR_NEAR_POOR', { inputs: { ageYears: 71, povertyStatus: 'near_poor' } })],
  ['social pension at 71 when the household left the poverty lists', socialPension('1954-09-09', {}, [{ year: 2026, status: 'none' }]), '2026-01', notPayable('NOT_POOR')],
  ['social pension at 69', socialPension('1957-03-03'), '2026-05', notPayable('SOCIAL_PENSION_TOO_YOUNG')],
  ['social pension 70-75 band the month before the 75th birthday', socialPension('1951-04-10', {}, nearPoor(2026)), '2026-03', payable('SP_70_75_POOR_NEAR_POOR')],
  ['social pension moves to 75+ in the birthday month and needs no poverty from then', socialPension('1951-04-10', {}, [{ year: 2026, status: 'none' }]), '2026-04', payable('SP_75_PLUS')],
  // D20 start rule: the decision starts in the month it is signed; effectiveTo ends it after its month.
  ['decision signed 2026-03-20: nothing in February', { decision: { signedOn: '2026-03-20', effectiveFrom: '2026-03-20' } }, '2026-02', notPayable('NOT_YET_STARTED')],
  ['decision signed 2026-03-20: March is paid', { decision: { signedOn: '2026-03-20', effectiveFrom: '2026-03-20' } }, '2026-03', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['decision ending 2026-06-15 still pays June', { decision: { effectiveTo: '2026-06-15' } }, '2026-06', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['decision ending 2026-06-15 does not pay July', { decision: { effectiveTo: '2026-06-15' } }, '2026-07', notPayable('ENDED')],
  // D20 stop rule: from the month after death.
  ['death on 2026-03-15: March is still paid', { person: { dateOfDeath: '2026-03-15' } }, '2026-03', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['death on 2026-03-15: April stops', { person: { dateOfDeath: '2026-03-15' } }, '2026-04', notPayable('DECEASED')],
  // Circular 02/2021/TT-BLĐTBXH Art.2, 6: suspension after 3 months not collected; resumption with arrears.
  ['suspended from 2026-04-01: March paid', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01', reason: 'not collected for 3 months' }] } }, '2026-03', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['suspended from 2026-04-01: April suspended, with the recorded reason', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01', reason: 'not collected for 3 months' }] } }, '2026-04', notPayable('SUSPENDED', { decisionReason: 'not collected for 3 months' })],
  ['suspension from 2026-04-15 stops May, not April', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-15' }] } }, '2026-04', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['resumed with arrears: a suspended month becomes payable as arrears', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01' }, { status: 'active', from: '2026-07-01', withArrears: true }] } }, '2026-05', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: true })],
  ['resumed with arrears: the month of resumption is a normal month', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01' }, { status: 'active', from: '2026-07-01', withArrears: true }] } }, '2026-07', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: false })],
  // A bank returned March's payment with MD07 (holder deceased): suspended from 1 March until the death is recorded;
  // recorded after it (died 15 March), the death decides: March is the month of death, still owed; April stops.
  ['suspended for a partner\'s report of death, no death on record yet: suspended', { decision: { statusHistory: [{ status: 'suspended', from: '2026-03-01', reason: 'MD07', reasonCode: 'PAYEE_REPORTED_DECEASED' }] } }, '2026-03', notPayable('SUSPENDED', { decisionReason: 'MD07' })],
  ['suspended for a partner\'s report of death, the death recorded since: its month is owed', { person: { dateOfDeath: '2026-03-15' }, decision: { statusHistory: [{ status: 'suspended', from: '2026-03-01', reason: 'MD07', reasonCode: 'PAYEE_REPORTED_DECEASED' }] } }, '2026-03', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['suspended for a partner\'s report of death, the death recorded since: the month after stops', { person: { dateOfDeath: '2026-03-15' }, decision: { statusHistory: [{ status: 'suspended', from: '2026-03-01', reason: 'MD07', reasonCode: 'PAYEE_REPORTED_DECEASED' }] } }, '2026-04', notPayable('DECEASED')],
  ['another suspension of a person who died later still holds in the month of death', { person: { dateOfDeath: '2026-03-15' }, decision: { statusHistory: [{ status: 'suspended', from: '2026-02-01', reason: 'in custody' }] } }, '2026-03', notPayable('SUSPENDED', { decisionReason: 'in custody' })],
  ['a resumption without arrears corrected the same day to grant them: the suspended months are owed', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01', reason: 'in custody' }, { status: 'active', from: '2026-07-01' }, { status: 'active', from: '2026-07-01', withArrears: true }] } }, '2026-05', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: true })],
  ['resumed without arrears (custody): the suspended months stay unpaid', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01', reason: 'in custody' }, { status: 'active', from: '2026-07-01' }] } }, '2026-05', notPayable('SUSPENDED', { decisionReason: 'in custody' })],
  ['terminated on 2026-05-10: May still paid', { decision: { statusHistory: [{ status: 'terminated', from: '2026-05-10', reason: 'taken into a social protection centre' }] } }, '2026-05', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['terminated on 2026-05-10: June stops, with the recorded reason', { decision: { statusHistory: [{ status: 'terminated', from: '2026-05-10', reason: 'taken into a social protection centre' }] } }, '2026-06', notPayable('TERMINATED', { decisionReason: 'taken into a social protection centre' })],
  // An operator's termination (last day paid 2026-06-30, so terminated from 2026-07-01): final, with its reason code.
  ['terminated from 2026-07-01 (moved out): June paid', { decision: { statusHistory: [TERMINATED_JULY] } }, '2026-06', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['terminated from 2026-07-01 (moved out): July stops, with the reason code', { decision: { statusHistory: [TERMINATED_JULY] } }, '2026-07', notPayable('TERMINATED', { decisionReason: 'moved away', decisionReasonCode: 'MOVED_OUT' })],
  ['two changes on one date: the one recorded later holds (resumed the day it was suspended)', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01' }, { status: 'active', from: '2026-04-01' }] } }, '2026-05', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: false })],
  ['a resumption recorded before a suspension dated earlier: the later date holds', { decision: { statusHistory: [{ status: 'active', from: '2026-06-01' }, { status: 'suspended', from: '2026-04-01', reason: 'in custody' }] } }, '2026-07', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: false })],
  ['a termination is final: a later resumption does not revive the decision', { decision: { statusHistory: [{ status: 'suspended', from: '2026-08-01' }, TERMINATED_JULY, { status: 'active', from: '2026-09-01', withArrears: true }] } }, '2026-10', notPayable('TERMINATED', { decisionReasonCode: 'MOVED_OUT' })],
  ['a termination dated before a suspension recorded earlier: terminated, not suspended', { decision: { statusHistory: [{ status: 'suspended', from: '2026-08-01', reason: 'in custody' }, TERMINATED_JULY] } }, '2026-08', notPayable('TERMINATED', { decisionReasonCode: 'MOVED_OUT' })],
  ['a termination after a resumption with arrears keeps the arrears of the months before it', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01' }, { status: 'active', from: '2026-08-01', withArrears: true }, { ...TERMINATED_JULY, from: '2026-06-01' }] } }, '2026-05', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { arrearsAfterSuspension: true })],
  ['... and stops the months from it', { decision: { statusHistory: [{ status: 'suspended', from: '2026-04-01' }, { status: 'active', from: '2026-08-01', withArrears: true }, { ...TERMINATED_JULY, from: '2026-06-01' }] } }, '2026-08', notPayable('TERMINATED')],
  // D20 on a change of residence: moving within the province keeps paying; moving away, the old commune pays the stop month.
  ['moved within the province on 2026-03-10: March paid by the old commune', { person: { residences: moved({ communeCode: '30760', provinceCode: '91' }) } }, '2026-03', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30742' })],
  ['moved within the province on 2026-03-10: April paid by the new commune', { person: { residences: moved({ communeCode: '30760', provinceCode: '91' }) } }, '2026-04', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30760' })],
  ['moved out of the province on 2026-03-10: the old province pays March, the stop month', { person: { residences: moved({ communeCode: '31135', provinceCode: '92' }) } }, '2026-03', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30742' })],
  ['moved out of the province on 2026-03-10: the old province stops in April', { person: { residences: moved({ communeCode: '31135', provinceCode: '92' }) } }, '2026-04', notPayable('MOVED_OUT_OF_PROVINCE')],
  ['the new province does not pay the stop month', { person: { residences: moved({ communeCode: '31135', provinceCode: '92' }) }, scope: { provinceCode: '92' } }, '2026-03', notPayable('MOVED_OUT_OF_PROVINCE')],
  ['the new province pays from the month after the stop month', { person: { residences: moved({ communeCode: '31135', provinceCode: '92' }) }, scope: { provinceCode: '92' } }, '2026-04', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '31135', provinceCode: '92' })],
  // Old units (before 2025-07-01) are paid by the commune they went into: 30280 (old An Giang) is in 30307 Long Xuyên.
  ['a residence still recorded under old An Giang (89) is inside new An Giang (91), paid by the commune its unit went into', { person: { residences: [{ communeCode: '30280', provinceCode: '89', from: '1990-01-01' }] } }, '2025-10', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30307' })],
  ['a run for the commune an old unit went into pays its residents', { person: { residences: [{ communeCode: '30280', provinceCode: '89', from: '1990-01-01' }] }, scope: { communeCodes: ['30307'] } }, '2026-01', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30307' })],
  // Phú Hội (30355) was split between 30337 and 30346: the hamlet decides, so only a run of the whole province pays it.
  ['a unit split between communes is in no commune run until its new commune is recorded', { person: { residences: [{ communeCode: '30355', provinceCode: '89', from: '1990-01-01' }] }, scope: { communeCodes: ['30337', '30346'] } }, '2026-01', notPayable('OUT_OF_SCOPE')],
  ['a run of the whole province pays a split unit under its old code', { person: { residences: [{ communeCode: '30355', provinceCode: '89', from: '1990-01-01' }] } }, '2026-01', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80', { communeCode: '30355' })],
  // Run scope: programmes and communes outside it are skipped, not failed.
  ['a run for other communes of the province', { scope: { communeCodes: ['30760', '30769'] } }, '2026-01', notPayable('OUT_OF_SCOPE')],
  ['a run for the commune of residence', { scope: { communeCodes: ['30742'] } }, '2026-01', payable('SA_ELDERLY_POOR_NO_SUPPORT_60_80')],
  ['a meritorious-only run skips social assistance', { scope: { programmes: ['MERITORIOUS'] } }, '2026-01', notPayable('OUT_OF_SCOPE')],
  // D75/2021: meritorious groups have no age bands; war invalids are paid by injury rate.
  ['war invalid at 81% with an especially severe wound', meritorious('NCC_WAR_INVALID', { injuryRate: 81, especiallySevereWound: true }), '2026-01', payable('NCC_WAR_INVALID', { programme: 'MERITORIOUS', combination: 'MERITORIOUS', inputs: { ageYears: 75, injuryRate: 81, especiallySevereWound: true } })],
  ['war invalid decision without an injury rate', meritorious('NCC_WAR_INVALID_TYPE_B'), '2026-01', notPayable('INVALID_DECISION')],
  ['war invalid decision at 15% (recognised from 21%: no amount in the tables)', meritorious('NCC_WAR_INVALID', { injuryRate: 15 }), '2026-01', notPayable('INVALID_DECISION')],
  ['Heroic Mother, any age', meritorious('NCC_HEROIC_MOTHER'), '2026-01', payable('NCC_HEROIC_MOTHER', { payee: 'beneficiary' })],
  ['pre-1945 salaried revolutionary carries the seniority years for the supplement', meritorious('NCC_PRE1945_SALARIED', { seniorityYears: 12 }), '2026-01', payable('NCC_PRE1945_SALARIED', { inputs: { ageYears: 75, seniorityYears: 12 } })],
  ['a meritorious code on a social-assistance decision', { decision: { groupCode: 'NCC_HERO' } }, '2026-01', notPayable('INVALID_DECISION')],
  // D20 Art.5(4): single parent, per child under 16 or 16-22 studying; stacks with the parent's own allowance.
  ['single parent with a 10-year-old, a studying 17-year-old and a 23-year-old', { person: { dateOfBirth: '1980-01-01' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_SINGLE_PARENT_POOR', attributes: { children: [{ dateOfBirth: '2015-01-01' }, { dateOfBirth: '2009-05-01', studyPeriods: study('2024-09-01', '2027-06-30') }, { dateOfBirth: '2003-01-01' }] } } }, '2026-06', payable('SA_SINGLE_PARENT_POOR', { combination: 'SA_PER_CHILD', inputs: { children: 2 } })],
  ['single parent: a child turning 16 (not studying) still counts in the birthday month', { person: { dateOfBirth: '1980-01-01' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_SINGLE_PARENT_POOR', attributes: { children: [{ dateOfBirth: '2010-06-20' }] } } }, '2026-06', payable('SA_SINGLE_PARENT_POOR', { inputs: { children: 1 } })],
  ['single parent: the month after that birthday, no child left', { person: { dateOfBirth: '1980-01-01' }, householdPoverty: nearPoor(2026), decision: { groupCode: 'SA_SINGLE_PARENT_POOR', attributes: { children: [{ dateOfBirth: '2010-06-20' }] } } }, '2026-07', notPayable('NO_ELIGIBLE_CHILDREN')],
  ['single parent whose children are all grown', { person: { dateOfBirth: '1970-01-01' }, decision: { groupCode: 'SA_SINGLE_PARENT_POOR', attributes: { children: [{ dateOfBirth: '2003-01-01' }] } } }, '2026-06', notPayable('NO_ELIGIBLE_CHILDREN')],
  // D20 Art.20: care allowances go to the caring household and band on the cared-for person's age.
  // A care allowance held by the caring household's representative (a woman of 1950), naming the child cared for.
  ['held by the foster mother: banded by the age of the child cared for, not hers', { decision: { groupCode: 'CARE_FOSTER_CHILD', caredFor: caredFor('child-1', '2023-02-10') } }, '2026-01', payable('CARE_FOSTER_CHILD_U4', { payee: 'caring_household', caredForRef: 'child-1', inputs: { ageYears: 2 } })],
  ['held by the foster mother: the child turns 4, the 4-16 rate from the birthday month', { decision: { groupCode: 'CARE_FOSTER_CHILD', caredFor: caredFor('child-1', '2022-02-10') } }, '2026-02', payable('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { caredForRef: 'child-1' })],
  ['held by the foster mother: the month the child turns 16 is the last paid', { decision: { groupCode: 'CARE_FOSTER_CHILD', caredFor: caredFor('child-1', '2010-02-10') } }, '2026-02', payable('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { caredForRef: 'child-1', inputs: { ageYears: 16 } })],
  ['held by the foster mother: the child turned 16, no age band fits', { decision: { groupCode: 'CARE_FOSTER_CHILD', caredFor: caredFor('child-1', '2010-01-10') } }, '2026-02', notPayable('AGE_OUT_OF_RANGE')],
  ['held by the caring household: paid in the month the person cared for died', { decision: { groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', caredFor: caredFor('p-2', '1990-01-01', { dateOfDeath: '2026-03-15' }) } }, '2026-03', payable('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED')],
  ['held by the caring household: stops from the month after the death of the person cared for', { decision: { groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', caredFor: caredFor('p-2', '1990-01-01', { dateOfDeath: '2026-03-15' }) } }, '2026-04', notPayable('CARED_FOR_DECEASED')],
  ['held by the caring household: the person cared for moved within the province, still paid', { decision: { groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', caredFor: caredFor('p-2', '1990-01-01', { residences: moved({ communeCode: '30760', provinceCode: '91' }) }) } }, '2026-04', payable('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', { communeCode: '30742' })],
  ['held by the caring household: paid the month the person cared for moved out of the province', { decision: { groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', caredFor: caredFor('p-2', '1990-01-01', { residences: moved({ communeCode: '31135', provinceCode: '92' }) }) } }, '2026-03', payable('CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED')],
  ['held by the caring household: stops from the month after the person cared for moved out of the province', { decision: { groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED', caredFor: caredFor('p-2', '1990-01-01', { residences: moved({ communeCode: '31135', provinceCode: '92' }) }) } }, '2026-04', notPayable('CARED_FOR_MOVED_AWAY')],
  ['held by the foster mother: a child cared for with no residence on record is not paid for', { decision: { groupCode: 'CARE_FOSTER_CHILD', caredFor: caredFor('child-1', '2023-02-10', { residences: [] }) } }, '2026-01', notPayable('CARED_FOR_MOVED_AWAY')],
  ['the holder\'s own death stops it first', { person: { dateOfDeath: '2026-01-05' }, decision: { groupCode: 'CARE_FOSTER_CHILD', caredFor: caredFor('child-1', '2023-02-10') } }, '2026-02', notPayable('DECEASED')],
  ['a disabled parent\'s care allowance names nobody else', { decision: { groupCode: 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', caredFor: caredFor('child-1', '2025-02-10') } }, '2026-02', notPayable('INVALID_DECISION')],
  ['a person\'s own allowance names nobody cared for', { decision: { caredFor: caredFor('p-3', '1940-01-01') } }, '2026-02', notPayable('INVALID_DECISION')],
  ['foster care of a child who turns 4: the 4-16 care rate, paid to the household', { person: { dateOfBirth: '2022-05-17' }, decision: { groupCode: 'CARE_FOSTER_CHILD' } }, '2026-05', payable('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { payee: 'caring_household', combination: 'SA_CARE' })],
  ['foster care of an elderly person', { decision: { groupCode: 'CARE_FOSTER_ELDERLY' } }, '2026-01', payable('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { family: 'CARE_FOSTER_ELDERLY' })],
  ['a care code shared by two families must come with its family', { decision: { groupCode: 'CARE_FOSTER_CHILD_4_16_OR_ELDERLY' } }, '2026-01', notPayable('INVALID_DECISION')],
  // Bad data is a reason for that person, never a crash of the run.
  ['an unknown group code', { decision: { groupCode: 'SA_ORPHAN' } }, '2026-01', notPayable('INVALID_DECISION')],
  ['a date that does not exist', { decision: { signedOn: '2026-02-30' } }, '2026-03', notPayable('INVALID_DECISION')],
];

describe('decideMonth', () => {
  it.each(cases)('%s', (_title, patch, month, expected) => {
    expect(decideMonth(given(patch), month)).toMatchObject({ month, ...expected });
  });

  it('explains a reason in one sentence naming the facts', () => {
    expect(decideMonth(given({ person: { dateOfDeath: '2026-03-15' } }), '2026-04')).toEqual({
      payable: false,
      month: '2026-04',
      reason: 'DECEASED',
      detail: 'Died on 2026-03-15: payments stop from the month after the month of death.',
    });
  });

  it('gives entitlement everything it needs for a payable month', () => {
    expect(decideMonth(given(child('2022-05-17')), '2026-04')).toEqual({
      payable: true,
      month: '2026-04',
      programme: 'SOCIAL_ASSISTANCE',
      family: 'SA_CHILD_NO_SUPPORT',
      groupCode: 'SA_CHILD_NO_SUPPORT_U4',
      coefficient: '2.5',
      combination: 'SA_OWN',
      payee: 'beneficiary',
      communeCode: '30742',
      provinceCode: '91',
      startMonth: '2022-06',
      arrearsAfterSuspension: false,
      inputs: { ageYears: 3 },
    });
  });

  it('rejects a month that is not YYYY-MM', () => {
    expect(() => decideMonth(given(), '2026-13')).toThrow(InvalidMonthError);
  });
});

describe('statusInForce', () => {
  const history: StatusChange[] = [
    { status: 'active', from: '2025-09-10' },
    { status: 'suspended', from: '2026-04-01' },
    { status: 'terminated', from: '2026-07-01', reasonCode: 'RECOVERED' },
    { status: 'active', from: '2026-09-01' },
  ];
  it.each([
    ['before any change', '2025-01-01', undefined],
    ['the last change on or before the day', '2026-05-01', 'suspended'],
    ['from the termination', '2026-07-01', 'terminated'],
    ['a later change does not revive a terminated decision', '2026-10-01', 'terminated'],
  ])('%s', (_, day, status) => {
    expect(statusInForce(history, day)?.status).toBe(status);
  });
});

describe('decideMonths', () => {
  it('follows a child across the 4th birthday month by month', () => {
    const groups = decideMonths(given(child('2022-05-17')), '2026-03', '2026-06').map((d) => (d.payable ? d.groupCode : d.reason));
    expect(groups).toEqual(['SA_CHILD_NO_SUPPORT_U4', 'SA_CHILD_NO_SUPPORT_U4', 'SA_CHILD_NO_SUPPORT_4_16', 'SA_CHILD_NO_SUPPORT_4_16']);
  });
});
