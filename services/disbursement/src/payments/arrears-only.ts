/**
 * A payment of arrears only: the month's own amount is 0 (the item of a decision that has stopped, which entitlement
 * sends for earlier months). It makes no month paid (no regular line), no next payment may come to carry it when it
 * is not collected (it is re-sent instead), and its notification calls it truy lĩnh. SQL over a column of the month's
 * own amount (`column`), the one place the rule is written.
 */
export function paysArrearsOnly(column: string): string {
  return `(${column} = 0)`;
}

/** The same test on a payment read into memory. */
export function isArrearsOnly(monthAmount: string): boolean {
  return BigInt(monthAmount) === 0n;
}
