/**
 * Amounts of Vietnamese đồng. VND has no minor unit, so an amount is a whole number of đồng held in a bigint:
 * no floating-point arithmetic ever touches money. Coefficients and rates (2.5, 1.5 …) are exact decimals
 * given as strings and applied with integer arithmetic.
 */
export type Dong = bigint;

export class InvalidAmountError extends Error {
  readonly code = 'INVALID_AMOUNT';
  constructor(readonly input: unknown, reason: string) {
    super(`Invalid amount ${JSON.stringify(String(input))}: ${reason}`);
  }
}

const WHOLE_NUMBER = /^-?\d+$/;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses a whole number of đồng from a bigint, a safe integer or a string of digits ("1250000"). */
export function dong(value: bigint | number | string): Dong {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new InvalidAmountError(value, 'must be a whole number of đồng');
    return BigInt(value);
  }
  const text = value.trim();
  if (!WHOLE_NUMBER.test(text)) throw new InvalidAmountError(value, 'must be a whole number of đồng (digits only)');
  return BigInt(text);
}

/** An exact decimal factor such as a coefficient ("2.5") as numerator / 10^scale. */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export function decimal(text: string): Decimal {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new InvalidAmountError(text, 'must be a non-negative decimal such as 2.5');
  const fraction = match[2] ?? '';
  return { units: BigInt(match[1] + fraction), scale: fraction.length };
}

/**
 * amount × factor, rounded half up to a whole đồng. Standard levels are multiples of 1,000 and coefficients
 * have at most two decimals, so in practice no rounding happens; the rule is stated here once for when it does.
 */
export function multiply(amount: Dong, factor: Decimal | string): Dong {
  const f = typeof factor === 'string' ? decimal(factor) : factor;
  const divisor = 10n ** BigInt(f.scale);
  const product = amount * f.units;
  const sign = product < 0n ? -1n : 1n;
  const magnitude = product * sign;
  return sign * ((magnitude + divisor / 2n) / divisor);
}

export function sum(amounts: Iterable<Dong>): Dong {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}

export function max(a: Dong, b: Dong): Dong {
  return a >= b ? a : b;
}

/** "1,250,000": thousands separated by commas, as in the explanations and reports. */
export function formatDong(amount: Dong): string {
  const digits = (amount < 0n ? -amount : amount).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return amount < 0n ? `-${grouped}` : grouped;
}

/** "2.5" back from a Decimal, without trailing zeros. */
export function formatDecimal(d: Decimal): string {
  if (d.scale === 0) return d.units.toString();
  const text = d.units.toString().padStart(d.scale + 1, '0');
  const whole = text.slice(0, text.length - d.scale);
  const fraction = text.slice(text.length - d.scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
