import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { payingCommuneOf } from '@benefits/admin-units';
import type { Programme } from '@benefits/contracts';
import { Outbox, rowsOf, type Sql } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { DataSource } from 'typeorm';
import type { EligibilityConfig } from '../config';
import type { DecisionAttributes } from '../domain/eligibility-input';
import { residenceOn } from '../snapshots/domain/payees';
import { loadResidences } from '../snapshots/snapshot-loader';
import { insertDestinationRows } from '../register/register-writer';
import { assertHoldsHousehold, assertHoldsPerson, assertPlace, assertProgrammes } from '../register/write-scope';
import { todayInVietnam } from '../shared/clock';
import { DeathAlreadyRecordedError, DecisionNotFoundError, InvalidLifeEventError, PersonNotFoundError, type FieldProblem } from '../shared/errors';
import { RegisterCipher, TransportCipher } from '../shared/pii';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import { dayBefore, deathDateProblem, endStudies, funeralProgrammes, parseDestination, parseLifeEvent, type DecisionTarget, type FuneralOrganiser, type LifeEventCommand } from './domain/life-event-rules';
import { logLifeEvent, type Recording } from './life-event-log';
import type { LifeEventDto, LifeEventResultDto, NewDestinationDto } from './life-events.dto';

export type { Recording } from './life-event-log';

interface PersonRow {
  id: string;
  full_name: string;
  household_id: string | null;
  date_of_birth: string;
  date_of_death: string | null;
}

interface DecisionRow {
  id: string;
  programme: Programme;
  attributes: DecisionAttributes;
}

interface Effect {
  decisionIds: string[];
  details: Record<string, string | number | boolean>;
  /** The programmes the event names, when not those of `decisionIds` (or, none changed, of every decision). */
  programmes?: Programme[];
}

/**
 * Applies life events to the register, effective-dated: each one in one transaction that changes the state
 * (append-only where it touches payments: a status row, a destination row), keeps the event in life_event and
 * writes LifeEventRecorded to the outbox. An event that changes nothing (a repeat) records nothing.
 */
@Injectable()
export class LifeEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig,
    private readonly outbox: Outbox,
    private readonly register: RegisterCipher,
    private readonly transport: TransportCipher,
  ) {}

  async record(personRef: string, dto: LifeEventDto, recording: Recording): Promise<LifeEventResultDto> {
    const { command, problems } = parseLifeEvent(dto, todayInVietnam(), this.config.PROVINCE_CODE);
    if (!command) throw new InvalidLifeEventError(`The life event is not valid: ${describe(problems)}`, { problems });
    return this.dataSource.transaction((tx) => this.apply(tx, personRef, command, recording, dto.destination));
  }

  /** In the caller's transaction (the collection-alert consumer's, or record's). */
  async apply(tx: Sql, personRef: string, command: LifeEventCommand, recording: Recording, destination?: NewDestinationDto): Promise<LifeEventResultDto> {
    const [person] = rowsOf<PersonRow>(await tx.query(`SELECT id, full_name, household_id, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth, to_char(date_of_death, 'YYYY-MM-DD') AS date_of_death
           FROM eligibility.person WHERE id = $1 FOR UPDATE`, [personRef]));
    if (!person) throw new PersonNotFoundError(personRef);
    const decisions = rowsOf<DecisionRow>(await tx.query(`SELECT id, programme, attributes FROM eligibility.decision WHERE person_id = $1 ORDER BY id`, [personRef]));
    const targeted = 'target' in command ? target(decisions, command.target) : decisions;
    if ('target' in command && command.target.decisionId && targeted.length === 0) throw new DecisionNotFoundError(`decision ${command.target.decisionId} of person ${personRef}`);
    if (recording.user) await this.authorise(tx, recording.user, person, command, targeted.length > 0 ? targeted : decisions);
    const effect = await this.carryOut(tx, person, targeted, command, recording, destination);
    const result = { personRef, kind: command.kind, effectiveOn: command.effectiveOn, decisionIds: effect?.decisionIds ?? [], changed: effect !== undefined };
    if (!effect) return { lifeEventId: '', ...result };
    const affected = effect.decisionIds.length > 0 ? decisions.filter((d) => effect.decisionIds.includes(d.id)) : decisions;
    const programmes = effect.programmes ?? [...new Set(affected.map((d) => d.programme))];
    const event = { personRef, kind: command.kind, effectiveOn: command.effectiveOn, programmes, details: effect.details, decisionIds: effect.decisionIds };
    return { lifeEventId: await logLifeEvent(tx, this.outbox, event, recording), ...result };
  }

  /**
   * An operator's programmes cover the decisions, their communes hold the person, the commune of a move in, and the
   * commune whose poverty list the person's household is on (its status is every member's).
   */
  private async authorise(tx: Sql, user: AuthUser, person: PersonRow, command: LifeEventCommand, decisions: readonly DecisionRow[]): Promise<void> {
    assertProgrammes(user, decisions.map((d) => d.programme));
    const today = todayInVietnam();
    await assertHoldsPerson(tx, user, person.id, today);
    if (command.kind === 'moved_within_province') assertPlace(user, { provinceCode: command.provinceCode, communeCode: command.communeCode }, today);
    if (command.kind === 'poverty_status_changed' && person.household_id) await assertHoldsHousehold(tx, user, person.household_id, today);
  }

  private async carryOut(tx: Sql, person: PersonRow, decisions: DecisionRow[], command: LifeEventCommand, recording: Recording, destination?: NewDestinationDto): Promise<Effect | undefined> {
    const on = command.effectiveOn;
    switch (command.kind) {
      case 'death': {
        const beforeBirth = deathDateProblem(person.date_of_birth, on);
        if (beforeBirth) throw new InvalidLifeEventError(`The life event is not valid: ${describe([beforeBirth])}`, { problems: [beforeBirth] });
        if (person.date_of_death !== null && person.date_of_death !== on) {
          throw new DeathAlreadyRecordedError(
            `The death is already recorded on ${person.date_of_death}: funeral support and the recoveries of later months follow from that date, and a ` +
              `different date cannot be recorded over it (correcting a recorded date of death is not supported). Report the same date again to name the funeral organiser.`,
            { recordedOn: person.date_of_death },
          );
        }
        const newDate = person.date_of_death === null;
        if (newDate) {
          await tx.query(`UPDATE eligibility.person SET date_of_death = $2, updated_at = now() WHERE id = $1`, [person.id, on]);
          await this.careEndedByDeath(tx, person.id, on, recording);
        }
        // A death reported again with a (new) funeral organiser records the organiser: a change in itself.
        const organiser = command.funeralOrganiser ? await this.funeralOrganiser(tx, person, command.funeralOrganiser, recording.recordedBy) : undefined;
        if (!newDate && !organiser) return undefined;
        // Where they lived when they died: entitlement pays the funeral support with a run of that commune.
        const residence = residenceOn(await loadResidences(tx, person.id), on);
        // Under its code of today: a residence recorded under a unit merged since is paid by the commune it went into,
        // whose runs must find the funeral support (a unit split between several keeps its code: whole-province runs).
        const communeCode = residence?.communeCode && (payingCommuneOf(residence.provinceCode, residence.communeCode, todayInVietnam()) ?? residence.communeCode);
        // The programmes the person was a beneficiary of when they died: entitlement pays funeral support for those.
        const programmes = await programmesInForce(tx, person.id, on);
        return { decisionIds: [], programmes, details: { ...organiser, ...(communeCode && { communeCode }) } };
      }
      case 'moved_within_province':
      case 'moved_out_of_province':
        return this.move(tx, person.id, on, command);
      case 'suspended': {
        const suspension = { status: 'suspended', reason: command.reason, reasonCode: command.reasonCode, withArrears: false };
        const suspended = await this.appendStatus(tx, decisions, on, 'active', suspension, recording.recordedBy);
        if (suspended) await this.suspendContinuations(tx, suspended.decisionIds, on, suspension, recording.recordedBy);
        return suspended;
      }
      case 'resumed': {
        const resumption = { status: 'active', reason: command.reason ?? 'resumed', withArrears: command.withArrears };
        const resumed = await this.appendStatus(tx, decisions, on, 'suspended', resumption, recording.recordedBy);
        return resumed ?? (command.withArrears ? this.grantArrears(tx, decisions, on, resumption, recording.recordedBy) : undefined);
      }
      case 'studying_ended': {
        const changed = decisions.flatMap((d) => {
          const attributes = endStudies(d.attributes, on);
          return attributes ? [{ id: d.id, attributes }] : [];
        });
        for (const d of changed) await tx.query(`UPDATE eligibility.decision SET attributes = $2 WHERE id = $1`, [d.id, JSON.stringify(d.attributes)]);
        return changed.length ? { decisionIds: changed.map((d) => d.id), details: { decisionCount: changed.length } } : undefined;
      }
      case 'poverty_status_changed':
        return this.povertyStatus(tx, person, command.year, command.status);
      case 'payment_destination_changed':
        return this.newDestination(tx, person, on, destination, recording.recordedBy);
    }
  }

  /**
   * The care allowances held for a person who died stop from the month after the month of death (CARED_FOR_DECEASED in
   * the rules). Each care decision held for them is told to entitlement as a cared_for_died event of its holder, who
   * was paid: the months the holder was paid after that are recovered there. The decisions themselves are unchanged.
   */
  private async careEndedByDeath(tx: Sql, caredForId: string, dateOfDeath: string, recording: Recording): Promise<void> {
    const held = rowsOf<{ id: string; person_id: string; programme: Programme; group_code: string; decision_number: string }>(
      await tx.query(`SELECT id, person_id, programme, group_code, decision_number FROM eligibility.decision WHERE cared_for_person_id = $1 ORDER BY id`, [
        caredForId,
      ]),
    );
    for (const decision of held) {
      const details = { decisionId: decision.id, decisionNumber: decision.decision_number, groupCode: decision.group_code, caredForRef: caredForId };
      const event = { personRef: decision.person_id, kind: 'cared_for_died' as const, effectiveOn: dateOfDeath, programmes: [decision.programme], details, decisionIds: [decision.id] };
      await logLifeEvent(tx, this.outbox, event, recording);
    }
  }

  /** The open residence ends the day before; the new one starts on the day of the move. */
  private async move(tx: Sql, personId: string, on: string, to: { provinceCode: string; communeCode?: string; address?: string }): Promise<Effect | undefined> {
    const { provinceCode, communeCode } = to;
    const [current] = rowsOf<{ valid_from: string; province_code: string; commune_code: string | null }>(
      await tx.query(
        `SELECT to_char(valid_from, 'YYYY-MM-DD') AS valid_from, province_code, commune_code FROM eligibility.residence WHERE person_id = $1 AND valid_to IS NULL`,
        [personId],
      ),
    );
    // The same move reported again (the residence in force began that day, in that place) changes nothing.
    if (current && current.valid_from === on && current.province_code === provinceCode && current.commune_code === (communeCode ?? null)) return undefined;
    if (current && current.valid_from >= on) {
      throw new InvalidLifeEventError(`The current residence began on ${current.valid_from}: a move must come after it`, { problems: [{ field: 'effectiveOn', code: 'BEFORE_CURRENT_RESIDENCE', reason: 'the move is not after the current residence began' }] });
    }
    await tx.query(`UPDATE eligibility.residence SET valid_to = $2 WHERE person_id = $1 AND valid_to IS NULL`, [personId, dayBefore(on)]);
    await tx.query(`INSERT INTO eligibility.residence (person_id, commune_code, province_code, valid_from, address) VALUES ($1, $2, $3, $4, $5)`, [
      personId,
      communeCode ?? null,
      provinceCode,
      on,
      to.address ?? null,
    ]);
    // The address stays in the register: no other service needs it from the event (the cash list has it from the run).
    return { decisionIds: [], details: { provinceCode, ...(communeCode && { communeCode }) } };
  }

  /**
   * A suspension dated before an amendment's first day (a collection alert, a custody reported late) stops the
   * amending decisions too: each continues the decision it amends (amendment.ts) and starts with an active row of its
   * own, so the suspension of the amended one, which ends at the amendment, would leave the person paid from the
   * amendment's month on. Each amending decision (and its own, in a chain) is suspended from its first day, unless
   * the amended one was resumed between the suspension and then; a resumption of the programme then resumes it.
   */
  private async suspendContinuations(tx: Sql, suspendedIds: readonly string[], on: string, row: StatusRow, recordedBy: string): Promise<void> {
    const queue = suspendedIds.map((id) => ({ id, since: on }));
    for (let item = queue.shift(); item; item = queue.shift()) {
      const continuing = rowsOf<{ id: string; effective_from: string }>(
        await tx.query(
          `SELECT a.id, to_char(a.effective_from, 'YYYY-MM-DD') AS effective_from FROM eligibility.decision a
            WHERE a.amends_decision_id = $1 AND a.effective_from > $2
              AND NOT EXISTS (SELECT 1 FROM eligibility.decision_status s WHERE s.decision_id = $1
                                AND s.status = 'active' AND s.valid_from > $2 AND s.valid_from < a.effective_from)`,
          [item.id, item.since],
        ),
      );
      for (const decision of continuing) {
        const inState = await this.latestOn(tx, [{ id: decision.id } as DecisionRow], decision.effective_from, 'latest.status = $3', ['active']);
        if (inState.length === 0) continue;
        await insertStatus(tx, inState, decision.effective_from, { ...row, reason: `${row.reason} (from ${on}, before the amendment)` }, recordedBy);
        queue.push({ id: decision.id, since: decision.effective_from });
      }
    }
  }

  /**
   * A resumption recorded for that day without arrears, recorded again with them (an operator's correction): the
   * row with arrears is appended after it, on the same day, and the suspended months are owed (the rules read the
   * resumption recorded last for a day; late-decision.ts owes them from the next run, as it was recorded since).
   * The reverse is no change: arrears once granted are not taken back by a repeat.
   */
  private async grantArrears(tx: Sql, decisions: DecisionRow[], on: string, to: StatusRow, recordedBy: string): Promise<Effect | undefined> {
    const corrected = await this.latestOn(
      tx,
      decisions,
      on,
      `latest.status = 'active' AND latest.valid_from = $2 AND NOT latest.with_arrears
       AND EXISTS (SELECT 1 FROM eligibility.decision_status s WHERE s.decision_id = latest.decision_id AND s.status = 'suspended' AND s.valid_from < $2)`,
    );
    if (corrected.length === 0) return undefined;
    await insertStatus(tx, corrected, on, { ...to, reason: `${to.reason} (with arrears: the resumption of this day corrected)`, withArrears: true }, recordedBy);
    return { decisionIds: corrected, details: { reason: to.reason, withArrears: true, decisionCount: corrected.length, corrected: true } };
  }

  /**
   * Appends a status row to each decision whose status on that day is `from` (a repeat finds none: no change). A
   * decision terminated by then is left alone: a termination is final (see statusInForce in eligibility-rules).
   */
  private async appendStatus(tx: Sql, decisions: DecisionRow[], on: string, from: string, to: StatusRow, recordedBy: string): Promise<Effect | undefined> {
    const inState = await this.latestOn(tx, decisions, on, 'latest.status = $3', [from]);
    if (inState.length === 0) return undefined;
    await insertStatus(tx, inState, on, to, recordedBy);
    return { decisionIds: inState, details: { reason: to.reason, withArrears: to.withArrears, decisionCount: inState.length } };
  }

  /**
   * The decisions whose latest status row on `on` meets `condition` (SQL over `latest`: its decision_id, status,
   * valid_from and with_arrears; $1 the decisions, $2 the day, $3 on: `params`), none terminated by then.
   */
  private async latestOn(tx: Sql, decisions: readonly DecisionRow[], on: string, condition: string, params: unknown[] = []): Promise<string[]> {
    if (decisions.length === 0) return [];
    const rows = rowsOf<{ decision_id: string }>(
      await tx.query(
        `SELECT decision_id FROM (
           SELECT DISTINCT ON (decision_id) decision_id, status, valid_from, with_arrears FROM eligibility.decision_status
            WHERE decision_id = ANY($1::uuid[]) AND valid_from <= $2 ORDER BY decision_id, valid_from DESC, id DESC) latest
          WHERE ${condition}
            AND NOT EXISTS (SELECT 1 FROM eligibility.decision_status t WHERE t.decision_id = latest.decision_id AND t.status = 'terminated' AND t.valid_from <= $2)`,
        [decisions.map((d) => d.id), on, ...params],
      ),
    );
    return rows.map((row) => row.decision_id);
  }

  private async povertyStatus(tx: Sql, person: PersonRow, year: number, status: string): Promise<Effect | undefined> {
    let householdId = person.household_id;
    if (!householdId) {
      householdId = randomUUID();
      await tx.query(`INSERT INTO eligibility.household (id, code) VALUES ($1, $2)`, [householdId, `person:${person.id}`]);
      await tx.query(`UPDATE eligibility.person SET household_id = $2, updated_at = now() WHERE id = $1`, [person.id, householdId]);
    }
    const changed = rowsOf(
      await tx.query(
        `INSERT INTO eligibility.household_poverty (household_id, year, status) VALUES ($1, $2, $3)
         ON CONFLICT (household_id, year) DO UPDATE SET status = EXCLUDED.status, recorded_at = now()
           WHERE eligibility.household_poverty.status <> EXCLUDED.status
         RETURNING household_id`,
        [householdId, year, status],
      ),
    );
    return changed.length ? { decisionIds: [], details: { year, status } } : undefined;
  }

  private async newDestination(tx: Sql, person: PersonRow, on: string, dto: NewDestinationDto | undefined, recordedBy: string): Promise<Effect | undefined> {
    if (!dto) throw new InvalidLifeEventError('payment_destination_changed needs the new destination', { problems: [{ field: 'destination', code: 'REQUIRED', reason: 'destination is required' }] });
    const { destination, problems } = parseDestination(dto, person.full_name, on, 'destination');
    if (!destination) throw new InvalidLifeEventError(`The new destination is not valid: ${describe(problems)}`, { problems });
    // The same destination reported again for the same day (the latest one recorded for that day) changes nothing.
    const [latest] = rowsOf<{ channel: string; bank_bin: string | null; account_hash: string | null; cash_point_code: string | null; holder_name: string }>(
      await tx.query(
        `SELECT channel, bank_bin, account_hash, cash_point_code, holder_name FROM eligibility.payment_destination
          WHERE person_id = $1 AND purpose = 'regular' AND valid_from = $2 ORDER BY id DESC LIMIT 1`,
        [person.id, on],
      ),
    );
    const accountHash = destination.accountNumber ? this.register.lookupHash(destination.accountNumber) : null;
    const same =
      latest !== undefined &&
      latest.channel === destination.channel &&
      latest.bank_bin === (destination.bankBin ?? null) &&
      latest.account_hash === accountHash &&
      latest.cash_point_code === (destination.cashPointCode ?? null) &&
      latest.holder_name === destination.holderName;
    if (same) return undefined;
    await insertDestinationRows(tx, { register: this.register, transport: this.transport }, [{ personId: person.id, ...destination }], recordedBy);
    return { decisionIds: [], details: destinationDetails(destination) };
  }

  /**
   * Appends the organiser's destination (purpose 'funeral', encrypted like any other) unless the latest one is the
   * same; returns what the life event says of it (never a name or a whole account number), or undefined.
   */
  private async funeralOrganiser(tx: Sql, person: PersonRow, organiser: FuneralOrganiser, recordedBy: string): Promise<Effect['details'] | undefined> {
    const { destination, relationship } = organiser;
    const [latest] = rowsOf<{ channel: string; bank_bin: string | null; account_hash: string | null; holder_name: string; payee_relationship: string | null; cash_point_code: string | null }>(
      await tx.query(
        `SELECT channel, bank_bin, account_hash, holder_name, payee_relationship, cash_point_code FROM eligibility.payment_destination
          WHERE person_id = $1 AND purpose = 'funeral' ORDER BY valid_from DESC, id DESC LIMIT 1`,
        [person.id],
      ),
    );
    const accountHash = destination.accountNumber ? this.register.lookupHash(destination.accountNumber) : null;
    const same =
      latest && latest.channel === destination.channel && latest.bank_bin === (destination.bankBin ?? null) && latest.account_hash === accountHash &&
      latest.holder_name === destination.holderName && latest.payee_relationship === relationship && latest.cash_point_code === (destination.cashPointCode ?? null);
    if (same) return undefined;
    await insertDestinationRows(
      tx,
      { register: this.register, transport: this.transport },
      [{ personId: person.id, ...destination, purpose: 'funeral', payeeRelationship: relationship }],
      recordedBy,
    );
    return { funeralOrganiser: true, organiserRelationship: relationship, ...prefixed('organiser', destinationDetails(destination)) };
  }
}

/** What a life event tells of a destination: channel, bank, the last 4 digits of the account, the cash point. */
function destinationDetails(destination: FuneralOrganiser['destination']): Record<string, string> {
  return {
    channel: destination.channel,
    ...(destination.bankBin && { bankBin: destination.bankBin }),
    ...(destination.accountNumber && { accountLast4: destination.accountNumber.slice(-4) }),
    ...(destination.cashPointCode && { cashPointCode: destination.cashPointCode }),
  };
}

/** { channel: 'bank' } → { organiserChannel: 'bank' } */
function prefixed(prefix: string, details: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [`${prefix}${key[0].toUpperCase()}${key.slice(1)}`, value]));
}

function target(decisions: DecisionRow[], wanted: DecisionTarget): DecisionRow[] {
  return decisions.filter((d) => (!wanted.decisionId || d.id === wanted.decisionId) && (!wanted.programme || d.programme === wanted.programme));
}

function describe(problems: readonly FieldProblem[]): string {
  return problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
}

/** A status row of a decision, as a life event appends it. */
interface StatusRow {
  readonly status: string;
  readonly reason: string;
  readonly reasonCode?: string;
  readonly withArrears: boolean;
}

/** The same status row, from `on`, for each of the decisions. */
async function insertStatus(tx: Sql, decisionIds: readonly string[], on: string, row: StatusRow, recordedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, reason_code, with_arrears, recorded_by)
     SELECT id, $2, $3, $4, $5, $6, $7 FROM unnest($1::uuid[]) AS id`,
    [decisionIds, row.status, on, row.reason, row.reasonCode ?? null, row.withArrears, recordedBy],
  );
}

/**
 * The programmes of the person's decisions in force on `day`: started, not ended, not terminated by then (active or
 * suspended). A decision terminated before (the person had a pension of their own since, moved away) makes them no
 * beneficiary of it any more: no funeral support is owed for it (D20 Art.11); nor is it for a care allowance held for
 * someone else (funeralProgrammes).
 */
async function programmesInForce(tx: Sql, personId: string, day: string): Promise<Programme[]> {
  const rows = rowsOf<{ programme: Programme; groupCode: string }>(
    await tx.query(
      `SELECT DISTINCT d.programme, d.group_code AS "groupCode" FROM eligibility.decision d
        WHERE d.person_id = $1 AND d.effective_from <= $2 AND (d.effective_to IS NULL OR d.effective_to >= $2)
          AND NOT EXISTS (SELECT 1 FROM eligibility.decision_status t WHERE t.decision_id = d.id AND t.status = 'terminated' AND t.valid_from <= $2)
        ORDER BY d.programme`,
      [personId, day],
    ),
  );
  return funeralProgrammes(rows);
}
