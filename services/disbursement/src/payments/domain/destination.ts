import type { Channel } from '@benefits/contracts';
import { MAX_TEXT_LENGTH, toAsciiName } from '@benefits/iso20022';

/**
 * Why a payment cannot go to this destination; shown on the preview, and the payment is not sent. PAYEE_MISSING: a
 * deceased person's funeral support came with no destination at all (nobody to pay it to yet). HOLDER_NAME_INVALID:
 * a name the partner's file cannot hold; sent, it would stop the whole file or list.
 */
export type DestinationProblem =
  | 'ACCOUNT_MISSING'
  | 'ACCOUNT_UNREADABLE'
  | 'ACCOUNT_INVALID'
  | 'BANK_BIN_MISSING'
  | 'CASH_POINT_MISSING'
  | 'HOLDER_NAME_INVALID'
  | 'PAYEE_MISSING';

export interface DestinationFacts {
  readonly channel: Channel;
  readonly bankBin?: string | null;
  /** The plain account number, or undefined when none was given; null when it could not be decrypted. */
  readonly account?: string | null;
  readonly cashPointCode?: string | null;
  /** The account holder's (or cash payee's) name as it goes on the partner's file. */
  readonly holderName: string;
}

/** The post office's list takes 200 characters of a name; a bank's pain.001 Cdtr/Nm, MAX_TEXT_LENGTH once folded. */
const POST_OFFICE_NAME_MAX = 200;

/**
 * Account numbers are 6–19 digits (VietQR convention). A bank payment needs the creditor bank's BIN; a post-office
 * account is paid by the post office itself (its LPBank BIN is not needed on its list).
 */
export function destinationProblem(d: DestinationFacts): DestinationProblem | null {
  if (holderNameProblem(d)) return 'HOLDER_NAME_INVALID';
  if (d.channel === 'post_office_cash') return d.cashPointCode ? null : 'CASH_POINT_MISSING';
  if (d.account === null) return 'ACCOUNT_UNREADABLE';
  if (d.account === undefined || d.account === '') return 'ACCOUNT_MISSING';
  if (!/^\d{6,19}$/.test(d.account)) return 'ACCOUNT_INVALID';
  if (d.channel === 'bank' && !d.bankBin) return 'BANK_BIN_MISSING';
  return null;
}

/** No letter in it (nothing a bank could compare with its account holder), or longer than the partner's field. */
function holderNameProblem(d: DestinationFacts): boolean {
  if (d.channel === 'bank') {
    const ascii = toAsciiName(d.holderName);
    return !/[A-Z]/.test(ascii) || ascii.length > MAX_TEXT_LENGTH;
  }
  return !/\p{L}/u.test(d.holderName) || d.holderName.length > POST_OFFICE_NAME_MAX;
}
