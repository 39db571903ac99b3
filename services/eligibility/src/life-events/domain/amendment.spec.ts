import { planAmendment, type AmendedDecision, type AmendmentRequest } from './amendment';

const TODAY = '2026-11-30';
/** A person with a severe disability, decision of 2025-09 (commune level), certificate 2025-08-20. */
const decision: AmendedDecision = {
  programme: 'social_assistance',
  groupCode: 'SA_DISABLED_SEVERE',
  decisionNumber: '12/QĐ-UBND',
  signedOn: '2025-09-10',
  effectiveFrom: '2025-09-10',
  certificateDate: '2025-08-20',
  attributes: {},
  statusHistory: [{ status: 'active', from: '2025-09-10' }],
};
const request = (patch: Partial<AmendmentRequest> = {}): AmendmentRequest => ({
  effectiveFrom: '2026-08-01',
  decisionNumber: '88/QĐ-UBND',
  signingLevel: 'commune',
  signedOn: '2026-10-20',
  groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
  certificateDate: '2026-07-15',
  ...patch,
});
const problemsOf = (patch: Partial<AmendmentRequest>, of: AmendedDecision = decision) => {
  const plan = planAmendment(request(patch), of, TODAY);
  return plan.ok || 'alreadyTerminated' in plan ? [] : plan.problems.map((p) => `${p.field}:${p.code}`);
};

describe('planAmendment', () => {
  it('re-assessed as especially severe from August: the old decision ends on 31 July, the amending one continues it', () => {
    const plan = planAmendment(request(), decision, TODAY);
    expect(plan).toEqual({
      ok: true,
      successor: {
        programme: 'social_assistance',
        groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
        decisionNumber: '88/QĐ-UBND',
        signingLevel: 'commune',
        signedOn: '2026-10-20',
        effectiveFrom: '2026-08-01',
        certificateDate: '2026-07-15',
        attributes: {},
      },
      termination: { status: 'terminated', from: '2026-08-01', reason: 'amended by 88/QĐ-UBND from 2026-08-01', reasonCode: 'AMENDED' },
      lastDayPaid: '2026-07-31',
      firstMonthAmended: '2026-08',
    });
  });

  it('keeps what the amendment does not change (a war invalid re-assessed from 61% to 81%)', () => {
    const invalid: AmendedDecision = { ...decision, programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', certificateDate: undefined, attributes: { injuryRate: 61, especiallySevereWound: true } };
    const plan = planAmendment(request({ groupCode: undefined, certificateDate: undefined, injuryRate: 81 }), invalid, TODAY);
    expect(plan.ok && plan.successor).toMatchObject({ groupCode: 'NCC_WAR_INVALID', attributes: { injuryRate: 81, especiallySevereWound: true } });
  });

  it('an amendment from the decision\'s own first month keeps the decision\'s effective day', () => {
    const plan = planAmendment(request({ effectiveFrom: '2025-09-01' }), decision, TODAY);
    expect(plan.ok && [plan.successor.effectiveFrom, plan.lastDayPaid]).toEqual(['2025-09-10', '2025-08-31']);
  });

  it.each([
    ['not on the 1st of a month: a level changes from the month', { effectiveFrom: '2026-08-15' }, 'effectiveFrom:NOT_FIRST_OF_MONTH'],
    ['before the decision\'s first month', { effectiveFrom: '2025-08-01' }, 'effectiveFrom:BEFORE_DECISION'],
    ['not a date', { effectiveFrom: '01/08/2026x' }, 'effectiveFrom:INVALID_DATE'],
    ['signed before the decision it amends', { signedOn: '2025-09-01' }, 'signedOn:BEFORE_DECISION_SIGNED'],
    ['signed in the future', { signedOn: '2026-12-01' }, 'signedOn:DATE_IN_FUTURE'],
    ['a group of another programme', { groupCode: 'SOCIAL_PENSION' }, 'groupCode:GROUP_NOT_IN_PROGRAMME'],
    ['an unknown group', { groupCode: 'SA_NOPE' }, 'groupCode:UNKNOWN_GROUP'],
    ['the number of the decision it amends', { decisionNumber: '12/QĐ-UBND' }, 'decisionNumber:SAME_DECISION'],
    ['changing nothing', { groupCode: 'SA_DISABLED_SEVERE', certificateDate: '2025-08-20' }, 'groupCode:NOTHING_CHANGED'],
    ['signed at district level after the districts were abolished', { signingLevel: 'district' }, 'signingLevel:DISTRICT_ABOLISHED'],
  ])('refuses an amendment %s', (_title, patch, expected) => {
    expect(problemsOf(patch)).toContain(expected);
  });

  it('keeps a care allowance for another person held for them: no group of one\'s own', () => {
    const fostering: AmendedDecision = { ...decision, groupCode: 'CARE_FOSTER_CHILD', certificateDate: undefined, caredForPersonId: 'child-1' };
    expect(problemsOf({ groupCode: 'SA_CHILD_NO_SUPPORT', certificateDate: undefined }, fostering)).toContain('groupCode:CARED_FOR_NOT_ALLOWED');
    expect(problemsOf({ groupCode: 'CARE_FOSTER_ESPECIALLY_SEVERE_DISABLED', certificateDate: undefined }, fostering)).toEqual([]);
  });

  it('refuses to amend after the decision ended', () => {
    expect(problemsOf({}, { ...decision, effectiveTo: '2026-06-30' })).toContain('effectiveFrom:AFTER_DECISION_END');
  });

  it('refuses to amend a decision in the months it is suspended: the amending decision would pay them', () => {
    const suspended = (from: string, resumedOn?: string): AmendedDecision => ({
      ...decision,
      statusHistory: [
        ...decision.statusHistory,
        { status: 'suspended', from, reason: 'custody' },
        ...(resumedOn ? [{ status: 'active' as const, from: resumedOn, withArrears: true }] : []),
      ],
    });
    // Suspended in March, amended from August: still suspended.
    expect(problemsOf({}, suspended('2026-03-01'))).toContain('effectiveFrom:DECISION_SUSPENDED');
    // Suspended from September, after the amendment's first day.
    expect(problemsOf({}, suspended('2026-09-01'))).toContain('effectiveFrom:DECISION_SUSPENDED');
    // Resumed in June: from August on nothing is suspended.
    expect(problemsOf({}, suspended('2026-03-01', '2026-06-01'))).toEqual([]);
  });

  it('a terminated decision cannot be amended', () => {
    const terminated: AmendedDecision = { ...decision, statusHistory: [...decision.statusHistory, { status: 'terminated', from: '2026-07-01', reasonCode: 'RECOVERED' }] };
    expect(planAmendment(request(), terminated, TODAY)).toEqual({ ok: false, alreadyTerminated: { status: 'terminated', from: '2026-07-01', reasonCode: 'RECOVERED' } });
  });
});
