import type { Channel } from '@benefits/contracts';

/**
 * Why a payment cannot go to this destination; shown on the preview, and the payment is not sent. PAYEE_MISSING: a
 * deceased person's funeral support came with no destination at all (nobody to pay it to yet).
 */
export type DestinationProblem = 'ACCOUNT_MISSING' | 'ACCOUNT_UNREADABLE' | 'ACCOUNT_INVALID' | 'BANK_BIN_MISSING' | 'CASH_POINT_MISSING' | 'PAYEE_MISSING';

export interface DestinationFacts {
  readonly channel: Channel;
  readonly bankBin?: string | null;
  /** The plain account number, or undefined when none was given; null when it could not be decrypted. */
  readonly account?: string | null;
  readonly cashPointCode?: string | null;
}

/**
 * Account numbers are 6–19 digits (VietQR convention). A bank payment needs the creditor bank's BIN; a post-office
 * account is paid by the post office itself (its LPBank BIN is not needed on its list).
 */
export function destinationProblem(d: DestinationFacts): DestinationProblem | null {
  if (d.channel === 'post_office_cash') return d.cashPointCode ? null : 'CASH_POINT_MISSING';
  if (d.account === null) return 'ACCOUNT_UNREADABLE';
  if (d.account === undefined || d.account === '') return 'ACCOUNT_MISSING';
  if (!/^\d{6,19}$/.test(d.account)) return 'ACCOUNT_INVALID';
  if (d.channel === 'bank' && !d.bankBin) return 'BANK_BIN_MISSING';
  return null;
}
