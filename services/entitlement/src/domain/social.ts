import { decimal, formatDecimal, formatDong, multiply, sum, type Dong } from '@benefits/money';
import { saGroup } from './catalogue';
import type { Component, EntitlementItem, Priced } from './component';
import { InvalidItemError } from './errors';
import type { Month } from './month';
import type { RateBook } from './rate-book';

const HIGHEST_ONLY = 'Decree 20/2021/ND-CP Art.6(2)';
export const HIGHER_OF_SA_OR_SP = 'Social Insurance Law 41/2024/QH15; Decree 176/2025/ND-CP';
const CARE_HIGHEST_ONLY = 'Decree 20/2021/ND-CP Art.20';
/** The single parent's own allowance stacks with the per-child amount only for these groups (D20 Art.6(2)). */
const STACKS_WITH_SINGLE_PARENT = new Set(['elderly', 'disability', 'hiv']);

/**
 * Social assistance, care allowances and the social pension of one person for one month:
 * - own social assistance: standard level × coefficient, only the highest, except that the poor single parent's
 *   per-child amount stacks with the parent's own elderly, disability or HIV allowance;
 * - social pension vs the person's own social assistance: only the higher (equal: the social pension); the single
 *   parent's per-child amount stays paid beside the pension;
 * - care allowances (paid to the caring household) on top; within a family marked "highest only", the highest.
 */
export function priceSocial(items: readonly EntitlementItem[], month: Month, book: RateBook, topUpOf: (component: Component) => Dong = () => 0n): Priced {
  const saItems = items.filter((i) => i.programme === 'social_assistance');
  const spItems = items.filter((i) => i.programme === 'social_pension');
  const care = priceCare(saItems.filter((i) => saGroup(i.groupCode)?.category === 'care'), month, book);
  const own = priceOwnAssistance(saItems.filter((i) => saGroup(i.groupCode)?.category !== 'care'), month, book, topUpOf);
  const pension = priceSocialPension(spItems, month, book);
  const higher = higherOfAssistanceOrPension(own, pension, topUpOf);
  return { components: [...higher.components, ...care.components], notes: [...higher.notes, ...care.notes] };
}

/** The person's own social assistance, and the single parent's per-child amount as priced (paid or not). */
interface OwnAssistance extends Priced {
  readonly perChild?: Component;
}

function priceOwnAssistance(items: readonly EntitlementItem[], month: Month, book: RateBook, topUpOf: (component: Component) => Dong): OwnAssistance {
  const priced = items.map((item) => standardTimesCoefficient(item, month, book, 'standard_x_coefficient'));
  // As the person would be paid it: with the province's top-up on its group.
  const paidAs = (c: Component) => c.amount + topUpOf(c);
  const best = (components: readonly Component[]) => highest(components, paidAs);
  const singleParent = priced.find((c) => c.groupCode === 'SA_SINGLE_PARENT_POOR');
  // The per-child amount with the highest of the parent's own groups it stacks with, or the highest group alone,
  // whichever is more (a child group of the same amount listed first must not hide the HIV allowance).
  const stacking = best(priced.filter((c) => c !== singleParent && STACKS_WITH_SINGLE_PARENT.has(saGroup(c.groupCode)?.category ?? '')));
  const alone = best(priced);
  const stacks = singleParent !== undefined && stacking !== undefined && paidAs(singleParent) + paidAs(stacking) >= (alone === undefined ? 0n : paidAs(alone));
  const paid = stacks ? [singleParent, stacking] : [alone].filter((c): c is Component => c !== undefined);
  const notes = priced
    .filter((c) => !paid.includes(c))
    .map((c) => `${c.groupCode} ${formatDong(c.amount)} not paid: only the highest coefficient is paid (${HIGHEST_ONLY})`);
  return { components: paid, notes, ...(singleParent && { perChild: singleParent }) };
}

function priceSocialPension(items: readonly EntitlementItem[], month: Month, book: RateBook): Priced {
  if (items.length === 0) return { components: [], notes: [] };
  const [item, ...others] = items;
  const level = book.levelFor('social_pension', month);
  const component: Component = {
    programme: 'social_pension',
    groupCode: item.groupCode,
    kind: 'table_amount',
    standardLevel: level.amount,
    amount: level.amount,
    instrument: level.instrument,
    text: `${formatDong(level.amount)} social pension (${item.groupCode}, ${level.instrument})`,
  };
  const notes = others.map((o) => `${o.groupCode} not paid: one social pension per person`);
  return { components: [component], notes };
}

/**
 * The higher of the two as the person would be paid it: with the province's top-ups on its groups (topUpOf). The social
 * pension stands in for the person's own allowance, so a poor single parent's per-child amount (D20 Art.6(2): paid on
 * top of the parent's own allowance) stays paid beside the pension; the choice is between the social assistance as
 * priceOwnAssistance pays it and the pension with the per-child amount.
 */
function higherOfAssistanceOrPension(assistance: OwnAssistance, pension: Priced, topUpOf: (component: Component) => Dong): Priced {
  if (assistance.components.length === 0 || pension.components.length === 0) {
    return { components: [...assistance.components, ...pension.components], notes: [...assistance.notes, ...pension.notes] };
  }
  const perChild = assistance.perChild;
  const withPension = perChild ? [...pension.components, perChild] : pension.components;
  const paidAs = (components: readonly Component[]) => sum(components.map((c) => c.amount + topUpOf(c)));
  const saTotal = paidAs(assistance.components);
  const spTotal = paidAs(pension.components);
  const pensionWins = paidAs(withPension) >= saTotal;
  const ownTotal = perChild && assistance.components.includes(perChild) ? saTotal - paidAs([perChild]) : saTotal;
  const note = pensionWins
    ? `social assistance ${formatDong(ownTotal)} not paid: the social pension ${formatDong(spTotal)} is not lower, only one is paid (${HIGHER_OF_SA_OR_SP})`
    : `social pension ${formatDong(spTotal)} not paid: social assistance ${formatDong(saTotal)} is higher, only one is paid (${HIGHER_OF_SA_OR_SP})`;
  if (!pensionWins) return { components: assistance.components, notes: [...assistance.notes, ...pension.notes, note] };
  // The per-child amount paid beside the pension: the note that it was not paid (a higher group alone won) no longer holds.
  const assistanceNotes = perChild ? assistance.notes.filter((text) => !text.startsWith(`${perChild.groupCode} `)) : assistance.notes;
  return { components: withPension, notes: [...assistanceNotes, ...pension.notes, note] };
}

function priceCare(items: readonly EntitlementItem[], month: Month, book: RateBook): Priced {
  const priced = items.map((item) => standardTimesCoefficient(item, month, book, 'care_allowance'));
  const families = new Set(priced.map((c) => saGroup(c.groupCode)?.highestOnlyFamily).filter((f) => f !== undefined));
  const dropped = [...families].flatMap((family) => {
    const members = priced.filter((c) => saGroup(c.groupCode)?.highestOnlyFamily === family);
    const keep = highest(members);
    return members.filter((c) => c !== keep);
  });
  return {
    components: priced.filter((c) => !dropped.includes(c)),
    notes: dropped.map((c) => `${c.groupCode} ${formatDong(c.amount)} not paid: only the highest care allowance is paid (${CARE_HIGHEST_ONLY})`),
  };
}

function standardTimesCoefficient(
  item: EntitlementItem,
  month: Month,
  book: RateBook,
  kind: 'standard_x_coefficient' | 'care_allowance',
): Component {
  const level = book.levelFor('social_assistance', month);
  const coefficient = book.coefficientFor(item.groupCode, month);
  const children = childrenOf(item);
  const perChild = multiply(level.amount, coefficient.coefficient);
  const amount = perChild * BigInt(children ?? 1);
  const factor = formatDecimal(decimal(coefficient.coefficient));
  const formula = children === undefined ? `${formatDong(level.amount)} × ${factor}` : `${formatDong(level.amount)} × ${factor} × ${children} ${children === 1 ? 'child' : 'children'}`;
  const to = kind === 'care_allowance' ? ` care allowance${item.recipientRef ? ` to ${item.recipientRef}` : ''}` : '';
  return {
    programme: 'social_assistance',
    groupCode: item.groupCode,
    kind,
    standardLevel: level.amount,
    coefficient: coefficient.coefficient,
    amount,
    instrument: coefficient.instrument,
    levelInstrument: level.instrument,
    ...(item.recipientRef ? { recipientRef: item.recipientRef } : {}),
    text: `${formula} = ${formatDong(amount)}${to} (${item.groupCode}, ${coefficient.instrument}; level: ${level.instrument})`,
  };
}

/** Only the poor single parent's allowance is per child; it needs a whole number of children, at least one. */
function childrenOf(item: EntitlementItem): number | undefined {
  if (item.groupCode !== 'SA_SINGLE_PARENT_POOR') return undefined;
  if (item.children === undefined || !Number.isInteger(item.children) || item.children < 1) {
    throw new InvalidItemError(item.groupCode, `needs the number of children (a whole number >= 1), got ${item.children}`);
  }
  return item.children;
}

/**
 * The component with the highest amount (or `valueOf`); on a tie, the first group code, so the order the items came in
 * never changes what is paid.
 */
function highest(components: readonly Component[], valueOf: (c: Component) => Dong = (c) => c.amount): Component | undefined {
  return components.reduce<Component | undefined>(
    (best, c) => (best === undefined || valueOf(c) > valueOf(best) || (valueOf(c) === valueOf(best) && c.groupCode < best.groupCode) ? c : best),
    undefined,
  );
}
