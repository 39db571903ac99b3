/**
 * Data problems that make a decision unusable for one person, found before any rule runs. They come back as
 * INVALID_DECISION for that person rather than as an exception, so that one bad registry row never stops a run.
 */
import type { GroupFamily } from './benefit-groups';
import { findGroup } from './benefit-groups';
import type { EligibilityInput, Period } from './eligibility-input';
import { parseIsoDate } from './months';

export function findDataProblem(input: EligibilityInput, family: GroupFamily): string | undefined {
  const { person, decision } = input;
  if (family.programme !== decision.programme) {
    return `${decision.groupCode} belongs to ${family.programme}, the decision says ${decision.programme}.`;
  }
  const badDate = [...datesOf(input)].find(([, value]) => !isDate(value));
  if (badDate) return `${badDate[0]} is not a date: ${JSON.stringify(badDate[1])}.`;
  if (person.dateOfDeath !== undefined && person.dateOfDeath < person.dateOfBirth) return 'The date of death is before the date of birth.';
  if (decision.effectiveTo !== undefined && decision.effectiveTo < decision.effectiveFrom) return 'effectiveTo is before effectiveFrom.';
  if (decision.caredFor !== undefined && !family.mayNameCaredFor) return `${family.code} is not a care allowance a household holds for another person: it names nobody cared for.`;

  const needsInjuryRate = family.bands.some((band) => findGroup(band.groupCode)?.needsInjuryRate);
  const rate = decision.attributes?.injuryRate;
  if (needsInjuryRate && (rate === undefined || !Number.isInteger(rate) || rate < 1 || rate > 100)) {
    return `${family.code} is paid by injury rate, and the decision has no injury rate between 1 and 100%.`;
  }
  return undefined;
}

function* datesOf(input: EligibilityInput): Generator<[string, string]> {
  const { person, decision } = input;
  yield ['dateOfBirth', person.dateOfBirth];
  if (person.dateOfDeath !== undefined) yield ['dateOfDeath', person.dateOfDeath];
  yield* periodDates('residence', person.residences);
  yield ['signedOn', decision.signedOn];
  yield ['effectiveFrom', decision.effectiveFrom];
  if (decision.effectiveTo !== undefined) yield ['effectiveTo', decision.effectiveTo];
  if (decision.certificateDate !== undefined) yield ['certificateDate', decision.certificateDate];
  for (const change of decision.statusHistory) yield ['status change', change.from];
  if (decision.caredFor !== undefined) yield ["cared-for person's dateOfBirth", decision.caredFor.dateOfBirth];
  if (decision.caredFor?.dateOfDeath !== undefined) yield ["cared-for person's dateOfDeath", decision.caredFor.dateOfDeath];
  yield* periodDates('study period', decision.attributes?.studyPeriods ?? []);
  for (const child of decision.attributes?.children ?? []) {
    yield ["child's dateOfBirth", child.dateOfBirth];
    yield* periodDates("child's study period", child.studyPeriods ?? []);
  }
}

function* periodDates(label: string, periods: readonly Period[]): Generator<[string, string]> {
  for (const period of periods) {
    yield [`${label} from`, period.from];
    if (period.to !== undefined) yield [`${label} to`, period.to];
  }
}

function isDate(value: string): boolean {
  try {
    parseIsoDate(value);
    return true;
  } catch {
    return false;
  }
}
