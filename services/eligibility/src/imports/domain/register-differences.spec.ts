import type { RegisterRow } from './import-layout';
import { registerDifferences, type StoredPerson } from './register-differences';

const row: RegisterRow = {
  person: { nationalId: '091150001234', fullName: 'Nguyễn Văn An', sex: 'male', dateOfBirth: '1950-03-10' },
  household: { code: 'HGD-001', communeCode: '30742', poverty: { year: 2026, status: 'poor' } },
  residence: { communeCode: '30742', provinceCode: '91', from: '1990-01-01' },
  decision: {
    programme: 'social_pension',
    groupCode: 'SOCIAL_PENSION',
    decisionNumber: '12/QĐ-UBND',
    signingLevel: 'commune',
    signedOn: '2025-09-10',
    effectiveFrom: '2025-09-10',
    attributes: {},
  },
  destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789', holderName: 'NGUYEN VAN AN', validFrom: '2020-01-01' },
};
const stored: StoredPerson = {
  fullName: 'Nguyễn Văn An',
  sex: 'male',
  dateOfBirth: '1950-03-10',
  dateOfDeath: null,
  communeCode: '30742',
  provinceCode: '91',
  household: { communeCode: '30742', code: 'HGD-001' },
  destination: { channel: 'bank', bankBin: '970436', accountHash: 'hash-of-0123456789', cashPointCode: null },
  poverty: [{ year: 2026, status: 'poor' }],
  decisions: [{ programme: 'social_pension', decisionNumber: '12/QĐ-UBND', groupCode: 'SOCIAL_PENSION', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', effectiveTo: null, certificateDate: null }],
};
const fields = (r: RegisterRow, s: StoredPerson = stored, accountHash = 'hash-of-0123456789') => registerDifferences(r, s, accountHash, '2026-11-20').warnings.map((d) => d.field);
const refused = (r: RegisterRow, s: StoredPerson = stored) => registerDifferences(r, s, 'hash-of-0123456789', '2026-11-20').problems.map((p) => [p.field, p.code]);
/** The same person with a decision the register does not have yet: it would be added to them. */
const newDecision = (r: RegisterRow): RegisterRow => ({ ...r, decision: { ...r.decision, decisionNumber: '13/QĐ-UBND', effectiveFrom: '2026-01-01' } });

describe('registerDifferences (what an import would leave unchanged)', () => {
  it('finds nothing when the row says what the register holds', () => {
    expect(fields(row)).toEqual([]);
  });

  it.each<[string, RegisterRow, string[]]>([
    ['another name, sex or birth date on a decision already on record (it adds nothing)', { ...row, person: { ...row.person, fullName: 'Nguyễn Văn Ân', sex: 'female', dateOfBirth: '1950-03-11' } }, ['full_name', 'sex', 'date_of_birth']],
    ['another commune', { ...row, residence: { ...row.residence, communeCode: '30307' } }, ['commune_code']],
    ['another channel (the first destination difference is named)', { ...row, destination: { ...row.destination, channel: 'post_office_cash', cashPointCode: 'CP-1' } }, ['channel']],
    ['another bank', { ...row, destination: { ...row.destination, bankBin: '970418' } }, ['bank_bin']],
    ['another poverty status for the same year', { ...row, household: { code: 'HGD-001', communeCode: '30742', poverty: { year: 2026, status: 'near_poor' } } }, ['poverty_status']],
    ['a year the register has no status for', { ...row, household: { code: 'HGD-001', communeCode: '30742', poverty: { year: 2027, status: 'near_poor' } } }, []],
    ['another household code: the row\'s poverty status does not reach the person', { ...row, household: { code: 'HGD-002', communeCode: '30742', poverty: { year: 2027, status: 'poor' } } }, ['household_code']],
    ['the same household code of another commune', { ...row, household: { code: 'HGD-001', communeCode: '30307' }, residence: { ...row.residence, communeCode: '30307' } }, ['commune_code', 'household_code']],
    ['the same decision number with other terms', { ...row, decision: { ...row.decision, effectiveFrom: '2025-10-01', effectiveTo: '2026-12-31' } }, ['effective_from', 'effective_to']],
    ['a new decision number: added, nothing differs', { ...row, decision: { ...row.decision, decisionNumber: '13/QĐ-UBND', effectiveFrom: '2026-01-01' } }, []],
  ])('%s', (_title, changed, expected) => {
    expect(fields(changed)).toEqual(expected);
  });

  it('names the household of a person recorded without one: the row\'s poverty status does not reach them', () => {
    expect(fields(row, { ...stored, household: null, poverty: [] })).toEqual(['household_code']);
    expect(fields({ ...row, household: undefined }, { ...stored, household: null, poverty: [] })).toEqual([]);
  });

  it('finds nothing when the family on record under a merged unit\'s old code is sent under the new code, or the other way round', () => {
    // Xã Vĩnh Hội Đông (89/30370) went into xã An Phú (30337) on 2025-07-01.
    const family = { ...row, household: { code: 'HGD-007', communeCode: '30337' }, residence: { ...row.residence, communeCode: '30337', provinceCode: '91' } };
    const oldCode = { ...stored, communeCode: '30370', provinceCode: '89', household: { communeCode: '30337', code: 'HGD-007' } };
    expect(fields(family, oldCode)).toEqual([]);
    expect(fields({ ...family, residence: { ...family.residence, communeCode: '30370', provinceCode: '89' } }, { ...oldCode, communeCode: '30337', provinceCode: '91' })).toEqual([]);
  });

  it('finds another account by its keyed hash, and never echoes the number', () => {
    const differences = registerDifferences({ ...row, destination: { ...row.destination, accountNumber: '0123456780' } }, stored, 'hash-of-0123456780', '2026-11-20').warnings;
    expect(differences).toEqual([{ field: 'account_number', code: 'DIFFERS_FROM_REGISTER', reason: expect.stringContaining('payment_destination_changed') }]);
    expect(JSON.stringify(differences)).not.toContain('0123456780');
  });

  describe('a new decision for a person on record who is not the row\'s person (a mistyped ID number that is someone else\'s)', () => {
    it.each<[string, RegisterRow['person'], string[]]>([
      ['another diacritic: another person', { ...row.person, fullName: 'Nguyễn Văn Ân' }, ['full_name']],
      ['the name in capitals: not folded away', { ...row.person, fullName: 'NGUYỄN VĂN AN' }, ['full_name']],
      ['another sex', { ...row.person, sex: 'female' }, ['sex']],
      ['another date of birth', { ...row.person, dateOfBirth: '1950-10-03' }, ['date_of_birth']],
      ['all three', { ...row.person, fullName: 'Trần Thị Bình', sex: 'female', dateOfBirth: '1962-01-01' }, ['full_name', 'sex', 'date_of_birth']],
    ])('%s: refused', (_title, person, expected) => {
      expect(refused(newDecision({ ...row, person }))).toEqual(expected.map((field) => [field, 'NOT_THE_PERSON_ON_RECORD']));
      // Still a warning on a decision already on record: nothing is added, and a file imported again changes nothing.
      expect(refused({ ...row, person })).toEqual([]);
      expect(fields({ ...row, person })).toEqual(expected);
    });

    it('names the field and why, without echoing a name, a date or an ID number', () => {
      const { problems, warnings } = registerDifferences(newDecision({ ...row, person: { ...row.person, fullName: 'Nguyễn Văn Ân', dateOfBirth: '1950-10-03' } }), stored, 'hash-of-0123456789', '2026-11-20');
      expect(problems).toEqual([
        { field: 'full_name', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') },
        { field: 'date_of_birth', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') },
      ]);
      expect(warnings).toEqual([]);
      for (const value of ['Nguyễn', 'Ân', '1950', '091150001234']) expect(JSON.stringify(problems)).not.toContain(value);
    });

    it('takes a name stored with other spaces or in decomposed Unicode for the same name', () => {
      const storedAs = (fullName: string) => ({ ...stored, fullName });
      expect(refused(newDecision(row), storedAs('Nguye\u0302\u0303n  Va\u0306n\u00A0An '))).toEqual([]);
      expect(refused(newDecision(row), storedAs('Nguyễn Văn\u200B An'))).toEqual([]);
    });

    it('leaves another commune or destination a warning: a move or a new account is a life event, not another person', () => {
      const moved = newDecision({ ...row, residence: { ...row.residence, communeCode: '30307' }, destination: { ...row.destination, bankBin: '970418' } });
      expect(refused(moved)).toEqual([]);
      expect(fields(moved)).toEqual(['commune_code', 'bank_bin']);
    });
  });

  describe('a date of death', () => {
    const dead = (r: RegisterRow, dateOfDeath = '2026-10-05'): RegisterRow => ({ ...r, person: { ...r.person, dateOfDeath } });
    const codes = (r: RegisterRow, s: StoredPerson | undefined) => {
      const { problems, warnings } = registerDifferences(r, s, 'hash-of-0123456789', '2026-11-20');
      return { problems: problems.map((p) => [p.field, p.code]), warnings: warnings.map((w) => [w.field, w.code]) };
    };

    // An import does not record a death (the funeral support, the care allowances held for the person and the
    // recovery of months paid after it follow from the death life event): stored as "unchanged", the person would be
    // paid on as if alive. Refused, so the file is not imported (or not whole) until the death is recorded.
    it('refuses a death the register does not hold, on a decision already on record as on a new one', () => {
      const refusal = { problems: [['date_of_death', 'DEATH_NOT_ON_RECORD']], warnings: [] };
      expect(codes(dead(row), stored)).toEqual(refusal);
      expect(codes(dead(newDecision(row)), stored)).toEqual(refusal);
      const { problems } = registerDifferences(dead(row), stored, 'hash-of-0123456789', '2026-11-20');
      expect(problems[0].reason).toContain('life-events');
      expect(problems[0].reason).not.toContain('2026-10-05');
    });

    it('accepts the death the register holds, and warns on another date or none (a recorded death is not corrected by an import)', () => {
      const recorded = { ...stored, dateOfDeath: '2026-10-05' };
      expect(codes(dead(row), recorded)).toEqual({ problems: [], warnings: [] });
      expect(codes(dead(row, '2026-10-06'), recorded)).toEqual({ problems: [], warnings: [['date_of_death', 'DIFFERS_FROM_REGISTER']] });
      expect(codes(row, recorded)).toEqual({ problems: [], warnings: [['date_of_death', 'DIFFERS_FROM_REGISTER']] });
    });

    it('stores a person new to the register as deceased, warning that no death is reported (funeral support is paid on one)', () => {
      expect(codes(dead(row), undefined)).toEqual({ problems: [], warnings: [['date_of_death', 'DEATH_NOT_REPORTED']] });
      expect(codes(row, undefined)).toEqual({ problems: [], warnings: [] });
    });
  });
});
