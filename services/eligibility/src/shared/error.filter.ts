import { Catch, PayloadTooLargeException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidDateError, InvalidMonthError } from '../domain/months';
import { EligibilityError } from './errors';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Translates the service's errors (stable codes) to HTTP, in one place. Other exceptions keep Nest's handling. */
@Catch(EligibilityError, InvalidMonthError, InvalidDateError, PayloadTooLargeException)
export class EligibilityErrorFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toBody(error);
    response.status(body.statusCode).json(body);
  }
}

function toBody(error: Error): ErrorBody {
  if (error instanceof EligibilityError) {
    return { statusCode: error.status, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  if (error instanceof InvalidMonthError || error instanceof InvalidDateError) return { statusCode: 400, code: error.code, message: error.message };
  // The upload interceptor's own limit (a body sent without Content-Length).
  return { statusCode: 413, code: 'FILE_TOO_LARGE', message: `The upload is larger than the limit: ${error.message}` };
}
