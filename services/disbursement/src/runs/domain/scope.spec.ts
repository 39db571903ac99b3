import type { RunScope } from '@benefits/contracts';
import { communeRefusal, scopeKey, scopeRefusal, scopesOverlap, unpairedProgramme, type ScopeActor } from './scope';

const scope: RunScope = { provinceCode: '91', programmes: ['social_pension', 'social_assistance'], communeCodes: ['30316', '30301'] };
const operator: ScopeActor = { roles: ['operator'], programmes: ['social_assistance', 'social_pension'], provinceCode: '91' };

describe('run scope', () => {
  it('has one key whatever the order of programmes and communes', () => {
    expect(scopeKey(scope)).toBe('91|social_assistance,social_pension|30301,30316');
    expect(scopeKey({ ...scope, programmes: ['social_assistance', 'social_pension'], communeCodes: ['30316', '30301', '30316'] })).toBe(scopeKey(scope));
    expect(scopeKey({ provinceCode: '91', programmes: ['meritorious'] })).toBe('91|meritorious|*');
  });

  it.each<[string, ScopeActor, string | null]>([
    ['an operator of both programmes', operator, null],
    ['an admin of nothing in particular', { roles: ['admin'], programmes: [], provinceCode: '01' }, null],
    ['another province', { ...operator, provinceCode: '79' }, 'you act for province 79, not 91'],
    ['a programme not served', { ...operator, programmes: ['social_assistance'] }, 'you do not serve social_pension'],
    ['a commune operator inside the scope', { ...operator, communeCodes: ['30316', '30301'] }, null],
    ['a commune operator outside', { ...operator, communeCodes: ['30316'] }, 'communes 30301 are outside your communes'],
  ])('%s', (_case, actor, refusal) => {
    expect(scopeRefusal(actor, scope)).toBe(refusal);
  });

  it.each<[string, RunScope, boolean]>([
    ['the same scope', scope, true],
    ['the whole province (a commune run inside a province-wide one)', { provinceCode: '91', programmes: ['social_assistance', 'social_pension'] }, true],
    ['one commune in common', { ...scope, communeCodes: ['30316', '30999'] }, true],
    ['one programme in common', { provinceCode: '91', programmes: ['social_pension', 'meritorious'] }, true],
    ['other communes', { ...scope, communeCodes: ['30999'] }, false],
    ['other programmes, the whole province', { provinceCode: '91', programmes: ['meritorious'] }, false],
    ['another province', { provinceCode: '79', programmes: ['social_assistance', 'social_pension'] }, false],
  ])('overlaps a run of %s: %s', (_case, other, overlaps) => {
    expect(scopesOverlap(scope, other)).toBe(overlaps);
    expect(scopesOverlap(other, scope)).toBe(overlaps);
  });

  it.each<[string, readonly string[] | undefined, RunScope['communeCodes'], string | null]>([
    ['a token of no commune limit sees any run', undefined, undefined, null],
    ['a commune token sees a run of its commune', ['30316'], ['30316'], null],
    ['a commune token does not see a province-wide run', ['30316'], undefined, 'your token is limited to some communes: name them in the scope'],
    ['a commune token does not see a run of another commune', ['30316'], ['30316', '30301'], 'communes 30301 are outside your communes'],
  ])('communeRefusal: %s', (_case, communeCodes, runCommunes, refusal) => {
    expect(communeRefusal({ communeCodes }, { communeCodes: runCommunes })).toBe(refusal);
  });

  it('makes a commune operator name the communes', () => {
    expect(scopeRefusal({ ...operator, communeCodes: ['30316'] }, { provinceCode: '91', programmes: ['social_assistance'] })).toMatch(/name them/);
  });

  it('pays social assistance and the social pension in the same runs (only the higher of the two is paid)', () => {
    expect(unpairedProgramme(['social_assistance', 'social_pension'])).toBeNull();
    expect(unpairedProgramme(['meritorious'])).toBeNull();
    expect(unpairedProgramme(['meritorious', 'social_pension', 'social_assistance'])).toBeNull();
    expect(unpairedProgramme(['social_assistance'])).toBe('social_pension');
    expect(unpairedProgramme(['social_pension', 'meritorious'])).toBe('social_assistance');
  });
});
