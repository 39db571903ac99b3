import { z } from 'zod';
import { parseEnv, withoutUndefined } from '../shared/config';
import type { Clock } from '../shared/scheduler';
import { faultListSetting } from '../shared/faults';
import { faultsFromList, type SettlementFaults } from './faults';

/** What happens to cash not collected for a reason that may resolve (absent, refused): kept or handed back. */
export type BalancePolicy = 'kept' | 'returned';

export interface PostOfficeConfig {
  port: number;
  /** From acceptance of a batch to its outcomes and final settlement report. */
  outcomeDelayMs: number;
  /** Drives the hash-based outcomes of cash payments: same seed, same outcomes. */
  seed: string;
  callbackUrl?: string;
  /** Share of unmarked cash payments not collected (reason absent, moved away or refused, by hash). */
  notCollectedPercent: number;
  /** Share of unmarked, collected cash payments brought to the beneficiary's home. */
  atHomePercent: number;
  /** Share of unmarked, collected cash payments received by a proxy. */
  proxyPercent: number;
  balancePolicy: BalancePolicy;
  /** Ways the settlement reports do not reconcile, on purpose (faults.ts); none by default. */
  faults: SettlementFaults;
  bodyLimit: string;
  logLevel: string;
  clock: Clock;
}

export function postOfficeConfig(overrides: Partial<PostOfficeConfig> = {}): PostOfficeConfig {
  return {
    port: 4102,
    outcomeDelayMs: 2000,
    seed: 'sandbox',
    notCollectedPercent: 5,
    atHomePercent: 10,
    proxyPercent: 5,
    balancePolicy: 'kept',
    faults: {},
    bodyLimit: '20mb',
    logLevel: 'info',
    clock: Date.now,
    ...withoutUndefined(overrides),
  };
}

const percent = z.coerce.number().int().min(0).max(100);
/** "drop-line,alter-amount,duplicate-line" */
const faultList = faultListSetting(faultsFromList);
const envSchema = z.object({
  POST_OFFICE_PORT: z.coerce.number().int().min(0).max(65535).default(4102),
  POST_OFFICE_OUTCOME_DELAY_MS: z.coerce.number().int().nonnegative().default(2000),
  POST_OFFICE_SEED: z.string().min(1).max(64).default('sandbox'),
  POST_OFFICE_CALLBACK_URL: z.string().url().optional(),
  POST_OFFICE_NOT_COLLECTED_PERCENT: percent.default(5),
  POST_OFFICE_AT_HOME_PERCENT: percent.default(10),
  POST_OFFICE_PROXY_PERCENT: percent.default(5),
  POST_OFFICE_BALANCE_POLICY: z.enum(['kept', 'returned']).default('kept'),
  POST_OFFICE_FAULTS: faultList.optional(),
  POST_OFFICE_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'e.g. 20mb').default('20mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads POST_OFFICE_* variables (see README.md); throws a ConfigError naming every bad setting. */
export function loadPostOfficeConfig(env: NodeJS.ProcessEnv): PostOfficeConfig {
  const e = parseEnv(envSchema, env, 'post-office sandbox');
  return postOfficeConfig({
    port: e.POST_OFFICE_PORT,
    outcomeDelayMs: e.POST_OFFICE_OUTCOME_DELAY_MS,
    seed: e.POST_OFFICE_SEED,
    callbackUrl: e.POST_OFFICE_CALLBACK_URL,
    notCollectedPercent: e.POST_OFFICE_NOT_COLLECTED_PERCENT,
    atHomePercent: e.POST_OFFICE_AT_HOME_PERCENT,
    proxyPercent: e.POST_OFFICE_PROXY_PERCENT,
    balancePolicy: e.POST_OFFICE_BALANCE_POLICY,
    faults: e.POST_OFFICE_FAULTS ?? {},
    bodyLimit: e.POST_OFFICE_BODY_LIMIT,
    logLevel: e.LOG_LEVEL,
  });
}
