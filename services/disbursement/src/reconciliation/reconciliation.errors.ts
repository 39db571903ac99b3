import { DisbursementError } from '../common/errors';

/** The file cannot be read as a statement: refused as a whole, with the reason. */
export class StatementMalformedError extends DisbursementError {
  readonly code = 'STATEMENT_MALFORMED';
  readonly status = 422;
}

export class StatementTooLargeError extends DisbursementError {
  readonly code = 'STATEMENT_TOO_LARGE';
  readonly status = 413;
  constructor(limitBytes: number) {
    super(`A statement file may have at most ${limitBytes} bytes`, { limitBytes });
  }
}

/** The partner's message id was imported before with other content: a corrected file needs a new id. */
export class StatementIdReusedError extends DisbursementError {
  readonly code = 'STATEMENT_ID_REUSED';
  readonly status = 409;
  constructor(kind: string, messageId: string, fileId: string) {
    super(`${kind} ${messageId} was imported before with other content (file ${fileId}); nothing was imported`, { fileId });
  }
}

export class StatementNotFoundError extends DisbursementError {
  readonly code = 'STATEMENT_NOT_FOUND';
  readonly status = 404;
  constructor(id: string) {
    super(`No statement file ${id}`);
  }
}

export class ExceptionNotFoundError extends DisbursementError {
  readonly code = 'EXCEPTION_NOT_FOUND';
  readonly status = 404;
  constructor(id: string) {
    super(`No reconciliation exception ${id}`);
  }
}

export class ExceptionStateError extends DisbursementError {
  readonly code = 'INVALID_EXCEPTION_STATE';
  readonly status = 409;
}

/** A run can be reconciled once it was released (before, nothing left the account). */
export class RunNotReleasedError extends DisbursementError {
  readonly code = 'RUN_NOT_RELEASED';
  readonly status = 409;
  constructor(runId: string, status: string) {
    super(`Run ${runId} is ${status}: only a released run is reconciled`);
  }
}

/** Payments still await their statement, or exceptions are still open: the run cannot be prepared for sign-off. */
export class ReconciliationIncompleteError extends DisbursementError {
  readonly code = 'RECONCILIATION_INCOMPLETE';
  readonly status = 409;
}

/** The reconciliation changed since it was prepared (a statement imported, an exception reopened): prepare again. */
export class ReconciliationChangedError extends DisbursementError {
  readonly code = 'RECONCILIATION_CHANGED';
  readonly status = 409;
  constructor() {
    super('The reconciliation changed since it was prepared: prepare it again, then another person signs it off');
  }
}

export class ReconciliationStateError extends DisbursementError {
  readonly code = 'INVALID_RECONCILIATION_STATE';
  readonly status = 409;
}
