import { COMMUNES } from '@benefits/admin-units';
import { rowsOf, type Sql } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import type { IsoDate } from '../domain/months';
import { CommuneNotAllowedError, ProgrammeNotAllowedError, ProvinceNotAllowedError } from '../shared/errors';
import { holdingPlace, placesHeld, programmesRefused, provincesWithin, scopeRefusal, type OperatorScope, type Place, type ScopeRefusal } from './domain/write-scope';

/**
 * THE authorisation of every write of the register (POST /persons, POST /imports, life events, terminations), over
 * the rules of domain/write-scope.ts: the operator's programmes cover the decisions written, their province and
 * communes hold the person's file, and the commune a write puts the person in. Refusals are 403 with a stable code.
 * Reads of a person (persons.service.ts) pass the same place check: a commune's staff read the files their communes
 * hold, province staff the province's.
 */
export function assertProgrammes(user: AuthUser, programmes: readonly string[]): void {
  const refused = programmesRefused(user, programmes);
  if (refused.length > 0) throw new ProgrammeNotAllowedError(refused);
}

/** The operator may act at this place (the commune a person is registered in or moved into, as the request names it). */
export function assertPlace(user: AuthUser, place: Place | undefined, today: IsoDate): void {
  const refusal = scopeRefusal(user, place, today);
  if (refusal) throw scopeError(refusal);
}

/**
 * The operator's province and communes hold the file of a person already in the register. The refusal does not say
 * where the file is: a commune's staff would otherwise learn where a person they may not read lives.
 */
export function assertHolds(user: Pick<OperatorScope, 'provinceCode' | 'communeCodes'>, holding: Place | undefined, today: IsoDate): void {
  const refusal = scopeRefusal(user, holding, today);
  if (refusal) throw new CommuneNotAllowedError(`Outside your scope: ${HELD_ELSEWHERE}`, {});
}

/** Why a write to the file of a person held outside the operator's scope is refused, naming no place. */
export const HELD_ELSEWHERE = "this person's file is held by a commune that is not one of yours: that commune (or the province) records it";

/** The operator's province and communes hold the file of this person (as their residences say today). */
export async function assertHoldsPerson(sql: Sql, user: AuthUser, personId: string, today: IsoDate): Promise<void> {
  const id = personId.toLowerCase(); // as PostgreSQL writes a uuid as text
  const places = await holdingPlaces(sql, { personIds: [id] }, user.provinceCode, today);
  assertHolds(user, places.get(id), today);
}

/**
 * The operator's province and communes hold the household's poverty list: the commune its code belongs to. A change
 * of its status is every member's, whichever commune holds their file (a member who moved keeps the household). A
 * household made for one person alone (no commune) is theirs: their file decides.
 */
export async function assertHoldsHousehold(sql: Sql, user: AuthUser, householdId: string, today: IsoDate): Promise<void> {
  const [household] = rowsOf<{ commune_code: string | null }>(await sql.query(`SELECT commune_code FROM eligibility.household WHERE id = $1`, [householdId]));
  const communeCode = household?.commune_code;
  if (!communeCode) return;
  // A code names one province's unit; a reused code names units of old and new An Giang, both within the province today.
  const provinceCode = COMMUNES.find((commune) => commune.code === communeCode)?.provinceCode ?? user.provinceCode;
  if (scopeRefusal(user, { provinceCode, communeCode }, today)) {
    throw new CommuneNotAllowedError(`Outside your scope: ${HOUSEHOLD_ELSEWHERE}`, {});
  }
}

const HOUSEHOLD_ELSEWHERE = "this person's household is on the poverty list of a commune that is not one of yours: that commune (or the province) records its status";

/**
 * The commune holding the file of each person found, by person id or by national-ID hash (the key of the map is
 * what was asked by); persons not in the register are absent, a person with no residence in the province maps to
 * undefined. One query whatever the number of persons (an import asks per batch of rows).
 */
export async function holdingPlaces(
  sql: Sql,
  persons: { personIds: readonly string[] } | { nationalIdHashes: readonly string[] },
  provinceCode: string,
  today: IsoDate,
): Promise<Map<string, Place | undefined>> {
  const byHash = 'nationalIdHashes' in persons;
  const keys = byHash ? persons.nationalIdHashes : persons.personIds;
  if (keys.length === 0) return new Map();
  const rows = rowsOf<{ key: string; province_code: string | null; commune_code: string | null; valid_from: string | null; valid_to: string | null }>(
    await sql.query(
      `SELECT ${byHash ? 'p.national_id_hash' : 'p.id::text'} AS key, r.province_code, r.commune_code,
              to_char(r.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(r.valid_to, 'YYYY-MM-DD') AS valid_to
         FROM eligibility.person p LEFT JOIN eligibility.residence r ON r.person_id = p.id
        WHERE ${byHash ? 'p.national_id_hash = ANY($1::text[])' : 'p.id = ANY($1::uuid[])'}`,
      [[...new Set(keys)]],
    ),
  );
  const residences = new Map<string, { provinceCode: string; communeCode: string | null; from: string; to: string | null }[]>();
  for (const row of rows) {
    const list = residences.get(row.key) ?? [];
    residences.set(row.key, list);
    if (row.province_code && row.valid_from) list.push({ provinceCode: row.province_code, communeCode: row.commune_code, from: row.valid_from, to: row.valid_to });
  }
  return new Map([...residences].map(([key, list]) => [key, holdingPlace(list, provinceCode, today)]));
}

/**
 * The condition, in SQL over the person `p`, that the reader's province and communes hold the file (as
 * `holdingPlaces` and `scopeRefusal` say): a list of persons selects the reader's files before its LIMIT, never
 * filters the rows after it, which would cut a page short with no way to reach the rest. The residence that holds
 * the file is chosen as `holdingPlace` chooses it among those in the province: the one in force today, else the
 * latest begun, else the first; its place must be one `placesHeld` lists. Province staff: any residence in the
 * province. Adds its parameters to `params`.
 */
export function holdsFileSql(user: AuthUser, today: IsoDate, params: unknown[]): string {
  const provinces = `$${params.push(provincesWithin(user.provinceCode))}::text[]`;
  const places = placesHeld(user, today);
  if (!places) return `EXISTS (SELECT 1 FROM eligibility.residence h WHERE h.person_id = p.id AND h.province_code = ANY(${provinces}))`;
  const day = `$${params.push(today)}::date`;
  return `(SELECT h.province_code || '|' || coalesce(h.commune_code, '') FROM eligibility.residence h
            WHERE h.person_id = p.id AND h.province_code = ANY(${provinces})
            ORDER BY CASE WHEN h.valid_from > ${day} THEN 2 WHEN h.valid_to IS NULL OR h.valid_to >= ${day} THEN 0 ELSE 1 END,
                     CASE WHEN h.valid_from <= ${day} AND h.valid_to < ${day} THEN h.valid_from END DESC NULLS LAST, h.valid_from
            LIMIT 1) = ANY($${params.push(places.map((place) => `${place.provinceCode}|${place.communeCode ?? ''}`))}::text[])`;
}

function scopeError(refusal: ScopeRefusal): Error {
  const message = `Outside your scope: ${refusal.reason}`;
  const details = { provinceCode: refusal.provinceCode, ...(refusal.communeCode !== undefined && { communeCode: refusal.communeCode }) };
  return refusal.code === 'COMMUNE_NOT_ALLOWED' ? new CommuneNotAllowedError(message, details) : new ProvinceNotAllowedError(message, details);
}
