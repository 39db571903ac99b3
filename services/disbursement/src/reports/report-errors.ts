import { DisbursementError } from '../common/errors';

/** A report asked for with parameters that do not fit together (e.g. a range that ends before it starts). */
export class InvalidReportQueryError extends DisbursementError {
  readonly code = 'INVALID_REPORT_QUERY';
  readonly status = 400;
  constructor(field: string, message: string) {
    super(message, { field });
  }
}
