import type { RegisterRow } from './import-layout';
import { caredForProblems } from './cared-for';

/** A foster mother's care allowance from 2026-10-01, naming the child she fosters. */
const fostering: RegisterRow['decision'] = {
  programme: 'social_assistance',
  groupCode: 'CARE_FOSTER_CHILD',
  decisionNumber: '16/QĐ-UBND',
  signingLevel: 'commune',
  signedOn: '2026-10-01',
  effectiveFrom: '2026-10-01',
  attributes: {},
  caredForNationalId: '091322455407',
};
const codes = (decision: RegisterRow['decision'], caredFor: { dateOfBirth: string; dateOfDeath?: string | null }) =>
  caredForProblems(decision, caredFor).map((p) => [p.field, p.code]);

describe('caredForProblems (the person a care allowance names: a mistyped ID number would attach it to someone else)', () => {
  it.each<[string, RegisterRow['decision'], { dateOfBirth: string; dateOfDeath?: string | null }, string[][]]>([
    ['a child of 8 fostered', fostering, { dateOfBirth: '2018-03-01' }, []],
    ['a baby fostered', fostering, { dateOfBirth: '2026-02-01' }, []],
    ['a child in the month of the 16th birthday (its last month paid)', fostering, { dateOfBirth: '2010-10-20' }, []],
    // The ID number of a register person of 76: the child rate would be paid by their age (nothing), stopped by their death.
    ['an adult named as the child fostered', fostering, { dateOfBirth: '1950-03-10' }, [['cared_for_national_id', 'CARED_FOR_AGE']]],
    ['a child aged 16 the month before', fostering, { dateOfBirth: '2010-09-20' }, [['cared_for_national_id', 'CARED_FOR_AGE']]],
    ['an elderly person fostered', { ...fostering, groupCode: 'CARE_FOSTER_ELDERLY' }, { dateOfBirth: '1950-03-10' }, []],
    ['a child named as the elderly person fostered', { ...fostering, groupCode: 'CARE_FOSTER_ELDERLY' }, { dateOfBirth: '2018-03-01' }, [['cared_for_national_id', 'CARED_FOR_AGE']]],
    ['an especially severely disabled person of any age', { ...fostering, groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED' }, { dateOfBirth: '1950-03-10' }, []],
    ['a person cared for who died before the decision takes effect', fostering, { dateOfBirth: '2018-03-01', dateOfDeath: '2026-09-30' }, [['cared_for_national_id', 'CARED_FOR_DECEASED']]],
    ['a person cared for who died once it had taken effect', fostering, { dateOfBirth: '2018-03-01', dateOfDeath: '2026-10-05' }, []],
    ['the date of birth the row gives for them is theirs', { ...fostering, caredForDateOfBirth: '2018-03-01' }, { dateOfBirth: '2018-03-01' }, []],
    ['the date of birth the row gives for them is not theirs', { ...fostering, caredForDateOfBirth: '2018-03-02' }, { dateOfBirth: '2018-03-01' }, [['cared_for_date_of_birth', 'NOT_THE_PERSON_CARED_FOR']]],
  ])('%s', (_title, decision, caredFor, expected) => {
    expect(codes(decision, caredFor)).toEqual(expected);
  });

  it('never echoes a date or an ID number: the person may be one the operator may not read', () => {
    const problems = [
      ...caredForProblems({ ...fostering, caredForDateOfBirth: '2018-03-02' }, { dateOfBirth: '1950-03-10', dateOfDeath: '2020-01-01' }),
      ...caredForProblems(fostering, { dateOfBirth: '1950-03-10' }),
    ];
    expect(problems.length).toBeGreaterThan(0);
    for (const value of ['1950', '2020', '2018', '091322455407', '76']) expect(JSON.stringify(problems)).not.toContain(value);
  });
});
