import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { isCredentialKey, maskFreeText } from './pii';

export const CORRELATION_HEADER = 'x-correlation-id';

/** Field names whose values are personal data: never logged, whatever object they sit in. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.nationalId',
  '*.accountNumber',
  '*.phone',
  '*.password',
  'nationalId',
  'accountNumber',
  'phone',
];

/**
 * Structured JSON logs (pino) with the correlation id on every line. A request takes its correlation id from
 * the `x-correlation-id` header or gets a new one, and returns it in the same header. As a last line of defence,
 * any run of 9 or more digits in a log line (an ID or account number that slipped into a message) is masked.
 */
export function loggerModule(service: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const header = req.headers[CORRELATION_HEADER];
        const id = typeof header === 'string' && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
        res.setHeader(CORRELATION_HEADER, id);
        return id;
      },
      customProps: (req: IncomingMessage) => ({ correlationId: (req as IncomingMessage & { id?: string }).id }),
      // Health and metrics are scraped every few seconds: logging them would drown everything else.
      autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
      hooks: { logMethod: maskingLogMethod },
      formatters: { log: (object: Record<string, unknown>) => maskDeep(object) as Record<string, unknown> },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: maskFreeText(req.url) }),
        // The status of the response actually sent (the default serializer reports null behind Nest's Express 5 adapter).
        res: (res: { statusCode: number | null; raw?: ServerResponse }) => ({ statusCode: res.raw?.statusCode ?? res.statusCode }),
      },
    },
  });
}

/** A plain pino logger for scripts and workers outside a request, masking like the HTTP one (to stdout, or `destination`). */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): pino.Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    hooks: { logMethod: maskingLogMethod },
    formatters: { log: (object) => maskDeep(object) as Record<string, unknown> },
  };
  return destination ? pino(options, destination) : pino(options);
}

function maskingLogMethod(this: pino.Logger, args: Parameters<pino.LogFn>, method: pino.LogFn) {
  const masked = args.map((arg) => (typeof arg === 'string' ? maskFreeText(arg) : arg)) as Parameters<pino.LogFn>;
  return method.apply(this, masked);
}

/**
 * Keys whose values are personal data at any depth, however they are spelt (lower case, without underscores or
 * dashes), and credentials (isCredentialKey): the redaction paths above reach one level only, a DTO or the headers of
 * a partner's request logged inside another object sit deeper.
 */
const PERSONAL_KEYS = new Set(['nationalid', 'caredfornationalid', 'accountnumber', 'accountno', 'account', 'bankaccount', 'accountcipher', 'phone', 'phonenumber']);

function isRedactedKey(key: string): boolean {
  return PERSONAL_KEYS.has(key.toLowerCase().replace(/[_-]/g, '')) || isCredentialKey(key);
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskFreeText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 6) return '[nested too deep]';
  if (value instanceof Error) return { type: value.name, message: maskFreeText(value.message), stack: maskFreeText(value.stack ?? '') };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, isRedactedKey(k) && v != null ? '[redacted]' : maskDeep(v, depth + 1)]),
  );
}
