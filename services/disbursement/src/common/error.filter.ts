import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { FourEyesError } from '@benefits/platform';
import { InvalidRunTransitionError } from '../runs/domain/run-status';
import { DisbursementError } from './errors';

interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details?: unknown;
}

/** Translates the service's errors (stable codes) to HTTP, in one place. Other exceptions keep Nest's handling. */
@Catch(DisbursementError, FourEyesError, InvalidRunTransitionError)
export class DisbursementErrorFilter implements ExceptionFilter {
  catch(error: Error, host: ArgumentsHost): void {
    const body = toBody(error);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }
}

function toBody(error: Error): ErrorBody {
  if (error instanceof DisbursementError) {
    return { statusCode: error.status, code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  }
  if (error instanceof FourEyesError) return { statusCode: 403, code: error.code, message: error.message };
  const transition = error as InvalidRunTransitionError;
  return { statusCode: 409, code: transition.code, message: transition.message, details: { from: transition.from, to: transition.to } };
}
