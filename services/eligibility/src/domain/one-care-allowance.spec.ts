import type { DecisionFacts, RunScope } from './eligibility-input';
import { coupleCareRefusals, oneCareAllowancePerCouple, type CareClaim, type HouseholdMember } from './one-care-allowance';

const TWO = 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M';
const ONE_HALF = 'CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M';
const MONTH = '2026-12';

const claim = (decisionId: string, personId: string, groupCode: string, more: Partial<CareClaim> = {}): CareClaim => ({
  decisionId, personId, householdId: 'h1', groupCode, effectiveFrom: '2026-01-01', ...more,
});

type Case = [title: string, claims: CareClaim[], refused: string[]];

const cases: Case[] = [
  ['spouses with 2.0 and 1.5: the 2.0 is paid', [claim('d1', 'wife', ONE_HALF), claim('d2', 'husband', TWO)], ['d1']],
  ['the order of the claims does not matter', [claim('d2', 'husband', TWO), claim('d1', 'wife', ONE_HALF)], ['d1']],
  ['same coefficient: the earlier effectiveFrom is paid', [claim('d1', 'wife', ONE_HALF, { effectiveFrom: '2026-03-01' }), claim('d2', 'husband', ONE_HALF, { effectiveFrom: '2026-02-01' })], ['d1']],
  ['same coefficient and date: the smaller decision id is paid', [claim('d2', 'wife', TWO), claim('d1', 'husband', TWO)], ['d2']],
  ['the coefficient wins over an earlier date', [claim('d1', 'wife', ONE_HALF, { effectiveFrom: '2020-01-01' }), claim('d2', 'husband', TWO, { effectiveFrom: '2026-06-01' })], ['d1']],
  ['a household where one person holds such a decision: unaffected', [claim('d1', 'wife', ONE_HALF)], []],
  ['one person with two such decisions: unaffected (entitlement pays the highest care coefficient)', [claim('d1', 'wife', ONE_HALF), claim('d2', 'wife', TWO)], []],
  ['persons without household: unaffected', [claim('d1', 'wife', TWO, { householdId: undefined }), claim('d2', 'husband', TWO, { householdId: undefined })], []],
  ['different households: each paid', [claim('d1', 'wife', TWO), claim('d2', 'husband', TWO, { householdId: 'h2' })], []],
  ['other care groups are not concerned', [claim('d1', 'wife', 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED'), claim('d2', 'husband', 'CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED')], []],
  ['three holders: only the best is paid', [claim('d1', 'a', ONE_HALF), claim('d2', 'b', TWO), claim('d3', 'c', TWO, { effectiveFrom: '2025-01-01' })], ['d1', 'd2']],
  ['the winner keeps their other such decision; the spouse loses all theirs', [claim('d1', 'wife', TWO), claim('d2', 'wife', ONE_HALF), claim('d3', 'husband', ONE_HALF), claim('d4', 'husband', ONE_HALF)], ['d3', 'd4']],
];

describe('one care allowance per couple (D20 Art.20)', () => {
  it.each(cases)('%s', (_title, claims, refused) => {
    expect([...oneCareAllowancePerCouple(claims, MONTH).keys()].sort()).toEqual(refused);
  });

  it('says why, naming the paid decision by number and id, never an ID number', () => {
    const refused = oneCareAllowancePerCouple([claim('d1', 'wife', ONE_HALF), claim('d2', 'husband', TWO, { decisionNumber: '12/QĐ-UBND' })], MONTH).get('d1');
    expect(refused).toEqual({
      payable: false,
      month: MONTH,
      reason: 'ONE_CARE_ALLOWANCE_PER_COUPLE',
      detail: `Only one care allowance is paid when both spouses are disabled (D20 Art.20): the household's is paid on decision 12/QĐ-UBND (d2, ${TWO}, coefficient 2.0).`,
    });
  });
});

describe('coupleCareRefusals (decided with the rules of every decision)', () => {
  const scope: RunScope = { provinceCode: '91', programmes: ['SOCIAL_ASSISTANCE'], communeCodes: ['30742'] };
  const care = (groupCode: string, more: Partial<DecisionFacts> = {}): DecisionFacts => ({
    programme: 'SOCIAL_ASSISTANCE', groupCode, signedOn: '2026-01-10', effectiveFrom: '2026-01-10', statusHistory: [], ...more,
  });
  const member = (id: string, decisions: HouseholdMember['decisions'], more: Partial<HouseholdMember> = {}): HouseholdMember => ({
    id,
    householdId: 'h1',
    facts: { sex: 'female', dateOfBirth: '1995-05-05', residences: [{ communeCode: '30742', provinceCode: '91', from: '2000-01-01' }] },
    householdPoverty: [],
    decisions,
    ...more,
  });
  const own = { id: 'own-w', facts: care('SA_DISABLED_SEVERE', { certificateDate: '2025-01-01' }) };

  it('drops the spouse with the lower coefficient, and never touches their own allowance', () => {
    const refused = coupleCareRefusals([member('wife', [own, { id: 'd1', facts: care(ONE_HALF) }]), member('husband', [{ id: 'd2', facts: care(TWO) }])], MONTH, scope);
    expect([...refused.keys()]).toEqual(['d1']);
  });

  it('a spouse whose decision is not payable (suspended, ended, deceased) does not take the allowance', () => {
    const suspended = care(TWO, { statusHistory: [{ status: 'suspended', from: '2026-11-01' }] });
    expect(coupleCareRefusals([member('wife', [{ id: 'd1', facts: care(ONE_HALF) }]), member('husband', [{ id: 'd2', facts: suspended }])], MONTH, scope).size).toBe(0);
    expect(coupleCareRefusals([member('wife', [{ id: 'd1', facts: care(ONE_HALF) }]), member('husband', [{ id: 'd2', facts: care(TWO, { effectiveTo: '2026-10-31' }) }])], MONTH, scope).size).toBe(0);
    const dead = member('husband', [{ id: 'd2', facts: care(TWO) }], { facts: { sex: 'male', dateOfBirth: '1990-01-01', dateOfDeath: '2026-10-01', residences: [{ communeCode: '30742', provinceCode: '91', from: '2000-01-01' }] } });
    expect(coupleCareRefusals([member('wife', [{ id: 'd1', facts: care(ONE_HALF) }]), dead], MONTH, scope).size).toBe(0);
  });

  it('decides the winner whatever communes the run covers: a spouse paid by another commune still takes it', () => {
    const elsewhere = member('husband', [{ id: 'd2', facts: care(TWO) }], { facts: { sex: 'male', dateOfBirth: '1990-01-01', residences: [{ communeCode: '30280', provinceCode: '91', from: '2000-01-01' }] } });
    expect([...coupleCareRefusals([member('wife', [{ id: 'd1', facts: care(ONE_HALF) }]), elsewhere], MONTH, scope).keys()]).toEqual(['d1']);
  });

  it('a spouse who moved out of the province does not take it', () => {
    const away = member('husband', [{ id: 'd2', facts: care(TWO) }], { facts: { sex: 'male', dateOfBirth: '1990-01-01', residences: [{ communeCode: '26734', provinceCode: '79', from: '2000-01-01' }] } });
    expect(coupleCareRefusals([member('wife', [{ id: 'd1', facts: care(ONE_HALF) }]), away], MONTH, scope).size).toBe(0);
  });
});
