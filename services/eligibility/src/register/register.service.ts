import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuthUser } from '@benefits/platform';
import { DataSource } from 'typeorm';
import type { ColumnName, RawRow } from '../imports/domain/import-layout';
import { caredForProblems } from '../imports/domain/cared-for';
import { validateRow } from '../imports/domain/validate-row';
import { caredForPersonsOf } from './cared-for-persons';
import { todayInVietnam } from '../shared/clock';
import { AlreadyInRegisterError, InvalidRegisterDataError, type FieldProblem } from '../shared/errors';
import { NationalIdMisses } from '../shared/national-id-misses';
import { RegisterCipher } from '../shared/pii';
import type { RegisteredDto, RegisterPersonDto } from './register.dto';
import { RegisterWriter } from './register-writer';
import { scopeRefusal } from './domain/write-scope';
import { assertHolds, assertPlace, assertProgrammes, holdingPlaces } from './write-scope';

/** Where each column of the layout sits in the JSON of POST /persons, to name the field of a problem. */
const JSON_FIELDS: Partial<Record<ColumnName, string>> = {
  national_id: 'nationalId', full_name: 'fullName', sex: 'sex', date_of_birth: 'dateOfBirth', date_of_death: 'dateOfDeath', phone: 'phone',
  household_code: 'household.code', poverty_year: 'household.povertyYear', poverty_status: 'household.povertyStatus',
  commune_code: 'residence.communeCode', residence_from: 'residence.from', address: 'residence.address',
  programme: 'decision.programme', group_code: 'decision.groupCode', decision_number: 'decision.decisionNumber', signing_level: 'decision.signingLevel',
  signed_on: 'decision.signedOn', effective_from: 'decision.effectiveFrom', effective_to: 'decision.effectiveTo', certificate_date: 'decision.certificateDate',
  injury_rate: 'decision.injuryRate', especially_severe_wound: 'decision.especiallySevereWound', seniority_years: 'decision.seniorityYears',
  studying_from: 'decision.studyingFrom', studying_to: 'decision.studyingTo', children_birth_dates: 'decision.childrenBirthDates',
  cared_for_national_id: 'decision.caredForNationalId', cared_for_date_of_birth: 'decision.caredForDateOfBirth',
  channel: 'destination.channel', bank_bin: 'destination.bankBin', account_number: 'destination.accountNumber',
  account_holder_name: 'destination.holderName', cash_point_code: 'destination.cashPointCode', destination_from: 'destination.validFrom',
};

/** Single changes through the JSON API: one person with one decision and destination, validated like an import row. */
@Injectable()
export class RegisterService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: RegisterWriter,
    private readonly cipher: RegisterCipher,
    private readonly nationalIdMisses: NationalIdMisses,
  ) {}

  /**
   * Whether an ID number is in the register shows in the answer (held by another commune: 403; a person cared for
   * not in the register: 422): each such answer counts towards the user's NATIONAL_ID_MISSES_PER_HOUR, as a search
   * by ID number that finds nobody does, and a user past it is refused.
   */
  async register(dto: RegisterPersonDto, user: AuthUser): Promise<RegisteredDto> {
    this.nationalIdMisses.assertAllowed(user.id);
    const today = todayInVietnam();
    const result = validateRow(toRawRow(dto), today);
    if (!result.valid) throw new InvalidRegisterDataError(inJsonFields(result.problems));
    const { programme } = result.row.decision;
    assertProgrammes(user, [programme]);
    assertPlace(user, result.row.residence, today);
    const written = await this.dataSource.transaction(async (tx) => {
      // A person already in the register keeps their residence: the commune holding their file must be the operator's too.
      const known = await holdingPlaces(tx, { nationalIdHashes: [this.cipher.lookupHash(result.row.person.nationalId)] }, user.provinceCode, today);
      if ([...known.values()].some((place) => scopeRefusal(user, place, today))) await this.nationalIdMisses.missed(user.id);
      for (const place of known.values()) assertHolds(user, place, today);
      const caredForId = result.row.decision.caredForNationalId;
      if (caredForId) {
        const hash = this.cipher.lookupHash(caredForId);
        const caredFor = (await caredForPersonsOf(tx, [hash])).get(hash);
        const problems = caredFor
          ? inJsonFields(caredForProblems(result.row.decision, caredFor))
          : [{ field: 'decision.caredForNationalId', code: 'NOT_IN_REGISTER', reason: 'the person cared for is not in the register: register them first' }];
        if (problems.length > 0) {
          await this.nationalIdMisses.missed(user.id);
          throw new InvalidRegisterDataError(problems);
        }
      }
      return this.writer.write(tx, [result.row], { recordedBy: user.id, operator: user }).catch((error: unknown) => {
        // The writer names the columns of a row (an ID number that is another person's): here they are the JSON's.
        throw error instanceof InvalidRegisterDataError ? new InvalidRegisterDataError(inJsonFields(error.problems)) : error;
      });
    });
    if (written.decisions === 0) {
      throw new AlreadyInRegisterError(`The person already has decision ${result.row.decision.decisionNumber} of ${programme}: nothing changed`);
    }
    return { ...written.refs[0], personCreated: written.persons === 1 };
  }
}

function inJsonFields(problems: readonly FieldProblem[]): FieldProblem[] {
  return problems.map((p) => ({ ...p, field: JSON_FIELDS[p.field as ColumnName] ?? p.field }));
}

function toRawRow(dto: RegisterPersonDto): RawRow {
  const { household, residence, decision, destination } = dto;
  const text = (value: string | number | boolean | undefined) => (value === undefined ? '' : String(value));
  return {
    national_id: dto.nationalId, full_name: dto.fullName, sex: dto.sex, date_of_birth: dto.dateOfBirth,
    date_of_death: text(dto.dateOfDeath), phone: text(dto.phone),
    household_code: text(household?.code), poverty_year: text(household?.povertyYear), poverty_status: text(household?.povertyStatus),
    commune_code: residence.communeCode, residence_from: residence.from, address: text(residence.address),
    programme: decision.programme, group_code: decision.groupCode, decision_number: decision.decisionNumber, signing_level: decision.signingLevel,
    signed_on: decision.signedOn, effective_from: decision.effectiveFrom, effective_to: text(decision.effectiveTo), certificate_date: text(decision.certificateDate),
    injury_rate: text(decision.injuryRate), especially_severe_wound: decision.especiallySevereWound ? 'yes' : '', seniority_years: text(decision.seniorityYears),
    studying_from: text(decision.studyingFrom), studying_to: text(decision.studyingTo), children_birth_dates: (decision.childrenBirthDates ?? []).join(';'),
    cared_for_national_id: text(decision.caredForNationalId), cared_for_date_of_birth: text(decision.caredForDateOfBirth),
    channel: destination.channel, bank_bin: text(destination.bankBin), account_number: text(destination.accountNumber),
    account_holder_name: text(destination.holderName), cash_point_code: text(destination.cashPointCode), destination_from: text(destination.validFrom),
  };
}
