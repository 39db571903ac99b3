import { z } from 'zod';
import { parseEnv, withoutUndefined } from '../shared/config';
import type { Clock } from '../shared/scheduler';
import { faultListSetting } from '../shared/faults';
import { faultsFromList, type StatementFaults } from './faults';

export interface BankConfig {
  port: number;
  /** From receipt of a file to the outcomes of its payments. */
  outcomeDelayMs: number;
  /** From receipt to the outcome of a "late" account (suffix 0005). */
  lateDelayMs: number;
  /** From settlement to the return of a payment (suffix 0098/0099); days at a real bank. */
  returnDelayMs: number;
  /** Namespaces references and drives the optional random rejections, so runs are reproducible. */
  seed: string;
  /** When set, the final pain.002 of every file is POSTed here. */
  callbackUrl?: string;
  /** Balance of every debtor account before the first booking, whole đồng. */
  openingBalance: string;
  /** Largest pain.001 accepted, in express' notation. */
  bodyLimit: string;
  faults: StatementFaults;
  batchBooking: boolean;
  randomRejectPercent: number;
  logLevel: string;
  clock: Clock;
}

const DEFAULT_DELAY_MS = 2000;

/** Defaults with some settings replaced (tests); the late and return delays follow the outcome delay. */
export function bankConfig(overrides: Partial<BankConfig> = {}): BankConfig {
  const given = withoutUndefined(overrides);
  const outcomeDelayMs = given.outcomeDelayMs ?? DEFAULT_DELAY_MS;
  return {
    port: 4101,
    outcomeDelayMs,
    lateDelayMs: outcomeDelayMs * 5,
    returnDelayMs: outcomeDelayMs * 3,
    seed: 'sandbox',
    openingBalance: '1000000000000',
    bodyLimit: '20mb',
    faults: {},
    batchBooking: false,
    randomRejectPercent: 0,
    logLevel: 'info',
    clock: Date.now,
    ...given,
  };
}

const delay = z.coerce.number().int().nonnegative();
/** "drop-line,alter-amount,duplicate-debit" */
const faultList = faultListSetting(faultsFromList);
const envSchema = z.object({
  BANK_PORT: z.coerce.number().int().min(0).max(65535).default(4101),
  BANK_OUTCOME_DELAY_MS: delay.default(DEFAULT_DELAY_MS),
  BANK_LATE_DELAY_MS: delay.optional(),
  BANK_RETURN_DELAY_MS: delay.optional(),
  BANK_SEED: z.string().min(1).max(64).default('sandbox'),
  BANK_CALLBACK_URL: z.string().url().optional(),
  BANK_OPENING_BALANCE: z.string().regex(/^\d+$/, 'whole đồng').default('1000000000000'),
  BANK_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'e.g. 20mb').default('20mb'),
  BANK_FAULTS: faultList.optional(),
  BANK_BATCH_BOOKING: z.enum(['true', 'false']).default('false'),
  BANK_RANDOM_REJECT_PERCENT: z.coerce.number().int().min(0).max(100).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Reads BANK_* variables (see README.md); throws a ConfigError naming every bad setting. */
export function loadBankConfig(env: NodeJS.ProcessEnv): BankConfig {
  const e = parseEnv(envSchema, env, 'bank sandbox');
  return bankConfig({
    port: e.BANK_PORT,
    outcomeDelayMs: e.BANK_OUTCOME_DELAY_MS,
    lateDelayMs: e.BANK_LATE_DELAY_MS,
    returnDelayMs: e.BANK_RETURN_DELAY_MS,
    seed: e.BANK_SEED,
    callbackUrl: e.BANK_CALLBACK_URL,
    openingBalance: e.BANK_OPENING_BALANCE,
    bodyLimit: e.BANK_BODY_LIMIT,
    faults: e.BANK_FAULTS ?? {},
    batchBooking: e.BANK_BATCH_BOOKING === 'true',
    randomRejectPercent: e.BANK_RANDOM_REJECT_PERCENT,
    logLevel: e.LOG_LEVEL,
  });
}
