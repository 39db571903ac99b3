import type { Dong } from '@benefits/money';
import { InvalidItemError, InvalidTableVersionError, NoRateTableError, UnknownGroupError } from './errors';
import { RateBook } from './rate-book';
import type { TableName } from './catalogue';
import type { TableVersion } from './table-version';
import { seedBook } from './test-factory';
import { checkNotSuperseded, validateProposal, validateTableVersion } from './validate-table-version';

const book = seedBook();

const versionOf = (table: TableName, month: string): TableVersion => {
  const version = book.versionFor(table, month);
  if (version === undefined) throw new Error(`the seed book has no ${table} for ${month}`);
  return version;
};

const level = (id: string, effectiveFrom: string, enteredAt: string, amount: Dong, extra: Partial<TableVersion> = {}): TableVersion => ({
  id,
  table: 'standard_level',
  scope: 'social_assistance',
  effectiveFrom,
  enteredAt,
  instrument: `Instrument ${id}`,
  confidence: 'test',
  rows: [{ key: 'social_assistance', amount }],
  ...extra,
});

describe('RateBook: effective-dated answers', () => {
  it.each([
    ['social_assistance', '2021-07', 360_000n, 'Decree 20/2021/ND-CP Art.4(2)'],
    ['social_assistance', '2024-06', 360_000n, 'Decree 20/2021/ND-CP Art.4(2)'],
    ['social_assistance', '2024-07', 500_000n, 'Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4)'],
    ['social_assistance', '2026-06', 500_000n, 'Decree 76/2024/ND-CP (amending Decree 20/2021 Art.4)'],
    ['social_assistance', '2026-07', 540_000n, 'Decree 335/2026/ND-CP'],
    ['social_pension', '2025-07', 500_000n, 'Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP Art.3'],
    ['social_pension', '2026-07', 540_000n, 'Decree 335/2026/ND-CP'],
    ['meritorious', '2023-07', 2_055_000n, 'Decree 55/2023/ND-CP'],
    ['meritorious', '2024-07', 2_789_000n, 'Decree 77/2024/ND-CP'],
    ['meritorious', '2026-07', 3_012_000n, 'Decree 321/2026/ND-CP'],
  ] as const)('levelFor(%s, %s) = %s', (programme, month, amount, instrument) => {
    expect(book.levelFor(programme, month)).toMatchObject({ amount, instrument });
  });

  it('has no level before a programme starts', () => {
    expect(() => book.levelFor('social_assistance', '2021-06')).toThrow(NoRateTableError);
    expect(() => book.levelFor('social_pension', '2025-06')).toThrow(NoRateTableError);
  });

  it('answers as it stood on a date: Decree 335 was entered in October 2026', () => {
    expect(book.asOf('2026-09-30').levelFor('social_assistance', '2026-07').amount).toBe(500_000n);
    expect(book.asOf('2026-10-05').levelFor('social_assistance', '2026-07').amount).toBe(540_000n);
  });

  it('gives coefficients with their article', () => {
    expect(book.coefficientFor('SA_CHILD_NO_SUPPORT_U4', '2025-01')).toMatchObject({ coefficient: '2.5', instrument: 'Decree 20/2021/ND-CP Art.5(1)' });
    expect(book.coefficientFor('CARE_FOSTER_CHILD_ESPECIALLY_SEVERE_DISABLED', '2026-07').coefficient).toBe('2.5');
    expect(() => book.coefficientFor('SA_NOPE', '2025-01')).toThrow(UnknownGroupError);
  });

  it('gives meritorious amounts, by injury rate for war invalids', () => {
    expect(book.nccAmountFor('NCC_HERO', '2024-07').amount).toBe(2_337_000n);
    expect(book.nccAmountFor('NCC_WAR_INVALID', '2025-01', 81).amount).toBe(7_240_000n);
    expect(book.nccAmountFor('NCC_WAR_INVALID_TYPE_B', '2025-01', 100).amount).toBe(7_397_000n);
    expect(book.nccAmountFor('NCC_SUPP_INVALID_81', '2025-01').amount).toBe(1_399_000n);
    expect(() => book.nccAmountFor('NCC_WAR_INVALID', '2025-01')).toThrow(InvalidItemError);
    expect(() => book.nccAmountFor('NCC_WAR_INVALID', '2025-01', 81.5)).toThrow(InvalidItemError);
    expect(() => book.nccAmountFor('NCC_NOPE', '2025-01')).toThrow(UnknownGroupError);
  });

  it('does not answer meritorious amounts once the standard level changed and no official table was entered', () => {
    expect(() => book.nccAmountFor('NCC_HERO', '2026-06')).not.toThrow();
    expect(() => book.nccAmountFor('NCC_HERO', '2026-07')).toThrow(/No rate table for NCC_HERO in 2026-07/);
  });

  it('answers again once the official 2026 table is entered', () => {
    const table2026: TableVersion = {
      ...versionOf('ncc_monthly', '2025-01'),
      id: 'ncc_monthly:2026-07:D321-2026',
      effectiveFrom: '2026-07',
      enteredAt: '2026-11-01',
      instrument: 'Decree 321/2026/ND-CP (test table)',
      standardLevel: 3_012_000n,
      rows: versionOf('ncc_monthly', '2025-01').rows.map((row) => (row.key === 'NCC_HERO' ? { ...row, amount: 2_524_000n } : row)),
    };
    const updated = book.withVersion(table2026);
    expect(updated.nccAmountFor('NCC_HERO', '2026-07')).toMatchObject({ amount: 2_524_000n, instrument: 'Decree 321/2026/ND-CP (test table) Appendix I' });
    expect(updated.nccAmountFor('NCC_HERO', '2026-06').amount).toBe(2_337_000n);
  });
});

describe('RateBook: supersession', () => {
  const base = RateBook.fromVersions([level('A', '2024-07', '2024-07-01', 500_000n)]);

  it('a version entered later with an earlier effective date supersedes for the months it covers', () => {
    const b = base.withVersion(level('B', '2026-07', '2026-06-01', 520_000n)).withVersion(level('C', '2026-05', '2026-10-05', 540_000n));
    expect(b.levelFor('social_assistance', '2026-04').amount).toBe(500_000n);
    expect(b.levelFor('social_assistance', '2026-05').amount).toBe(540_000n);
    expect(b.levelFor('social_assistance', '2026-08').amount).toBe(540_000n);
  });

  it('a correction with the same effective date replaces the old figures', () => {
    const b = base.withVersion(level('A2', '2024-07', '2024-08-01', 510_000n));
    expect(b.levelFor('social_assistance', '2025-01')).toMatchObject({ amount: 510_000n, versionId: 'A2' });
  });

  it('a bounded correction leaves later months to the versions that cover them', () => {
    const b = base
      .withVersion(level('B', '2026-07', '2026-10-05', 540_000n))
      .withVersion(level('A2', '2024-07', '2026-11-01', 505_000n, { effectiveTo: '2026-06' }));
    expect(b.levelFor('social_assistance', '2026-06').amount).toBe(505_000n);
    expect(b.levelFor('social_assistance', '2026-07').amount).toBe(540_000n);
  });

  it('on equal entry time the later effective date wins', () => {
    const b = base.withVersion(level('B', '2026-07', '2024-07-01', 540_000n));
    expect(b.levelFor('social_assistance', '2026-07').amount).toBe(540_000n);
    expect(b.levelFor('social_assistance', '2026-06').amount).toBe(500_000n);
  });
});

describe('validateTableVersion', () => {
  const codes = (version: TableVersion, against: RateBook = book) => validateTableVersion(version, against).map((issue) => issue.code);
  const saTable = versionOf('sa_coefficient', '2025-01');
  const newSa = (rows: TableVersion['rows'], extra: Partial<TableVersion> = {}): TableVersion => ({
    ...saTable,
    id: 'sa_coefficient:2027-01:test',
    effectiveFrom: '2027-01',
    enteredAt: '2027-01-02',
    rows,
    ...extra,
  });

  it('accepts a complete, well-formed version', () => {
    expect(codes(newSa(saTable.rows))).toEqual([]);
  });

  it('accepts a row split into consecutive periods', () => {
    const rows = [
      ...saTable.rows.filter((r) => r.key !== 'SA_HIV_POOR_NO_INCOME'),
      { key: 'SA_HIV_POOR_NO_INCOME', coefficient: '1.5', to: '2027-06' },
      { key: 'SA_HIV_POOR_NO_INCOME', coefficient: '2.0', from: '2027-07' },
    ];
    const updated = book.withVersion(newSa(rows));
    expect(updated.coefficientFor('SA_HIV_POOR_NO_INCOME', '2027-06').coefficient).toBe('1.5');
    expect(updated.coefficientFor('SA_HIV_POOR_NO_INCOME', '2027-07').coefficient).toBe('2.0');
  });

  it('finds overlapping periods within a version', () => {
    const rows = [
      ...saTable.rows.filter((r) => r.key !== 'SA_HIV_POOR_NO_INCOME'),
      { key: 'SA_HIV_POOR_NO_INCOME', coefficient: '1.5', to: '2027-08' },
      { key: 'SA_HIV_POOR_NO_INCOME', coefficient: '2.0', from: '2027-07' },
    ];
    expect(codes(newSa(rows))).toEqual(['OVERLAPPING_PERIOD']);
  });

  it('finds duplicate rows', () => {
    expect(codes(newSa([...saTable.rows, { key: 'SA_CHILD_NO_SUPPORT_U4', coefficient: '2.5' }]))).toEqual(['DUPLICATE_ROW']);
  });

  it('finds a group left unpriced, also for part of the period', () => {
    expect(validateTableVersion(newSa(saTable.rows.filter((r) => r.key !== 'CARE_FOSTER_CHILD_U4')), book)).toEqual([
      { code: 'UNPRICED_GROUP', key: 'CARE_FOSTER_CHILD_U4', message: 'CARE_FOSTER_CHILD_U4 has no rate for every month of the version' },
    ]);
    const gap = [...saTable.rows.filter((r) => r.key !== 'SA_HIV_POOR_NO_INCOME'), { key: 'SA_HIV_POOR_NO_INCOME', coefficient: '1.5', from: '2027-03' }];
    expect(codes(newSa(gap))).toEqual(['UNPRICED_GROUP']);
  });

  it('finds a war-invalid injury rate left unpriced', () => {
    const table = versionOf('ncc_war_invalid_a', '2025-01');
    const version = { ...table, id: 'a-fix', enteredAt: '2025-02-01', rows: table.rows.filter((r) => r.key !== '55') };
    expect(validateTableVersion(version, book)).toMatchObject([{ code: 'UNPRICED_GROUP', key: '55' }]);
  });

  it.each([
    ['a negative amount', -1n],
    ['a fractional number', 1_399_000.5],
    ['a number instead of đồng', 1_399_000],
    ['no amount', undefined],
  ])('finds %s', (_name, amount) => {
    const table = versionOf('ncc_monthly', '2025-01');
    const rows = table.rows.map((r) => (r.key === 'NCC_HERO' ? { ...r, amount: amount as unknown as Dong } : r));
    expect(codes({ ...table, id: 'ncc-fix', enteredAt: '2025-02-01', rows })).toEqual(['INVALID_AMOUNT']);
  });

  it('finds an invalid coefficient and an unknown key', () => {
    const rows = saTable.rows.map((r) => (r.key === 'SA_DISABLED_SEVERE' ? { ...r, coefficient: '-1.5' } : r));
    expect(codes(newSa([...rows, { key: 'SA_MADE_UP', coefficient: '1.0' }]))).toEqual(['INVALID_COEFFICIENT', 'UNKNOWN_KEY']);
  });

  it('checks the meritorious tables against the standard level they were computed from', () => {
    const table = versionOf('ncc_monthly', '2025-01');
    expect(codes({ ...table, id: 'scaled', effectiveFrom: '2026-07', enteredAt: '2026-11-01' })).toEqual(['LEVEL_MISMATCH']);
    expect(codes({ ...table, id: 'early', effectiveFrom: '2021-01', enteredAt: '2026-11-01', effectiveTo: '2021-12' })).toEqual(['LEVEL_MISMATCH']);
  });

  it('checks the header, the period and the precedence against the book', () => {
    expect(codes(newSa(saTable.rows, { effectiveTo: '2026-12' }))).toEqual(['INVALID_PERIOD']);
    expect(codes(newSa(saTable.rows, { effectiveFrom: '2027-13' }))).toEqual(['INVALID_PERIOD']);
    expect(codes(newSa(saTable.rows, { instrument: ' ' }))).toEqual(['INVALID_HEADER']);
    expect(codes(newSa(saTable.rows, { enteredAt: 'yesterday' }))).toEqual(['INVALID_HEADER']);
    expect(codes(newSa(saTable.rows, { scope: '91' }))).toEqual(['INVALID_HEADER']);
    expect(codes(level('x', '2027-01', '2027-01-01', 1n, { scope: 'pension' }))).toEqual(['INVALID_HEADER']);
    expect(codes({ ...saTable })).toEqual(['DUPLICATE_VERSION', 'AMBIGUOUS_VERSION']);
    expect(codes({ ...saTable, id: 'same-time' })).toEqual(['AMBIGUOUS_VERSION']);
  });

  it('rejects a row period outside the version', () => {
    const rows = saTable.rows.map((r) => (r.key === 'SA_DISABLED_SEVERE' ? { ...r, from: '2026-01' } : r));
    expect(codes(newSa(rows))).toContain('INVALID_PERIOD');
  });

  it('keeps invalid versions out of the book, with a stable code', () => {
    const invalid = newSa(saTable.rows.filter((r) => r.key !== 'CARE_FOSTER_CHILD_U4'));
    expect(() => book.withVersion(invalid)).toThrow(InvalidTableVersionError);
    try {
      book.withVersion(invalid);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_TABLE_VERSION', versionId: invalid.id, issues: [{ code: 'UNPRICED_GROUP' }] });
    }
  });

  it('accepts an empty province top-up table and rejects negative top-ups', () => {
    const topUp: TableVersion = {
      id: 'province_topup:91:2027-01',
      table: 'province_topup',
      scope: '91',
      effectiveFrom: '2027-01',
      enteredAt: '2027-01-05',
      instrument: 'Resolution (test)',
      confidence: 'test',
      rows: [],
    };
    expect(codes(topUp)).toEqual([]);
    expect(codes({ ...topUp, rows: [{ key: 'SA_DISABLED_SEVERE', amount: -100n }] })).toEqual(['INVALID_AMOUNT']);
    expect(codes({ ...topUp, scope: '9' })).toEqual(['INVALID_HEADER']);
  });
});

describe('validateProposal (a version an operator enters)', () => {
  const issues = (version: TableVersion) => validateProposal(version, book);

  it('refuses a correction of an old period that would replace a later decree: Decree 335/2026\'s 540,000 from 2026-07', () => {
    const correction = level('sa-2024-fix', '2024-07', '2026-11-20', 505_000n);
    expect(issues(correction)).toEqual([
      expect.objectContaining({ code: 'OVERRIDES_LATER_VERSION', message: expect.stringContaining('End it at 2026-06 (effectiveTo)') }),
    ]);
    // In the book as it is (versions already entered always load), it would have answered for July 2026 on.
    expect(book.withVersion(correction).levelFor('social_assistance', '2026-08').amount).toBe(505_000n);
  });

  it('accepts the same correction ended before the later decree, a correction of the later decree itself, and a new decree', () => {
    expect(issues(level('sa-2024-fix', '2024-07', '2026-11-20', 505_000n, { effectiveTo: '2026-06' }))).toEqual([]);
    expect(issues(level('sa-2026-fix', '2026-07', '2026-11-20', 545_000n))).toEqual([]);
    expect(issues(level('sa-2027', '2027-07', '2027-08-01', 600_000n))).toEqual([]);
  });

  it('looks only at the same table and scope: a social pension level does not reach into social assistance\'s', () => {
    expect(issues(level('sp-fix', '2025-07', '2026-11-20', 505_000n, { scope: 'social_pension', rows: [{ key: 'social_pension', amount: 505_000n }], effectiveTo: '2026-06' }))).toEqual([]);
    expect(issues(level('sp-fix', '2025-07', '2026-11-20', 505_000n, { scope: 'social_pension', rows: [{ key: 'social_pension', amount: 505_000n }] })).map((i) => i.code)).toEqual(['OVERRIDES_LATER_VERSION']);
  });
});

describe('validateProposal: rates of 0, and top-ups left out', () => {
  const issues = (version: TableVersion, against = book) => validateProposal(version, against).map((i) => i.code);

  it('refuses a standard level or a coefficient of 0: backdated, it would make every month paid an overpayment', () => {
    expect(issues(level('sa-2027-zero', '2027-07', '2027-08-01', 0n))).toEqual(['INVALID_AMOUNT']);
    const coefficients = book.versions.find((v) => v.table === 'sa_coefficient') as TableVersion;
    const zeroed = { ...coefficients, id: 'sa-coef-2027', effectiveFrom: '2027-07', effectiveTo: undefined, enteredAt: '2027-08-01', rows: coefficients.rows.map((r, i) => (i === 0 ? { ...r, coefficient: '0' } : r)) };
    expect(issues(zeroed)).toEqual(['INVALID_COEFFICIENT']);
  });

  it('refuses a province\'s new top-ups that leave out a group the ones they replace top up, unless it says 0', () => {
    const topUps = (id: string, from: string, rows: TableVersion['rows']): TableVersion => ({
      id, table: 'province_topup', scope: '91', effectiveFrom: from, enteredAt: `${from}-05`, instrument: `Resolution ${id} (test)`, confidence: 'test', rows,
    });
    const withFirst = book.withVersion(topUps('t1', '2027-01', [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 100_000n }]));
    expect(issues(topUps('t2', '2027-06', [{ key: 'NCC_HEROIC_MOTHER', amount: 200_000n }]), withFirst)).toEqual(['TOP_UP_LEFT_OUT']);
    expect(issues(topUps('t2', '2027-06', [{ key: 'NCC_HEROIC_MOTHER', amount: 200_000n }, { key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 0n }]), withFirst)).toEqual([]);
  });
  it('compares new top-ups with every version they replace, not only the one in force at their first month', () => {
    const topUps = (id: string, from: string, enteredAt: string, rows: TableVersion['rows'], effectiveTo?: string): TableVersion => ({
      id, table: 'province_topup', scope: '91', effectiveFrom: from, ...(effectiveTo && { effectiveTo }), enteredAt, instrument: `Resolution ${id} (test)`, confidence: 'test', rows,
    });
    const elderly = { key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 100_000n };
    // From 2027-01 the elderly 80+ and the severely disabled are topped up; a later resolution pauses the disability top-up for January to March.
    const withPause = book
      .withVersion(topUps('t1', '2027-01', '2027-01-05', [elderly, { key: 'SA_DISABLED_SEVERE', amount: 50_000n }]))
      .withVersion(topUps('t2', '2027-01', '2027-02-05', [elderly, { key: 'SA_DISABLED_SEVERE', amount: 0n }], '2027-03'));
    // A new resolution from March, open-ended, listing only the elderly: from April it replaces t1, and the disabled's 50,000 would end unsaid.
    expect(issues(topUps('t3', '2027-03', '2027-03-05', [elderly]), withPause)).toEqual(['TOP_UP_LEFT_OUT']);
    expect(issues(topUps('t3', '2027-03', '2027-03-05', [elderly, { key: 'SA_DISABLED_SEVERE', amount: 50_000n }]), withPause)).toEqual([]);
  });
  it('refuses new top-ups that list a group topped up before for only part of their months', () => {
    const withFirst = book.withVersion({
      id: 't1', table: 'province_topup', scope: '91', effectiveFrom: '2027-01', enteredAt: '2027-01-05', instrument: 'Resolution t1 (test)', confidence: 'test',
      rows: [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 100_000n }],
    });
    // From 2027-06, but the elderly's row only from 2027-09: June to August would pay them nothing on top.
    const later: TableVersion = {
      id: 't2', table: 'province_topup', scope: '91', effectiveFrom: '2027-06', enteredAt: '2027-06-05', instrument: 'Resolution t2 (test)', confidence: 'test',
      rows: [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 120_000n, from: '2027-09' }],
    };
    expect(issues(later, withFirst)).toEqual(['TOP_UP_LEFT_OUT']);
    expect(issues({ ...later, rows: [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: 100_000n, to: '2027-08' }, ...later.rows] }, withFirst)).toEqual([]);
  });

  it('refuses at approval a proposal another version of its months was approved after: the stale one would win', () => {
    const right = level('sa-2027-right', '2027-07', '2027-08-02T09:00:00.000Z', 560_000n);
    const typo = level('sa-2027-typo', '2027-07', '2027-08-01T09:00:00.000Z', 565_000n);
    expect(checkNotSuperseded(typo, '2027-08-01T09:00:00.000Z', book.withVersion(right)).map((i) => i.code)).toEqual(['SUPERSEDED']);
    expect(checkNotSuperseded(typo, '2027-08-01T09:00:00.000Z', book)).toEqual([]);
    // Another table, or months apart: not superseded.
    expect(checkNotSuperseded(level('sa-2028', '2028-01', '2027-08-01T09:00:00.000Z', 580_000n), '2027-08-01T09:00:00.000Z', book.withVersion({ ...right, effectiveTo: '2027-12' }))).toEqual([]);
  });
});

describe('RateBook remembers its answers', () => {
  it('answers the same question once, errors included, and keeps each past book', () => {
    const book = seedBook();
    const first = book.levelFor('social_assistance', '2026-11');
    expect(book.levelFor('social_assistance', '2026-11')).toBe(first);
    let error: unknown;
    try {
      book.nccAmountFor('NCC_HERO', '2026-11');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NoRateTableError);
    expect(() => book.nccAmountFor('NCC_HERO', '2026-11')).toThrow(error as Error);
    expect(book.asOf('2026-09-01')).toBe(book.asOf('2026-09-01'));
    expect(book.asOf('2026-09-01').levelFor('social_assistance', '2026-08').amount).toBe(500_000n);
  });
});
