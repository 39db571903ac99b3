import { checkTermination, parseTermination, type TerminatedDecision, type Termination, type TerminationRequest } from './termination';

const TODAY = '2026-11-20';
/** A commune chairman's decision ending a benefit: last day paid 2026-06-30. */
const REQUEST: TerminationRequest = { effectiveTo: '2026-06-30', reasonCode: 'RECOVERED', decisionNumber: '45/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-07-05' };
const DECISION: TerminatedDecision = { effectiveFrom: '2025-09-10', signedOn: '2025-09-10', statusHistory: [{ status: 'active', from: '2025-09-10' }] };

describe('parseTermination: the request on its own', () => {
  it('accepts a complete request', () => {
    expect(parseTermination(REQUEST, TODAY)).toEqual({
      termination: { effectiveTo: '2026-06-30', reasonCode: 'RECOVERED', decisionNumber: '45/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-07-05' },
      problems: [],
    });
  });

  it('keeps the note, trimmed', () => {
    expect(parseTermination({ ...REQUEST, reasonCode: 'OTHER', note: '  taken into a social protection centre ' }, TODAY).termination).toMatchObject({ reasonCode: 'OTHER', note: 'taken into a social protection centre' });
  });

  it.each<[string, Partial<TerminationRequest>, string, string]>([
    ['effectiveTo not a date', { effectiveTo: '30/06/2026' }, 'effectiveTo', 'INVALID_DATE'],
    ['effectiveTo not a calendar date', { effectiveTo: '2026-02-30' }, 'effectiveTo', 'INVALID_DATE'],
    ['effectiveTo missing', { effectiveTo: '' }, 'effectiveTo', 'REQUIRED'],
    ['signedOn not a date', { signedOn: '2026-7-5' }, 'signedOn', 'INVALID_DATE'],
    ['signedOn after today', { signedOn: '2026-11-21' }, 'signedOn', 'DATE_IN_FUTURE'],
    ['a reason code outside the list', { reasonCode: 'BORED' }, 'reasonCode', 'NOT_ALLOWED'],
    ['a death: recorded as a life event, not a termination', { reasonCode: 'DECEASED' }, 'reasonCode', 'RECORDED_AS_LIFE_EVENT'],
    ['OTHER without a note', { reasonCode: 'OTHER', note: '  ' }, 'note', 'REQUIRED'],
    ['no decision number', { decisionNumber: ' ' }, 'decisionNumber', 'REQUIRED'],
    ['a decision number too long', { decisionNumber: 'x'.repeat(101) }, 'decisionNumber', 'TOO_LONG'],
    ['an unknown signing level', { signingLevel: 'province' }, 'signingLevel', 'NOT_ALLOWED'],
    ['signed by a district after 2025-06-30', { signingLevel: 'district', signedOn: '2025-07-01' }, 'signingLevel', 'DISTRICT_ABOLISHED'],
  ])('refuses %s, naming the field', (_, patch, field, code) => {
    const { termination, problems } = parseTermination({ ...REQUEST, ...patch }, TODAY);
    expect(termination).toBeUndefined();
    expect(problems).toEqual([expect.objectContaining({ field, code })]);
  });

  it('echoes a bad date masked: an ID number typed in the wrong field is never sent back whole', () => {
    const { problems } = parseTermination({ ...REQUEST, signedOn: '079203001234' }, TODAY);
    expect(problems).toEqual([expect.objectContaining({ field: 'signedOn', code: 'INVALID_DATE', reason: 'signedOn "07********34" is not a date (YYYY-MM-DD)' })]);
  });

  it('accepts a district signature before the 2025 merger, and an effectiveTo in the future', () => {
    expect(parseTermination({ ...REQUEST, signingLevel: 'district', signedOn: '2025-06-30', effectiveTo: '2027-01-31' }, TODAY).problems).toEqual([]);
  });

  it.each(['NO_LONGER_ELIGIBLE', 'MOVED_OUT', 'RECOVERED', 'AGED_OUT', 'STUDIES_ENDED', 'OTHER_BENEFIT', 'DUPLICATE'])('knows the reason code %s', (reasonCode) => {
    expect(parseTermination({ ...REQUEST, reasonCode }, TODAY).problems).toEqual([]);
  });
});

describe('checkTermination: against the decision', () => {
  const termination = (patch: Partial<Termination> = {}): Termination => ({ ...(parseTermination(REQUEST, TODAY).termination as Termination), ...patch });

  it.each<[string, Partial<Termination>, Partial<TerminatedDecision>, string, string]>([
    ['effectiveTo before the decision takes effect', { effectiveTo: '2025-09-09' }, {}, 'effectiveTo', 'BEFORE_EFFECTIVE_FROM'],
    ['effectiveTo after the decision already ends', { effectiveTo: '2026-09-30' }, { effectiveTo: '2026-08-31' }, 'effectiveTo', 'AFTER_DECISION_END'],
    ['signed before the decision it terminates', { signedOn: '2025-09-09' }, {}, 'signedOn', 'BEFORE_DECISION_SIGNED'],
  ])('refuses %s', (_, patch, decision, field, code) => {
    expect(checkTermination(termination(patch), { ...DECISION, ...decision })).toEqual({ ok: false, problems: [expect.objectContaining({ field, code })] });
  });

  it.each<[string, Partial<Termination>, Partial<TerminatedDecision>, string, string]>([
    ['last day paid 2026-06-30: terminated from 2026-07-01, July not paid', {}, {}, '2026-07-01', '2026-07'],
    ['last day paid mid-month: that month is still paid', { effectiveTo: '2026-06-15' }, {}, '2026-06-16', '2026-07'],
    ['last day paid = the day the decision takes effect', { effectiveTo: '2025-09-10' }, {}, '2025-09-11', '2025-10'],
    ['last day paid = the day the decision ends anyway', { effectiveTo: '2026-08-31' }, { effectiveTo: '2026-08-31' }, '2026-09-01', '2026-09'],
    ['a suspended decision can be terminated', {}, { statusHistory: [{ status: 'active', from: '2025-09-10' }, { status: 'suspended', from: '2026-04-01' }] }, '2026-07-01', '2026-07'],
    ['a termination dated in the past (backdated)', { effectiveTo: '2026-01-31' }, {}, '2026-02-01', '2026-02'],
  ])('%s', (_, patch, decision, from, firstMonthNotPaid) => {
    expect(checkTermination(termination(patch), { ...DECISION, ...decision })).toEqual({
      ok: true,
      status: { status: 'terminated', from, reason: 'no longer disabled (re-assessment)', reasonCode: 'RECOVERED' },
      firstMonthNotPaid,
    });
  });

  it('keeps the note in the reason', () => {
    const check = checkTermination(termination({ reasonCode: 'OTHER', note: 'taken into a social protection centre' }), DECISION);
    expect(check).toMatchObject({ ok: true, status: { reason: 'another reason (see the note): taken into a social protection centre', reasonCode: 'OTHER' } });
  });

  it('refuses a second termination, whatever its dates', () => {
    const terminated = { status: 'terminated' as const, from: '2026-07-01', reasonCode: 'RECOVERED' };
    expect(checkTermination(termination({ effectiveTo: '2026-03-31' }), { ...DECISION, statusHistory: [...DECISION.statusHistory, terminated] })).toEqual({ ok: false, alreadyTerminated: terminated });
  });
});
