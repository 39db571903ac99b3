import pino from 'pino';

/** The slice of a pino logger this lib uses (structured object first, message second). */
export interface MessagingLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export function defaultLogger(component: string): MessagingLogger {
  return pino({ name: component });
}
