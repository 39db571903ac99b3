/**
 * Every error this service reports on purpose: a stable `code` and an HTTP status, translated in one place
 * (error.filter.ts). Messages are written for the operator and never carry a whole ID or account number.
 */
export abstract class EligibilityError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  readonly details?: unknown;

  constructor(message: string, details?: unknown) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class PersonNotFoundError extends EligibilityError {
  readonly code = 'PERSON_NOT_FOUND';
  readonly status = 404;
  constructor(personRef: string) {
    super(`No person ${personRef} in the register`);
  }
}

export class DecisionNotFoundError extends EligibilityError {
  readonly code = 'DECISION_NOT_FOUND';
  readonly status = 404;
  constructor(what: string) {
    super(`No decision matches: ${what}`);
  }
}

/** The operator does not serve the programme of what they try to change. */
export class ProgrammeNotAllowedError extends EligibilityError {
  readonly code = 'PROGRAMME_NOT_ALLOWED';
  readonly status = 403;
  constructor(programmes: readonly string[]) {
    super(`You are not an operator of ${programmes.join(', ')}`);
  }
}

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly reason: string;
}

/** A single change (JSON API) that fails the same validation as an import row. */
export class InvalidRegisterDataError extends EligibilityError {
  readonly code = 'INVALID_REGISTER_DATA';
  readonly status = 422;
  constructor(readonly problems: readonly FieldProblem[]) {
    super(`The data is not valid: ${problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`, { problems });
  }
}

export class AlreadyInRegisterError extends EligibilityError {
  readonly code = 'ALREADY_IN_REGISTER';
  readonly status = 409;
}

export class InvalidLifeEventError extends EligibilityError {
  readonly code = 'INVALID_LIFE_EVENT';
  readonly status = 422;
}

/** The person's file (or the commune a write puts them in) lies outside the operator's communes: details name it. */
export class CommuneNotAllowedError extends EligibilityError {
  readonly code = 'COMMUNE_NOT_ALLOWED';
  readonly status = 403;
}

/** The person's file lies outside the operator's province. */
export class ProvinceNotAllowedError extends EligibilityError {
  readonly code = 'PROVINCE_NOT_ALLOWED';
  readonly status = 403;
}

export class InvalidTerminationError extends EligibilityError {
  readonly code = 'INVALID_TERMINATION';
  readonly status = 422;
}

/** A decision is terminated once: a second termination (even with other dates) is refused. */
export class DecisionAlreadyTerminatedError extends EligibilityError {
  readonly code = 'DECISION_ALREADY_TERMINATED';
  readonly status = 409;
}

/**
 * A death is recorded once. Entitlement keeps the first date it was told (funeral support for that month, recoveries
 * of the months paid after it) and has no way to undo them: a different date is refused rather than applied here
 * alone, where the register and what was paid would disagree from then on.
 */
export class DeathAlreadyRecordedError extends EligibilityError {
  readonly code = 'DEATH_ALREADY_RECORDED';
  readonly status = 409;
}

export class InvalidAmendmentError extends EligibilityError {
  readonly code = 'INVALID_AMENDMENT';
  readonly status = 422;
}
