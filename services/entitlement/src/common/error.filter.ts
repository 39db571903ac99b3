import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { FourEyesError } from '@benefits/platform';
import type { Response } from 'express';
import { EntitlementError, InvalidTableVersionError } from '../domain';
import { ServiceError, TableVersionRefusedError } from './errors';

/** The domain's errors know nothing of HTTP: their statuses are here. The service's errors carry their own. */
const DOMAIN_STATUS: Readonly<Record<string, HttpStatus>> = {
  INVALID_TABLE_VERSION: HttpStatus.UNPROCESSABLE_ENTITY,
  FOUR_EYES: HttpStatus.FORBIDDEN,
};

/** The one place where the service's and the domain's error codes become HTTP answers: { code, message, issues? }. */
@Catch(EntitlementError, ServiceError, FourEyesError)
export class EntitlementErrorFilter implements ExceptionFilter {
  catch(error: EntitlementError | ServiceError | FourEyesError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = error instanceof ServiceError ? error.status : (DOMAIN_STATUS[error.code] ?? HttpStatus.BAD_REQUEST);
    const issues = error instanceof InvalidTableVersionError || error instanceof TableVersionRefusedError ? { issues: error.issues } : {};
    response.status(status).json({ statusCode: status, code: error.code, message: error.message, ...issues });
  }
}
