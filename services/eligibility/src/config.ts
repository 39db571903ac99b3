import { z } from 'zod';
import { baseConfigSchema, loadConfig, portSetting } from '@benefits/platform';

/** The eligibility service's settings: validated once at boot (see .env.example for every one). */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting.default(3001),
  HOST: z.string().default('127.0.0.1'),

});

export type EligibilityConfig = z.infer<typeof configSchema>;

export function loadEligibilityConfig(env: Record<string, string | undefined> = process.env): EligibilityConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'eligibility';
export const SERVICE_DESCRIPTION = 'The register of beneficiaries and their decisions; who qualifies for which benefit in a month, and why.';
