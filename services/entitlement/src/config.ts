import { z } from 'zod';
import { baseConfigSchema, loadConfig, portSetting } from '@benefits/platform';

/** The entitlement service's settings: validated once at boot (see .env.example for every one). */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting.default(3002),
  HOST: z.string().default('127.0.0.1'),

});

export type EntitlementConfig = z.infer<typeof configSchema>;

export function loadEntitlementConfig(env: Record<string, string | undefined> = process.env): EntitlementConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'entitlement';
export const SERVICE_DESCRIPTION = 'How much each person is owed for a month, from effective-dated legal rate tables, with arrears.';
