import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { FourEyesError } from '@benefits/platform';
import type { Response } from 'express';
import { EntitlementError, InvalidTableVersionError } from '../domain';
import { ServiceError } from './errors';

const STATUS: Readonly<Record<string, HttpStatus>> = {
  INVALID_TABLE_VERSION: HttpStatus.UNPROCESSABLE_ENTITY,
  FOUR_EYES: HttpStatus.FORBIDDEN,
  PROGRAMME_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  ALREADY_DECIDED: HttpStatus.CONFLICT,
};

/** The one place where the service's and the domain's error codes become HTTP answers: { code, message, issues? }. */
@Catch(EntitlementError, ServiceError, FourEyesError)
export class EntitlementErrorFilter implements ExceptionFilter {
  catch(error: EntitlementError | ServiceError | FourEyesError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const status = STATUS[error.code] ?? HttpStatus.BAD_REQUEST;
    const issues = error instanceof InvalidTableVersionError ? { issues: error.issues } : {};
    response.status(status).json({ statusCode: status, code: error.code, message: error.message, ...issues });
  }
}
