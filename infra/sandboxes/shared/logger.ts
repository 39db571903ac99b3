import pino, { type Logger } from 'pino';

/** Structured logs; never a full account or ID number (see maskAccount). Tests pass level 'silent'. */
export function createLogger(name: string, level: string): Logger {
  return pino({ name, level });
}
