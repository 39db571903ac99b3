import { HttpException } from '@nestjs/common';
import type { AuthUser } from '@benefits/platform';
import type { DataSource } from 'typeorm';
import type { RegisterPersonDto } from './register.dto';
import { RegisterWriter } from './register-writer';
import { RegisterService } from './register.service';
import { NationalIdMisses } from '../shared/national-id-misses';
import { InvalidRegisterDataError } from '../shared/errors';
import { RegisterCipher, TransportCipher } from '../shared/pii';
import type { EligibilityConfig } from '../config';

const KEY = Buffer.alloc(32, 7).toString('base64');
const cipher = new RegisterCipher({ current: 'k1', keys: { k1: KEY }, hashKey: KEY });

/** A commune People's Committee operator of 30742. */
const operator: AuthUser = { id: 'an.nguyen', name: 'an.nguyen', roles: ['operator'], programmes: ['social_assistance', 'social_pension'], provinceCode: '91', communeCodes: ['30742'] };

/** A foster mother of the operator's commune, her decision already on record: registering her again writes nothing. */
function fosterMother(caredForNationalId: string): RegisterPersonDto {
  return {
    nationalId: '091150001234',
    fullName: 'Nguyễn Thị Lan',
    sex: 'female',
    dateOfBirth: '1950-06-20',
    residence: { communeCode: '30742', from: '1990-01-01' },
    decision: { programme: 'social_assistance', groupCode: 'CARE_FOSTER_CHILD', decisionNumber: 'F-1/QĐ', signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', caredForNationalId },
    destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789' },
  } as unknown as RegisterPersonDto;
}

/**
 * The register as the service sees it: the foster mother lives in 30742; one child, 091221004567, is registered in
 * another commune (30307), whose file this operator may not read.
 */
function serviceOver(inRegister: Record<string, string>, misses = new NationalIdMisses({ NATIONAL_ID_MISSES_PER_HOUR: 3 } as EligibilityConfig)) {
  const byHash = new Map(Object.entries(inRegister).map(([id, commune]) => [cipher.lookupHash(id), commune]));
  const tx = {
    query: async (sql: string, params: unknown[]) => {
      // The person cared for (a child born in 2021), asked by the hash of their ID number.
      if (sql.includes('AS dob')) return (params[0] as string[]).filter((h) => byHash.has(h)).map((h) => ({ hash: h, dob: '2021-04-05', dod: null }));
      if (sql.includes('national_id_hash = ANY')) {
        const hashes = params[0] as string[];
        return hashes
          .filter((h) => byHash.has(h))
          .map((h) => ({ key: h, province_code: '91', commune_code: byHash.get(h), valid_from: '1990-01-01', valid_to: null }));
      }
      throw new Error(`unexpected query ${sql}`);
    },
  };
  const written: unknown[] = [];
  const writer = {
    write: async (_tx: unknown, rows: unknown[]) => {
      written.push(...rows);
      // The foster mother's decision F-1/QĐ is on record already: nothing is written.
      return { persons: 0, decisions: 0, destinations: 0, unchanged: rows.length, refs: [] };
    },
  } as unknown as RegisterWriter;
  const dataSource = { transaction: (work: (tx: unknown) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  return new RegisterService(dataSource, writer, cipher, misses);
}

async function answer(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'stored';
  } catch (error) {
    if (error instanceof HttpException) return (error.getResponse() as { code: string }).code; // a 429 of the limits
    const e = error as { code?: string; problems?: { code: string }[] };
    return [e.code, ...(e.problems ?? []).map((p) => p.code)].join(' ');
  }
}

describe('POST /persons: the person cared for, named by ID number', () => {
  // Whether an ID number is in the register shows in the answer (held by another commune: 403; a person cared for not
  // in the register: 422): each such answer spends the user's budget of ID numbers that found nobody, as a search by
  // ID number does, so that nobody completes a masked ID (four digits to guess) or tests the province's register.
  it('counts each answer that an ID number is not one the user may see, and refuses the user past the budget', async () => {
    const service = serviceOver({ '091150001234': '30742', '091221004567': '30307' });
    expect(await answer(service.register(fosterMother('091221004567'), operator))).toBe('ALREADY_IN_REGISTER');
    for (const guess of ['091221004568', '091221004569', '091221004570']) {
      expect(await answer(service.register(fosterMother(guess), operator))).toBe('INVALID_REGISTER_DATA NOT_IN_REGISTER');
    }
    // The fourth answer would tell again: refused, whatever the number.
    expect(await answer(service.register(fosterMother('091221004567'), operator))).toBe('RATE_LIMITED');
    expect(await answer(service.register(fosterMother('091221004571'), operator))).toBe('RATE_LIMITED');
    // Another user is not held back.
    expect(await answer(service.register(fosterMother('091221004567'), { ...operator, id: 'binh.le' }))).toBe('ALREADY_IN_REGISTER');
  });

  it('counts a person whose file another commune holds', async () => {
    const misses = new NationalIdMisses({ NATIONAL_ID_MISSES_PER_HOUR: 1 } as EligibilityConfig);
    const service = serviceOver({ '091150001234': '30307', '091221004567': '30307' }, misses);
    expect(await answer(service.register(fosterMother('091221004567'), operator))).toBe('COMMUNE_NOT_ALLOWED');
    expect(await answer(service.register(fosterMother('091221004567'), operator))).toBe('RATE_LIMITED');
  });
});

describe('POST /persons: an ID number that is another person\'s', () => {
  // An's ID number, typed for Lê Văn Bảy: the real writer finds An (a new decision for him) and refuses.
  it('refuses a new decision for the person on record when the name or date of birth is not theirs, naming the JSON fields', async () => {
    const an = cipher.lookupHash('091150001234');
    const tx = {
      query: async (sql: string, params: unknown[] = []) => {
        // Asked by the ID number's hash (the service's check) and by the person's id (the writer's): both find An in 30742.
        if (sql.includes('LEFT JOIN eligibility.residence')) return [{ key: (params[0] as string[])[0], province_code: '91', commune_code: '30742', valid_from: '1990-01-01', valid_to: null }];
        if (sql.includes('INSERT INTO eligibility.person')) return [];
        if (sql.includes('FROM eligibility.person WHERE national_id_hash')) return [{ id: 'an', national_id_hash: an, full_name: 'Nguyễn Thị Lan', sex: 'female', date_of_birth: '1950-06-20' }];
        if (sql.includes('INSERT INTO eligibility.decision (')) return [{ id: (params[0] as string[])[0] }];
        return [];
      },
    };
    const dataSource = { transaction: (work: (t: unknown) => Promise<unknown>) => work(tx) } as unknown as DataSource;
    const misses = new NationalIdMisses({ NATIONAL_ID_MISSES_PER_HOUR: 3 } as EligibilityConfig);
    const service = new RegisterService(dataSource, new RegisterWriter(cipher, new TransportCipher(`t1:${KEY}`, KEY)), cipher, misses);
    const dto = { ...fosterMother(''), fullName: 'Nguyễn Thị Lành', decision: { ...fosterMother('').decision, groupCode: 'SOCIAL_PENSION', programme: 'social_pension', caredForNationalId: undefined } };
    const error = (await service.register(dto as RegisterPersonDto, operator).catch((e: unknown) => e)) as InvalidRegisterDataError;
    expect(error).toBeInstanceOf(InvalidRegisterDataError);
    expect(error.problems).toEqual([{ field: 'fullName', code: 'NOT_THE_PERSON_ON_RECORD', reason: expect.stringContaining('check the ID number') }]);
  });
});
