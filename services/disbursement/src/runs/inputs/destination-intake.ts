import type { Destination } from '@benefits/contracts';
import { maskAccount, maskNationalId } from '@benefits/platform';
import type { AtRestCipher, TransportCipher } from '../../common/pii';
import { destinationProblem } from '../../payments/domain/destination';

/** A destination as it is stored: the account re-encrypted with this service's key, hashed and masked. */
export interface StoredDestination {
  readonly personRef: string;
  readonly channel: Destination['channel'];
  readonly bankBin: string | null;
  readonly accountCipher: string | null;
  readonly accountHash: string | null;
  readonly accountMasked: string | null;
  readonly holderName: string;
  readonly maskedNationalId: string | null;
  readonly communeCode: string;
  readonly cashPointCode: string | null;
  /** Cash at a post-office point only (what the cash list prints). */
  readonly address: string | null;
  /** A deceased person's payee: the month of death, the last month owed to the person. */
  readonly lastMonthOwed: string | null;
  readonly problem: string | null;
}

/**
 * Takes one destination off the wire: decrypts the account with the transport key, checks it, and keeps it
 * encrypted with the at-rest key. A value that cannot be decrypted is not an error of the message: it is a
 * destination that cannot be paid to, shown on the preview.
 */
export function intakeDestination(item: Destination, transport: TransportCipher, atRest: AtRestCipher): StoredDestination {
  let account: string | null | undefined;
  if (item.channel !== 'post_office_cash' && item.accountCipher) {
    try {
      account = transport.decrypt(item.accountCipher).trim();
    } catch {
      // Unknown key id, malformed value or failed authentication: the account is unreadable, never guessed.
      account = null;
    }
  }
  const problem = destinationProblem({ channel: item.channel, bankBin: item.bankBin, account, cashPointCode: item.cashPointCode, holderName: item.accountHolderName });
  const usable = typeof account === 'string' && account !== '' ? account : undefined;
  return {
    personRef: item.personRef,
    channel: item.channel,
    bankBin: item.bankBin ?? null,
    accountCipher: usable ? atRest.encrypt(usable) : null,
    accountHash: usable ? atRest.lookupHash(usable) : null,
    accountMasked: usable ? maskAccount(usable) : null,
    holderName: item.accountHolderName,
    maskedNationalId: item.maskedNationalId === undefined ? null : maskedId(item.maskedNationalId),
    communeCode: item.communeCode,
    cashPointCode: item.cashPointCode ?? null,
    address: item.channel === 'post_office_cash' ? (item.address ?? null) : null,
    lastMonthOwed: item.lastMonthOwed ?? null,
    problem,
  };
}


/** A masked ID number shows five digits (079*******34). */
const MASKED_DIGITS = 5;

/**
 * Only ever a masked ID number: one sent whole by mistake, however its digits are grouped ("079 203 001 234"), is
 * masked here, never stored, printed on a cash list or sent to the post office whole.
 */
function maskedId(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length > MASKED_DIGITS ? maskNationalId(digits) : value;
}
