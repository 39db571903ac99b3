/**
 * Errors of the service's use cases (the domain's own errors are in ../domain/errors.ts). Each has a stable code
 * and the HTTP status it is answered with (EntitlementErrorFilter); the status also tells a four-eyes decision
 * refused before deciding (4xx) from one that failed, so a refused decision does not spend its one-time token.
 */
export abstract class ServiceError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
}

export class NotFoundError extends ServiceError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
  constructor(what: string) {
    super(`${what} was not found`);
  }
}

/**
 * A proposed version refused at its approval against the book as it is now (INVALID_TABLE_VERSION, with every issue):
 * the domain's InvalidTableVersionError with the status that tells the one-time token it decided nothing.
 */
export class TableVersionRefusedError extends ServiceError {
  readonly code = 'INVALID_TABLE_VERSION';
  readonly status = 422;
  constructor(
    message: string,
    readonly issues: readonly { code: string; message: string }[],
  ) {
    super(message);
  }
}

export class AlreadyDecidedError extends ServiceError {
  readonly code = 'ALREADY_DECIDED';
  readonly status = 409;
  constructor(versionId: string, decision: string) {
    super(`Table version ${versionId} was already ${decision}; history is never edited, propose a new version`);
  }
}

export class ProgrammeNotAllowedError extends ServiceError {
  readonly code = 'PROGRAMME_NOT_ALLOWED';
  readonly status = 403;
  constructor(programme: string) {
    super(`You do not act for the programme ${programme}`);
  }
}
