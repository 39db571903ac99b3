import { ServiceError } from '../common/errors';

/** A report asked for with parameters that do not fit together: 400 (EntitlementErrorFilter's default status). */
export class InvalidReportQueryError extends ServiceError {
  readonly code = 'INVALID_REPORT_QUERY';
}
