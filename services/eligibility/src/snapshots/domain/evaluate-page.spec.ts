import { snapshotChecksum, SnapshotChecksum } from '@benefits/contracts';
import type { RunScope } from '../../domain/eligibility-input';
import { parseMonth } from '../../domain/months';
import { chunks, evaluatePage, type PagePerson } from './evaluate-page';

const scope: RunScope = { provinceCode: '91', programmes: ['SOCIAL_ASSISTANCE', 'SOCIAL_PENSION', 'MERITORIOUS'] };
const residences = [{ communeCode: '30742', provinceCode: '91', from: '1990-01-01' }];

function person(id: string, patch: Partial<PagePerson['facts']> = {}, decisions: PagePerson['decisions'] = []): PagePerson {
  return { id, facts: { sex: 'male', dateOfBirth: '1950-03-10', residences, ...patch }, householdPoverty: [], decisions };
}
const decision = (id: string, groupCode: string, more: object = {}): PagePerson['decisions'][number] => ({
  id,
  programme: groupCode.startsWith('NCC') ? 'meritorious' : groupCode === 'SOCIAL_PENSION' ? 'social_pension' : 'social_assistance',
  facts: {
    programme: groupCode.startsWith('NCC') ? 'MERITORIOUS' : groupCode === 'SOCIAL_PENSION' ? 'SOCIAL_PENSION' : 'SOCIAL_ASSISTANCE',
    groupCode,
    signedOn: '2025-08-01',
    effectiveFrom: '2025-08-01',
    statusHistory: [],
    ...more,
  },
});

describe('evaluatePage (one page of a run snapshot)', () => {
  const page = evaluatePage(
    [
      person('p1', {}, [decision('d1', 'SOCIAL_PENSION'), decision('d2', 'NCC_WAR_INVALID', { attributes: { injuryRate: 61 } })]),
      person('p2', { dateOfDeath: '2026-10-05' }, [decision('d3', 'SOCIAL_PENSION')]),
      person('p3', {}, [decision('d4', 'SA_DISABLED_SEVERE', { certificateDate: '2025-07-20', statusHistory: [{ status: 'suspended', from: '2026-11-01', reason: 'custody' }] })]),
      person('p4', {}, [decision('d5', 'NOT_A_GROUP')]),
    ],
    '2026-12',
    scope,
  );

  it('freezes every decision, payable or with its machine reason', () => {
    expect(page.frozen.map((f) => [f.decisionId, f.payable, f.reason ?? f.groupCode])).toEqual([
      ['d1', true, 'SP_75_PLUS'],
      ['d2', true, 'NCC_WAR_INVALID'],
      ['d3', false, 'DECEASED'],
      ['d4', false, 'SUSPENDED'],
      ['d5', false, 'INVALID_DECISION'],
    ]);
  });

  it('publishes the payable ones with the group of the month, the paying commune and flat attributes', () => {
    expect(page.eligible).toEqual([
      { personRef: 'p1', decisionId: 'd1', programme: 'social_pension', groupCode: 'SP_75_PLUS', communeCode: '30742', ageYears: 76, attributes: { family: 'SOCIAL_PENSION', combination: 'SOCIAL_PENSION', payee: 'beneficiary' } },
      {
        personRef: 'p1', decisionId: 'd2', programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', communeCode: '30742', ageYears: 76,
        attributes: { family: 'NCC_WAR_INVALID', combination: 'MERITORIOUS', payee: 'beneficiary', injuryRate: 61 },
      },
    ]);
    expect([...page.payablePersons]).toEqual([['p1', '30742']]);
  });

  it('says when a suspended month is owed after a resumption with arrears, and gives the coefficient', () => {
    const resumed = evaluatePage(
      [person('p5', {}, [decision('d6', 'SA_DISABLED_SEVERE', { certificateDate: '2025-07-20', statusHistory: [
        { status: 'suspended', from: '2026-11-01', reason: 'custody' },
        { status: 'active', from: '2026-11-28', withArrears: true, recordedAt: '2026-11-28T08:00:00.000Z' },
      ] })])],
      '2026-12',
      scope,
      [],
      { at: '2026-10-25T03:00:00.000Z', firstDay: '2026-06-10', firstMonth: parseMonth('2026-06') },
    );
    expect(resumed.eligible[0].attributes).toEqual({
      family: 'SA_DISABLED_SEVERE', combination: 'SA_OWN', payee: 'beneficiary', arrearsAfterSuspension: true, arrearsFrom: '2026-11', coefficient: '2.0', disabilityLevel: 'severe',
    });
  });

  it('says from which month a decision signed and recorded after the previous run is owed (arrearsFrom)', () => {
    const octoberRun = { at: '2026-10-10T03:00:00.000Z', firstDay: '2026-06-10', firstMonth: parseMonth('2026-06') };
    const late = (id: string, signedOn: string, recordedAt: string) => ({
      ...decision(id, 'SA_DISABLED_SEVERE', { certificateDate: '2026-07-15', signedOn, effectiveFrom: '2026-07-15' }),
      recordedAt,
    });
    const result = evaluatePage(
      [person('p6', {}, [late('d7', '2026-10-20', '2026-10-21T02:00:00.000Z')]), person('p7', {}, [late('d8', '2026-10-01', '2026-10-02T02:00:00.000Z')])],
      '2026-11',
      scope,
      [],
      octoberRun,
    );
    expect(result.eligible.map((item) => [item.decisionId, item.attributes.arrearsFrom])).toEqual([
      ['d7', '2026-07'],
      ['d8', undefined],
    ]);
  });

  it('names the months of the window decided otherwise than the run month: the band of an age crossed since, a month not payable', () => {
    const octoberRun = { at: '2026-10-10T03:00:00.000Z', firstDay: '2026-06-10', firstMonth: parseMonth('2026-06') };
    // Signed in July, typed in after the October run; the child turns 4 in September (2.5 until August, then 1.5).
    const orphan = { ...decision('d20', 'SA_CHILD_NO_SUPPORT', { signedOn: '2026-07-10', effectiveFrom: '2026-07-10' }), recordedAt: '2026-10-21T02:00:00.000Z' };
    const child = (id: string, residences: object[]) => person(id, { dateOfBirth: '2022-09-17', residences } as never, [orphan]);
    const here = [{ communeCode: '30742', provinceCode: '91', from: '2022-09-17' }];
    const [item] = evaluatePage([child('p20', here)], '2026-11', scope, [], octoberRun).eligible;
    expect(item.groupCode).toBe('SA_CHILD_NO_SUPPORT_4_16');
    expect(item.attributes.arrearsFrom).toBe('2026-07');
    expect(JSON.parse(String(item.attributes.arrearsMonths))).toEqual([
      { month: '2026-07', groupCode: 'SA_CHILD_NO_SUPPORT_U4' },
      { month: '2026-08', groupCode: 'SA_CHILD_NO_SUPPORT_U4' },
    ]);
    // Moved to Ho Chi Minh City on 2026-07-20 and back on 2026-08-21: July is still An Giang's (the month of the move),
    // August Ho Chi Minh City's (not owed here), September An Giang's again.
    const away = [
      { communeCode: '30742', provinceCode: '91', from: '2022-09-17', to: '2026-07-19' },
      { communeCode: '26734', provinceCode: '79', from: '2026-07-20', to: '2026-08-20' },
      { communeCode: '30742', provinceCode: '91', from: '2026-08-21' },
    ];
    const [moved] = evaluatePage([child('p21', away)], '2026-11', scope, [], octoberRun).eligible;
    expect(JSON.parse(String(moved.attributes.arrearsMonths))).toEqual([
      { month: '2026-07', groupCode: 'SA_CHILD_NO_SUPPORT_U4' },
      { month: '2026-08', owed: false },
    ]);
    // A window all in the run month's band names no month.
    const [older] = evaluatePage([person('p22', { dateOfBirth: '2020-01-05', residences: here } as never, [orphan])], '2026-11', scope, [], octoberRun).eligible;
    expect(older.attributes).toMatchObject({ arrearsFrom: '2026-07' });
    expect(older.attributes.arrearsMonths).toBeUndefined();
  });

  describe('a move recorded after the previous run (arrearsFrom)', () => {
    // The runs of November were asked for commune by commune: 30760's frozen on 20 October, 30742's on 28 October.
    const run30760 = { at: '2026-10-20T03:00:00.000Z', firstDay: '2026-06-05', firstMonth: parseMonth('2026-06') };
    const own = { ...decision('d60', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01' }), recordedAt: '2025-08-02T01:00:00.000Z' };
    // Moved from 30742 to 30760 on 10 October; the move was recorded on 25 October, after 30760's November run.
    const moved = [
      { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-10-09', recordedAt: '2025-08-02T01:00:00.000Z' },
      { communeCode: '30760', provinceCode: '91', from: '2026-10-10', recordedAt: '2026-10-25T02:00:00.000Z' },
    ];
    const mover = person('p60', { residences: moved } as never, [own]);

    it('30742 no longer pays November, 30760 had frozen it before the move: its December run owes November', () => {
      expect(evaluatePage([mover], '2026-11', { ...scope, communeCodes: ['30742'] }, [], run30760).eligible).toEqual([]);
      const december = evaluatePage([mover], '2026-12', { ...scope, communeCodes: ['30760'] }, [], run30760);
      expect(december.eligible[0]).toMatchObject({ decisionId: 'd60', communeCode: '30760', attributes: { arrearsFrom: '2026-11' } });
      expect(december.eligible[0].attributes.arrearsAfterSuspension).toBeUndefined();
    });

    it('a move back into the province recorded late: the months since the return are owed', () => {
      const back = [
        { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-07-31', recordedAt: '2025-08-02T01:00:00.000Z' },
        { communeCode: '26734', provinceCode: '79', from: '2026-08-01', to: '2026-09-14', recordedAt: '2026-08-03T01:00:00.000Z' },
        { communeCode: '30742', provinceCode: '91', from: '2026-09-15', recordedAt: '2026-11-02T01:00:00.000Z' },
      ];
      const octoberRun = { at: '2026-10-05T03:00:00.000Z', firstDay: '2026-06-05', firstMonth: parseMonth('2026-06') };
      const page = evaluatePage([person('p61', { residences: back } as never, [own])], '2026-11', scope, [], octoberRun);
      expect(page.eligible[0].attributes.arrearsFrom).toBe('2026-10');
    });

    it('owes nothing by this rule for a move the previous run knew, nor for the residence a person was registered with', () => {
      const known = moved.map((r) => ({ ...r, recordedAt: '2026-10-01T00:00:00.000Z' }));
      expect(evaluatePage([person('p62', { residences: known } as never, [own])], '2026-12', { ...scope, communeCodes: ['30760'] }, [], run30760).eligible[0].attributes.arrearsFrom).toBeUndefined();
      // Registered late with a decision signed in the cash era: late-decision.ts owes nothing, nor does its residence.
      const registered = [{ communeCode: '30760', provinceCode: '91', from: '1990-01-01', recordedAt: '2026-10-25T02:00:00.000Z' }];
      const typedInLate = { ...own, recordedAt: '2026-10-25T02:00:00.000Z' };
      expect(evaluatePage([person('p63', { residences: registered } as never, [typedInLate])], '2026-12', scope, [], run30760).eligible[0].attributes.arrearsFrom).toBeUndefined();
    });
  });

  describe('a resumption with arrears recorded after the previous run (arrearsFrom)', () => {
    const octoberRun = { at: '2026-10-05T03:00:00.000Z', firstDay: '2026-06-05', firstMonth: parseMonth('2026-06') };
    const suspendedJulyResumed = (recordedAt: string) => [
      { status: 'suspended' as const, from: '2026-07-01', reason: 'not collected 3 months', recordedAt: '2026-07-02T01:00:00.000Z' },
      { status: 'active' as const, from: '2026-10-20', withArrears: true, recordedAt },
    ];
    const own = (id: string, statusHistory: object[] = []) => decision(id, 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', statusHistory });

    it('owes the suspended months and the month the previous run missed, July to October', () => {
      const page = evaluatePage([person('p8', {}, [own('d9', suspendedJulyResumed('2026-10-20T08:00:00.000Z'))])], '2026-11', scope, [], octoberRun);
      expect(page.eligible[0].attributes).toMatchObject({ arrearsFrom: '2026-07', arrearsAfterSuspension: true });
    });

    it('owes nothing by this rule when the previous run already saw the resumption, or without arrears', () => {
      const seen = evaluatePage([person('p8', {}, [own('d9', suspendedJulyResumed('2026-10-01T08:00:00.000Z'))])], '2026-11', scope, [], octoberRun);
      expect(seen.eligible[0].attributes.arrearsFrom).toBeUndefined();
      const withoutArrears = suspendedJulyResumed('2026-10-20T08:00:00.000Z').map((change) => ({ ...change, withArrears: false }));
      const plain = evaluatePage([person('p8', {}, [own('d9', withoutArrears)])], '2026-11', scope, [], octoberRun);
      expect(plain.eligible[0].attributes.arrearsFrom).toBeUndefined();
    });

    it('starts after a month the person was not payable anyway (moved out of the province in July, back in August)', () => {
      // August is the other province's (it began there), September An Giang's again.
      const moved = [
        { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-07-19' },
        { communeCode: '26734', provinceCode: '79', from: '2026-07-20', to: '2026-08-20' },
        { communeCode: '30742', provinceCode: '91', from: '2026-08-21' },
      ];
      const page = evaluatePage([person('p8', { residences: moved }, [own('d9', suspendedJulyResumed('2026-10-20T08:00:00.000Z'))])], '2026-11', scope, [], octoberRun);
      expect(page.eligible[0].attributes.arrearsFrom).toBe('2026-09');
    });

    it("never owes a couple's care allowance for the months the other spouse was paid it", () => {
      const care = (id: string, groupCode: string, statusHistory: object[] = []) => decision(id, groupCode, { signedOn: '2026-01-10', effectiveFrom: '2026-01-10', statusHistory });
      // The husband's 2.0 allowance wins; while it was suspended (July to October) the wife's 1.5 was paid instead.
      const husband = {
        ...person('husband', { dateOfBirth: '1993-03-03' }, [
          own('h-own', suspendedJulyResumed('2026-10-20T08:00:00.000Z')),
          care('h-care', 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', suspendedJulyResumed('2026-10-20T08:00:00.000Z')),
        ]),
        householdId: 'h2',
      };
      const wife = { ...person('wife', { sex: 'female', dateOfBirth: '1995-05-05' }, [care('w-care', 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M')]), householdId: 'h2' };
      const page = evaluatePage([husband], '2026-11', scope, [wife], octoberRun);
      expect(page.eligible.map((item) => [item.decisionId, item.attributes.arrearsFrom])).toEqual([
        ['h-own', '2026-07'],
        ['h-care', undefined],
      ]);
      // His own allowance is owed; the household's care allowance went to her, and from November it is his again.
      const wifePage = evaluatePage([wife], '2026-11', scope, [husband], octoberRun);
      expect(wifePage.frozen.map((f) => f.reason)).toEqual(['ONE_CARE_ALLOWANCE_PER_COUPLE']);
      expect(wifePage.eligible).toEqual([]);
    });
  });

  describe('a decision stopped before the run month, sent for the arrears of its past months (arrearsOnly)', () => {
    const firstRunJune = { at: '2026-11-05T03:00:00.000Z', firstDay: '2026-06-05', firstMonth: parseMonth('2026-06') };
    const pension = (more: object = {}) => decision('d30', 'SOCIAL_PENSION', { signedOn: '2025-07-01', effectiveFrom: '2025-07-01', ...more });

    it('sends the item of its last payable month, owed from the first run, the months after the stop not owed', () => {
      const page = evaluatePage([person('p30', {}, [pension({ effectiveTo: '2026-09-30' })])], '2026-12', scope, [], firstRunJune);
      expect(page.frozen).toEqual([expect.objectContaining({ decisionId: 'd30', payable: true, groupCode: 'SP_75_PLUS', reason: 'ENDED' })]);
      expect(page.eligible).toEqual([
        {
          personRef: 'p30', decisionId: 'd30', programme: 'social_pension', groupCode: 'SP_75_PLUS', communeCode: '30742', ageYears: 76,
          attributes: {
            family: 'SOCIAL_PENSION', combination: 'SOCIAL_PENSION', payee: 'beneficiary', arrearsOnly: true, arrearsFrom: '2026-06',
            arrearsMonths: JSON.stringify([{ month: '2026-10', owed: false }, { month: '2026-11', owed: false }]),
          },
        },
      ]);
      expect([...page.payablePersons]).toEqual([['p30', '30742']]);
    });

    it('a child who turned 16: the band of each month, and the commune of the last month here after a move away', () => {
      const orphan = decision('d31', 'SA_CHILD_NO_SUPPORT', { signedOn: '2020-01-10', effectiveFrom: '2020-01-10' });
      const moved = [
        { communeCode: '30742', provinceCode: '91', from: '2010-09-17', to: '2026-07-31' },
        { communeCode: '30760', provinceCode: '91', from: '2026-08-01', to: '2026-10-15' },
        { communeCode: '26734', provinceCode: '79', from: '2026-10-16' },
      ];
      const [item] = evaluatePage([person('p31', { dateOfBirth: '2010-09-17', residences: moved } as never, [orphan])], '2026-12', scope, [], firstRunJune).eligible;
      // Turned 16 in September: paid to September; moved to Ho Chi Minh City in October.
      expect(item).toMatchObject({ groupCode: 'SA_CHILD_NO_SUPPORT_4_16', communeCode: '30760', attributes: { arrearsOnly: true, arrearsFrom: '2026-06' } });
      expect(JSON.parse(String(item.attributes.arrearsMonths))).toEqual([
        { month: '2026-10', owed: false },
        { month: '2026-11', owed: false },
      ]);
      // A run of another commune does not send it: the commune of its last payable month pays it.
      expect(evaluatePage([person('p31', { dateOfBirth: '2010-09-17', residences: moved } as never, [orphan])], '2026-12', { ...scope, communeCodes: ['30742'] }, [], firstRunJune).eligible).toEqual([]);
    });

    it('a person paid under another decision keeps its commune, and the stopped one rides along', () => {
      const page = evaluatePage(
        [person('p32', {}, [pension({ effectiveTo: '2026-10-31' }), decision('d33', 'NCC_WAR_INVALID', { attributes: { injuryRate: 61 } })])],
        '2026-12',
        scope,
        [],
        firstRunJune,
      );
      expect(page.eligible.map((item) => [item.decisionId, item.attributes.arrearsOnly])).toEqual([
        ['d33', undefined],
        ['d30', true],
      ]);
    });

    it('in runs of some communes: a child who aged out, then moved within the province, is sent by the commune of the last month paid', () => {
      const orphan = decision('d40', 'SA_CHILD_NO_SUPPORT', { signedOn: '2020-01-10', effectiveFrom: '2020-01-10' });
      const residences = [
        { communeCode: '30742', provinceCode: '91', from: '2010-09-17', to: '2026-10-31' },
        { communeCode: '30760', provinceCode: '91', from: '2026-11-01' },
      ];
      const child = person('p40', { dateOfBirth: '2010-09-17', residences } as never, [orphan]);
      const sent = (communeCodes: string[]) => evaluatePage([child], '2026-12', { ...scope, communeCodes }, [], firstRunJune).eligible;
      expect(sent(['30742'])).toEqual([expect.objectContaining({ decisionId: 'd40', communeCode: '30742', attributes: expect.objectContaining({ arrearsOnly: true }) })]);
      expect(sent(['30760'])).toEqual([]);
    });

    it('goes with the run that pays the person this month: one payment per person, programme and month', () => {
      // Moved on 1 October; the old decision ended on 30 September, a new one pays from October in the new commune.
      const residences = [
        { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-09-30' },
        { communeCode: '30760', provinceCode: '91', from: '2026-10-01' },
      ];
      const old = decision('d41', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2025-02-01', effectiveFrom: '2025-02-01', effectiveTo: '2026-09-30' });
      const renewed = decision('d42', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2026-09-20', effectiveFrom: '2026-10-01' });
      const moved = person('p41', { dateOfBirth: '1960-01-01', residences } as never, [old, renewed]);
      const sent = (communeCodes: string[]) =>
        evaluatePage([moved], '2026-12', { ...scope, communeCodes }, [], firstRunJune).eligible.map((i) => [i.decisionId, i.communeCode, i.attributes.arrearsOnly ?? false]);
      expect(sent(['30742'])).toEqual([]);
      expect(sent(['30760'])).toEqual([
        ['d42', '30760', false],
        ['d41', '30760', true],
      ]);
    });

    it('paid nothing this month: every stopped decision of the person goes with one commune, that of the last month paid', () => {
      // Moved on 1 October; the old decision ended on 30 September, the renewed one paid October and November in the
      // new commune and ended on 30 November. December pays nothing: both are sent for arrears, by ONE commune's run.
      const residences = [
        { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-09-30' },
        { communeCode: '30760', provinceCode: '91', from: '2026-10-01' },
      ];
      const old = decision('d46', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2025-02-01', effectiveFrom: '2025-02-01', effectiveTo: '2026-09-30' });
      const renewed = decision('d47', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2026-09-20', effectiveFrom: '2026-10-01', effectiveTo: '2026-11-30' });
      const moved = person('p46', { dateOfBirth: '1960-01-01', residences } as never, [old, renewed]);
      const sent = (communeCodes?: string[]) =>
        evaluatePage([moved], '2026-12', { ...scope, ...(communeCodes && { communeCodes }) }, [], firstRunJune).eligible.map((i) => [i.decisionId, i.communeCode]);
      expect(sent(['30742'])).toEqual([]);
      expect(sent(['30760'])).toEqual([
        ['d46', '30760'],
        ['d47', '30760'],
      ]);
      // A run of the whole province sends the person under one commune too.
      expect(sent()).toEqual([
        ['d46', '30760'],
        ['d47', '30760'],
      ]);
    });

    it('one commune per programme, not across programmes: runs split by programme (two departments pay) still send each', () => {
      // Moved on 1 October. Social assistance ended on 30 September (last paid in 30742); a meritorious decision paid
      // October and November in 30760 and ended on 30 November. December pays nothing. The loader gives a run only the
      // decisions of its programmes: a run of 30742 for both programmes sees both, a run of 30760 for social
      // assistance alone sees only that one. Taken across programmes, the first sends social assistance with 30760
      // (the meritorious decision's) and the second with 30742: neither sends it, and its arrears are lost.
      const residences = [
        { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-09-30' },
        { communeCode: '30760', provinceCode: '91', from: '2026-10-01' },
      ];
      const assistance = decision('d48', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2025-02-01', effectiveFrom: '2025-02-01', effectiveTo: '2026-09-30' });
      const meritorious = decision('d49', 'NCC_WAR_INVALID', { signedOn: '2025-02-01', effectiveFrom: '2025-02-01', effectiveTo: '2026-11-30', attributes: { injuryRate: 61 } });
      const sent = (programmes: RunScope['programmes'], communeCodes: string[], decisions: PagePerson['decisions']) =>
        evaluatePage([person('p48', { dateOfBirth: '1960-01-01', residences } as never, decisions)], '2026-12', { ...scope, programmes, communeCodes }, [], firstRunJune).eligible.map(
          (i) => [i.decisionId, i.communeCode],
        );
      const both = sent(['SOCIAL_ASSISTANCE', 'MERITORIOUS'], ['30742'], [assistance, meritorious]);
      const assistanceOnly = sent(['SOCIAL_ASSISTANCE'], ['30760'], [assistance]);
      expect([...both, ...assistanceOnly]).toContainEqual(['d48', '30742']);
      expect(sent(['SOCIAL_ASSISTANCE', 'MERITORIOUS'], ['30760'], [assistance, meritorious])).toEqual([['d49', '30760']]);
    });

    it('with the payment of the month in its own programme only: a run of two programmes and a run of one agree', () => {
      // Moved on 1 October from 30742 to 30760. Social assistance ended on 30 September (last paid in 30742); the
      // meritorious decision is paid in December in 30760. The run of 30760 for both programmes must not take the
      // assistance's arrears with the meritorious payment while the run of 30742 for assistance alone takes them too.
      const residences = [
        { communeCode: '30742', provinceCode: '91', from: '1990-01-01', to: '2026-09-30' },
        { communeCode: '30760', provinceCode: '91', from: '2026-10-01' },
      ];
      const assistance = decision('d50', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2025-02-01', effectiveFrom: '2025-02-01', effectiveTo: '2026-09-30' });
      const meritorious = decision('d51', 'NCC_WAR_INVALID', { signedOn: '2025-02-01', effectiveFrom: '2025-02-01', attributes: { injuryRate: 61 } });
      const sent = (programmes: RunScope['programmes'], communeCodes: string[], decisions: PagePerson['decisions']) =>
        evaluatePage([person('p50', { dateOfBirth: '1960-01-01', residences } as never, decisions)], '2026-12', { ...scope, programmes, communeCodes }, [], firstRunJune).eligible.map(
          (i) => [i.decisionId, i.communeCode],
        );
      expect(sent(['SOCIAL_ASSISTANCE', 'MERITORIOUS'], ['30760'], [assistance, meritorious])).toEqual([['d51', '30760']]);
      expect(sent(['SOCIAL_ASSISTANCE'], ['30742'], [assistance])).toEqual([['d50', '30742']]);
      expect(sent(['SOCIAL_ASSISTANCE', 'MERITORIOUS'], ['30742'], [assistance, meritorious])).toEqual([['d50', '30742']]);
    });

    it("a couple's care allowance: the months the one-allowance rule paid it to this spouse", () => {
      const care = (id: string, groupCode: string, more: object = {}) => decision(id, groupCode, { signedOn: '2026-01-10', effectiveFrom: '2026-01-10', ...more });
      // His 2.0 allowance won the rule until it ended on 30 September; hers (1.5) is paid from October.
      const husband = { ...person('husband', { dateOfBirth: '1993-03-03' }, [care('h-care', 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', { effectiveTo: '2026-09-30' })]), householdId: 'h3' };
      const wife = { ...person('wife', { sex: 'female', dateOfBirth: '1995-05-05' }, [care('w-care', 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M')]), householdId: 'h3' };
      const page = evaluatePage([husband], '2026-11', scope, [wife], firstRunJune);
      expect(page.eligible).toEqual([expect.objectContaining({ decisionId: 'h-care', attributes: expect.objectContaining({ arrearsOnly: true, arrearsFrom: '2026-06' }) })]);
      expect(JSON.parse(String(page.eligible[0].attributes.arrearsMonths))).toEqual([{ month: '2026-10', owed: false }]);
    });

    it('the poor elderly of a remote commune, aged out at 80: the months to the birthday month', () => {
      const remote = decision('d43', 'SA_ELDERLY_75_80_POOR_REMOTE', { signedOn: '2022-01-10', effectiveFrom: '2022-01-10' });
      const poor = [2025, 2026].map((year) => ({ year, status: 'poor' as const, recordedAt: `${year}-01-01T00:00:00.000Z` }));
      const page = evaluatePage([{ ...person('p43', { sex: 'female', dateOfBirth: '1946-08-10' }, [remote]), householdPoverty: poor }], '2026-11', scope, [], firstRunJune);
      expect(page.eligible).toEqual([expect.objectContaining({ decisionId: 'd43', attributes: expect.objectContaining({ arrearsOnly: true, arrearsFrom: '2026-06' }) })]);
      expect(JSON.parse(String(page.eligible[0].attributes.arrearsMonths))).toEqual([{ month: '2026-09', owed: false }, { month: '2026-10', owed: false }]);
    });

    it('an amended decision: sent once nothing of its programme is paid in the month (its amending decision stopped too)', () => {
      const amended = decision('d44', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', statusHistory: [{ status: 'terminated', from: '2026-09-01', reasonCode: 'AMENDED' }] });
      const amending = (effectiveTo?: string) =>
        decision('d45', 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01', signedOn: '2026-08-25', effectiveFrom: '2026-09-01', amends: true, ...(effectiveTo && { effectiveTo }) });
      const sent = (second: PagePerson['decisions'][number]) =>
        evaluatePage([person('p44', { dateOfBirth: '1970-01-01' }, [amended, second])], '2026-11', scope, [], firstRunJune).eligible.map((i) => [i.decisionId, i.attributes.arrearsFrom ?? null]);
      // Still continued: the amending decision's item stands for it.
      expect(sent(amending())).toEqual([['d45', null]]);
      // The amending decision ended in September: both are sent, each for its own months.
      expect(sent(amending('2026-09-30'))).toEqual([
        ['d44', '2026-06'],
        ['d45', '2026-09'],
      ]);
    });

    it('sends a deceased person\'s decision for the months up to the death (their funeral payee is paid it)', () => {
      const page = evaluatePage([person('p34', { dateOfDeath: '2026-09-12' }, [pension()])], '2026-12', scope, [], firstRunJune);
      expect(page.eligible).toEqual([expect.objectContaining({ decisionId: 'd30', groupCode: 'SP_75_PLUS', attributes: expect.objectContaining({ arrearsOnly: true, arrearsFrom: '2026-06' }) })]);
      expect(JSON.parse(String(page.eligible[0].attributes.arrearsMonths))).toEqual([{ month: '2026-10', owed: false }, { month: '2026-11', owed: false }]);
      expect(page.frozen[0].reason).toBe('DECEASED');
    });

    it('sends nothing for a suspension, a decision stopped before the window, or at the first run of all', () => {
      const none = (p: PagePerson, previous: typeof firstRunJune | 'first run of all' = firstRunJune) =>
        evaluatePage([p], '2026-12', scope, [], previous === 'first run of all' ? undefined : previous).eligible;
      expect(none(person('p35', {}, [pension({ statusHistory: [{ status: 'suspended', from: '2026-10-01', reason: 'not collected 3 months' }] })]))).toEqual([]);
      expect(none(person('p36', {}, [pension({ effectiveTo: '2026-05-31' })]))).toEqual([]);
      expect(none(person('p37', {}, [pension({ effectiveTo: '2026-09-30' })]), 'first run of all')).toEqual([]);
      // Looked back 24 months at most: a province paying since 2024 no longer sends a decision ended in 2024-11.
      const since2024 = { ...firstRunJune, firstDay: '2024-06-05', firstMonth: parseMonth('2024-06') };
      const disabled = (effectiveTo: string) => decision('d38', 'SA_DISABLED_SEVERE', { certificateDate: '2023-01-01', signedOn: '2024-01-10', effectiveFrom: '2024-01-10', effectiveTo });
      expect(none(person('p38', {}, [disabled('2024-11-30')]), since2024)).toEqual([]);
      expect(none(person('p38', {}, [disabled('2024-12-31')]), since2024)).toEqual([expect.objectContaining({ attributes: expect.objectContaining({ arrearsOnly: true, arrearsFrom: '2024-12' }) })]);
    });
  });

  it('pays one care allowance per couple, the spouse on another page included; their own allowances untouched', () => {
    const care = (id: string, groupCode: string) => decision(id, groupCode, { signedOn: '2026-01-10', effectiveFrom: '2026-01-10' });
    const own = (id: string) => decision(id, 'SA_DISABLED_SEVERE', { certificateDate: '2025-01-01' });
    const wife = { ...person('wife', { sex: 'female', dateOfBirth: '1995-05-05' }, [own('w-own'), care('w-care', 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M')]), householdId: 'h1' };
    const husband = { ...person('husband', { dateOfBirth: '1993-03-03' }, [own('h-own'), care('h-care', 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M')]), householdId: 'h1' };
    const frozen = (page: ReturnType<typeof evaluatePage>) => page.frozen.map((f) => [f.decisionId, f.payable, f.reason ?? f.groupCode]);

    const wifePage = evaluatePage([wife], '2026-12', scope, [husband]);
    expect(frozen(wifePage)).toEqual([
      ['w-own', true, 'SA_DISABLED_SEVERE'],
      ['w-care', false, 'ONE_CARE_ALLOWANCE_PER_COUPLE'],
    ]);
    expect(wifePage.eligible.map((i) => i.decisionId)).toEqual(['w-own']);
    expect(frozen(evaluatePage([husband], '2026-12', scope, [wife]))).toEqual([
      ['h-own', true, 'SA_DISABLED_SEVERE'],
      ['h-care', true, 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M'],
    ]);
    expect(frozen(evaluatePage([husband, wife], '2026-12', scope)).filter(([, payable]) => payable).map(([id]) => id)).toEqual(['h-own', 'h-care', 'w-own']);
  });

  it('splits items into chunks of the configured size', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });
});

describe('snapshot checksum (contracts)', () => {
  const items = [
    { decisionId: 'b0000000-0000-4000-8000-000000000002', groupCode: 'SP_75_PLUS' },
    { decisionId: '0a000000-0000-4000-8000-000000000001', groupCode: 'SA_DISABLED_SEVERE' },
    { decisionId: 'f0000000-0000-4000-8000-000000000003', groupCode: 'NCC_WAR_INVALID' },
  ];

  it('is the same whether computed at once or streamed in decision-id order', () => {
    const streamed = new SnapshotChecksum();
    for (const item of [...items].sort((a, b) => a.decisionId.localeCompare(b.decisionId))) streamed.add(item);
    expect(streamed.digest()).toBe(snapshotChecksum(items));
    expect(snapshotChecksum(items)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when an item is lost or its group altered', () => {
    expect(snapshotChecksum(items.slice(1))).not.toBe(snapshotChecksum(items));
    expect(snapshotChecksum([{ ...items[0], groupCode: 'SP_70_75_POOR_NEAR_POOR' }, ...items.slice(1)])).not.toBe(snapshotChecksum(items));
  });

  it('refuses items out of order when streamed', () => {
    const streamed = new SnapshotChecksum();
    streamed.add(items[0]);
    expect(() => streamed.add(items[1])).toThrow(/ascending order/);
  });
});
