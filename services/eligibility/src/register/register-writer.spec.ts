import type { Sql } from '@benefits/messaging';
import type { RegisterRow } from '../imports/domain/import-layout';
import { CommuneNotAllowedError, InvalidRegisterDataError } from '../shared/errors';
import { RegisterCipher, TransportCipher } from '../shared/pii';
import { RegisterWriter } from './register-writer';

const KEY = Buffer.alloc(32, 7).toString('base64');
const cipher = new RegisterCipher({ current: 'k1', keys: { k1: KEY }, hashKey: KEY });
const writer = new RegisterWriter(cipher, new TransportCipher(`t1:${KEY}`, KEY));

/** A commune People's Committee operator of 30742. */
const operator = { provinceCode: '91', communeCodes: ['30742'] };

const row: RegisterRow = {
  person: { nationalId: '091050001234', fullName: 'Lê Văn Bảy', sex: 'male', dateOfBirth: '1950-07-22' },
  residence: { communeCode: '30742', provinceCode: '91', from: '1990-01-01' },
  decision: { programme: 'social_pension', groupCode: 'SOCIAL_PENSION', decisionNumber: '31/QĐ-UBND', signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', attributes: {} },
  destination: { channel: 'bank', bankBin: '970436', accountNumber: '9876543210', holderName: 'Lê Văn Bảy', validFrom: '2025-09-10' },
};

/**
 * A transaction in which the row's ID number is already Nguyễn Văn An's, registered by someone else after the row was
 * checked (another import, POST /persons): the person is found, not created; `decisionIsNew` says whether the row's
 * decision is one An does not have yet; `communeOfAn` is the commune holding An's file (30742, the operator's).
 */
function registerOfAn(decisionIsNew: boolean, communeOfAn = '30742') {
  const statements: string[] = [];
  const sql: Sql = {
    query: async (text: string, params: unknown[] = []) => {
      statements.push(text);
      if (text.includes('INSERT INTO eligibility.person')) return [];
      if (text.includes('FROM eligibility.person WHERE national_id_hash')) {
        return [{ id: 'an', national_id_hash: cipher.lookupHash(row.person.nationalId), full_name: 'Nguyễn Văn  An', sex: 'male', date_of_birth: '1950-03-10', date_of_death: null }];
      }
      if (text.includes('INSERT INTO eligibility.decision (')) return decisionIsNew ? [{ id: (params[0] as string[])[0] }] : [];
      if (text.includes('LEFT JOIN eligibility.residence')) return [{ key: 'an', province_code: '91', commune_code: communeOfAn, valid_from: '1990-01-01', valid_to: null }];
      if (text.includes('FROM eligibility.decision d')) return [{ id: 'decision-of-an', person_id: 'an', programme: 'social_pension', decision_number: '31/QĐ-UBND' }];
      return [];
    },
  } as unknown as Sql;
  return { sql, statements };
}

describe('RegisterWriter: a new decision for the person on record under the row\'s ID number', () => {
  it('refuses it when their name, sex or date of birth is not the row\'s (nothing would be attached to another person)', async () => {
    const { sql } = registerOfAn(true);
    const error = await writer.write(sql, [row], { recordedBy: 'an.nguyen', operator }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRegisterDataError);
    expect((error as InvalidRegisterDataError).problems).toEqual([
      { field: 'full_name', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') },
      { field: 'date_of_birth', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') },
    ]);
    expect(JSON.stringify(error)).not.toMatch(/Bảy|Nguyễn|1950|091050001234/);
  });

  it('writes it for the same person, whose name may be stored with other spaces', async () => {
    const { sql } = registerOfAn(true);
    const same: RegisterRow = { ...row, person: { ...row.person, fullName: 'Nguyễn Văn An', dateOfBirth: '1950-03-10' } };
    await expect(writer.write(sql, [same], { recordedBy: 'an.nguyen', operator })).resolves.toMatchObject({ persons: 0, decisions: 1 });
  });

  it('lets a decision already on record through: it adds nothing', async () => {
    const { sql } = registerOfAn(false);
    await expect(writer.write(sql, [row], { recordedBy: 'an.nguyen', operator })).resolves.toMatchObject({ decisions: 0, unchanged: 1 });
  });
});

describe('RegisterWriter: a new decision for a person whose file another commune holds', () => {
  // An import checks the commune holding each file in pass 1 and writes in pass 2: a person registered by another
  // commune in between (or moved there) is found only as it writes, and POST /persons checks before the writer does.
  const same: RegisterRow = { ...row, person: { ...row.person, fullName: 'Nguyễn Văn An', dateOfBirth: '1950-03-10' } };

  it('refuses it, naming no place (the operator may not write, nor read, that file)', async () => {
    const { sql } = registerOfAn(true, '30307');
    const error = await writer.write(sql, [same], { recordedBy: 'an.nguyen', operator }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CommuneNotAllowedError);
    expect(JSON.stringify(error)).not.toContain('30307');
  });

  it('refuses it before telling whether the person on record is the row\'s', async () => {
    const { sql } = registerOfAn(true, '30307');
    await expect(writer.write(sql, [row], { recordedBy: 'an.nguyen', operator })).rejects.toBeInstanceOf(CommuneNotAllowedError);
  });

  it('lets a decision already on record through (it writes nothing to the file), and province staff write anywhere in the province', async () => {
    await expect(writer.write(registerOfAn(false, '30307').sql, [same], { recordedBy: 'an.nguyen', operator })).resolves.toMatchObject({ decisions: 0 });
    await expect(writer.write(registerOfAn(true, '30307').sql, [same], { recordedBy: 'an.nguyen', operator: { provinceCode: '91' } })).resolves.toMatchObject({ decisions: 1 });
  });
});

describe('RegisterWriter: a date of death for the person on record, whom the register holds alive', () => {
  // The import refuses such a row in pass 1; a person registered alive by someone else before pass 2 is found here.
  it('refuses it, whether the decision is new or on record: an import does not record a death', async () => {
    const dead: RegisterRow = { ...row, person: { ...row.person, fullName: 'Nguyễn Văn An', dateOfBirth: '1950-03-10', dateOfDeath: '2026-10-05' } };
    for (const decisionIsNew of [true, false]) {
      const error = await writer.write(registerOfAn(decisionIsNew).sql, [dead], { recordedBy: 'an.nguyen', operator }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRegisterDataError);
      expect((error as InvalidRegisterDataError).problems).toEqual([{ field: 'date_of_death', code: 'DEATH_NOT_ON_RECORD', reason: expect.stringContaining('death life event') }]);
    }
  });
});
