import type { AuthUser } from '@benefits/platform';
import type { DataSource } from 'typeorm';
import type { EligibilityConfig } from '../config';
import { foldName } from '../register/domain/names';
import { holdingPlace, type ResidencePeriod } from '../register/domain/write-scope';
import { InvalidRegisterDataError } from '../shared/errors';
import { NationalIdMisses } from '../shared/national-id-misses';
import { RegisterCipher } from '../shared/pii';
import type { PersonSearchDto, PersonSearchPageDto } from './persons.dto';
import { PersonsService } from './persons.service';

const KEY = Buffer.alloc(32, 7).toString('base64');
const cipher = new RegisterCipher({ current: 'k1', keys: { k1: KEY }, hashKey: KEY });

interface Person {
  id: string;
  nationalId: string;
  fullName: string;
  residences: ResidencePeriod[];
}

const rachGia = (from = '1990-01-01', to: string | null = null): ResidencePeriod => ({ provinceCode: '91', communeCode: '30742', from, to });
const longXuyen = (from: string): ResidencePeriod => ({ provinceCode: '91', communeCode: '30307', from });
const person = (n: number, fullName: string, residences: ResidencePeriod[]): Person => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  nationalId: `0911500${String(n).padStart(5, '0')}`,
  fullName,
  residences,
});

/**
 * Rạch Giá (30742) holds five files of the same name; three persons who lived there moved to Long Xuyên (30307)
 * and sort first; one person has always lived in Long Xuyên; one never lived in the province.
 */
const REGISTER: Person[] = [
  ...[1, 2, 3].map((n) => person(n, 'Lê Văn An', [rachGia('1990-01-01', '2026-09-09'), longXuyen('2026-09-10')])),
  ...[9, 5, 7, 4, 8].map((n) => person(n, 'Nguyễn Văn An', [rachGia()])),
  person(10, 'Trần Văn An', [longXuyen('1990-01-01')]),
  person(11, 'Võ Văn An', [{ provinceCode: '79', communeCode: '26734', from: '2001-01-01' }]),
];
const RACH_GIA_FILES = REGISTER.filter((p) => p.fullName === 'Nguyễn Văn An').map((p) => p.id).sort();

/** The last $n of the SQL matching `pattern` (the parameter it names), or undefined. */
function param(sql: string, params: unknown[], pattern: RegExp): unknown {
  const match = sql.match(pattern);
  return match ? params[Number(match[1]) - 1] : undefined;
}

/**
 * The register as PostgreSQL would answer the search: the conditions the SQL carries, in (name_search, id) order,
 * then the LIMIT. Which residence holds a file is holdingPlace's (the int-spec checks the SQL does the same).
 */
function database(persons: Person[], today: string) {
  const queries: string[] = [];
  const query = async (sql: string, params: unknown[]) => {
    queries.push(sql);
    if (sql.includes('p.id = ANY($1::uuid[])')) {
      const ids = params[0] as string[];
      return persons
        .filter((p) => ids.includes(p.id))
        .flatMap((p) => p.residences.map((r) => ({ key: p.id, province_code: r.provinceCode, commune_code: r.communeCode, valid_from: r.from, valid_to: r.to ?? null })));
    }
    if (!sql.includes('ORDER BY p.name_search, p.id')) throw new Error(`unexpected query ${sql}`);
    const name = param(sql, params, /p\.name_search LIKE \$(\d+)/) as string | undefined;
    const everLived = param(sql, params, /s\.commune_code = ANY\(\$(\d+)/) as string[] | undefined;
    const provinces = param(sql, params, /h\.province_code = ANY\(\$(\d+)/) as string[] | undefined;
    const places = param(sql, params, /LIMIT 1\) = ANY\(\$(\d+)::text\[\]\)/) as string[] | undefined;
    const afterName = param(sql, params, /\(p\.name_search, p\.id\) > \(\$(\d+)/) as string | undefined;
    const afterId = param(sql, params, /\(p\.name_search, p\.id\) > \(\$\d+, \$(\d+)/) as string | undefined;
    const limit = param(sql, params, /LIMIT \$(\d+)\s*$/) as number;
    const held = (p: Person) => {
      const place = holdingPlace(p.residences, '91', today);
      return place !== undefined && (places ?? []).includes(`${place.provinceCode}|${place.communeCode ?? ''}`);
    };
    return persons
      .map((p) => ({ ...p, nameSearch: foldName(p.fullName) }))
      .filter((p) => !name || p.nameSearch.includes(name.replace(/^%|%$/g, '')))
      .filter((p) => !everLived || p.residences.some((r) => everLived.includes(r.communeCode ?? '')))
      .filter((p) => !provinces || p.residences.some((r) => provinces.includes(r.provinceCode)))
      .filter((p) => !places || held(p))
      .filter((p) => afterName === undefined || p.nameSearch > afterName || (p.nameSearch === afterName && p.id > (afterId ?? '')))
      .sort((a, b) => (a.nameSearch === b.nameSearch ? a.id.localeCompare(b.id) : a.nameSearch.localeCompare(b.nameSearch)))
      .slice(0, limit)
      .map((p) => ({
        id: p.id,
        national_id_cipher: cipher.encrypt(p.nationalId),
        full_name: p.fullName,
        name_search: p.nameSearch,
        sex: 'male',
        dob: '1950-01-01',
        dod: null,
        phone_cipher: null,
        household_code: null,
        commune_code: p.residences[p.residences.length - 1].communeCode,
        programmes: ['social_assistance'],
      }));
  };
  return { dataSource: { query } as unknown as DataSource, queries };
}

function serviceOver(persons: Person[]) {
  const { dataSource, queries } = database(persons, new Date().toISOString().slice(0, 10));
  const misses = new NationalIdMisses({ NATIONAL_ID_MISSES_PER_HOUR: 3 } as EligibilityConfig);
  return { service: new PersonsService(dataSource, { PROVINCE_CODE: '91' } as EligibilityConfig, cipher, misses), queries };
}

const operator: AuthUser = { id: 'an.nguyen', name: 'an.nguyen', roles: ['operator'], programmes: ['social_assistance'], provinceCode: '91', communeCodes: ['30742'] };
const auditor: AuthUser = { id: 'kiem.toan', name: 'kiem.toan', roles: ['auditor'], programmes: [], provinceCode: '91' };

/** Every page of a search, following the cursors: the pages' sizes and the persons found, in order. */
async function allPages(service: PersonsService, user: AuthUser, query: PersonSearchDto) {
  const sizes: number[] = [];
  const found: string[] = [];
  let page: PersonSearchPageDto | undefined;
  do {
    page = await service.search(user, { ...query, ...(page?.nextCursor && { cursor: page.nextCursor }) });
    sizes.push(page.persons.length);
    found.push(...page.persons.map((p) => p.personRef));
  } while (page.nextCursor && sizes.length < 20);
  return { sizes, found };
}

describe('PersonsService.search: pages of the files the reader holds, with a cursor to the rest', () => {
  it("gives a commune's staff full pages of their own files and a cursor to the rest: none left out, none twice, equal names included", async () => {
    const { service } = serviceOver(REGISTER);
    const { sizes, found } = await allPages(service, operator, { name: 'văn an', limit: 2 });
    // Before: the first page was the two persons who moved away, both left out after the LIMIT: an empty answer.
    expect(sizes).toEqual([2, 2, 1]);
    expect(found).toEqual(RACH_GIA_FILES);
  });

  it('gives province staff every file of the province, page by page, and no one who never lived in it', async () => {
    const { service } = serviceOver(REGISTER);
    const { sizes, found } = await allPages(service, auditor, { name: 'van an', limit: 4 });
    expect(sizes).toEqual([4, 4, 1]);
    expect(new Set(found).size).toBe(9);
    expect(found).not.toContain(REGISTER.find((p) => p.fullName === 'Võ Văn An')?.id);
  });

  it('selects the files in SQL before the LIMIT: a held file past a page of files held elsewhere is on the first page', async () => {
    const { service, queries } = serviceOver(REGISTER);
    const page = await service.search(operator, { name: 'van an', limit: 1 });
    expect(page.persons.map((p) => p.personRef)).toEqual([RACH_GIA_FILES[0]]);
    expect(queries.find((sql) => sql.includes('ORDER BY p.name_search, p.id'))).toMatch(/LIMIT 1\) = ANY\(\$\d+::text\[\]\)/);
  });

  it('masks the ID numbers, in the persons and in the cursor', async () => {
    const { service } = serviceOver(REGISTER);
    const page = await service.search(operator, { name: 'van an', limit: 2 });
    expect(page.persons[0].nationalIdMasked).toMatch(/^091\*{7}\d{2}$/);
    const text = JSON.stringify(page) + Buffer.from(page.nextCursor ?? '', 'base64url').toString();
    for (const p of REGISTER) expect(text).not.toContain(p.nationalId);
  });

  it('refuses a cursor it did not give (422 INVALID_REGISTER_DATA, the field named)', async () => {
    const { service } = serviceOver(REGISTER);
    for (const cursor of ['not-a-cursor', Buffer.from('["x"]').toString('base64url'), Buffer.from('["x","1; DROP"]').toString('base64url')]) {
      const refused = await service.search(operator, { name: 'van an', cursor }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidRegisterDataError);
      expect((refused as InvalidRegisterDataError).problems).toEqual([expect.objectContaining({ field: 'cursor', code: 'INVALID_CURSOR' })]);
    }
  });
});
