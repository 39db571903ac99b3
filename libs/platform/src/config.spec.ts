import { z } from 'zod/v4';
import { baseConfigSchema, ConfigError, loadConfig } from './config';

describe('validated config', () => {
  const schema = baseConfigSchema.extend({ PORT: z.coerce.number().int().default(3001) });

  it('gives typed settings with local defaults', () => {
    const config = loadConfig(schema, {});
    expect(config.PORT).toBe(3001);
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/benefits');
    expect(config.DATABASE_STATEMENT_TIMEOUT_MS).toBe(300_000);
    expect(loadConfig(schema, { DATABASE_STATEMENT_TIMEOUT_MS: '0' }).DATABASE_STATEMENT_TIMEOUT_MS).toBe(0);
  });

  it('names every bad setting in one message', () => {
    let error: unknown;
    try {
      loadConfig(schema, { DATABASE_URL: 'mysql://x', KAFKA_BROKERS: 'localhost', LOG_LEVEL: 'loud', DATABASE_STATEMENT_TIMEOUT_MS: '-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(message).toMatch(/KAFKA_BROKERS.*host:port/);
    expect(message).toMatch(/LOG_LEVEL/);
    expect(message).toMatch(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it('refuses a missing setting that has no default', () => {
    const strict = baseConfigSchema.extend({ PII_KEY: z.string().min(32) });
    expect(() => loadConfig(strict, { PORT: '3001' })).toThrow(/PII_KEY: Invalid input: expected string, received undefined/);
  });
});
