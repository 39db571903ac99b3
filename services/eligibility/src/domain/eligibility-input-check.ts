/**
 * Data problems that make a decision unusable for one person, found before any rule runs. They come back as
 * INVALID_DECISION for that person rather than as an exception, so that one bad registry row never stops a run.
 */
import type { GroupFamily } from './benefit-groups';
import { findGroup, WAR_INVALID_INJURY_RATES } from './benefit-groups';
import type { ChildFacts, EligibilityInput, Period, StatusChange } from './eligibility-input';
import { isIsoDate } from './months';

export function findDataProblem(input: EligibilityInput, family: GroupFamily): string | undefined {
  const { person, decision } = input;
  if (family.programme !== decision.programme) {
    return `${decision.groupCode} belongs to ${family.programme}, the decision says ${decision.programme}.`;
  }
  const badDate = firstBadDate(input);
  if (badDate) return `${badDate.field} is not a date: ${JSON.stringify(badDate.value)}.`;
  if (person.dateOfDeath !== undefined && person.dateOfDeath < person.dateOfBirth) return 'The date of death is before the date of birth.';
  if (decision.effectiveTo !== undefined && decision.effectiveTo < decision.effectiveFrom) return 'effectiveTo is before effectiveFrom.';
  if (decision.caredFor !== undefined && !family.mayNameCaredFor) return `${family.code} is not a care allowance a household holds for another person: it names nobody cared for.`;

  const needsInjuryRate = family.bands.some((band) => findGroup(band.groupCode)?.needsInjuryRate);
  const rate = decision.attributes?.injuryRate;
  const { min, max } = WAR_INVALID_INJURY_RATES;
  if (needsInjuryRate && (rate === undefined || !Number.isInteger(rate) || rate < min || rate > max)) {
    return `${family.code} is paid by injury rate, and the decision has no injury rate between ${min} and ${max}%.`;
  }
  return undefined;
}

/** The first date of the input that is not an existing date YYYY-MM-DD, with the name of its field. */
function firstBadDate(input: EligibilityInput): BadDate | undefined {
  const { person, decision } = input;
  return (
    badDate('dateOfBirth', person.dateOfBirth) ??
    badDate('dateOfDeath', person.dateOfDeath) ??
    badPeriod('residence', person.residences) ??
    badDate('signedOn', decision.signedOn) ??
    badDate('effectiveFrom', decision.effectiveFrom) ??
    badDate('effectiveTo', decision.effectiveTo) ??
    badDate('certificateDate', decision.certificateDate) ??
    badStatusChange(decision.statusHistory) ??
    badDate("cared-for person's dateOfBirth", decision.caredFor?.dateOfBirth) ??
    badDate("cared-for person's dateOfDeath", decision.caredFor?.dateOfDeath) ??
    badPeriod('study period', decision.attributes?.studyPeriods) ??
    badChild(decision.attributes?.children)
  );
}

interface BadDate {
  readonly field: string;
  readonly value: string;
}

/** Absent dates are fine here: the rules tell which must be there. */
function badDate(field: string, value: string | undefined): BadDate | undefined {
  return value === undefined || isIsoDate(value) ? undefined : { field, value };
}

function badPeriod(label: string, periods: readonly Period[] | undefined): BadDate | undefined {
  for (const period of periods ?? []) {
    const bad = badDate('from', period.from) ?? badDate('to', period.to);
    if (bad) return { field: `${label} ${bad.field}`, value: bad.value };
  }
  return undefined;
}

function badStatusChange(history: readonly StatusChange[]): BadDate | undefined {
  for (const change of history) {
    const bad = badDate('status change', change.from);
    if (bad) return bad;
  }
  return undefined;
}

function badChild(children: readonly ChildFacts[] | undefined): BadDate | undefined {
  for (const child of children ?? []) {
    const bad = badDate("child's dateOfBirth", child.dateOfBirth) ?? badPeriod("child's study period", child.studyPeriods);
    if (bad) return bad;
  }
  return undefined;
}
