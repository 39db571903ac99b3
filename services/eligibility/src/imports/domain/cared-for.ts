/**
 * A care allowance held by the caring household names the person cared for by ID number (validate-row); the import
 * and POST /persons find that person in the register, or on an earlier accepted row of the file. The allowance is
 * then banded by that person's age and stopped by their death or move: an ID number mistyped into another person's
 * would pay the wrong rate, or stop on a stranger's death. What the data tells of the person found is checked:
 *  - their age when the decision takes effect is one the care family pays (a foster child under 16, an elderly person
 *    from 60; a person with an especially severe disability at any age): an adult named as the child fostered is a
 *    wrong ID number, as the allowance would never be paid;
 *  - they had not died before it took effect (nothing would be paid);
 *  - the date of birth the row gives for them (cared_for_date_of_birth, optional) is theirs.
 * Each refuses the row. No date and no ID number is echoed: the person may be held by a commune the operator may not read.
 */
import { resolveFamily } from '../../domain/benefit-groups';
import { bandOfAge } from '../../domain/eligibility-rules';
import { monthOf, type IsoDate } from '../../domain/months';
import type { RegisterRow, RowProblem } from './import-layout';

/** What the register (or an earlier row of the file) holds for the person cared for. */
export interface CaredForPerson {
  readonly dateOfBirth: IsoDate;
  readonly dateOfDeath?: IsoDate | null;
}

const CHECK = 'check cared_for_national_id';

/** The problems of a care allowance's person cared for (validated decision, the person found under its ID number). */
export function caredForProblems(decision: RegisterRow['decision'], caredFor: CaredForPerson): RowProblem[] {
  const problems: RowProblem[] = [];
  if (decision.caredForDateOfBirth && decision.caredForDateOfBirth !== caredFor.dateOfBirth) {
    problems.push({
      field: 'cared_for_date_of_birth',
      code: 'NOT_THE_PERSON_CARED_FOR',
      reason: `not the date of birth of the person on record under cared_for_national_id, to whom this care allowance would be attached: ${CHECK}`,
    });
  }
  if (caredFor.dateOfDeath && caredFor.dateOfDeath < decision.effectiveFrom) {
    problems.push({ field: 'cared_for_national_id', code: 'CARED_FOR_DECEASED', reason: `the person cared for died before effective_from, so nothing would be paid: ${CHECK}` });
  }
  const resolution = resolveFamily(decision.groupCode);
  if (resolution.found && !bandOfAge(resolution.family, caredFor.dateOfBirth, monthOf(decision.effectiveFrom))) {
    problems.push({
      field: 'cared_for_national_id',
      code: 'CARED_FOR_AGE',
      reason: `the person cared for is not of an age ${resolution.family.code} pays (${resolution.family.description}) at effective_from: ${CHECK}`,
    });
  }
  return problems;
}
