import { toAsciiName } from '@benefits/iso20022';
import { accountOutcome } from '../shared/account-rules';
import { percentile, pick } from '../shared/determinism';
import type { BatchItem } from './batch';

/**
 * What happens to one payment of a post-office list: pure decisions from the sandbox data. Cash payments follow
 * markers in the beneficiary's name first (documented, for tests and demos), then a seeded hash of the paymentId,
 * so the same seed gives the same month every time.
 */
export type NotCollectedReason = 'absent' | 'moved_away' | 'deceased' | 'refused';

export type PaymentOutcome =
  | { outcome: 'PAID'; paidOn: string; how?: 'at_point' | 'at_home'; point?: string; proxyReceiver?: string }
  | { outcome: 'NOT_COLLECTED'; reason: NotCollectedReason }
  | { outcome: 'REJECTED'; reason: string };

/** Words in the name (upper-case ASCII) that fix a cash outcome. */
export const CASH_MARKERS: Readonly<Record<string, PaymentOutcome | 'at_home' | 'proxy'>> = {
  ABSENT: { outcome: 'NOT_COLLECTED', reason: 'absent' },
  MOVED: { outcome: 'NOT_COLLECTED', reason: 'moved_away' },
  DECEASED: { outcome: 'NOT_COLLECTED', reason: 'deceased' },
  REFUSED: { outcome: 'NOT_COLLECTED', reason: 'refused' },
  HOME: 'at_home',
  PROXY: 'proxy',
};

/** A death is a signal the platform acts on, so the hash never invents one: only the DECEASED marker does. */
const HASHED_REASONS: readonly NotCollectedReason[] = ['absent', 'moved_away', 'refused'];
export const PROXY_RECEIVER = 'NGUOI NHAN THAY (GIAY UY QUYEN)';

export interface CashContext {
  seed: string;
  pointCode: string;
  paidOn: string;
  notCollectedPercent: number;
  atHomePercent: number;
  proxyPercent: number;
}

export function decideCashPayment(item: BatchItem, ctx: CashContext): PaymentOutcome {
  const words = new Set(toAsciiName(item.fullName).split(' '));
  const marked = Object.entries(CASH_MARKERS).filter(([word]) => words.has(word)).map(([, outcome]) => outcome);
  const fixed = marked.find((m): m is PaymentOutcome => typeof m === 'object');
  if (fixed) return fixed;

  const key = item.paymentId;
  if (marked.length === 0 && percentile(ctx.seed, `not-collected:${key}`) < ctx.notCollectedPercent) {
    return { outcome: 'NOT_COLLECTED', reason: pick(HASHED_REASONS, ctx.seed, key) };
  }
  const atHome = marked.includes('at_home') || (marked.length === 0 && percentile(ctx.seed, `home:${key}`) < ctx.atHomePercent);
  const proxy = marked.includes('proxy') || (marked.length === 0 && percentile(ctx.seed, `proxy:${key}`) < ctx.proxyPercent);
  return {
    outcome: 'PAID',
    paidOn: ctx.paidOn,
    how: atHome ? 'at_home' : 'at_point',
    point: ctx.pointCode,
    ...(proxy ? { proxyReceiver: PROXY_RECEIVER } : {}),
  };
}

/** A payment into a post-office account: the bank's account-number and name rules (README.md). */
export function decideAccountPayment(item: BatchItem, paidOn: string): PaymentOutcome {
  const outcome = accountOutcome(item.accountNumber ?? '', toAsciiName(item.fullName));
  // Late and returned payments are bank-side behaviour; the post office simply confirms them as paid.
  return outcome.kind === 'reject' ? { outcome: 'REJECTED', reason: outcome.reason } : { outcome: 'PAID', paidOn };
}
