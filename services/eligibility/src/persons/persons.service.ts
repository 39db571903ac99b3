import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PROGRAMMES } from '@benefits/contracts';
import { rowsOf } from '@benefits/messaging';
import { maskAccount, maskNationalId, readableProgrammes, type AuthUser } from '@benefits/platform';
import { DataSource } from 'typeorm';
import type { EligibilityConfig } from '../config';
import { NationalIdMisses } from '../shared/national-id-misses';
import type { DecisionStatus } from '../domain/eligibility-input';
import { decideMonth, statusInForce } from '../domain/eligibility-rules';
import { coupleCareRefusals } from '../domain/one-care-allowance';
import { parseMonth } from '../domain/months';
import { dayBefore } from '../life-events/domain/life-event-rules';
import { foldName } from '../register/domain/names';
import { scopeRefusal } from '../register/domain/write-scope';
import { assertHolds, holdingPlaces, holdsFileSql } from '../register/write-scope';
import { loadHouseholdMembers, loadPersons } from '../snapshots/snapshot-loader';
import { todayInVietnam } from '../shared/clock';
import { InvalidRegisterDataError, PersonNotFoundError } from '../shared/errors';
import { RegisterCipher } from '../shared/pii';
import { toDomainProgramme } from '../shared/programmes';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import type { DecisionViewDto, EligibilityViewDto, PersonDetailDto, PersonSearchDto, PersonSearchPageDto, PersonSummaryDto } from './persons.dto';

interface PersonRow {
  id: string;
  national_id_cipher: string;
  full_name: string;
  name_search: string;
  sex: string;
  dob: string;
  dod: string | null;
  phone_cipher: string | null;
  household_code: string | null;
  commune_code: string | null;
  programmes: string[];
}

const DAY = (column: string, as: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${as}`;
const PERSON_SELECT = `
  SELECT p.id, p.national_id_cipher, p.full_name, p.name_search, p.sex, ${DAY('p.date_of_birth', 'dob')}, ${DAY('p.date_of_death', 'dod')}, p.phone_cipher,
         h.code AS household_code,
         (SELECT r.commune_code FROM eligibility.residence r WHERE r.person_id = p.id ORDER BY r.valid_from DESC LIMIT 1) AS commune_code,
         ARRAY(SELECT DISTINCT d.programme FROM eligibility.decision d WHERE d.person_id = p.id) AS programmes
    FROM eligibility.person p LEFT JOIN eligibility.household h ON h.id = p.household_id`;

/**
 * What operators read: persons found by ID number, name or commune; their decisions and history; why (not) paid.
 * Each reader reads the files their place holds, as for writes (register/write-scope.ts): a commune's staff those of
 * their communes, province staff the province's. A search leaves out the others; a person asked for by reference
 * outside it is a 403 with the reason. Of a file, an operator reads the decisions of their own programmes, and the
 * life events that concern them or the person as a whole (`readableProgrammes`).
 */
@Injectable()
export class PersonsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig,
    private readonly cipher: RegisterCipher,
    private readonly nationalIdMisses: NationalIdMisses,
  ) {}

  /**
   * A search by ID number that finds nobody (in the reader's place) counts towards NATIONAL_ID_MISSES_PER_HOUR; a
   * later page (with a cursor) does not, its emptiness says nothing about the number.
   */
  async search(user: AuthUser, query: PersonSearchDto): Promise<PersonSearchPageDto> {
    if (query.nationalId) this.nationalIdMisses.assertAllowed(user.id);
    const found = await this.find(user, query);
    if (query.nationalId && !query.cursor && found.persons.length === 0) await this.nationalIdMisses.missed(user.id);
    return found;
  }

  /**
   * In (folded name, id) order, one page after the cursor: the reader's files are selected in SQL before the LIMIT,
   * and the cursor is the key of the last person shown, so no person is skipped or shown twice across pages, two of
   * the same name included (a name is never rewritten). One more row than the page is read to know whether more follow.
   */
  private async find(user: AuthUser, query: PersonSearchDto): Promise<PersonSearchPageDto> {
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (query.nationalId) conditions.push(`p.national_id_hash = $${params.push(this.cipher.lookupHash(query.nationalId))}`);
    if (query.name) conditions.push(`p.name_search LIKE $${params.push(`%${foldName(query.name).replace(/[%_\\]/g, '\\$&')}%`)}`);
    if (query.communeCode) {
      conditions.push(`EXISTS (SELECT 1 FROM eligibility.residence r WHERE r.person_id = p.id AND r.valid_to IS NULL AND r.commune_code = $${params.push(query.communeCode)})`);
    }
    if (conditions.length === 0) {
      throw new InvalidRegisterDataError([{ field: 'nationalId', code: 'REQUIRED', reason: 'give a nationalId, a name or a communeCode' }]);
    }
    const today = todayInVietnam();
    conditions.push(holdsFileSql(user, today, params));
    if (query.cursor) {
      const after = cursorKey(query.cursor);
      conditions.push(`(p.name_search, p.id) > ($${params.push(after.nameSearch)}, $${params.push(after.id)}::uuid)`);
    }
    const limit = query.limit ?? 50;
    const rows = rowsOf<PersonRow>(
      await this.dataSource.query(`${PERSON_SELECT} WHERE ${conditions.join(' AND ')} ORDER BY p.name_search, p.id LIMIT $${params.push(limit + 1)}`, params),
    );
    const page = rows.slice(0, limit);
    // The SQL selected the reader's files; the rule itself has the last word on what is shown (never more than it allows).
    const places = await holdingPlaces(this.dataSource, { personIds: page.map((row) => row.id) }, user.provinceCode, today);
    const readable = readableProgrammes(user);
    const last = page[page.length - 1];
    return {
      persons: page.filter((row) => !scopeRefusal(user, places.get(row.id), today)).map((row) => this.summary(row, readable)),
      ...(rows.length > limit && { nextCursor: cursorOf(last) }),
    };
  }

  async detail(user: AuthUser, personRef: string): Promise<PersonDetailDto> {
    await this.assertMayRead(user, personRef);
    const readable = readableProgrammes(user);
    const [row] = rowsOf<PersonRow>(await this.dataSource.query(`${PERSON_SELECT} WHERE p.id = $1`, [personRef]));
    if (!row) throw new PersonNotFoundError(personRef);
    const q = <T>(text: string) => this.dataSource.query(text, [personRef]).then((result) => rowsOf<T>(result));
    const [poverty, residences, destinations, lifeEvents] = await Promise.all([
      q<{ year: number; status: string }>(
        `SELECT hp.year, hp.status FROM eligibility.household_poverty hp JOIN eligibility.person p ON p.household_id = hp.household_id WHERE p.id = $1 ORDER BY hp.year`,
      ),
      q<{ communeCode: string | null; provinceCode: string; address: string | null; from: string; to: string | null }>(
        `SELECT commune_code AS "communeCode", province_code AS "provinceCode", address, ${DAY('valid_from', '"from"')}, ${DAY('valid_to', '"to"')}
           FROM eligibility.residence WHERE person_id = $1 ORDER BY valid_from`,
      ),
      q<{ purpose: string; payeeRelationship: string | null; channel: string; bankBin: string | null; last4: string | null; holderName: string; cashPointCode: string | null; validFrom: string; recordedBy: string; recordedAt: Date }>(
        `SELECT purpose, payee_relationship AS "payeeRelationship", channel, bank_bin AS "bankBin", account_last4 AS last4, holder_name AS "holderName",
                cash_point_code AS "cashPointCode", ${DAY('valid_from', '"validFrom"')}, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
           FROM eligibility.payment_destination WHERE person_id = $1 ORDER BY valid_from DESC, id DESC`,
      ),
      q<Record<string, unknown>>(
        `SELECT id AS "lifeEventId", kind, ${DAY('effective_on', '"effectiveOn"')}, details, source, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
           FROM eligibility.life_event WHERE person_id = $1 ORDER BY recorded_at`,
      ),
    ]);
    const decisions = await this.decisionViews(personRef, readable);
    return {
      ...this.summary(row, readable),
      ...(row.phone_cipher && { phoneMasked: maskAccount(this.cipher.decrypt(row.phone_cipher)) }),
      ...(row.household_code && { householdCode: row.household_code }),
      poverty,
      residences: residences.map((r) => ({
        ...(r.communeCode && { communeCode: r.communeCode }),
        provinceCode: r.provinceCode,
        ...(r.address && { address: r.address }),
        from: r.from,
        ...(r.to && { to: r.to }),
      })),
      decisions,
      destinations: destinations.map(({ last4, payeeRelationship, ...d }) => ({
        ...d,
        ...(payeeRelationship && { payeeRelationship }),
        ...(last4 && { accountMasked: maskAccount(`000000${last4}`) }),
      })),
      lifeEvents: lifeEventsAbout(lifeEvents, new Set(decisions.map((d) => d.decisionId))),
    };
  }

  async decisions(user: AuthUser, personRef: string): Promise<DecisionViewDto[]> {
    await this.assertMayRead(user, personRef);
    return this.decisionViews(personRef, readableProgrammes(user));
  }

  /** The person's decisions of these programmes, each with its status history. */
  private async decisionViews(personRef: string, programmes: readonly string[]): Promise<DecisionViewDto[]> {
    const decisions = rowsOf<Omit<DecisionViewDto, 'status' | 'statusHistory'>>(
      await this.dataSource.query(
        `SELECT id AS "decisionId", programme, group_code AS "groupCode", decision_number AS "decisionNumber", signing_level AS "signingLevel",
                ${DAY('signed_on', '"signedOn"')}, ${DAY('effective_from', '"effectiveFrom"')}, ${DAY('effective_to', '"effectiveTo"')},
                ${DAY('certificate_date', '"certificateDate"')}, attributes, amends_decision_id AS "amendsDecisionId", cared_for_person_id AS "caredForRef"
           FROM eligibility.decision WHERE person_id = $1 AND programme = ANY($2::text[]) ORDER BY signed_on, id`,
        [personRef, programmes],
      ),
    );
    const history = rowsOf<{
      decisionId: string; status: DecisionStatus; validFrom: string; reason: string | null; reasonCode: string | null; withArrears: boolean;
      byDecisionNumber: string | null; bySigningLevel: string | null; bySignedOn: string | null; recordedBy: string; recordedAt: Date;
    }>(
      await this.dataSource.query(
        `SELECT decision_id AS "decisionId", status, ${DAY('valid_from', '"validFrom"')}, reason, reason_code AS "reasonCode", with_arrears AS "withArrears",
                by_decision_number AS "byDecisionNumber", by_signing_level AS "bySigningLevel", ${DAY('by_signed_on', '"bySignedOn"')},
                recorded_by AS "recordedBy", recorded_at AS "recordedAt"
           FROM eligibility.decision_status WHERE decision_id = ANY($1::uuid[]) ORDER BY valid_from, id`,
        [decisions.map((d) => d.decisionId)],
      ),
    );
    const today = todayInVietnam();
    return decisions.map((d) => {
      const changes = history.filter((h) => h.decisionId === d.decisionId);
      const inForce = statusInForce(changes.map((h) => ({ status: h.status, from: h.validFrom })), today);
      return {
        ...withoutNulls(d),
        status: inForce?.status ?? 'active',
        statusHistory: changes.map((h) => ({
          status: h.status,
          validFrom: h.validFrom,
          ...(h.reason && { reason: h.reason }),
          ...(h.reasonCode && { reasonCode: h.reasonCode }),
          ...(h.status === 'terminated' && { lastDayPaid: dayBefore(h.validFrom) }),
          ...(h.byDecisionNumber && { byDecision: { decisionNumber: h.byDecisionNumber, signingLevel: h.bySigningLevel ?? '', signedOn: h.bySignedOn ?? '' } }),
          withArrears: h.withArrears,
          recordedBy: h.recordedBy,
          recordedAt: h.recordedAt.toISOString(),
        })),
      } as DecisionViewDto;
    });
  }

  /**
   * "Why is this person (not) paid in month M": every decision through the same rules as the payment run, with the
   * household's other holders of a couple care decision (one care allowance per couple). Every decision is decided,
   * as in the run; the answer lists those of the reader's programmes.
   */
  async eligibility(user: AuthUser, personRef: string, monthText: string): Promise<EligibilityViewDto> {
    const month = parseMonth(monthText);
    await this.assertMayRead(user, personRef);
    const [person] = await loadPersons(this.dataSource, { ids: [personRef] }, PROGRAMMES);
    if (!person) throw new PersonNotFoundError(personRef);
    const scope = { provinceCode: this.config.PROVINCE_CODE, programmes: PROGRAMMES.map(toDomainProgramme) };
    const coupleRefused = coupleCareRefusals([person, ...(await loadHouseholdMembers(this.dataSource, [person], PROGRAMMES))], month, scope);
    const readable = readableProgrammes(user);
    return {
      personRef,
      month,
      decisions: person.decisions.filter((decision) => readable.includes(decision.programme)).map((decision) => {
        const decided = decideMonth({ person: person.facts, householdPoverty: person.householdPoverty, decision: decision.facts, scope }, month);
        const result = decided.payable ? (coupleRefused.get(decision.id) ?? decided) : decided;
        const base = { decisionId: decision.id, programme: decision.programme, decisionNumber: decision.decisionNumber ?? '' };
        return result.payable
          ? { ...base, payable: true, groupCode: result.groupCode, ...(result.coefficient && { coefficient: result.coefficient }), inputs: { ...result.inputs } }
          : { ...base, payable: false, reason: result.reason, detail: result.detail, ...(result.decisionReasonCode && { decisionReasonCode: result.decisionReasonCode }) };
      }),
    };
  }

  /** 404 for a person not in the register, 403 for one whose file the reader's place does not hold: one query. */
  private async assertMayRead(user: AuthUser, personRef: string): Promise<void> {
    const id = personRef.toLowerCase(); // as PostgreSQL writes a uuid as text, the key of holdingPlaces
    const today = todayInVietnam();
    const places = await holdingPlaces(this.dataSource, { personIds: [id] }, user.provinceCode, today);
    if (!places.has(id)) throw new PersonNotFoundError(personRef);
    assertHolds(user, places.get(id), today);
  }

  /** Responses never carry a whole ID number: decrypted only to be masked. */
  private summary(row: PersonRow, readable: readonly string[]): PersonSummaryDto {
    return {
      personRef: row.id,
      nationalIdMasked: maskNationalId(this.cipher.decrypt(row.national_id_cipher)),
      fullName: row.full_name,
      sex: row.sex,
      dateOfBirth: row.dob,
      ...(row.dod && { dateOfDeath: row.dod }),
      ...(row.commune_code && { communeCode: row.commune_code }),
      programmes: row.programmes.filter((programme) => readable.includes(programme)),
    };
  }
}

/**
 * The life events a reader of these decisions sees: those about the person alone (a move, a poverty status, a
 * destination: no decision named) and those that touched one of these decisions, naming only these.
 */
function lifeEventsAbout(events: Record<string, unknown>[], decisionIds: ReadonlySet<string>): Record<string, unknown>[] {
  return events.flatMap((event) => {
    const details = (event.details ?? {}) as { decisionIds?: string[]; decisionCount?: number };
    if (!details.decisionIds || details.decisionIds.length === 0) return [event];
    const readable = details.decisionIds.filter((id) => decisionIds.has(id));
    if (readable.length === 0) return [];
    return [{ ...event, details: { ...details, decisionIds: readable, ...(details.decisionCount !== undefined && { decisionCount: readable.length }) } }];
  });
}

/** The key of the last person of a page, opaque to the client: their folded name and reference (no ID number). */
function cursorOf(row: Pick<PersonRow, 'name_search' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.name_search, row.id])).toString('base64url');
}

function cursorKey(cursor: string): { nameSearch: string; id: string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string' || !UUID.test(key[1])) {
    throw new InvalidRegisterDataError([{ field: 'cursor', code: 'INVALID_CURSOR', reason: 'not the nextCursor of a page of this search: search again without one' }]);
  }
  return { nameSearch: key[0], id: key[1] };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function withoutNulls<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)) as T;
}
