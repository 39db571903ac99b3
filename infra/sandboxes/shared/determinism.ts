import { createHash } from 'node:crypto';

/** Hex SHA-256: content hashes for idempotent resends and seeded, reproducible "random" choices. */
export function sha256(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A number 0..99 fixed by the seed and a key: the same seed and key always land in the same bucket. */
export function percentile(seed: string, key: string): number {
  return parseInt(sha256(seed, key).slice(0, 8), 16) % 100;
}

/** One of the options, fixed by the seed and a key. */
export function pick<T>(options: readonly T[], seed: string, key: string): T {
  return options[parseInt(sha256(seed, 'pick', key).slice(0, 8), 16) % options.length] as T;
}

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar date in Vietnam (UTC+7, no daylight saving) at an instant: banks book in local business days. */
export function vietnamDate(at: number): string {
  return new Date(at + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An ISO date-time in Vietnamese local time, e.g. 2026-11-05T09:30:00.000+07:00. */
export function vietnamDateTime(at: number): string {
  return `${new Date(at + VIETNAM_OFFSET_MS).toISOString().slice(0, 23)}+07:00`;
}

/** "0123456789" → "******6789": account numbers never reach a log in full. */
export function maskAccount(account: string): string {
  return account.length <= 4 ? '****' : `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;
}
