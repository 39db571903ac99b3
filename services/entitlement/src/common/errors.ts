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
