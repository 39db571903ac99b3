import type { EntitlementItem, Programme } from '@benefits/contracts';
import { dong, formatDong, sum } from '@benefits/money';

export interface CheckedItem {
  readonly componentsTotal: bigint;
  readonly arrearsTotal: bigint;
  /** Empty when the item can be paid as it is. */
  readonly problems: string[];
}

/**
 * An item must add up: its amount is its components plus its arrears, all of its programme, arrears only for
 * months before the run's. An item that does not is an anomaly that halts the run: money is never guessed.
 */
export function checkEntitlementItem(item: EntitlementItem, run: { month: string; programmes: readonly Programme[] }): CheckedItem {
  const problems: string[] = [];
  const componentsTotal = sum(item.components.map((c) => dong(c.amount)));
  const arrearsTotal = sum(item.arrears.map((a) => dong(a.amount)));
  if (!run.programmes.includes(item.programme)) problems.push(`programme ${item.programme} is outside the run's scope`);
  if (item.components.some((c) => c.programme !== item.programme)) problems.push(`a component is not of programme ${item.programme}`);
  const late = item.arrears.filter((a) => a.month >= run.month);
  if (late.length > 0) problems.push(`arrears for ${late.map((a) => a.month).join(', ')} are not for a month before ${run.month}`);
  if (componentsTotal + arrearsTotal !== dong(item.amount)) {
    problems.push(`amount ${formatDong(dong(item.amount))} is not components ${formatDong(componentsTotal)} + arrears ${formatDong(arrearsTotal)}`);
  }
  return { componentsTotal, arrearsTotal, problems };
}
