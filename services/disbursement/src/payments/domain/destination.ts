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

/** Where a payment went, or would go, as far as telling two destinations apart needs: never the account number itself. */
export interface FailedAt {
  readonly channel: Channel;
  readonly bankBin: string | null;
  /** The account's keyed hash (AtRestCipher.lookupHash): the same number gives the same hash. */
  readonly accountHash: string | null;
  readonly holderName: string;
  readonly cashPointCode: string | null;
}

/** A partner's reasons that the account, or its bank, cannot be paid: AC01 incorrect, AC04 closed, AC06 blocked, RC01 wrong bank, MD07 holder deceased. */
const ACCOUNT_FAILED: readonly string[] = ['AC01', 'AC04', 'AC06', 'RC01', 'MD07'];
/** A partner's reasons that the payee named cannot be paid there: BE01 a name the bank does not match; cash not collected, the payee moved away or deceased. */
const PAYEE_FAILED: readonly string[] = ['BE01', 'MOVED_AWAY', 'DECEASED'];

/**
 * Whether a re-send would go where its original failed, for a reason of that destination (`reasonCode`, the
 * original's): the same account at the same bank (or the same cash point), and, when the name is what failed, the same
 * name as the bank compares it (without diacritics, any case). Sent there again, it fails again, a cycle later. A
 * reason that is not the destination's (a batch lost or refused, a reason not given, a payee absent) lets it go
 * there again: that is what a re-send is for.
 */
export function repeatsFailedDestination(reasonCode: string | null, original: FailedAt, corrected: FailedAt): boolean {
  const reason = reasonCode ?? '';
  if (!ACCOUNT_FAILED.includes(reason) && !PAYEE_FAILED.includes(reason)) return false;
  if (original.channel !== corrected.channel) return false;
  const samePlace =
    original.channel === 'post_office_cash'
      ? original.cashPointCode === corrected.cashPointCode
      : original.accountHash !== null && original.accountHash === corrected.accountHash && (original.channel !== 'bank' || original.bankBin === corrected.bankBin);
  if (!samePlace) return false;
  return ACCOUNT_FAILED.includes(reason) || toAsciiName(original.holderName) === toAsciiName(corrected.holderName);
}
