import { DisbursementError } from '../common/errors';

/** No payment of the run is on a list of that commune cash point (lists are made at release). */
export class CashListNotFoundError extends DisbursementError {
  readonly code = 'CASH_LIST_NOT_FOUND';
  readonly status = 404;
  constructor(runId: string, communeCode: string, cashPointCode: string) {
    super(`Run ${runId} has no payment on a list of cash point ${cashPointCode} in commune ${communeCode} (lists are made when the run is released)`, {
      communeCode,
      cashPointCode,
    });
  }
}

/** A report asked for with parameters that do not fit together (e.g. a range that ends before it starts). */
export class InvalidReportQueryError extends DisbursementError {
  readonly code = 'INVALID_REPORT_QUERY';
  readonly status = 400;
  constructor(field: string, message: string) {
    super(message, { field });
  }
}
