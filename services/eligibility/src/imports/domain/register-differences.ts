/**
 * An import never changes what the register holds (register-writer.ts): a known person keeps their data, residence,
 * destination and poverty status, and a decision already on record keeps its terms. A row that says otherwise is a
 * correction the commune meant to make; stored as "unchanged", it would be lost without a word. Each difference is a
 * warning on the row (DIFFERS_FROM_REGISTER) naming the field and how the change is made. Values are not echoed: an
 * account or ID number never goes into a report.
 *
 * One difference is not a warning: a row that would add a NEW decision to a person on record whose name, sex or date
 * of birth is not the row's (NOT_THE_PERSON_ON_RECORD, the row is refused). That is nearly always a mistyped ID number
 * that happens to be another person's: the decision would be attached to them and paid to their account (the row's
 * destination is not stored for a known person). A decision already on record adds nothing, so a file imported again
 * keeps its warnings and still changes nothing.
 *
 * Nor is a death the register does not hold (DEATH_NOT_ON_RECORD, the row is refused, whether its decision is on record
 * or new). An import does not record it: a death is a life event, from which the funeral support, the stop of the care
 * allowances held for the person and the recovery of months paid after it follow. As a warning the file would be
 * "completed", and the person paid on as if alive: refused, the file is not imported (or not whole) until the death
 * is recorded, and the same file sent then is accepted. A death on record is kept: another date or none on the row is
 * a warning (a recorded death is not corrected). A person new to the register is stored with the row's date of
 * death, so nothing is paid after its month; no death is reported for them, so the row warns (DEATH_NOT_REPORTED)
 * that funeral support, if owed, follows only a reported death.
 */
import type { Programme } from '@benefits/contracts';
import type { PovertyStatus } from '../../domain/eligibility-input';
import type { IsoDate } from '../../domain/months';
import type { ColumnName, RegisterRow, RowProblem } from './import-layout';
import { communeInForceOf, freeText } from './validate-row';

/** What the register holds for the person of a row (found by the keyed hash of the row's ID number). */
export interface StoredPerson {
  readonly fullName: string;
  readonly sex: string;
  readonly dateOfBirth: string;
  readonly dateOfDeath: string | null;
  /** The commune and province of the residence in force (no end date), if any. */
  readonly communeCode: string | null;
  readonly provinceCode: string | null;
  /** The household the person is in (validate-row: its commune is the one in force), if any. */
  readonly household: { readonly communeCode: string | null; readonly code: string } | null;
  /** The latest regular destination; accountHash is the keyed hash of its account number. */
  readonly destination?: { readonly channel: string; readonly bankBin: string | null; readonly accountHash: string | null; readonly cashPointCode: string | null };
  readonly poverty: readonly { readonly year: number; readonly status: PovertyStatus }[];
  readonly decisions: readonly StoredDecision[];
}

export interface StoredDecision {
  readonly programme: Programme;
  readonly decisionNumber: string;
  readonly groupCode: string;
  readonly signedOn: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly certificateDate: string | null;
}

const CODE = 'DIFFERS_FROM_REGISTER';
const KEPT = 'differs from the register, which keeps its own';
const HOW = {
  person: 'an import does not change a person on record',
  death: 'an import does not change a recorded death, nor is a recorded date of death corrected',
  move: 'record the move as a moved_within_province life event',
  destination: 'record a payment_destination_changed life event',
  poverty: 'record a poverty_status_changed life event',
  household: 'an import does not move a person into another household, nor gives them its poverty status: record theirs with a poverty_status_changed life event',
  decision: 'amend the decision (POST /persons/{personRef}/decisions/{decisionId}/amend)',
} as const;

const DEATH_NOT_REPORTED: RowProblem = {
  field: 'date_of_death',
  code: 'DEATH_NOT_REPORTED',
  reason:
    'the person is stored as deceased (nothing is paid after the month of death), but an import reports no death: funeral ' +
    'support, if owed, follows a death life event (POST /persons/{personRef}/life-events, kind death, this date, naming the funeral organiser)',
};

/** What a row finds against the register: problems refuse the row, warnings leave it stored. */
export interface RegisterCheck {
  readonly problems: RowProblem[];
  readonly warnings: RowProblem[];
}

/**
 * The problem of a field that is not that of the person on record under the ID number, when a NEW decision would be
 * added to them. Also the register writer's last check (a person registered by someone else after the row was checked).
 */
export function notThePersonOnRecord(field: ColumnName): RowProblem {
  return {
    field,
    code: 'NOT_THE_PERSON_ON_RECORD',
    reason:
      'not that of the person on record under this ID number, to whom this new decision would be attached and paid: ' +
      'check the ID number; if it is right, the person data on record must be corrected before the decision is recorded',
  };
}

/**
 * The problem of a date of death on a row for a person the register holds alive. Also the register writer's last check
 * (a person registered by someone else after the row was checked).
 */
export function deathNotOnRecord(person: RegisterRow['person'], stored: { readonly dateOfDeath: string | null }): RowProblem[] {
  if (!person.dateOfDeath || stored.dateOfDeath !== null) return [];
  return [
    {
      field: 'date_of_death',
      code: 'DEATH_NOT_ON_RECORD',
      reason:
        'the register holds this person alive, and an import does not record a death: record it as a death life event ' +
        '(POST /persons/{personRef}/life-events, kind death, naming the funeral organiser), then send the file again',
    },
  ];
}

/**
 * `stored`: what the register holds for the row's person (undefined: a person new to it); `accountHash`: the keyed
 * hash of the row's account number, if it has one; `today`: the day of the import.
 */
export function registerDifferences(row: RegisterRow, stored: StoredPerson | undefined, accountHash: string | null, today: IsoDate): RegisterCheck {
  if (!stored) return { problems: [], warnings: row.person.dateOfDeath ? [DEATH_NOT_REPORTED] : [] };
  const problems: RowProblem[] = deathNotOnRecord(row.person, stored);
  const warnings: RowProblem[] = [];
  const differs = (field: ColumnName, how: string) => warnings.push({ field, code: CODE, reason: `${field} ${KEPT}: ${how}` });
  if (stored.dateOfDeath !== null && row.person.dateOfDeath !== stored.dateOfDeath) differs('date_of_death', HOW.death);
  const decision = stored.decisions.find((d) => d.programme === row.decision.programme && d.decisionNumber === row.decision.decisionNumber);

  for (const field of personDifferences(row.person, stored)) {
    if (decision) differs(field, HOW.person);
    else problems.push(notThePersonOnRecord(field));
  }
  // A merged unit's old code and its new commune's code are one place: the same family sent under the other one is no move.
  if (stored.communeCode !== null && stored.provinceCode !== null) {
    if (communeInForceOf(row.residence, today) !== communeInForceOf({ provinceCode: stored.provinceCode, communeCode: stored.communeCode }, today)) differs('commune_code', HOW.move);
  }
  const household = row.household;
  if (household && (stored.household?.communeCode !== household.communeCode || stored.household.code !== household.code)) differs('household_code', HOW.household);

  const destination = stored.destination;
  if (destination) {
    if (row.destination.channel !== destination.channel) differs('channel', HOW.destination);
    else if ((row.destination.bankBin ?? null) !== destination.bankBin) differs('bank_bin', HOW.destination);
    else if (accountHash !== destination.accountHash) differs('account_number', HOW.destination);
    else if ((row.destination.cashPointCode ?? null) !== destination.cashPointCode) differs('cash_point_code', HOW.destination);
  }

  const poverty = row.household?.poverty;
  const storedPoverty = poverty && stored.poverty.find((p) => p.year === poverty.year);
  if (poverty && storedPoverty && storedPoverty.status !== poverty.status) differs('poverty_status', HOW.poverty);

  if (decision) {
    if (row.decision.groupCode !== decision.groupCode) differs('group_code', HOW.decision);
    if (row.decision.signedOn !== decision.signedOn) differs('signed_on', HOW.decision);
    if (row.decision.effectiveFrom !== decision.effectiveFrom) differs('effective_from', HOW.decision);
    if ((row.decision.effectiveTo ?? null) !== decision.effectiveTo) differs('effective_to', HOW.decision);
    if ((row.decision.certificateDate ?? null) !== decision.certificateDate) differs('certificate_date', HOW.decision);
  }
  return { problems, warnings };
}

/**
 * The fields that tell who a person is, where the row and the register disagree. Names compare as the import reads
 * them (freeText: composed, spaces as one), the register's too, since it may hold a name stored before that rule: a
 * space or a Unicode form is not another person, but case and diacritics are kept ("Nguyễn Văn An" is not
 * "Nguyễn Văn Ân").
 */
export function personDifferences(person: RegisterRow['person'], stored: Pick<StoredPerson, 'fullName' | 'sex' | 'dateOfBirth'>): ColumnName[] {
  const fields: ColumnName[] = [];
  if (person.fullName !== freeText(stored.fullName)) fields.push('full_name');
  if (person.sex !== stored.sex) fields.push('sex');
  if (person.dateOfBirth !== stored.dateOfBirth) fields.push('date_of_birth');
  return fields;
}
