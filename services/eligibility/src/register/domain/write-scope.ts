/**
 * Who may change whose record, pure: an operator's token is scoped to a province and, for a commune People's
 * Committee, to some communes. Every write of the register (a person registered, a file row, a life event, a
 * termination) passes through `scopeRefusal` for the commune that holds the person's file and, when the write puts
 * the person somewhere (a registration, a move within the province), for that commune too.
 */
import { communesOn, findCommune, isWithinProvince, PROVINCES, RECORDED_COMMUNE_CODES } from '@benefits/admin-units';
import type { IsoDate } from '../../domain/months';

export interface OperatorScope {
  readonly roles: readonly string[];
  /** The programmes they operate (an admin is not limited by programme). */
  readonly programmes: readonly string[];
  readonly provinceCode: string;
  /** Absent: the whole province. */
  readonly communeCodes?: readonly string[];
}

/** A place of residence; outside the province the commune may be unknown. */
export interface Place {
  readonly provinceCode: string;
  readonly communeCode?: string | null;
}

export interface ResidencePeriod extends Place {
  readonly from: IsoDate;
  readonly to?: IsoDate | null;
}

export interface ScopeRefusal {
  readonly code: 'COMMUNE_NOT_ALLOWED' | 'PROVINCE_NOT_ALLOWED';
  readonly provinceCode: string;
  readonly communeCode?: string;
  readonly reason: string;
}

/**
 * The commune that holds a person's file today: the residence in force today when it lies in the province;
 * otherwise (moved away, or only a future residence here) the latest one in the province that has begun, and
 * failing that the first one. A person who moved out of the province stays with the commune they left, which
 * stops their decisions (D20: the old commune stops, the new one pays). Undefined: never lived in the province.
 */
export function holdingPlace(residences: readonly ResidencePeriod[], provinceCode: string, today: IsoDate): Place | undefined {
  const here = residences.filter((r) => isWithinProvince(r.provinceCode, provinceCode)).sort((a, b) => a.from.localeCompare(b.from));
  const begun = here.filter((r) => r.from <= today);
  const inForce = begun.find((r) => !r.to || today <= r.to);
  const place = inForce ?? begun[begun.length - 1] ?? here[0];
  return place && { provinceCode: place.provinceCode, communeCode: place.communeCode ?? null };
}

/** The programmes of a write that the operator does not operate (Department of Health vs Home Affairs); admins none. */
export function programmesRefused(scope: Pick<OperatorScope, 'roles' | 'programmes'>, programmes: readonly string[]): string[] {
  if (scope.roles.includes('admin')) return [];
  return [...new Set(programmes)].filter((programme) => !scope.programmes.includes(programme));
}

/** Why the operator may not change a record at this place (undefined: they may). No place at all: outside the province. */
export function scopeRefusal(scope: Pick<OperatorScope, 'provinceCode' | 'communeCodes'>, place: Place | undefined, today: IsoDate): ScopeRefusal | undefined {
  if (!place || !isWithinProvince(place.provinceCode, scope.provinceCode)) {
    const where = place ? `province ${place.provinceCode}` : 'no province on record';
    return { code: 'PROVINCE_NOT_ALLOWED', provinceCode: place?.provinceCode ?? '', reason: `the person is in ${where}; you act for province ${scope.provinceCode} only` };
  }
  if (!scope.communeCodes) return undefined;
  const code = place.communeCode ?? '';
  // A split unit went into several communes: whoever holds one of them holds the person.
  const held = communesOn(place.provinceCode, code, today).some((c) => scope.communeCodes?.includes(c));
  if (held) return undefined;
  const name = findCommune(code, today)?.name;
  return {
    code: 'COMMUNE_NOT_ALLOWED',
    provinceCode: place.provinceCode,
    communeCode: code,
    reason: `commune ${code}${name ? ` (${name})` : ''} is not one of yours (${scope.communeCodes.join(', ')})`,
  };
}

/** The province codes a residence in this province may be recorded under: its own and those merged into it (89 → 91). */
export function provincesWithin(provinceCode: string): string[] {
  return [...new Set([provinceCode, ...PROVINCES.map((province) => province.code)])].filter((code) => isWithinProvince(code, provinceCode));
}

/**
 * Every place (province, commune code) a holding residence may be recorded under that `scopeRefusal` lets the scope
 * act at, for a search to select the files of a commune's staff in SQL. Undefined: the whole province (no communes).
 * Exact: each code the data names is asked in each province code of the scope, and a code it does not know stands
 * for itself, so it is held only when it is one of the scope's own.
 */
export function placesHeld(scope: Pick<OperatorScope, 'provinceCode' | 'communeCodes'>, today: IsoDate): readonly Place[] | undefined {
  if (!scope.communeCodes) return undefined;
  // Some thousand places asked each time: remembered per scope and day (a search asks on every page).
  const question = `${scope.provinceCode}|${scope.communeCodes.join(',')}|${today}`;
  let answer = PLACES_HELD.get(question);
  if (!answer) {
    const codes = [...new Set([...scope.communeCodes, ...RECORDED_COMMUNE_CODES])];
    answer = provincesWithin(scope.provinceCode)
      .flatMap((provinceCode) => codes.map((communeCode) => ({ provinceCode, communeCode })))
      .filter((place) => !scopeRefusal(scope, place, today));
    if (PLACES_HELD.size >= 1000) PLACES_HELD.clear();
    PLACES_HELD.set(question, answer);
  }
  return answer;
}

const PLACES_HELD = new Map<string, readonly Place[]>();
