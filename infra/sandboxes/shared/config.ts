import type { z } from 'zod';

export class ConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
}

/**
 * Validates the environment once at boot; a wrong setting stops the process with every problem listed.
 * Empty variables count as unset, so `BANK_CALLBACK_URL=` in a compose file means "no callback".
 */
export function parseEnv<S extends z.ZodTypeAny>(schema: S, env: NodeJS.ProcessEnv, name: string): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`${name} configuration is invalid: ${problems}`);
  }
  return result.data as z.output<S>;
}

/** Drops keys whose value is undefined, so spreading overrides never erases a default. */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
