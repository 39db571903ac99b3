import { Iso20022Error } from './errors';

/**
 * VND has no minor unit: every amount on the wire is a whole number of đồng, kept as a string of digits and
 * summed as a bigint. A JS number would silently lose đồng above 2^53 on a control sum.
 */
export const VND = 'VND';

const WHOLE = /^\d+$/;
/** Some banks print "1500000.00"; zero decimals are the same amount, any other decimals are not đồng. */
const ZERO_DECIMALS = /^(\d+)\.0+$/;

/** Reads an amount from a received message, normalised to digits without leading zeros ("001500.00" → "1500"). */
export function parseVndAmount(text: string, path: string): string {
  const trimmed = text.trim();
  const digits = WHOLE.test(trimmed) ? trimmed : ZERO_DECIMALS.exec(trimmed)?.[1];
  if (digits === undefined) throw new Iso20022Error(`"${text}" is not a whole number of đồng`, path);
  return BigInt(digits).toString();
}

/** Checks an amount we are about to write: strings of digits only, as the rest of the platform carries them. */
export function assertVndAmount(amount: string, path: string): string {
  if (!WHOLE.test(amount)) throw new Iso20022Error(`"${amount}" is not a whole number of đồng`, path);
  return BigInt(amount).toString();
}

export function sumVnd(amounts: Iterable<string>): string {
  let total = 0n;
  for (const amount of amounts) total += BigInt(amount);
  return total.toString();
}
