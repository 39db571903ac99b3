import { deathDateProblem, endStudies, funeralProgrammes, parseLifeEvent, suspensionStartAfter } from './life-event-rules';

const TODAY = '2026-11-20';
const parse = (request: object) => parseLifeEvent({ effectiveOn: '2026-11-10', ...request } as never, TODAY, '91');
const codes = (request: object) => parse(request).problems.map((p) => `${p.field}:${p.code}`);

describe('parseLifeEvent', () => {
  it.each([
    ['death', { kind: 'death' }, { kind: 'death', effectiveOn: '2026-11-10' }],
    ['move within the province (new commune code)', { kind: 'moved_within_province', communeCode: '30307' }, { communeCode: '30307', provinceCode: '91' }],
    [
      'move within the province, with the address in the new commune',
      { kind: 'moved_within_province', communeCode: '30307', address: ' Ấp Phú Hòa 2 ' },
      { communeCode: '30307', provinceCode: '91', address: 'Ấp Phú Hòa 2' },
    ],
    ['move out of the province', { kind: 'moved_out_of_province', provinceCode: '79' }, { provinceCode: '79' }],
    ['suspension with a reason, for one programme', { kind: 'suspended', reason: 'custody', programme: 'social_assistance' }, { reason: 'custody', target: { programme: 'social_assistance' } }],
    ['resumption with arrears', { kind: 'resumed', withArrears: true }, { withArrears: true, target: {} }],
    ['resumption without arrears by default', { kind: 'resumed' }, { withArrears: false }],
    ['poverty status, year from the date', { kind: 'poverty_status_changed', povertyStatus: 'near_poor' }, { year: 2026, status: 'near_poor' }],
    ['end of studies', { kind: 'studying_ended', decisionId: '6f1c2d6e-0000-4000-8000-000000000000' }, { target: { decisionId: '6f1c2d6e-0000-4000-8000-000000000000' } }],
  ])('%s', (_title, request, expected) => {
    expect(parse(request)).toMatchObject({ command: expected, problems: [] });
  });

  it.each([
    ['a death in the future', { kind: 'death', effectiveOn: '2026-12-01' }, ['effectiveOn:DATE_IN_FUTURE']],
    // Dated ahead, a resumption with arrears would make the suspended months until then payable at once.
    ['a resumption in the future', { kind: 'resumed', effectiveOn: '2026-12-01', withArrears: true }, ['effectiveOn:DATE_IN_FUTURE']],
    ['not a date', { kind: 'death', effectiveOn: '2026-02-30' }, ['effectiveOn:INVALID_DATE']],
    ['a move to a commune of another province', { kind: 'moved_within_province', communeCode: '99999' }, ['communeCode:UNKNOWN_COMMUNE']],
    ['an address of more than 200 characters', { kind: 'moved_within_province', communeCode: '30307', address: 'Ấ'.repeat(201) }, ['address:TOO_LONG']],
    ['an address with another kind of event', { kind: 'moved_out_of_province', provinceCode: '79', address: 'Quận 1' }, ['address:NOT_ALLOWED']],
    ['a move "out" to the same province', { kind: 'moved_out_of_province', provinceCode: '91' }, ['provinceCode:NOT_ANOTHER_PROVINCE']],
    ['a move out to old An Giang (now part of 91)', { kind: 'moved_out_of_province', provinceCode: '89' }, ['provinceCode:NOT_ANOTHER_PROVINCE']],
    ['a suspension without reason', { kind: 'suspended' }, ['reason:REQUIRED']],
    ['an unknown poverty status', { kind: 'poverty_status_changed', povertyStatus: 'rich' }, ['povertyStatus:NOT_ALLOWED']],
    ['an unknown kind', { kind: 'married' }, ['kind:UNKNOWN_KIND']],
  ])('refuses %s', (_title, request, expected) => {
    expect(codes(request)).toEqual(expected);
    expect(parse(request).command).toBeUndefined();
  });
});

describe('parseLifeEvent: a death with its funeral organiser', () => {
  const organiser = (patch: object = {}, destination: object = { channel: 'bank', bankBin: '970436', accountNumber: '0071 0001 23456' }) => ({
    kind: 'death', funeralOrganiser: { fullName: ' Trần Văn Minh ', relationship: 'con trai', destination, ...patch },
  });

  it('takes the organiser, their destination valid from the death, the holder defaulting to their name', () => {
    expect(parse(organiser()).command).toEqual({
      kind: 'death',
      effectiveOn: '2026-11-10',
      funeralOrganiser: {
        fullName: 'Trần Văn Minh',
        relationship: 'con trai',
        destination: { channel: 'bank', bankBin: '970436', accountNumber: '0071000123456', holderName: 'Trần Văn Minh', validFrom: '2026-11-10' },
      },
    });
    expect(parse(organiser({}, { channel: 'post_office_cash', cashPointCode: 'CP-30742-01', holderName: 'UBND xã Vĩnh Hòa' })).command).toMatchObject({
      funeralOrganiser: { destination: { channel: 'post_office_cash', cashPointCode: 'CP-30742-01', holderName: 'UBND xã Vĩnh Hòa' } },
    });
  });

  it("keeps the organiser's name as the register keeps names: composed, one space where a non-breaking one or a run was pasted", () => {
    const pasted = organiser({ fullName: 'Tra\u0302\u0300n\u00A0Văn  Minh\u200B' });
    expect(parse(pasted).command).toMatchObject({ funeralOrganiser: { fullName: 'Trần Văn Minh', destination: { holderName: 'Trần Văn Minh' } } });
  });

  it.each([
    ['no name', organiser({ fullName: ' ' }), ['funeralOrganiser.fullName:REQUIRED']],
    ['no relationship', organiser({ relationship: '' }), ['funeralOrganiser.relationship:REQUIRED']],
    ['an unknown bank', organiser({}, { channel: 'bank', bankBin: '123456', accountNumber: '0071000123456' }), ['funeralOrganiser.destination.bankBin:UNKNOWN_BANK']],
    ['a bad account', organiser({}, { channel: 'bank', bankBin: '970436', accountNumber: '12' }), ['funeralOrganiser.destination.accountNumber:INVALID_ACCOUNT']],
    ['cash without a point', organiser({}, { channel: 'post_office_cash' }), ['funeralOrganiser.destination.cashPointCode:REQUIRED']],
    ['an organiser on another kind of event', { ...organiser(), kind: 'resumed' }, ['funeralOrganiser:NOT_ALLOWED']],
  ])('refuses %s', (_title, request, expected) => {
    expect(codes(request)).toEqual(expected);
    expect(parse(request).command).toBeUndefined();
  });
});

describe('endStudies', () => {
  it('ends the studies open on the day', () => {
    expect(endStudies({ injuryRate: 0, studyPeriods: [{ from: '2020-09-01', to: '2023-06-30' }, { from: '2024-09-01' }] }, '2026-06-30')).toEqual({
      injuryRate: 0,
      studyPeriods: [{ from: '2020-09-01', to: '2023-06-30' }, { from: '2024-09-01', to: '2026-06-30' }],
    });
  });

  it('changes nothing when no study is open that day', () => {
    expect(endStudies({ studyPeriods: [{ from: '2020-09-01', to: '2023-06-30' }] }, '2026-06-30')).toBeUndefined();
    expect(endStudies({}, '2026-06-30')).toBeUndefined();
  });
});

describe('suspensionStartAfter (not collected three months running)', () => {
  it.each([
    [['2026-08', '2026-09', '2026-10'], '2026-11-01'],
    [['2026-12', '2026-10', '2026-11'], '2027-01-01'],
  ])('%j → suspended from %s', (months, expected) => {
    expect(suspensionStartAfter(months)).toBe(expected);
  });
});

describe('funeralProgrammes (D20 Art.11: funeral support for a beneficiary of a monthly allowance, not for a carer)', () => {
  it('a foster mother holding only the care allowance of the child she fosters: no funeral support', () => {
    expect(funeralProgrammes([{ programme: 'social_assistance', groupCode: 'CARE_FOSTER_CHILD' }])).toEqual([]);
  });

  it('a household member paid for caring for an especially severely disabled person, on the social pension himself: the pension only', () => {
    expect(
      funeralProgrammes([
        { programme: 'social_assistance', groupCode: 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED' },
        { programme: 'social_pension', groupCode: 'SOCIAL_PENSION' },
      ]),
    ).toEqual(['social_pension']);
  });

  it("a disabled mother with her own allowance and the care allowance for her baby: social assistance, once", () => {
    expect(
      funeralProgrammes([
        { programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' },
        { programme: 'social_assistance', groupCode: 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M' },
      ]),
    ).toEqual(['social_assistance']);
  });

  it('a banded group code of older data, a poor single parent, and meritorious service are kept', () => {
    expect(
      funeralProgrammes([
        { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT_80' },
        { programme: 'social_assistance', groupCode: 'SA_SINGLE_PARENT_POOR' },
        { programme: 'meritorious', groupCode: 'NCC_HERO' },
      ]),
    ).toEqual(['meritorious', 'social_assistance']);
  });
});

describe('deathDateProblem (a death against the person on record)', () => {
  // A death cannot be corrected once recorded (entitlement recovers the months after it): a year typed wrong
  // (1925 for 2025) is refused, not recorded as a death 19 years before the person was born.
  it('refuses a death before the date of birth, naming effectiveOn', () => {
    expect(deathDateProblem('1944-06-20', '1925-03-01')).toEqual({ field: 'effectiveOn', code: 'BEFORE_BIRTH', reason: expect.stringContaining('1944-06-20') });
  });

  it('accepts a death on or after the date of birth', () => {
    expect(deathDateProblem('1944-06-20', '1944-06-20')).toBeUndefined();
    expect(deathDateProblem('1944-06-20', '2026-10-14')).toBeUndefined();
  });
});
