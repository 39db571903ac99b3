import { ServiceError } from '../common/errors';

/** A report asked for with parameters that do not fit together. */
export class InvalidReportQueryError extends ServiceError {
  readonly code = 'INVALID_REPORT_QUERY';
  readonly status = 400;
}
