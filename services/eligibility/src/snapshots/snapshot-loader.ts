import { rowsOf, type Sql } from '@benefits/messaging';
import type { Channel, Programme } from '@benefits/contracts';
import type { CaredFor, DecisionAttributes, DecisionStatus, PovertyStatus, Residence, StatusChange } from '../domain/eligibility-input';
import type { Sex } from '../domain/national-id';
import { COUPLE_CARE_GROUPS, isCoupleCareGroup } from '../domain/one-care-allowance';
import { toDomainProgramme } from '../shared/programmes';
import type { PagePerson } from './domain/evaluate-page';

/** A person of the page, with the destination that pays them today (if any) and, if they died, what pays for them. */
export interface PageOfPersons extends PagePerson {
  readonly destination?: LoadedDestination;
  readonly deceased?: LoadedDeceased;
}

/** A deceased person of the page: what their funeral payee is chosen from (see domain/payees.ts). */
export interface LoadedDeceased {
  readonly fullName: string;
  readonly nationalIdCipher: string;
  /** The day (in Vietnam) the death was last reported as a life event; null: dead on import, never reported. */
  readonly reportedOn: string | null;
  /** The funeral organiser's destination (purpose 'funeral'), if one was named. */
  readonly organiser?: LoadedDestination;
}

export interface PageScope {
  readonly programmes: readonly Programme[];
  readonly communeCodes?: readonly string[];
}

export interface LoadedDestination {
  readonly personId: string;
  readonly channel: Channel;
  readonly bankBin: string | null;
  readonly accountCipher: string | null;
  readonly accountTransportCipher: string | null;
  readonly holderName: string;
  readonly cashPointCode: string | null;
  /** Post-office channels only: the person's ID number, encrypted at rest, to be shown masked on the payment list. */
  readonly nationalIdCipher: string | null;
}

/**
 * A page of persons, and the persons of other pages who share a household with a page person holding a
 * CARE_DISABLED_PARENT_* decision and hold one too (one care allowance per couple is decided on the whole household).
 */
export interface LoadedPage {
  readonly persons: PageOfPersons[];
  readonly householdMembers: PageOfPersons[];
}

/** Which persons to load: an index range of ids (and, if given, only some of them), or a few ids. */
export type PersonSelector = { readonly range: [string, string]; readonly only?: ReadonlySet<string> } | { readonly ids: readonly string[] };

const DAY = (column: string, as = column) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;
/** A timestamptz as ISO text in UTC (Date.parse reads it). */
const INSTANT = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${as}`;

/**
 * Loads one page of the register for a run: the next `size` persons after `after` (keyset over person ids) who have
 * a decision of the run's programmes, with their decisions, status histories, residences, household poverty and
 * current destination: seven set-based queries per page, whatever its size, each reading an index range of the
 * page's person ids (and two by id for the page's deceased: their death report and funeral organiser). Then, only
 * if the page has couple care decisions in households, one query for the other members holding one, and their facts
 * by id. Dates come as 'YYYY-MM-DD' text.
 */
export async function loadPage(sql: Sql, after: string | null, size: number, scope: PageScope): Promise<LoadedPage> {
  const params: unknown[] = [after ?? '00000000-0000-0000-0000-000000000000', [...scope.programmes], size];
  // The next persons come from the decision index (person_id, programme, ...), read from the cursor on: a page costs
  // the same at the end of the register as at its start.
  const communeFilter = scope.communeCodes
    ? `AND EXISTS (SELECT 1 FROM eligibility.residence r WHERE r.person_id = d.person_id AND r.commune_code = ANY($${params.push([...scope.communeCodes])}::text[]))`
    : '';
  const page = rowsOf<{ person_id: string }>(
    await sql.query(
      `SELECT DISTINCT d.person_id FROM eligibility.decision d
        WHERE d.person_id > $1::uuid AND d.programme = ANY($2::text[]) ${communeFilter}
        ORDER BY d.person_id LIMIT $3`,
      params,
    ),
  );
  if (page.length === 0) return { persons: [], householdMembers: [] };
  const ids = page.map((row) => row.person_id);
  const persons = await loadPersons(sql, { range: [ids[0], ids[ids.length - 1]], only: new Set(ids) }, scope.programmes);
  return { persons, householdMembers: await loadHouseholdMembers(sql, persons, scope.programmes) };
}

/**
 * The other persons of the households of `persons` who hold a CARE_DISABLED_PARENT_* decision, when one of
 * `persons` holds one too: one query over the households (person_household_idx), then their facts by id.
 */
export async function loadHouseholdMembers(sql: Sql, persons: readonly PageOfPersons[], programmes: readonly Programme[]): Promise<PageOfPersons[]> {
  const households = [
    ...new Set(persons.flatMap((p) => (p.householdId && p.decisions.some((d) => isCoupleCareGroup(d.facts.groupCode)) ? [p.householdId] : []))),
  ];
  if (households.length === 0) return [];
  const others = rowsOf<{ id: string }>(
    await sql.query(
      `SELECT DISTINCT p.id FROM eligibility.person p JOIN eligibility.decision d ON d.person_id = p.id
        WHERE p.household_id = ANY($1::uuid[]) AND d.group_code = ANY($2::text[]) AND d.programme = ANY($3::text[]) AND p.id <> ALL($4::uuid[])`,
      [households, [...COUPLE_CARE_GROUPS], [...programmes], persons.map((p) => p.id)],
    ),
  );
  return others.length === 0 ? [] : loadPersons(sql, { ids: others.map((row) => row.id) }, programmes);
}

/**
 * The facts of the selected persons, with their decisions of the programmes: a page reads index ranges of person
 * ids, not a list of ids; a few persons (household members, one person) are read by id.
 */
export async function loadPersons(sql: Sql, selector: PersonSelector, programmes: readonly Programme[]): Promise<PageOfPersons[]> {
  const { where, params } = selecting(selector);
  const withProgrammes = [...params, [...programmes]];
  const programmesParam = `$${withProgrammes.length}::text[]`;
  const only = 'only' in selector ? selector.only : undefined;
  const persons = rowsOf<{ id: string; sex: Sex; dob: string; dod: string | null; household_id: string | null; dead_name: string | null; dead_id_cipher: string | null }>(
    await sql.query(
      `SELECT id, sex, ${DAY('date_of_birth', 'dob')}, ${DAY('date_of_death', 'dod')}, household_id,
              CASE WHEN date_of_death IS NOT NULL THEN full_name END AS dead_name,
              CASE WHEN date_of_death IS NOT NULL THEN national_id_cipher END AS dead_id_cipher
         FROM eligibility.person WHERE ${where('id')} ORDER BY id`,
      params,
    ),
  ).filter((person) => !only || only.has(person.id));
  const decisions = rowsOf<{
    id: string; person_id: string; programme: Programme; decision_number: string; group_code: string; attributes: DecisionAttributes;
    signed_on: string; effective_from: string; effective_to: string | null; certificate_date: string | null; recorded_at: string;
    amends: boolean; cared_for_person_id: string | null;
  }>(
    await sql.query(
      `SELECT id, person_id, programme, decision_number, group_code, attributes, ${DAY('signed_on')}, ${DAY('effective_from')}, ${DAY('effective_to')}, ${DAY('certificate_date')},
              ${INSTANT('created_at', 'recorded_at')}, amends_decision_id IS NOT NULL AS amends, cared_for_person_id
         FROM eligibility.decision WHERE ${where('person_id')} AND programme = ANY(${programmesParam}) ORDER BY id`,
      withProgrammes,
    ),
  );
  const caredFor = await loadCaredFor(sql, decisions.flatMap((d) => (d.cared_for_person_id ? [d.cared_for_person_id] : [])));
  const statuses = rowsOf<{ decision_id: string; status: DecisionStatus; valid_from: string; reason: string | null; reason_code: string | null; with_arrears: boolean }>(
    await sql.query(
      `SELECT s.decision_id, s.status, ${DAY('s.valid_from', 'valid_from')}, s.reason, s.reason_code, s.with_arrears
         FROM eligibility.decision d JOIN eligibility.decision_status s ON s.decision_id = d.id
        WHERE ${where('d.person_id')} AND d.programme = ANY(${programmesParam})
        ORDER BY s.decision_id, s.valid_from, s.id`,
      withProgrammes,
    ),
  );
  const residences = rowsOf<{ person_id: string; commune_code: string | null; province_code: string; valid_from: string; valid_to: string | null }>(
    await sql.query(
      `SELECT person_id, commune_code, province_code, ${DAY('valid_from')}, ${DAY('valid_to')} FROM eligibility.residence
        WHERE ${where('person_id')} ORDER BY person_id, valid_from`,
      params,
    ),
  );
  const householdIds = [...new Set(persons.flatMap((p) => (p.household_id ? [p.household_id] : [])))];
  const poverty = householdIds.length
    ? rowsOf<{ household_id: string; year: number; status: PovertyStatus }>(
        await sql.query(`SELECT household_id, year, status FROM eligibility.household_poverty WHERE household_id = ANY($1::uuid[])`, [householdIds]),
      )
    : [];

  const destinations = await loadDestinations(sql, where, params);
  const dead = persons.filter((p) => p.dod !== null).map((p) => p.id);
  const deaths = dead.length > 0 ? await loadDeaths(sql, dead) : { reported: new Map<string, string>(), organisers: new Map<string, LoadedDestination>() };

  const statusesOf = groupBy(statuses, (s) => s.decision_id);
  const decisionsOf = groupBy(decisions, (d) => d.person_id);
  const residencesOf = groupBy(residences, (r) => r.person_id);
  const povertyOf = groupBy(poverty, (p) => p.household_id);
  const destinationOf = new Map(destinations.map((d) => [d.personId, d]));
  return persons.map((p) => ({
    id: p.id,
    ...(p.household_id && { householdId: p.household_id }),
    destination: destinationOf.get(p.id),
    ...(p.dod && {
      deceased: {
        fullName: p.dead_name ?? '',
        nationalIdCipher: p.dead_id_cipher ?? '',
        reportedOn: deaths.reported.get(p.id) ?? null,
        ...(deaths.organisers.has(p.id) && { organiser: deaths.organisers.get(p.id) }),
      },
    }),
    facts: {
      sex: p.sex,
      dateOfBirth: p.dob,
      ...(p.dod && { dateOfDeath: p.dod }),
      residences: (residencesOf.get(p.id) ?? []).map(
        (r): Residence => ({ communeCode: r.commune_code ?? '', provinceCode: r.province_code, from: r.valid_from, ...(r.valid_to && { to: r.valid_to }) }),
      ),
    },
    householdPoverty: p.household_id ? (povertyOf.get(p.household_id) ?? []).map((row) => ({ year: row.year, status: row.status })) : [],
    decisions: (decisionsOf.get(p.id) ?? []).map((d) => ({
      id: d.id,
      programme: d.programme,
      decisionNumber: d.decision_number,
      recordedAt: d.recorded_at,
      facts: {
        programme: toDomainProgramme(d.programme),
        groupCode: d.group_code,
        signedOn: d.signed_on,
        effectiveFrom: d.effective_from,
        ...(d.effective_to && { effectiveTo: d.effective_to }),
        ...(d.certificate_date && { certificateDate: d.certificate_date }),
        statusHistory: (statusesOf.get(d.id) ?? []).map(
          (s): StatusChange => ({
            status: s.status,
            from: s.valid_from,
            ...(s.reason && { reason: s.reason }),
            ...(s.reason_code && { reasonCode: s.reason_code }),
            ...(s.with_arrears && { withArrears: true }),
          }),
        ),
        attributes: d.attributes,
        ...(d.amends && { amends: true }),
        ...(d.cared_for_person_id && caredFor.has(d.cared_for_person_id) && { caredFor: caredFor.get(d.cared_for_person_id) }),
      },
    })),
  }));
}

/** The persons care allowances are for (by id: a few per page): their birth and death dates. */
async function loadCaredFor(sql: Sql, ids: readonly string[]): Promise<Map<string, CaredFor>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ id: string; dob: string; dod: string | null }>(
    await sql.query(`SELECT id, ${DAY('date_of_birth', 'dob')}, ${DAY('date_of_death', 'dod')} FROM eligibility.person WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]),
  );
  return new Map(rows.map((r) => [r.id, { personRef: r.id, dateOfBirth: r.dob, ...(r.dod && { dateOfDeath: r.dod }) }]));
}

const DESTINATION_COLUMNS = `d.person_id AS "personId", d.channel, d.bank_bin AS "bankBin", d.account_cipher AS "accountCipher",
              d.account_transport_cipher AS "accountTransportCipher", d.holder_name AS "holderName", d.cash_point_code AS "cashPointCode",
              CASE WHEN d.channel <> 'bank' THEN p.national_id_cipher END AS "nationalIdCipher"`;

/** The regular destination in force today of each selected person (the latest valid_from, then the latest row). */
async function loadDestinations(sql: Sql, where: (column: string) => string, params: unknown[]): Promise<LoadedDestination[]> {
  return rowsOf<LoadedDestination>(
    await sql.query(
      `SELECT DISTINCT ON (d.person_id) ${DESTINATION_COLUMNS}
         FROM eligibility.payment_destination d JOIN eligibility.person p ON p.id = d.person_id
        WHERE ${where('d.person_id')} AND d.valid_from <= CURRENT_DATE AND d.purpose = 'regular'
        ORDER BY d.person_id, d.valid_from DESC, d.id DESC`,
      params,
    ),
  );
}

/** The condition on a person-id column, and its parameters ($1, or $1 and $2). */
function selecting(selector: PersonSelector): { where: (column: string) => string; params: unknown[] } {
  if ('ids' in selector) return { where: (column) => `${column} = ANY($1::uuid[])`, params: [[...selector.ids]] };
  return { where: (column) => `${column} >= $1::uuid AND ${column} <= $2::uuid`, params: [...selector.range] };
}

/** For the deceased of a page (by id: they are few): when each death was last reported, and the funeral organisers' destinations. */
async function loadDeaths(sql: Sql, personIds: readonly string[]): Promise<{ reported: Map<string, string>; organisers: Map<string, LoadedDestination> }> {
  const reported = rowsOf<{ person_id: string; reported_on: string }>(
    await sql.query(
      `SELECT person_id, to_char(max(recorded_at) AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS reported_on
         FROM eligibility.life_event WHERE person_id = ANY($1::uuid[]) AND kind = 'death' GROUP BY person_id`,
      [personIds],
    ),
  );
  const organisers = rowsOf<LoadedDestination>(
    await sql.query(
      `SELECT DISTINCT ON (d.person_id) ${DESTINATION_COLUMNS}
         FROM eligibility.payment_destination d JOIN eligibility.person p ON p.id = d.person_id
        WHERE d.person_id = ANY($1::uuid[]) AND d.purpose = 'funeral'
        ORDER BY d.person_id, d.valid_from DESC, d.id DESC`,
      [personIds],
    ),
  );
  return { reported: new Map(reported.map((r) => [r.person_id, r.reported_on])), organisers: new Map(organisers.map((d) => [d.personId, d])) };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
