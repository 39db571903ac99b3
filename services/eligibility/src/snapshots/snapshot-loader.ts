import { recordedCodesOf } from '@benefits/admin-units';
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
  /**
   * A run's: the first day of its month. The destination read is the one in force then, or today if later: a change
   * of account recorded for the 1st of the month pays that month's money (the run is frozen days before it).
   */
  readonly paysFrom?: string;
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

/** Which persons to load: a few ids (the snapshot reads the whole register with RegisterReader). */
export type PersonSelector = { readonly ids: readonly string[] };

/** The bounds of the person-id space (the register's ids are random UUIDs): a reader starts after the first. */
export const FIRST_PERSON_ID = '00000000-0000-0000-0000-000000000000';
export const LAST_PERSON_ID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const DAY = (column: string, as = column.replace(/^\w+\./, '')) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;
/** A timestamptz as ISO text in UTC (Date.parse reads it). */
const INSTANT = (column: string, as: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${as}`;

interface PersonRow {
  person_id: string;
  sex: Sex;
  dob: string;
  dod: string | null;
  household_id: string | null;
  dead_name: string | null;
  national_id_cipher: string;
}
interface DecisionRow {
  person_id: string;
  id: string;
  programme: Programme;
  decision_number: string;
  group_code: string;
  attributes: DecisionAttributes;
  signed_on: string;
  effective_from: string;
  effective_to: string | null;
  certificate_date: string | null;
  recorded_at: string;
  amends: boolean;
  cared_for_person_id: string | null;
}
interface StatusRow {
  person_id: string;
  decision_id: string;
  status: DecisionStatus;
  valid_from: string;
  reason: string | null;
  reason_code: string | null;
  with_arrears: boolean;
  /** Of a resumption with arrears only. */
  recorded_at: string | null;
}
interface ResidenceRow {
  person_id: string;
  commune_code: string | null;
  province_code: string;
  address: string | null;
  valid_from: string;
  valid_to: string | null;
  recorded_at: string;
}
interface PovertyRow {
  person_id: string;
  year: number;
  status: PovertyStatus;
  recorded_at: string;
}
interface DestinationRow {
  person_id: string;
  channel: Channel;
  bank_bin: string | null;
  account_cipher: string | null;
  account_transport_cipher: string | null;
  holder_name: string;
  cash_point_code: string | null;
}

/** The rows of some persons, one array per fact table, each in person-id order. */
interface FactRows {
  persons: PersonRow[];
  decisions: DecisionRow[];
  statuses: StatusRow[];
  residences: ResidenceRow[];
  poverty: PovertyRow[];
  destinations: DestinationRow[];
}

/**
 * Every fact a run decides on, one query per table: `where` selects persons by a person-id column, `$P` stands for
 * the programmes' parameter (and, in `where`, `$C` for the communes'). Each row carries its person_id and the rows come in person-id order (then in the order
 * the facts need), so a look-up of a few ids and the stream of the whole register (RegisterReader) read the same
 * queries and assemble them the same way.
 */
const FACTS: { [K in keyof FactRows]: (where: (column: string) => string) => string } = {
  persons: (where) =>
    `SELECT p.id AS person_id, p.sex, ${DAY('p.date_of_birth', 'dob')}, ${DAY('p.date_of_death', 'dod')}, p.household_id,
            CASE WHEN p.date_of_death IS NOT NULL THEN p.full_name END AS dead_name, p.national_id_cipher
       FROM eligibility.person p WHERE ${where('p.id')} ORDER BY p.id`,
  decisions: (where) =>
    `SELECT d.person_id, d.id, d.programme, d.decision_number, d.group_code, d.attributes,
            ${DAY('d.signed_on')}, ${DAY('d.effective_from')}, ${DAY('d.effective_to')}, ${DAY('d.certificate_date')},
            ${INSTANT('d.created_at', 'recorded_at')}, d.amends_decision_id IS NOT NULL AS amends, d.cared_for_person_id
       FROM eligibility.decision d WHERE ${where('d.person_id')} AND d.programme = ANY($P) ORDER BY d.person_id, d.id`,
  statuses: (where) =>
    `SELECT d.person_id, s.decision_id, s.status, ${DAY('s.valid_from')}, s.reason, s.reason_code, s.with_arrears,
            ${INSTANT('(CASE WHEN s.with_arrears THEN s.recorded_at END)', 'recorded_at')}
       FROM eligibility.decision d JOIN eligibility.decision_status s ON s.decision_id = d.id
      WHERE ${where('d.person_id')} AND d.programme = ANY($P)
      ORDER BY d.person_id, s.decision_id, s.valid_from, s.id`,
  residences: (where) =>
    `SELECT r.person_id, r.commune_code, r.province_code, r.address, ${DAY('r.valid_from')}, ${DAY('r.valid_to')},
            ${INSTANT('r.recorded_at', 'recorded_at')}
       FROM eligibility.residence r WHERE ${where('r.person_id')} ORDER BY r.person_id, r.valid_from`,
  poverty: (where) =>
    `SELECT p.id AS person_id, h.year, h.status, ${INSTANT('h.recorded_at', 'recorded_at')}
       FROM eligibility.person p JOIN eligibility.household_poverty h ON h.household_id = p.household_id
      WHERE ${where('p.id')} ORDER BY p.id, h.year`,
  // The regular destination in force today, or on the first day of the run's month if later (the latest valid_from,
  // then the latest row).
  destinations: (where) =>
    `SELECT DISTINCT ON (d.person_id) d.person_id, d.channel, d.bank_bin, d.account_cipher, d.account_transport_cipher,
            d.holder_name, d.cash_point_code
       FROM eligibility.payment_destination d
      WHERE ${where('d.person_id')} AND d.valid_from <= GREATEST(CURRENT_DATE, $D) AND d.purpose = 'regular'
      ORDER BY d.person_id, d.valid_from DESC, d.id DESC`,
};
const FACT_NAMES = Object.keys(FACTS) as (keyof FactRows)[];

/** A fact query and its parameters: the persons' ($1, for `where`), then the programmes, communes and paying day it uses. */
function factQuery(fact: keyof FactRows, where: (column: string) => string, persons: unknown, scope: PageScope): [string, unknown[]] {
  let text = FACTS[fact](where);
  const params = [persons];
  if (text.includes('$P')) text = text.replaceAll('$P', `$${params.push([...scope.programmes])}::text[]`);
  // GREATEST ignores a NULL: without a run, the destination in force today.
  if (text.includes('$D')) text = text.replaceAll('$D', `$${params.push(scope.paysFrom ?? null)}::date`);
  // A residence may be recorded under the code of an old unit that went into one of the communes.
  if (text.includes('$C')) text = text.replaceAll('$C', `$${params.push(recordedCodesOf(scope.communeCodes ?? []))}::text[]`);
  return [text, params];
}

/** Rows of a fact fetched from its cursor, and the next one to hand out. */
interface Batch {
  rows: unknown[];
  next: number;
  done: boolean;
}

/**
 * The register of a run (or of one part of it, a range of person ids) in person-id order, from a cursor on, page after
 * page: one cursor per fact table in one read-only transaction (the part reads one consistent register, as of the
 * moment its reader opened). PostgreSQL reads each table sequentially and
 * sorts it, rather than fetching every page's rows one by one from all over the heap: at a million persons that is
 * five times less work for it. Memory holds one page and one batch per table, whatever the size of the register.
 */
export class RegisterReader {
  private readonly batches = new Map<keyof FactRows, Batch>();

  private constructor(
    private readonly sql: Sql,
    private readonly scope: PageScope,
    private readonly batchSize: number,
  ) {}

  /**
   * `sql` must be a connection of its own (a QueryRunner): the reader keeps a transaction open on it until close().
   * It reads the persons with an id after `after` (none: from the first), up to `last` included.
   */
  static async open(sql: Sql, after: string | null, scope: PageScope, batchSize: number, last: string = LAST_PERSON_ID): Promise<RegisterReader> {
    const reader = new RegisterReader(sql, scope, batchSize);
    await sql.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      // A plan is fixed when its cursor is declared: no index scans (ordered, but one random heap read per row) for
      // the cursors, then the usual planning again for the pages' look-ups by id (deaths, household members).
      await sql.query('SET LOCAL enable_indexscan = off');
      // A run of some communes reads the persons who lived in one of them (at any time: the rules tell which pays).
      const communes = (column: string) => (scope.communeCodes ? ` AND ${column} IN (SELECT r.person_id FROM eligibility.residence r WHERE r.commune_code = ANY($C))` : '');
      for (const fact of FACT_NAMES) {
        const range = (column: string) => `${column} > ($1::uuid[])[1] AND ${column} <= ($1::uuid[])[2]${communes(column)}`;
        const [query, params] = factQuery(fact, range, [after ?? FIRST_PERSON_ID, last], scope);
        await sql.query(`DECLARE ${fact} NO SCROLL CURSOR FOR ${query}`, params);
        reader.batches.set(fact, { rows: [], next: 0, done: false });
      }
      await sql.query('SET LOCAL enable_indexscan TO DEFAULT');
      return reader;
    } catch (error) {
      await reader.close().catch(() => undefined);
      throw error;
    }
  }

  /**
   * The next `size` persons of the register (fewer at its end), those with a decision of the run's programmes (and,
   * with communes in scope, a residence in one of them), with the household members the page needs. `after`: the
   * last person read, the cursor of the next page. No persons and no `after`: the register is done.
   */
  async nextPage(size: number): Promise<LoadedPage & { after?: string }> {
    for (;;) {
      const people = (await this.take('persons', size)) as PersonRow[];
      if (people.length === 0) return { persons: [], householdMembers: [] };
      const last = people[people.length - 1].person_id;
      const rows: FactRows = { persons: people, decisions: [], statuses: [], residences: [], poverty: [], destinations: [] };
      for (const fact of FACT_NAMES) if (fact !== 'persons') rows[fact] = (await this.upTo(fact, last)) as never;
      const persons = (await assemble(this.sql, rows)).filter((person) => person.decisions.length > 0);
      if (persons.length > 0) return { persons, householdMembers: await loadHouseholdMembers(this.sql, persons, this.scope.programmes), after: last };
    }
  }

  async close(): Promise<void> {
    await this.sql.query('ROLLBACK');
  }

  /** The next `count` rows of a fact. */
  private async take(fact: keyof FactRows, count: number): Promise<unknown[]> {
    const taken: unknown[] = [];
    while (taken.length < count) {
      const batch = await this.batch(fact);
      if (!batch) break;
      const end = Math.min(batch.rows.length, batch.next + count - taken.length);
      for (let i = batch.next; i < end; i++) taken.push(batch.rows[i]);
      batch.next = end;
    }
    return taken;
  }

  /** The next rows of a fact up to person `last` included. */
  private async upTo(fact: keyof FactRows, last: string): Promise<unknown[]> {
    const taken: unknown[] = [];
    for (;;) {
      const batch = await this.batch(fact);
      if (!batch) return taken;
      const rows = batch.rows as { person_id: string }[];
      while (batch.next < rows.length && rows[batch.next].person_id <= last) taken.push(rows[batch.next++]);
      if (batch.next < rows.length) return taken;
    }
  }

  /** The current batch of a fact with rows left, fetched when used up; undefined at the end of the fact. */
  private async batch(fact: keyof FactRows): Promise<Batch | undefined> {
    const batch = this.batches.get(fact) ?? { rows: [], next: 0, done: true };
    if (batch.next < batch.rows.length) return batch;
    if (batch.done) return undefined;
    batch.rows = rowsOf(await this.sql.query(`FETCH ${this.batchSize} FROM ${fact}`));
    batch.next = 0;
    batch.done = batch.rows.length < this.batchSize;
    return batch.rows.length > 0 ? batch : undefined;
  }
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

/** The facts of a few persons (household members, one person), with their decisions of the programmes: FACTS by id. */
export async function loadPersons(sql: Sql, selector: PersonSelector, programmes: readonly Programme[]): Promise<PageOfPersons[]> {
  const rows = {} as FactRows;
  for (const fact of FACT_NAMES) {
    rows[fact] = rowsOf<never>(await sql.query(...factQuery(fact, (column) => `${column} = ANY($1::uuid[])`, [...selector.ids], { programmes })));
  }
  return assemble(sql, rows);
}

/** A person's residences in the order they began, read as a run reads them (FACTS.residences). */
export async function loadResidences(sql: Sql, personId: string): Promise<Residence[]> {
  const rows = rowsOf<ResidenceRow>(await sql.query(...factQuery('residences', (column) => `${column} = $1::uuid`, personId, { programmes: [] })));
  return rows.map(toResidence);
}

/**
 * Persons with their facts, from the rows of the fact tables (each in person-id order); and by id, for the few who
 * need them: the persons care allowances are for, and for the deceased when each death was last reported and the
 * funeral organisers' destinations.
 */
async function assemble(sql: Sql, rows: FactRows): Promise<PageOfPersons[]> {
  const dead = rows.persons.filter((p) => p.dod !== null).map((p) => p.person_id);
  const deaths = dead.length > 0 ? await loadDeaths(sql, dead) : { reported: new Map<string, string>(), organisers: new Map<string, LoadedDestination>() };
  const caredFor = await loadCaredFor(sql, rows.decisions.flatMap((d) => (d.cared_for_person_id ? [d.cared_for_person_id] : [])));
  const statusesOf = groupBy(rows.statuses, (s) => s.decision_id);
  const decisionsOf = groupBy(rows.decisions, (d) => d.person_id);
  const residencesOf = groupBy(rows.residences, (r) => r.person_id);
  const povertyOf = groupBy(rows.poverty, (p) => p.person_id);
  const destinationOf = new Map(rows.destinations.map((d) => [d.person_id, d]));
  return rows.persons.map((p) => {
    const destination = destinationOf.get(p.person_id);
    return {
      id: p.person_id,
      ...(p.household_id && { householdId: p.household_id }),
      destination: destination && ownDestination(destination, p),
      ...(p.dod && {
        deceased: {
          fullName: p.dead_name ?? '',
          nationalIdCipher: p.national_id_cipher,
          reportedOn: deaths.reported.get(p.person_id) ?? null,
          ...(deaths.organisers.has(p.person_id) && { organiser: deaths.organisers.get(p.person_id) }),
        },
      }),
      facts: {
        sex: p.sex,
        dateOfBirth: p.dob,
        ...(p.dod && { dateOfDeath: p.dod }),
        residences: (residencesOf.get(p.person_id) ?? []).map(toResidence),
      },
      householdPoverty: (povertyOf.get(p.person_id) ?? []).map((row) => ({ year: row.year, status: row.status, recordedAt: row.recorded_at })),
      decisions: (decisionsOf.get(p.person_id) ?? []).map((d) => ({
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
              ...(s.recorded_at && { recordedAt: s.recorded_at }),
            }),
          ),
          attributes: d.attributes,
          ...(d.amends && { amends: true }),
          ...(d.cared_for_person_id && caredFor.has(d.cared_for_person_id) && { caredFor: caredFor.get(d.cared_for_person_id) }),
        },
      })),
    };
  });
}

/** The destination as the payee rules see it: post-office channels carry the person's ID number, to show masked. */
function ownDestination(d: DestinationRow, person: PersonRow): LoadedDestination {
  return {
    personId: d.person_id,
    channel: d.channel,
    bankBin: d.bank_bin,
    accountCipher: d.account_cipher,
    accountTransportCipher: d.account_transport_cipher,
    holderName: d.holder_name,
    cashPointCode: d.cash_point_code,
    nationalIdCipher: d.channel !== 'bank' ? person.national_id_cipher : null,
  };
}

/** The persons care allowances are for (by id: a few per page): their birth and death dates, and where they lived. */
async function loadCaredFor(sql: Sql, ids: readonly string[]): Promise<Map<string, CaredFor>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  const rows = rowsOf<{ id: string; dob: string; dod: string | null }>(
    await sql.query(`SELECT id, ${DAY('date_of_birth', 'dob')}, ${DAY('date_of_death', 'dod')} FROM eligibility.person WHERE id = ANY($1::uuid[])`, [unique]),
  );
  const residencesOf = groupBy(rowsOf<ResidenceRow>(await sql.query(FACTS.residences((column) => `${column} = ANY($1::uuid[])`), [unique])), (r) => r.person_id);
  return new Map(
    rows.map((r) => [
      r.id,
      { personRef: r.id, dateOfBirth: r.dob, ...(r.dod && { dateOfDeath: r.dod }), residences: (residencesOf.get(r.id) ?? []).map(toResidence) },
    ]),
  );
}

function toResidence(r: ResidenceRow): Residence {
  return {
    communeCode: r.commune_code ?? '',
    provinceCode: r.province_code,
    from: r.valid_from,
    ...(r.valid_to && { to: r.valid_to }),
    ...(r.address && { address: r.address }),
    ...(r.recorded_at && { recordedAt: r.recorded_at }),
  };
}

const DESTINATION_COLUMNS = `d.person_id AS "personId", d.channel, d.bank_bin AS "bankBin", d.account_cipher AS "accountCipher",
              d.account_transport_cipher AS "accountTransportCipher", d.holder_name AS "holderName", d.cash_point_code AS "cashPointCode",
              CASE WHEN d.channel <> 'bank' THEN p.national_id_cipher END AS "nationalIdCipher"`;

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
