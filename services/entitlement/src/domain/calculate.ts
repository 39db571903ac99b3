import { formatDong, sum, type Dong } from '@benefits/money';
import { nccGroup, saGroup, SP_GROUPS, type Programme } from './catalogue';
import type { Component, EntitlementInput, EntitlementItem, MonthEntitlement } from './component';
import { InvalidItemError, UnknownGroupError } from './errors';
import { priceMeritorious } from './meritorious';
import { assertMonth, type Month } from './month';
import type { AmountAnswer, RateBook } from './rate-book';
import { highest, notPaidAmount, priceSocial, type TopUpOf } from './social';

export type { Component, ComponentKind, EntitlementInput, EntitlementItem, MonthEntitlement } from './component';

/** A person's components before the province's top-ups, with the reasons items were not paid. */
interface Draft {
  readonly person: EntitlementInput;
  readonly components: readonly Component[];
  readonly notes: readonly string[];
  /** The province's top-up on a component's group, as counted in every "only the highest" choice. */
  readonly topUpOf: TopUpOf;
}

/**
 * What one person is owed for one month: social assistance, care allowances and the social pension
 * (priceSocial), meritorious allowances and supplements (priceMeritorious), then the province's top-ups on
 * the groups actually paid. Throws NoRateTableError when a needed rate has no table for the month.
 */
export function calculateMonth(person: EntitlementInput, month: Month, book: RateBook): MonthEntitlement {
  return finish(draft(person, month, book), month, book);
}

/**
 * The members of one household: if both spouses are disabled and each qualifies for the disabled-parent care
 * allowance, only one allowance is paid to the household (D20 Art.20): the highest, with each member's province
 * top-up counted, as in every "only the highest" choice (highest).
 */
export function calculateHousehold(members: readonly EntitlementInput[], month: Month, book: RateBook): MonthEntitlement[] {
  const drafts = members.map((member) => draft(member, month, book));
  const owner = new Map(drafts.flatMap((d) => d.components.map((c) => [c, d] as const)));
  const topUpOf: TopUpOf = (c) => owner.get(c)?.topUpOf(c) ?? 0n;
  const keep = highest(drafts.flatMap((d) => d.components.filter(isDisabledParentCare)), topUpOf);
  return drafts.map((d) => {
    const dropped = d.components.filter((c) => isDisabledParentCare(c) && c !== keep);
    const notes = dropped.map(
      (c) => `${notPaidAmount(c, d.topUpOf)} not paid: one care allowance per household when both spouses are disabled (Decree 20/2021/ND-CP Art.20)`,
    );
    const components = d.components.filter((c) => !dropped.includes(c));
    return finish({ ...d, components, notes: [...d.notes, ...notes] }, month, book);
  });
}

/**
 * The items priced together, and left unpriced together when a table is missing: social assistance with the social
 * pension (only the higher of the two is paid), and meritorious service on its own. They are priced apart in
 * calculateMonth too (draft), so a month's amount is the sum of its clusters'; a missing meritorious table (as from
 * July 2026 until Decree 321/2026 is entered) must not hold back a person's social assistance, nor its arrears.
 * Empty clusters are left out.
 */
export function pricingClusters<T extends { readonly programme: Programme }>(items: readonly T[]): T[][] {
  return [items.filter((i) => i.programme !== 'meritorious'), items.filter((i) => i.programme === 'meritorious')].filter((cluster) => cluster.length > 0);
}

/** One amount per payee and programme: the person, or the household a care allowance is paid to. */
export interface PayableLine {
  readonly programme: Programme;
  readonly recipientRef: string;
  readonly amount: Dong;
}

export function payableLines(entitlement: MonthEntitlement): PayableLine[] {
  const lines = new Map<string, PayableLine>();
  for (const c of entitlement.components) {
    const recipientRef = c.recipientRef ?? entitlement.personRef;
    const key = `${c.programme}|${recipientRef}`;
    const amount = (lines.get(key)?.amount ?? 0n) + c.amount;
    lines.set(key, { programme: c.programme, recipientRef, amount });
  }
  return [...lines.values()];
}

function draft(person: EntitlementInput, month: Month, book: RateBook): Draft {
  assertMonth(month);
  checkItems(person.items);
  const topUpOf: TopUpOf = (c) => topUpFor(person.provinceCode, c, month, book)?.amount ?? 0n;
  const social = priceSocial(person.items.filter((i) => i.programme !== 'meritorious'), month, book, topUpOf);
  const meritorious = priceMeritorious(person.items.filter((i) => i.programme === 'meritorious'), month, book);
  return { person, components: [...social.components, ...meritorious.components], notes: [...social.notes, ...meritorious.notes], topUpOf };
}

function finish(d: Draft, month: Month, book: RateBook): MonthEntitlement {
  const components = [...d.components, ...provinceTopUps(d.person.provinceCode, d.components, month, book)];
  const total = sum(components.map((c) => c.amount));
  const explanation = [...components.map((c) => c.text), ...d.notes, `total ${formatDong(total)}`];
  return { personRef: d.person.personRef, month, components, total, explanation };
}

/**
 * The province's top-up (D20 Art.4(3)) on a component's group, if it has one. A supplement of a group's table (its
 * supplementCode: 81 %, especially severe ...) carries the group's code too, so it is skipped, or the group would be
 * topped up twice; the nurturing survivor allowance is paid on top but is a group of its own, topped up as such.
 */
function topUpFor(provinceCode: string | undefined, c: Component, month: Month, book: RateBook): AmountAnswer | undefined {
  if (!provinceCode || c.supplementCode !== undefined) return undefined;
  const topUp = book.provinceTopUpFor(provinceCode, c.groupCode, month);
  return topUp !== undefined && topUp.amount !== 0n ? topUp : undefined;
}

/** Province top-ups on each group paid as such. */
function provinceTopUps(provinceCode: string | undefined, base: readonly Component[], month: Month, book: RateBook): Component[] {
  return base.flatMap((c) => {
    const topUp = topUpFor(provinceCode, c, month, book);
    if (topUp === undefined) return [];
    const component: Component = {
      programme: c.programme,
      groupCode: c.groupCode,
      kind: 'province_topup',
      amount: topUp.amount,
      instrument: topUp.instrument,
      ...(c.recipientRef ? { recipientRef: c.recipientRef } : {}),
      text: `+ ${formatDong(topUp.amount)} province ${provinceCode} top-up (${c.groupCode}, ${topUp.instrument})`,
    };
    return [component];
  });
}

function checkItems(items: readonly EntitlementItem[]): void {
  const seen = new Set<string>();
  for (const item of items) {
    if (!isKnownGroup(item)) throw new UnknownGroupError(item.programme, item.groupCode);
    // A group once per person and month; a care allowance once per person cared for.
    const key = `${item.groupCode}|${item.caredForRef ?? ''}`;
    if (seen.has(key)) throw new InvalidItemError(item.groupCode, 'listed twice for the same person and month');
    seen.add(key);
  }
}

function isKnownGroup(item: EntitlementItem): boolean {
  switch (item.programme) {
    case 'social_assistance':
      return saGroup(item.groupCode) !== undefined;
    case 'social_pension':
      return SP_GROUPS.includes(item.groupCode);
    case 'meritorious':
      return nccGroup(item.groupCode) !== undefined;
    default:
      return false;
  }
}

function isDisabledParentCare(c: Component): boolean {
  return c.kind === 'care_allowance' && saGroup(c.groupCode)?.highestOnlyFamily === 'disabled_parent';
}
