import { z } from 'zod/v4';
import { baseConfigSchema, loadConfig, portSetting } from '@benefits/platform';

/** The entitlement service's settings: validated once at boot (every one, with its default: the service's README). */
export const configSchema = baseConfigSchema.extend({
  PORT: portSetting.default(3002),
  HOST: z.string().default('127.0.0.1'),
  /** Persons per page of a verified run: a page is one calculation batch, one transaction and one EntitlementChunk. */
  CALCULATION_BATCH_PERSONS: z.coerce.number().int().min(1).max(5000).default(1000),
  /** Batches calculated at the same time by this process (each on its own page of persons and connection). */
  CALCULATION_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  /**
   * Failures of a run's calculation (a page, or its completion) after which the run is halted (EntitlementRunHalted)
   * rather than tried again for ever, ahead of every later run. Failures a retry can fix (a lost connection, a
   * deadlock) are not counted.
   */
  CALCULATION_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** How often the calculation worker looks for a run to calculate when idle. */
  CALCULATION_POLL_MS: z.coerce.number().int().min(10).default(500),
  /** Past months searched for payments made before a backdated rate table (arrears). */
  ARREARS_HORIZON_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** How often approvals made by other replicas are picked up into the rate book. */
  RATE_BOOK_REFRESH_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Snapshot chunk events per database transaction (each carries about a thousand items). */
  SNAPSHOT_CHUNKS_PER_TRANSACTION: z.coerce.number().int().min(1).max(500).default(20),
});

export type EntitlementConfig = z.infer<typeof configSchema>;

export function loadEntitlementConfig(env: Record<string, string | undefined> = process.env): EntitlementConfig {
  return loadConfig(configSchema, env);
}

export const SERVICE_NAME = 'entitlement';
export const SERVICE_DESCRIPTION = 'How much each person is owed for a month, from effective-dated legal rate tables, with arrears.';
