import { z } from 'zod/v4';

/**
 * Configuration is read from the environment once, at boot, validated, and then injected: nobody else reads
 * process.env. A missing or bad setting stops the process with a message naming every such setting.
 */
export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const port = z.coerce.number().int().min(1).max(65535);
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL');
const redisUrl = z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL');
const brokers = z
  .string()
  .min(1)
  .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean))
  .pipe(z.array(z.string().regex(/^[^:\s]+:\d+$/, 'each broker must be host:port')).min(1));

/** Settings every service has. Defaults are for the local machine; production sets them all explicitly. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port,
  DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/benefits'),
  /**
   * Longest one SQL statement of the service may take, waiting on a lock included, before PostgreSQL cancels it
   * (0: no limit). A statement stuck behind a lock fails and is tried again, rather than holding its own locks and a
   * connection for ever. The largest statements of a run of 1,000,000 take well under a minute; migrations have no limit.
   */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(300_000),
  KAFKA_BROKERS: brokers.prefault('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted HTTP body. Imports of register files have their own, larger, limit. */
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('1mb'),
  /** The province this installation pays for (An Giang = 91); tokens for another province are refused. */
  PROVINCE_CODE: z.string().regex(/^\d{2}$/, 'must be a 2-digit province code').default('91'),
  AUTH_ISSUER: z.string().min(1).default('benefit-payments-dev'),
  AUTH_AUDIENCE: z.string().min(1).default('benefit-payments'),
  /** Production: the OIDC provider's JWKS URL. When set, development tokens are not accepted. */
  AUTH_JWKS_URL: z.string().url().optional(),
  /**
   * Development and tests only: the HS256 secret of the local token issuer (`npm run token`). The default is
   * public (it is in this file); production must set AUTH_JWKS_URL and leave this unset.
   */
  AUTH_DEV_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Look-ups of personal data (person search and detail, payment search ...) per user and minute, per process. */
  RATE_LIMIT_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Refused tokens per client address and minute, per process; past it the address is refused 429 for a minute. */
  RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
});

/** The local issuer's secret when nothing else is configured: development and tests only. */
export const DEV_AUTH_SECRET = 'dev-only-secret-never-use-in-production-0001';

/** The token settings a service verifies with; production refuses the development issuer. */
export function authSettings(config: z.infer<typeof baseConfigSchema>) {
  if (config.NODE_ENV === 'production' && !config.AUTH_JWKS_URL) {
    throw new ConfigError(['AUTH_JWKS_URL: required in production (the OIDC provider that signs operators\' tokens)']);
  }
  return {
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
    jwksUrl: config.AUTH_JWKS_URL,
    devSecret: config.AUTH_JWKS_URL ? undefined : (config.AUTH_DEV_SECRET ?? DEV_AUTH_SECRET),
    provinceCode: config.PROVINCE_CODE,
    rateLimits: { lookupsPerMinute: config.RATE_LIMIT_LOOKUPS_PER_MINUTE, tokenFailuresPerMinute: config.RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE },
  };
}

export { port as portSetting, postgresUrl as postgresUrlSetting, redisUrl as redisUrlSetting };

export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return parsed.data;
}
