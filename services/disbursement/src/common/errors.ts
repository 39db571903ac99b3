/**
 * Every error this service reports on purpose: a stable `code` and an HTTP status, translated in one place
 * (error.filter.ts). Messages are written for the operator and never carry a whole account number.
 */
export abstract class DisbursementError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;

  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class RunNotFoundError extends DisbursementError {
  readonly code = 'RUN_NOT_FOUND';
  readonly status = 404;
  constructor(runId: string) {
    super(`No payment run ${runId}`);
  }
}

/** The run is not in a status that allows the action (e.g. approving a run that is not PREVIEW_READY). */
export class RunStateError extends DisbursementError {
  readonly code = 'INVALID_RUN_STATE';
  readonly status = 409;
}

/**
 * Inputs for the run arrived after its preview was prepared (a chunk again with other content, a new chunk: an
 * anomaly of the run): the preview may no longer be what entitlement and eligibility say. The run is not approved;
 * reject it and request a new one.
 */
export class RunInputsChangedError extends DisbursementError {
  readonly code = 'RUN_INPUTS_CHANGED';
  readonly status = 409;
}

/** A run of the same month whose scope overlaps (a commune and a programme in common) is still open: release or cancel it first. */
export class RunAlreadyOpenError extends DisbursementError {
  readonly code = 'RUN_ALREADY_OPEN';
  readonly status = 409;
  constructor(runId: string, scopeKey: string, status: string) {
    super(`Run ${runId} (${scopeKey}, ${status}) is open for this month and shares programmes and communes with this scope: release or cancel it first`, {
      runId,
      scopeKey,
      status,
    });
  }
}

/** The user may not act on this scope (programme, province or communes). */
export class ScopeForbiddenError extends DisbursementError {
  readonly code = 'SCOPE_FORBIDDEN';
  readonly status = 403;
}

export class BatchNotFoundError extends DisbursementError {
  readonly code = 'BATCH_NOT_FOUND';
  readonly status = 404;
  constructor(batchId: string) {
    super(`No partner batch ${batchId}`);
  }
}

/** The batch is not in a status that allows the action. */
export class BatchStateError extends DisbursementError {
  readonly code = 'INVALID_BATCH_STATE';
  readonly status = 409;
}

export class PaymentNotFoundError extends DisbursementError {
  readonly code = 'PAYMENT_NOT_FOUND';
  readonly status = 404;
  constructor(paymentId: string) {
    super(`No payment ${paymentId}`);
  }
}

/** A re-send is only for an unpaid payment (resendRefusal) not paid again yet, never while money may be moving. */
export class ResendNotAllowedError extends DisbursementError {
  readonly code = 'RESEND_NOT_ALLOWED';
  readonly status = 409;
}

export class ResendRequestNotFoundError extends DisbursementError {
  readonly code = 'RESEND_REQUEST_NOT_FOUND';
  readonly status = 404;
  constructor(id: string) {
    super(`No re-send request ${id}`);
  }
}

export class InvalidDestinationError extends DisbursementError {
  readonly code = 'INVALID_DESTINATION';
  readonly status = 422;
}
