/**
 * Life events as the register applies them, pure: a request is checked and turned into a command; the service
 * carries the command out in one transaction. The month rules themselves stay in eligibility-rules.ts (death stops
 * from the month after, a move pays from the first day of a month, a suspension counts from the first day on or
 * after it): a life event only records the fact with its date.
 */
import { findCommune, isWithinProvince } from '@benefits/admin-units';
import { resolveFamily } from '../../domain/benefit-groups';
import { ADDRESS_MAX_LENGTH, type DecisionAttributes, type PovertyStatus } from '../../domain/eligibility-input';
import { addMonths, firstDayOf, isIsoDate, parseMonth, type IsoDate } from '../../domain/months';
import type { RegisterRow } from '../../imports/domain/import-layout';
import { freeText, validateDestination } from '../../imports/domain/validate-row';
import type { FieldProblem } from '../../shared/errors';

/** Which decisions of the person an event is about; none given: all of them. */
export interface DecisionTarget {
  readonly decisionId?: string;
  readonly programme?: string;
}

export interface LifeEventRequest extends DecisionTarget {
  readonly kind: string;
  readonly effectiveOn: string;
  readonly reason?: string;
  readonly withArrears?: boolean;
  readonly communeCode?: string;
  readonly provinceCode?: string;
  readonly address?: string;
  readonly year?: number;
  readonly povertyStatus?: string;
  readonly funeralOrganiser?: FuneralOrganiserRequest;
}

/** A destination as asked for (API or Kafka), before validation. */
export interface DestinationRequest {
  readonly channel: string;
  readonly bankBin?: string;
  readonly accountNumber?: string;
  readonly holderName?: string;
  readonly cashPointCode?: string;
}

export interface FuneralOrganiserRequest {
  readonly fullName: string;
  readonly relationship: string;
  readonly destination: DestinationRequest;
}

/** Who organised the funeral of a beneficiary and where the funeral support is paid to them (D20 Art.11). */
export interface FuneralOrganiser {
  readonly fullName: string;
  readonly relationship: string;
  readonly destination: RegisterRow['destination'];
}

export type LifeEventKind = LifeEventCommand['kind'];

export type LifeEventCommand =
  | { readonly kind: 'death'; readonly effectiveOn: IsoDate; readonly funeralOrganiser?: FuneralOrganiser }
  | { readonly kind: 'moved_within_province'; readonly effectiveOn: IsoDate; readonly communeCode: string; readonly provinceCode: string; readonly address?: string }
  | { readonly kind: 'moved_out_of_province'; readonly effectiveOn: IsoDate; readonly provinceCode: string; readonly communeCode?: string }
  | { readonly kind: 'suspended'; readonly effectiveOn: IsoDate; readonly reason: string; readonly reasonCode?: string; readonly target: DecisionTarget }
  | { readonly kind: 'resumed'; readonly effectiveOn: IsoDate; readonly withArrears: boolean; readonly reason?: string; readonly target: DecisionTarget }
  | { readonly kind: 'studying_ended'; readonly effectiveOn: IsoDate; readonly target: DecisionTarget }
  | { readonly kind: 'poverty_status_changed'; readonly effectiveOn: IsoDate; readonly year: number; readonly status: PovertyStatus }
  | { readonly kind: 'payment_destination_changed'; readonly effectiveOn: IsoDate };

const POVERTY: readonly PovertyStatus[] = ['poor', 'near_poor', 'none'];

export function parseLifeEvent(request: LifeEventRequest, today: IsoDate, payingProvince: string): { command?: LifeEventCommand; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const problem = (field: string, code: string, reason: string) => problems.push({ field, code, reason });
  const effectiveOn = request.effectiveOn;
  if (!isIsoDate(effectiveOn)) problem('effectiveOn', 'INVALID_DATE', 'effectiveOn must be a date YYYY-MM-DD');
  else if (effectiveOn > today && request.kind === 'death') problem('effectiveOn', 'DATE_IN_FUTURE', `a death cannot be recorded for ${effectiveOn}, after today`);
  // A resumption with arrears makes the suspended months payable (eligibility-rules.ts): dated ahead, it would pay the
  // months still to come in the suspension as if it were over. It is recorded on the day it happens.
  else if (effectiveOn > today && request.kind === 'resumed') problem('effectiveOn', 'DATE_IN_FUTURE', `a resumption cannot be recorded for ${effectiveOn}, after today: record it when it takes effect`);
  const target: DecisionTarget = { ...(request.decisionId && { decisionId: request.decisionId }), ...(request.programme && { programme: request.programme }) };
  if (request.funeralOrganiser && request.kind !== 'death') problem('funeralOrganiser', 'NOT_ALLOWED', 'only a death has a funeral organiser');
  if (request.address && request.kind !== 'moved_within_province') problem('address', 'NOT_ALLOWED', 'only a move within the province has an address');
  const command = ((): LifeEventCommand | undefined => {
    switch (request.kind) {
      case 'death': {
        if (!request.funeralOrganiser) return { kind: 'death', effectiveOn };
        const funeralOrganiser = parseFuneralOrganiser(request.funeralOrganiser, effectiveOn);
        problems.push(...funeralOrganiser.problems);
        return funeralOrganiser.organiser ? { kind: 'death', effectiveOn, funeralOrganiser: funeralOrganiser.organiser } : undefined;
      }
      case 'moved_within_province': {
        const commune = request.communeCode ? findCommune(request.communeCode, effectiveOn) : undefined;
        if (!commune || !isWithinProvince(commune.provinceCode, payingProvince)) {
          problem('communeCode', 'UNKNOWN_COMMUNE', `communeCode must be a commune of province ${payingProvince} on ${effectiveOn}`);
          return undefined;
        }
        const address = request.address?.trim();
        if (address && address.length > ADDRESS_MAX_LENGTH) problem('address', 'TOO_LONG', `address has more than ${ADDRESS_MAX_LENGTH} characters`);
        return { kind: 'moved_within_province', effectiveOn, communeCode: commune.code, provinceCode: commune.provinceCode, ...(address && { address }) };
      }
      case 'moved_out_of_province':
        if (!request.provinceCode || !/^\d{2}$/.test(request.provinceCode) || isWithinProvince(request.provinceCode, payingProvince)) {
          problem('provinceCode', 'NOT_ANOTHER_PROVINCE', `provinceCode must be the 2-digit code of a province other than ${payingProvince}`);
          return undefined;
        }
        if (request.communeCode && !/^\d{5}$/.test(request.communeCode)) problem('communeCode', 'INVALID_COMMUNE_CODE', 'communeCode must have 5 digits');
        return { kind: 'moved_out_of_province', effectiveOn, provinceCode: request.provinceCode, ...(request.communeCode && { communeCode: request.communeCode }) };
      case 'suspended':
        if (!request.reason?.trim()) problem('reason', 'REQUIRED', 'a suspension needs its reason (e.g. refused re-assessment, custody)');
        return { kind: 'suspended', effectiveOn, reason: request.reason?.trim() ?? '', target };
      case 'resumed':
        return { kind: 'resumed', effectiveOn, withArrears: request.withArrears === true, ...(request.reason && { reason: request.reason }), target };
      case 'studying_ended':
        return { kind: 'studying_ended', effectiveOn, target };
      case 'poverty_status_changed': {
        const status = POVERTY.find((value) => value === request.povertyStatus);
        const year = request.year ?? Number(effectiveOn.slice(0, 4));
        if (!status) problem('povertyStatus', 'NOT_ALLOWED', `povertyStatus must be one of ${POVERTY.join(', ')}`);
        if (!Number.isInteger(year) || year < 2000 || year > 2100) problem('year', 'OUT_OF_RANGE', 'year must be a year from 2000 to 2100');
        return status ? { kind: 'poverty_status_changed', effectiveOn, year, status } : undefined;
      }
      case 'payment_destination_changed':
        return { kind: 'payment_destination_changed', effectiveOn };
      default:
        problem('kind', 'UNKNOWN_KIND', `kind ${request.kind} is not a life event`);
        return undefined;
    }
  })();
  return problems.length === 0 && command ? { command, problems } : { problems };
}

const DESTINATION_FIELDS: Readonly<Record<string, string>> = {
  channel: 'channel', bank_bin: 'bankBin', account_number: 'accountNumber', account_holder_name: 'holderName', cash_point_code: 'cashPointCode',
};

/**
 * A destination asked for on its own (a change of destination, a funeral organiser's), checked like the destination
 * columns of a register row; problems name the JSON fields under `prefix`.
 */
export function parseDestination(
  request: DestinationRequest,
  holderDefault: string,
  validFrom: IsoDate,
  prefix: string,
): { destination?: RegisterRow['destination']; problems: FieldProblem[] } {
  const raw = {
    channel: request.channel, bank_bin: request.bankBin ?? '', account_number: request.accountNumber ?? '',
    account_holder_name: request.holderName ?? '', cash_point_code: request.cashPointCode ?? '',
  };
  // Any date: a destination may start before or after today (a death is often reported late).
  const { destination, problems } = validateDestination(raw, holderDefault, validFrom, '9999-12-31');
  return { ...(destination && { destination }), problems: problems.map((p) => ({ ...p, field: `${prefix}.${DESTINATION_FIELDS[p.field] ?? p.field}` })) };
}

/** The funeral organiser of a death: named, related to the deceased, and with a destination valid from the death. */
function parseFuneralOrganiser(request: FuneralOrganiserRequest, dateOfDeath: IsoDate): { organiser?: FuneralOrganiser; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const fullName = freeText(request.fullName ?? '');
  const relationship = freeText(request.relationship ?? '');
  if (!fullName) problems.push({ field: 'funeralOrganiser.fullName', code: 'REQUIRED', reason: 'the funeral organiser\'s full name is required' });
  if (!relationship) problems.push({ field: 'funeralOrganiser.relationship', code: 'REQUIRED', reason: 'the funeral organiser\'s relationship to the deceased is required' });
  const { destination, problems: destinationProblems } = parseDestination(request.destination ?? { channel: '' }, fullName, dateOfDeath, 'funeralOrganiser.destination');
  problems.push(...destinationProblems);
  return problems.length === 0 && destination ? { organiser: { fullName, relationship, destination }, problems } : { problems };
}

/**
 * A death dated before the person was born is a date typed wrong (1925 for 2025): refused, as a recorded death is not
 * corrected (entitlement recovers the months after it).
 */
export function deathDateProblem(dateOfBirth: IsoDate, dateOfDeath: IsoDate): FieldProblem | undefined {
  if (dateOfDeath >= dateOfBirth) return undefined;
  return { field: 'effectiveOn', code: 'BEFORE_BIRTH', reason: `a death cannot be recorded for ${dateOfDeath}, before the date of birth on record (${dateOfBirth})` };
}

/** The studies that were open on `on` end that day; undefined when nothing changes. */
export function endStudies(attributes: DecisionAttributes, on: IsoDate): DecisionAttributes | undefined {
  const periods = attributes.studyPeriods ?? [];
  let changed = false;
  const ended = periods.map((period) => {
    if (period.from <= on && (period.to === undefined || period.to > on)) {
      changed = true;
      return { ...period, to: on };
    }
    return period;
  });
  return changed ? { ...attributes, studyPeriods: ended } : undefined;
}

/**
 * Not collected in the months reported (three in a row, D20 / Circular 02/2021): suspended from the first day of the
 * month after the last of them, so the next month is not paid; a resumption with arrears pays the gap.
 */
export function suspensionStartAfter(months: readonly string[]): IsoDate {
  const last = months.map(parseMonth).reduce((latest, month) => (month > latest ? month : latest));
  return firstDayOf(addMonths(last, 1));
}

export function dayBefore(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

/**
 * The programmes whose funeral support a death is owed, of the decisions in force on the day of death: those that made
 * the person a beneficiary of a monthly allowance (D20 Art.11; the social pension). A care allowance (D20 Art.20) is
 * paid to a household for caring for someone else: its holder is no beneficiary, and a carer's death owes no funeral
 * support (the death of the person cared for does, on their own decision). A code not in the catalogue is kept.
 */
export function funeralProgrammes<P extends string>(decisions: readonly { readonly programme: P; readonly groupCode: string }[]): P[] {
  const owed = decisions.filter((decision) => {
    const resolution = resolveFamily(decision.groupCode);
    return !resolution.found || resolution.family.combination !== 'SA_CARE';
  });
  return [...new Set(owed.map((decision) => decision.programme))].sort();
}
