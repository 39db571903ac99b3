import { COMMUNES, communeFullName, findCommune, findProvince, isWithinProvince, mapOldCommune, OLD_DISTRICTS, payingCommuneOf, predecessorsOf, recordedCodesOf, communesOn, RECORDED_COMMUNE_CODES } from './admin-units';
import { AN_GIANG_2025_COMMUNES } from './an-giang-2025-communes.data';
import { AN_GIANG_2025_PREDECESSORS } from './an-giang-2025-predecessors.data';

describe('An Giang communes from 2025-07-01 (NQ 1654/NQ-UBTVQH15, Công văn 1027/CTK-CSCL)', () => {
  const onMergerDay = COMMUNES.filter((c) => c.provinceCode === '91' && c.validFrom === '2025-07-01');

  it('are 102: 85 communes, 14 wards and 3 special zones (NQ 1654 Art.1(97))', () => {
    expect(onMergerDay).toHaveLength(102);
    const byKind = (kind: string) => onMergerDay.filter((c) => c.kind === kind).length;
    expect([byKind('xa'), byKind('phuong'), byKind('dac_khu')]).toEqual([85, 14, 3]);
  });

  it('have unique 5-digit codes', () => {
    expect(new Set(onMergerDay.map((c) => c.code)).size).toBe(102);
    expect(onMergerDay.every((c) => /^\d{5}$/.test(c.code))).toBe(true);
  });

  it("reuse one predecessor's code (Decision 19/2025/QĐ-TTg), the only exception being flagged", () => {
    const notReused = AN_GIANG_2025_COMMUNES.filter(
      (c) => !AN_GIANG_2025_PREDECESSORS.some((row) => row.newCode === c.code && row.code === c.code && !row.before2025),
    );
    expect(notReused.map((c) => [c.name, c.confidence])).toEqual([['Rạch Giá', 'medium']]);
  });

  it('each have at least one predecessor, and every predecessor points at one of them', () => {
    const newCodes = new Set(onMergerDay.map((c) => c.code));
    expect(AN_GIANG_2025_PREDECESSORS.every((row) => newCodes.has(row.newCode))).toBe(true);
    expect(onMergerDay.filter((c) => predecessorsOf(c.code).length === 0)).toEqual([]);
  });
});

describe('units of old An Giang (89) and old Kiên Giang (91) on 2025-06-30', () => {
  const old = COMMUNES.filter((c) => c.validTo === '2025-06-30');

  it('are 155 + 143, the counts of the two provinces before the merger', () => {
    expect(old.filter((c) => c.provinceCode === '89')).toHaveLength(155);
    expect(old.filter((c) => c.provinceCode === '91')).toHaveLength(143);
  });

  it('all belong to a known district of their province', () => {
    expect(old.filter((c) => OLD_DISTRICTS[c.districtCode ?? '']?.provinceCode !== c.provinceCode)).toEqual([]);
  });
});

describe('findCommune(code, onDate)', () => {
  it.each([
    ['30307', '2025-06-30', 'Mỹ Hòa', '89'],
    ['30307', '2025-07-01', 'Long Xuyên', '91'],
    ['31078', '2024-01-01', 'Dương Đông', '91'],
    ['31078', '2026-01-01', 'Phú Quốc', '91'],
    ['30742', '2026-01-01', 'Rạch Giá', '91'],
  ])('%s on %s is %s (province %s)', (code, onDate, name, provinceCode) => {
    expect(findCommune(code, onDate)).toMatchObject({ code, name, provinceCode });
  });

  it('knows no unit for a code that had gone or not yet existed on that date', () => {
    expect(findCommune('30280', '2025-07-01')).toBeUndefined();
    expect(findCommune('99999', '2026-01-01')).toBeUndefined();
  });

  it('tells the special zones apart', () => {
    expect(findCommune('31105', '2025-07-01')).toMatchObject({ name: 'Thổ Châu', kind: 'dac_khu' });
  });
});

describe('communeFullName', () => {
  it.each([
    ['30313', '2025-07-01', 'Xã Mỹ Hòa Hưng'],
    ['30307', '2025-07-01', 'Phường Long Xuyên'],
    ['31078', '2025-07-01', 'Đặc khu Phú Quốc'],
    ['30337', '2025-06-30', 'Thị trấn An Phú'],
  ])('writes %s on %s as "%s"', (code, onDate, fullName) => {
    const commune = findCommune(code, onDate);
    expect(commune && communeFullName(commune)).toBe(fullName);
  });
});

describe('provinces across the 2025 merger', () => {
  it('reads 91 as Kiên Giang before and as An Giang from 2025-07-01, and 89 as gone', () => {
    expect(findProvince('91', '2025-06-30')?.name).toBe('Kiên Giang');
    expect(findProvince('91', '2025-07-01')?.name).toBe('An Giang');
    expect(findProvince('89', '2025-07-01')).toBeUndefined();
  });

  it('places old An Giang (89) inside new An Giang (91), and nothing else', () => {
    expect(isWithinProvince('89', '91')).toBe(true);
    expect(isWithinProvince('91', '91')).toBe(true);
    expect(isWithinProvince('92', '91')).toBe(false);
    expect(isWithinProvince('91', '89')).toBe(false);
  });
});

describe('mapOldCommune', () => {
  it.each([
    // NQ 1654 Art.1(80): the six Long Xuyên wards become phường Long Xuyên.
    ['89', '883', '30280', '30307', 'Long Xuyên', 'NQ 1654/NQ-UBTVQH15 Art.1(80)'],
    // Art.1(95): Dương Đông, An Thới and six communes become đặc khu Phú Quốc.
    ['91', '911', '31102', '31078', 'Phú Quốc', 'NQ 1654/NQ-UBTVQH15 Art.1(95)'],
    // Art.1(45)-(46): in Vĩnh Thuận the township and the commune of the same name go different ways.
    ['91', '910', '31051', '31051', 'Vĩnh Phong', 'NQ 1654/NQ-UBTVQH15 Art.1(46)'],
    ['91', '910', '31069', '31069', 'Vĩnh Thuận', 'NQ 1654/NQ-UBTVQH15 Art.1(45)'],
    // Art.1(97): unchanged units keep their code.
    ['91', '902', '30814', '30814', 'Hòn Nghệ', 'NQ 1654/NQ-UBTVQH15 Art.1(97)'],
  ])('%s/%s/%s → %s %s (%s)', (provinceCode, districtCode, communeCode, newCode, name, legalRef) => {
    expect(mapOldCommune({ provinceCode, districtCode, communeCode })).toEqual([
      { provinceCode: '91', communeCode: newCode, name, kind: expect.any(String), part: false, legalRef, confidence: 'high' },
    ]);
  });

  it('lists every successor of a split unit, marked as partial (Art.1(1), (3), (5): Phước Hưng)', () => {
    const successors = mapOldCommune({ provinceCode: '89', communeCode: '30358' });
    expect(successors.map((s) => [s.name, s.part])).toEqual([['An Phú', true], ['Nhơn Hội', true], ['Phú Hữu', true]]);
  });

  it('maps a unit merged before 2025, with its confidence', () => {
    expect(mapOldCommune({ provinceCode: '89', communeCode: '30285' })).toEqual([expect.objectContaining({ name: 'Long Xuyên', confidence: 'low' })]);
  });

  it('finds nothing for a wrong district, another province or an unknown code', () => {
    expect(mapOldCommune({ provinceCode: '89', districtCode: '884', communeCode: '30280' })).toEqual([]);
    expect(mapOldCommune({ provinceCode: '91', communeCode: '30280' })).toEqual([]);
    expect(mapOldCommune({ provinceCode: '89', communeCode: '12345' })).toEqual([]);
  });
});

describe('recordedCodesOf: the codes a record in these communes may carry', () => {
  it('is each commune and the units it was formed from on 2025-07-01 (the old code reused once)', () => {
    expect(recordedCodesOf(['30307']).sort()).toEqual(['30280', '30283', '30286', '30295', '30298', '30307']);
    expect(recordedCodesOf(['30307', '30742'])).toHaveLength(6 + 9 + 1);
    expect(recordedCodesOf([])).toEqual([]);
  });
});

describe('RECORDED_COMMUNE_CODES: every code the data names', () => {
  it('holds the new and old units and those merged before 2025, each once', () => {
    expect(RECORDED_COMMUNE_CODES).toEqual(expect.arrayContaining(['30307', '30280', '30285', '30742']));
    expect(new Set(RECORDED_COMMUNE_CODES).size).toBe(RECORDED_COMMUNE_CODES.length);
    // A unit merged before 2025 is not one recordedCodesOf lists, yet it stands for a commune of today.
    expect(recordedCodesOf(['30307'])).not.toContain('30285');
    expect(communesOn('89', '30285', '2026-01-01')).toEqual(['30307']);
  });
});

describe('communesOn and payingCommuneOf: the commune a recorded code stands for on a day', () => {
  it('is the code itself while it names a commune, and the commune an old unit went into after 2025-07-01', () => {
    expect(communesOn('91', '30307', '2026-01-01')).toEqual(['30307']);
    expect(communesOn('89', '30280', '2025-06-30')).toEqual(['30280']);
    expect(communesOn('89', '30280', '2026-01-01')).toEqual(['30307']);
    expect(payingCommuneOf('89', '30280', '2026-01-01')).toBe('30307');
  });

  it('is every part of a split unit, and then no single paying commune (the hamlet decides)', () => {
    expect([...communesOn('89', '30355', '2026-01-01')].sort()).toEqual(['30337', '30346']);
    expect(payingCommuneOf('89', '30355', '2026-01-01')).toBeUndefined();
  });

  it('keeps a code the data does not know', () => {
    expect(communesOn('91', '99999', '2026-01-01')).toEqual(['99999']);
    expect(payingCommuneOf('91', '99999', '2026-01-01')).toBe('99999');
  });
});
