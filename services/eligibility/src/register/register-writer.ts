import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { rowsOf, type Sql } from '@benefits/messaging';
import type { RegisterRow } from '../imports/domain/import-layout';
import type { DestinationPurpose } from './payment-destination.entity';
import { deathNotOnRecord, notThePersonOnRecord, personDifferences } from '../imports/domain/register-differences';
import { todayInVietnam } from '../shared/clock';
import { InvalidRegisterDataError } from '../shared/errors';
import { RegisterCipher, TransportCipher } from '../shared/pii';
import { foldName } from './domain/names';
import type { OperatorScope } from './domain/write-scope';
import { assertHolds, holdingPlaces } from './write-scope';

/** Refreshes the planner's statistics after a bulk write (the run's page queries rely on them). */
export const ANALYZE_REGISTER = 'ANALYZE eligibility.person, eligibility.decision, eligibility.decision_status, eligibility.residence, eligibility.payment_destination';

export interface WriteContext {
  readonly recordedBy: string;
  readonly importId?: string;
  /** Whose province and communes must hold the file of a person on record given a new decision; null: the seed loader. */
  readonly operator: Pick<OperatorScope, 'provinceCode' | 'communeCodes'> | null;
}

export interface WriteResult {
  persons: number;
  decisions: number;
  destinations: number;
  /** Rows whose decision (person, programme, decision number) was already in the register. */
  unchanged: number;
  /** personRef and decisionId of every row, in the order of the rows. */
  refs: { personRef: string; decisionId: string }[];
}

/**
 * Writes validated register rows set-based: a handful of multi-row statements per batch, whatever its size,
 * inside the caller's transaction. Natural keys make a second write of the same rows a no-op: a person is one
 * ID number (its keyed hash), a household one code in one commune, a decision one (person, programme, decision number).
 * An import never changes what is already in the register: a known person keeps their data, residence and
 * destination (changes go through life events); only their new decisions are added, and only when the operator's
 * communes hold their file and the row's name, sex and date of birth are theirs; a death the register does not hold
 * is refused, not lost.
 */
@Injectable()
export class RegisterWriter {
  constructor(
    private readonly cipher: RegisterCipher,
    private readonly transport: TransportCipher,
  ) {}

  async write(sql: Sql, rows: readonly RegisterRow[], context: WriteContext): Promise<WriteResult> {
    const hashes = rows.map((row) => this.cipher.lookupHash(row.person.nationalId));
    const households = await this.households(sql, rows);
    const created = await this.insertPersons(sql, rows, hashes, households);
    const found = await this.persons(sql, hashes);
    const personIds = hashes.map((hash) => present(found.get(hash), 'person').id);
    const firstRowOfNewPerson = rows
      .map((row, index) => ({ row, id: personIds[index] }))
      .filter(({ id }, index, all) => created.has(id) && all.findIndex((other) => other.id === id) === index);
    await this.insertResidences(sql, firstRowOfNewPerson);
    await this.insertDestinations(sql, firstRowOfNewPerson, context);
    const decisionIds = rows.map(() => randomUUID());
    const caredForIds = await this.caredForIds(sql, rows);
    const newDecisions = await this.insertDecisions(sql, rows, decisionIds, personIds, caredForIds, context);
    const onRecord = personIds.flatMap((id, i) => (!created.has(id) && newDecisions.has(decisionIds[i]) ? [i] : []));
    await this.assertHeld(sql, onRecord.map((i) => personIds[i]), context);
    const strangers = onRecord.flatMap((i) => personDifferences(rows[i].person, present(found.get(hashes[i]), 'person')));
    // A new decision goes to the person on record under the row's ID number only if they are the row's person: else
    // it is a mistyped ID number that is someone else's. The import reports it row by row before (register-differences);
    // this is POST /persons' check, and an import's when the person was registered by someone else since its check.
    // Thrown inside the caller's transaction, which then stores nothing.
    if (strangers.length > 0) throw new InvalidRegisterDataError([...new Set(strangers)].map(notThePersonOnRecord));
    // Nor does it record a death (a life event): a row that says the person on record died, whom the register holds
    // alive, is refused, its decision new or not (the import refuses it before; POST /persons here).
    const deaths = personIds.flatMap((id, i) => (created.has(id) ? [] : deathNotOnRecord(rows[i].person, present(found.get(hashes[i]), 'person'))));
    if (deaths.length > 0) throw new InvalidRegisterDataError([deaths[0]]);
    const refs = await this.decisionRefs(sql, rows, personIds);
    return {
      persons: created.size,
      decisions: newDecisions.size,
      destinations: firstRowOfNewPerson.length,
      unchanged: rows.length - newDecisions.size,
      refs,
    };
  }

  /**
   * A new decision goes into the file of a person on record only when the operator's province and communes hold it.
   * The import checks that in its first pass and writes in its second, and a person may have been registered by another
   * commune, or moved there, in between: checked again here, first, so that nothing is told about a file the operator
   * may not read (the refusal names no place). The decision's foreign key has locked each person (FOR KEY SHARE)
   * against a life event's FOR UPDATE: a move committed before is read here, one recorded after waits for this
   * transaction. Thrown inside the caller's transaction, which then stores nothing.
   */
  private async assertHeld(sql: Sql, personIds: readonly string[], context: WriteContext): Promise<void> {
    const { operator } = context;
    if (!operator || personIds.length === 0) return;
    const today = todayInVietnam();
    const places = await holdingPlaces(sql, { personIds }, operator.provinceCode, today);
    for (const id of personIds) assertHolds(operator, places.get(id.toLowerCase()), today);
  }

  /**
   * A household code is the commune's own (two communes may both have an "HGD-001"): households are found and created
   * by the commune the row's household belongs to (its residence's commune in force, validate-row) and the code.
   * Returns the household id per householdKey.
   */
  private async households(sql: Sql, rows: readonly RegisterRow[]): Promise<Map<string, string>> {
    const keyed = new Map(rows.flatMap((row) => (row.household ? [[householdKey(row), { commune: row.household.communeCode, code: row.household.code }] as const] : [])));
    if (keyed.size === 0) return new Map();
    const households = [...keyed.values()];
    await sql.query(
      `INSERT INTO eligibility.household (id, commune_code, code) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT (commune_code, code) DO NOTHING`,
      [households.map(() => randomUUID()), households.map((h) => h.commune), households.map((h) => h.code)],
    );
    const found = rowsOf<{ id: string; commune_code: string; code: string }>(
      await sql.query(
        `SELECT h.id, h.commune_code, h.code FROM eligibility.household h
           JOIN unnest($1::text[], $2::text[]) AS k(commune_code, code) ON k.commune_code = h.commune_code AND k.code = h.code`,
        [households.map((h) => h.commune), households.map((h) => h.code)],
      ),
    );
    const ids = new Map(found.map((row) => [`${row.commune_code}|${row.code}`, row.id]));
    const poverty = new Map<string, [string, number, string]>();
    for (const row of rows) {
      const p = row.household?.poverty;
      if (row.household && p) poverty.set(`${householdKey(row)}|${p.year}`, [present(ids.get(householdKey(row)), 'household'), p.year, p.status]);
    }
    if (poverty.size > 0) {
      const values = [...poverty.values()];
      await sql.query(
        `INSERT INTO eligibility.household_poverty (household_id, year, status)
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[]) ON CONFLICT (household_id, year) DO NOTHING`,
        [values.map((v) => v[0]), values.map((v) => v[1]), values.map((v) => v[2])],
      );
    }
    return ids;
  }

  /** Returns the ids of the persons this statement created (the others were already in the register). */
  private async insertPersons(sql: Sql, rows: readonly RegisterRow[], hashes: string[], households: Map<string, string>): Promise<Set<string>> {
    const seen = new Set<string>();
    const unique = rows.map((row, index) => ({ row, hash: hashes[index] })).filter(({ hash }) => !seen.has(hash) && seen.add(hash));
    const inserted = rowsOf<{ id: string }>(
      await sql.query(
        `INSERT INTO eligibility.person (id, national_id_cipher, national_id_hash, full_name, name_search, sex, date_of_birth, date_of_death, phone_cipher, household_id)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::date[], $9::text[], $10::uuid[])
         ON CONFLICT (national_id_hash) DO NOTHING RETURNING id`,
        [
          unique.map(() => randomUUID()),
          unique.map(({ row }) => this.cipher.encrypt(row.person.nationalId)),
          unique.map(({ hash }) => hash),
          unique.map(({ row }) => row.person.fullName),
          unique.map(({ row }) => foldName(row.person.fullName)),
          unique.map(({ row }) => row.person.sex),
          unique.map(({ row }) => row.person.dateOfBirth),
          unique.map(({ row }) => row.person.dateOfDeath ?? null),
          unique.map(({ row }) => (row.person.phone ? this.cipher.encrypt(row.person.phone) : null)),
          unique.map(({ row }) => (row.household ? present(households.get(householdKey(row)), 'household') : null)),
        ],
      ),
    );
    return new Set(inserted.map((row) => row.id));
  }

  /** The persons of these keyed hashes of ID numbers: their id, and who they are (to tell another person). */
  private async persons(sql: Sql, hashes: string[]): Promise<Map<string, { id: string; fullName: string; sex: string; dateOfBirth: string; dateOfDeath: string | null }>> {
    const found = rowsOf<{ id: string; national_id_hash: string; full_name: string; sex: string; date_of_birth: string; date_of_death: string | null }>(
      await sql.query(
        `SELECT id, national_id_hash, full_name, sex, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, to_char(date_of_death, 'YYYY-MM-DD') AS date_of_death
           FROM eligibility.person WHERE national_id_hash = ANY($1::text[])`,
        [[...new Set(hashes)]],
      ),
    );
    return new Map(
      found.map((row) => [row.national_id_hash, { id: row.id, fullName: row.full_name, sex: row.sex, dateOfBirth: row.date_of_birth, dateOfDeath: row.date_of_death }]),
    );
  }

  private async insertResidences(sql: Sql, people: { row: RegisterRow; id: string }[]): Promise<void> {
    if (people.length === 0) return;
    await sql.query(
      `INSERT INTO eligibility.residence (person_id, commune_code, province_code, valid_from, address)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[]) ON CONFLICT (person_id, valid_from) DO NOTHING`,
      [
        people.map((p) => p.id),
        people.map((p) => p.row.residence.communeCode),
        people.map((p) => p.row.residence.provinceCode),
        people.map((p) => p.row.residence.from),
        people.map((p) => p.row.residence.address ?? null),
      ],
    );
  }

  private async insertDestinations(sql: Sql, people: { row: RegisterRow; id: string }[], context: WriteContext): Promise<void> {
    if (people.length === 0) return;
    await insertDestinationRows(sql, { register: this.cipher, transport: this.transport }, people.map((p) => ({ personId: p.id, ...p.row.destination })), context.recordedBy);
  }

  /**
   * Per row, the person its care allowance is for (the import and the API have checked they are in the register or
   * on an earlier row, written by now), or null.
   */
  private async caredForIds(sql: Sql, rows: readonly RegisterRow[]): Promise<(string | null)[]> {
    const hashes = rows.map((row) => (row.decision.caredForNationalId ? this.cipher.lookupHash(row.decision.caredForNationalId) : undefined));
    const wanted = hashes.filter((hash): hash is string => hash !== undefined);
    if (wanted.length === 0) return rows.map(() => null);
    const found = await this.persons(sql, wanted);
    return hashes.map((hash) => (hash === undefined ? null : present(found.get(hash), 'person cared for').id));
  }

  /** Returns the ids of the decisions this statement created (the others were already in the register). */
  private async insertDecisions(sql: Sql, rows: readonly RegisterRow[], ids: string[], personIds: string[], caredForIds: (string | null)[], context: WriteContext): Promise<Set<string>> {
    const inserted = rowsOf<{ id: string }>(
      await sql.query(
        `INSERT INTO eligibility.decision (id, person_id, programme, group_code, attributes, decision_number, signing_level, signed_on, effective_from, effective_to, certificate_date, cared_for_person_id, import_id)
         SELECT d.*, $13::uuid FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::date[], $9::date[], $10::date[], $11::date[], $12::uuid[]) AS d
         ON CONFLICT (person_id, programme, decision_number) DO NOTHING RETURNING id`,
        [
          ids,
          personIds,
          rows.map((r) => r.decision.programme),
          rows.map((r) => r.decision.groupCode),
          rows.map((r) => JSON.stringify(r.decision.attributes)),
          rows.map((r) => r.decision.decisionNumber),
          rows.map((r) => r.decision.signingLevel),
          rows.map((r) => r.decision.signedOn),
          rows.map((r) => r.decision.effectiveFrom),
          rows.map((r) => r.decision.effectiveTo ?? null),
          rows.map((r) => r.decision.certificateDate ?? null),
          caredForIds,
          context.importId ?? null,
        ],
      ),
    );
    if (inserted.length === 0) return new Set();
    await sql.query(
      `INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, recorded_by)
       SELECT id, 'active', effective_from, 'decision recorded', $2 FROM eligibility.decision WHERE id = ANY($1::uuid[])`,
      [inserted.map((row) => row.id), context.recordedBy],
    );
    return new Set(inserted.map((row) => row.id));
  }

  private async decisionRefs(sql: Sql, rows: readonly RegisterRow[], personIds: string[]): Promise<WriteResult['refs']> {
    const found = rowsOf<{ id: string; person_id: string; programme: string; decision_number: string }>(
      await sql.query(
        `SELECT d.id, d.person_id, d.programme, d.decision_number FROM eligibility.decision d
           JOIN unnest($1::uuid[], $2::text[], $3::text[]) AS k(person_id, programme, decision_number) USING (person_id, programme, decision_number)`,
        [personIds, rows.map((r) => r.decision.programme), rows.map((r) => r.decision.decisionNumber)],
      ),
    );
    const byKey = new Map(found.map((d) => [`${d.person_id}|${d.programme}|${d.decision_number}`, d.id]));
    return rows.map((r, i) => ({ personRef: personIds[i], decisionId: present(byKey.get(`${personIds[i]}|${r.decision.programme}|${r.decision.decisionNumber}`), 'decision') }));
  }
}

/** A row the statements above just wrote or found (or that validation found): its absence would be a bug, not bad data. */
function present<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`RegisterWriter: a ${what} written in this transaction is missing`);
  return value;
}

export interface DestinationRow {
  readonly personId: string;
  readonly channel: string;
  readonly bankBin?: string;
  readonly accountNumber?: string;
  readonly holderName: string;
  readonly cashPointCode?: string;
  readonly validFrom: string;
  /** 'funeral': where the funeral support of a deceased person is paid (their funeral organiser); default 'regular'. */
  readonly purpose?: DestinationPurpose;
  /** A funeral organiser's relationship to the deceased. */
  readonly payeeRelationship?: string;
}

/**
 * Appends destination rows (the history is never updated): the account encrypted at rest, its keyed hash, its last 4
 * digits, and its transport cipher for the runs (see PaymentDestinationEntity).
 */
export async function insertDestinationRows(
  sql: Sql,
  ciphers: { register: RegisterCipher; transport: TransportCipher },
  rows: readonly DestinationRow[],
  recordedBy: string,
): Promise<void> {
  const { register, transport } = ciphers;
  await sql.query(
    `INSERT INTO eligibility.payment_destination
       (person_id, channel, bank_bin, account_cipher, account_hash, account_last4, account_transport_cipher, holder_name, cash_point_code, valid_from,
        purpose, payee_relationship, recorded_by)
     SELECT d.*, $13 FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::date[],
                                 $11::text[], $12::text[]) AS d`,
    [
      rows.map((d) => d.personId),
      rows.map((d) => d.channel),
      rows.map((d) => d.bankBin ?? null),
      rows.map((d) => (d.accountNumber ? register.encrypt(d.accountNumber) : null)),
      rows.map((d) => (d.accountNumber ? register.lookupHash(d.accountNumber) : null)),
      rows.map((d) => (d.accountNumber ? d.accountNumber.slice(-4) : null)),
      rows.map((d) => (d.accountNumber ? transport.encrypt(d.accountNumber) : null)),
      rows.map((d) => d.holderName),
      rows.map((d) => d.cashPointCode ?? null),
      rows.map((d) => d.validFrom),
      rows.map((d) => d.purpose ?? 'regular'),
      rows.map((d) => d.payeeRelationship ?? null),
      recordedBy,
    ],
  );
}

/** A household is one commune's code: the commune it belongs to and the code. */
function householdKey(row: RegisterRow): string {
  return `${row.household?.communeCode ?? ''}|${row.household?.code ?? ''}`;
}
