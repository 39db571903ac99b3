import { createHash } from 'node:crypto';
import type { Programme } from '@benefits/contracts';

/** RFC 4648 base32: upper-case letters and digits 2–7, all valid in an ISO 20022 EndToEndId and a post-office id. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** A prefix letter + 34 base32 characters of a sha256 (170 bits): 35 characters, the ISO 20022 maximum. */
function derivedId(prefix: string, text: string): string {
  return prefix + base32(createHash('sha256').update(text, 'utf8').digest()).slice(0, 34);
}

export interface IdComponent {
  readonly kind: string;
  readonly groupCode: string;
  readonly amount: string;
}

export interface IdArrears {
  readonly month: string;
  readonly amount: string;
  readonly reason: string;
}

/**
 * The payment id of an obligation: derived from programme, month, person, components and arrears, never random,
 * so a re-run, a retry or a replay of the same obligation always produces the same id (and the partner, which
 * refuses an EndToEndId it already settled, is a second guard behind the database's).
 * Components and arrears are sorted first: their order in the message does not matter.
 */
export function paymentId(programme: Programme, month: string, personRef: string, components: readonly IdComponent[], arrears: readonly IdArrears[] = []): string {
  const parts = components.map((c) => `${c.kind}:${c.groupCode}:${c.amount}`).sort();
  const owed = arrears.map((a) => `${a.month}:${a.reason}:${a.amount}`).sort();
  return derivedId('P', [programme, month, personRef.toLowerCase(), parts.join(','), owed.join(',')].join('|'));
}

/** The id of the re-send of an unpaid payment: one per original (the obligation guard allows no second one). */
export function resendPaymentId(originalPaymentId: string): string {
  return derivedId('R', `resend|${originalPaymentId}`);
}

/** What can travel as an EndToEndId / post-office paymentId: every payment id is such. */
export const PAYMENT_ID = /^[A-Z0-9]{1,35}$/;

/** Whether a string can travel as an EndToEndId / post-office paymentId. */
export function isPaymentIdSafe(id: string): boolean {
  return PAYMENT_ID.test(id);
}

/** The n-th reissue of a payment id whose first instruction was cancelled before release (never sent). */
export function reissuedPaymentId(originalPaymentId: string, n: number): string {
  return derivedId('P', `reissue|${originalPaymentId}|${n}`);
}
