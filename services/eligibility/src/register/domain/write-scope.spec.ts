import { holdingPlace, placesHeld, programmesRefused, provincesWithin, scopeRefusal, type OperatorScope, type Place, type ResidencePeriod } from './write-scope';

const TODAY = '2026-11-20';

describe('holdingPlace: the commune that holds a person\'s file', () => {
  const rachGia: ResidencePeriod = { provinceCode: '91', communeCode: '30742', from: '1990-01-01', to: '2026-09-09' };
  const longXuyen: ResidencePeriod = { provinceCode: '91', communeCode: '30307', from: '2026-09-10' };
  const hcmc: ResidencePeriod = { provinceCode: '79', communeCode: null, from: '2026-10-10' };

  it.each<[string, ResidencePeriod[], Place | undefined]>([
    ['one residence, in force', [{ ...rachGia, to: null }], { provinceCode: '91', communeCode: '30742' }],
    ['moved within the province: the new commune', [rachGia, longXuyen], { provinceCode: '91', communeCode: '30307' }],
    ['moved out of the province: the commune left keeps the file', [rachGia, { ...longXuyen, to: '2026-10-09' }, hcmc], { provinceCode: '91', communeCode: '30307' }],
    ['a move dated in the future: the commune of today', [{ ...rachGia, to: '2026-12-31' }, { ...longXuyen, from: '2027-01-01' }], { provinceCode: '91', communeCode: '30742' }],
    ['only a future residence here: that one', [{ ...longXuyen, from: '2027-01-01' }], { provinceCode: '91', communeCode: '30307' }],
    ['an old An Giang (89) residence counts as the province', [{ provinceCode: '89', communeCode: '30280', from: '2001-01-01' }], { provinceCode: '89', communeCode: '30280' }],
    ['never lived in the province', [hcmc], undefined],
    ['no residence at all', [], undefined],
  ])('%s', (_, residences, expected) => {
    expect(holdingPlace(residences, '91', TODAY)).toEqual(expected);
  });
});

type Scope = Pick<OperatorScope, 'provinceCode' | 'communeCodes'>;

describe('programmesRefused: the programmes of a write the operator does not operate', () => {
  it.each<[string, Pick<OperatorScope, 'roles' | 'programmes'>, string[], string[]]>([
    ['an operator of the programme', { roles: ['operator'], programmes: ['social_assistance'] }, ['social_assistance'], []],
    ['an operator of another programme', { roles: ['operator'], programmes: ['meritorious'] }, ['social_assistance', 'social_assistance'], ['social_assistance']],
    ['an operator of some of them', { roles: ['operator'], programmes: ['social_pension'] }, ['social_pension', 'meritorious'], ['meritorious']],
    ['an admin, whatever the programme', { roles: ['admin'], programmes: [] }, ['meritorious'], []],
  ])('%s', (_, scope, programmes, expected) => {
    expect(programmesRefused(scope, programmes)).toEqual(expected);
  });
});

describe('scopeRefusal: may this operator change a record at this place?', () => {
  const province: Scope = { provinceCode: '91' };
  const longXuyenOnly: Scope = { provinceCode: '91', communeCodes: ['30307'] };
  const twoCommunes: Scope = { provinceCode: '91', communeCodes: ['30742', '30346'] };

  it.each<[string, Scope, Place | undefined, ReturnType<typeof scopeRefusal>]>([
    ['province operator, a commune of the province', province, { provinceCode: '91', communeCode: '30742' }, undefined],
    ['province operator, old An Giang code 89', province, { provinceCode: '89', communeCode: '30280' }, undefined],
    ['province operator, another province', province, { provinceCode: '79', communeCode: null }, expect.objectContaining({ code: 'PROVINCE_NOT_ALLOWED', provinceCode: '79' })],
    ['province operator, no place on record', province, undefined, expect.objectContaining({ code: 'PROVINCE_NOT_ALLOWED' })],
    ['commune operator, their commune', longXuyenOnly, { provinceCode: '91', communeCode: '30307' }, undefined],
    [
      'commune operator, another commune: refused, naming it',
      longXuyenOnly,
      { provinceCode: '91', communeCode: '30742' },
      { code: 'COMMUNE_NOT_ALLOWED', provinceCode: '91', communeCode: '30742', reason: 'commune 30742 (Rạch Giá) is not one of yours (30307)' },
    ],
    ['commune operator, an old code that became their commune (Mỹ Bình → Long Xuyên)', longXuyenOnly, { provinceCode: '89', communeCode: '30280' }, undefined],
    ['commune operator, an old code that became another commune', twoCommunes, { provinceCode: '89', communeCode: '30280' }, expect.objectContaining({ code: 'COMMUNE_NOT_ALLOWED', communeCode: '30280' })],
    ['commune operator, a split old unit: holding one of its successors is enough', twoCommunes, { provinceCode: '89', communeCode: '30355' }, undefined],
    ['commune operator, another province', longXuyenOnly, { provinceCode: '79', communeCode: '26734' }, expect.objectContaining({ code: 'PROVINCE_NOT_ALLOWED' })],
    ['commune operator, a residence without a commune', longXuyenOnly, { provinceCode: '91', communeCode: null }, expect.objectContaining({ code: 'COMMUNE_NOT_ALLOWED' })],
  ])('%s', (_, scope, place, expected) => {
    expect(scopeRefusal(scope, place, TODAY)).toEqual(expected);
  });
});

describe('placesHeld: the recorded places whose files a scope holds, for a search to select them in SQL', () => {
  const key = (place: Place) => `${place.provinceCode}|${place.communeCode}`;

  it('is every recorded code standing for the communes today, under each province code of the province', () => {
    const held = placesHeld({ provinceCode: '91', communeCodes: ['30307'] }, TODAY)?.map(key) ?? [];
    expect(held).toEqual(expect.arrayContaining(['91|30307', '89|30280', '89|30283']));
    // Đông Xuyên had merged into Mỹ Hòa before 2025: old decisions carry its code, and Long Xuyên holds them.
    expect(held).toContain('89|30285');
    expect(held).not.toContain('91|30742');
  });

  it('agrees with scopeRefusal on every place, a code the data does not know included', () => {
    const scope = { provinceCode: '91', communeCodes: ['30307', '99999'] };
    const held = new Set(placesHeld(scope, TODAY)?.map(key));
    for (const provinceCode of ['91', '89', '79']) {
      for (const communeCode of ['30307', '30280', '30285', '30742', '99999', '12345', '']) {
        const place = { provinceCode, communeCode };
        expect([key(place), held.has(key(place))]).toEqual([key(place), !scopeRefusal(scope, place, TODAY)]);
      }
    }
  });

  it('is undefined for province staff (every file of the province), whose province codes are listed', () => {
    expect(placesHeld({ provinceCode: '91' }, TODAY)).toBeUndefined();
    expect(provincesWithin('91').sort()).toEqual(['89', '91']);
    expect(provincesWithin('79')).toEqual(['79']);
  });
});
