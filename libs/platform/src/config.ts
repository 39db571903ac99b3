import { z } from 'zod';

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
  KAFKA_BROKERS: brokers.default('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted HTTP body. Imports of register files have their own, larger, limit. */
  HTTP_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('1mb'),
});

export { port as portSetting, postgresUrl as postgresUrlSetting, redisUrl as redisUrlSetting };

export function loadConfig<S extends z.ZodTypeAny>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`));
  }
  return parsed.data;
}
