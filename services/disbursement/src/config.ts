import { z } from 'zod';
import { baseConfigSchema, loadConfig, portSetting, redisUrlSetting } from '@benefits/platform';

/** The disbursement service's settings: validated once at boot (see .env.example for every one). */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting.default(3003),
  HOST: z.string().default('127.0.0.1'),
  REDIS_URL: redisUrlSetting.default('redis://127.0.0.1:6379'),
});

export type DisbursementConfig = z.infer<typeof configSchema>;

export function loadDisbursementConfig(env: Record<string, string | undefined> = process.env): DisbursementConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'disbursement';
export const SERVICE_DESCRIPTION = 'The monthly payment run: preview, four-eyes approval, release, partner batches, outcomes.';
