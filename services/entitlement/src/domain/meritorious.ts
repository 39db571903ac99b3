import { formatDong } from '@benefits/money';
import { nccGroup, SUPPLEMENT_INJURY_RATE, type NccGroup, type SupplementRule } from './catalogue';
import type { Component, EntitlementItem, Priced } from './component';
import { InvalidItemError, UnknownGroupError } from './errors';
import type { Month } from './month';
import type { RateBook } from './rate-book';

/**
 * People with meritorious service: each group's fixed table amount (war invalids by injury rate) plus the
 * supplements its catalogue entry lists; all components stack. Amounts come only from the official table for
 * the month; when there is none the rate book throws NoRateTableError and nothing is invented.
 */
export function priceMeritorious(items: readonly EntitlementItem[], month: Month, book: RateBook): Priced {
  const components = items.flatMap((item) => [baseComponent(item, month, book), ...supplements(item, month, book)]);
  return { components, notes: [] };
}

function baseComponent(item: EntitlementItem, month: Month, book: RateBook): Component {
  const group = groupOf(item);
  const answer = book.nccAmountFor(item.groupCode, month, item.injuryRate);
  const label = group.pricing === 'fixed' ? item.groupCode : `${item.groupCode} ${item.injuryRate}%`;
  return {
    programme: 'meritorious',
    groupCode: item.groupCode,
    kind: group.onTop ? 'supplement' : 'table_amount',
    amount: answer.amount,
    instrument: answer.instrument,
    text: `${group.onTop ? '+ ' : ''}${formatDong(answer.amount)} (${label}, ${answer.instrument})`,
  };
}

function supplements(item: EntitlementItem, month: Month, book: RateBook): Component[] {
  const rules = groupOf(item).supplements ?? [];
  checkEspeciallySevere(item, rules);
  return rules.filter((rule) => applies(rule, item)).map((rule) => supplement(rule, item, month, book));
}

function applies(rule: SupplementRule, item: EntitlementItem): boolean {
  switch (rule.when) {
    case 'always':
      return true;
    case 'injury_81_plus':
      return (item.injuryRate ?? 0) >= SUPPLEMENT_INJURY_RATE;
    case 'especially_severe':
      return item.especiallySevere === true;
    case 'per_seniority_year':
      return seniorityYears(item) > 0;
  }
}

function supplement(rule: SupplementRule, item: EntitlementItem, month: Month, book: RateBook): Component {
  const answer = book.nccAmountFor(rule.key, month);
  const years = rule.when === 'per_seniority_year' ? seniorityYears(item) : undefined;
  const amount = years === undefined ? answer.amount : answer.amount * BigInt(years);
  const formula = years === undefined ? formatDong(amount) : `${formatDong(answer.amount)} × ${years} years = ${formatDong(amount)}`;
  return {
    programme: 'meritorious',
    groupCode: item.groupCode,
    kind: 'supplement',
    supplementCode: rule.key,
    amount,
    instrument: answer.instrument,
    text: `+ ${formula} (${rule.key} for ${item.groupCode}, ${answer.instrument})`,
  };
}

/** The especially-severe supplement exists only for groups that have it, and for war invalids only from 81%. */
function checkEspeciallySevere(item: EntitlementItem, rules: readonly SupplementRule[]): void {
  if (item.especiallySevere !== true) return;
  if (!rules.some((rule) => rule.when === 'especially_severe')) {
    throw new InvalidItemError(item.groupCode, 'has no especially-severe supplement');
  }
  if (rules.some((rule) => rule.when === 'injury_81_plus') && (item.injuryRate ?? 0) < SUPPLEMENT_INJURY_RATE) {
    throw new InvalidItemError(item.groupCode, `the especially-severe supplement needs an injury rate of at least ${SUPPLEMENT_INJURY_RATE}%`);
  }
}

function seniorityYears(item: EntitlementItem): number {
  const years = item.seniorityYears;
  if (years === undefined || !Number.isInteger(years) || years < 0) {
    throw new InvalidItemError(item.groupCode, `needs the years of seniority (a whole number >= 0), got ${years}`);
  }
  return years;
}

function groupOf(item: EntitlementItem): NccGroup {
  const group = nccGroup(item.groupCode);
  if (group === undefined) throw new UnknownGroupError('meritorious', item.groupCode);
  return group;
}
