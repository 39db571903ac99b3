/**
 * Errors of the service's use cases (the domain's own errors are in ../domain/errors.ts). Each has a stable code;
 * EntitlementErrorFilter maps them to HTTP in one place.
 */
export abstract class ServiceError extends Error {
  abstract readonly code: string;
}

export class NotFoundError extends ServiceError {
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`${what} was not found`);
  }
}

export class AlreadyDecidedError extends ServiceError {
  readonly code = 'ALREADY_DECIDED';
  constructor(versionId: string, decision: string) {
    super(`Table version ${versionId} was already ${decision}; history is never edited, propose a new version`);
  }
}

export class ProgrammeNotAllowedError extends ServiceError {
  readonly code = 'PROGRAMME_NOT_ALLOWED';
  constructor(programme: string) {
    super(`You do not act for the programme ${programme}`);
  }
}
