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
export function priceSocial(items: readonly EntitlementItem[], month: Month, book: RateBook, topUpOf: TopUpOf): Priced {
  const saItems = items.filter((i) => i.programme === 'social_assistance');
  const spItems = items.filter((i) => i.programme === 'social_pension');
  const care = priceCare(saItems.filter((i) => saGroup(i.groupCode)?.category === 'care'), month, book, topUpOf);
  const own = priceOwnAssistance(saItems.filter((i) => saGroup(i.groupCode)?.category !== 'care'), month, book, topUpOf);
  const pension = priceSocialPension(spItems, month, book);
  const higher = higherOfAssistanceOrPension(own, pension, topUpOf);
  return { components: [...higher.components, ...care.components], notes: [...higher.notes, ...care.notes] };
}

/** The person's own social assistance, and the single parent's per-child amount as priced (paid or not). */
interface OwnAssistance extends Priced {
  readonly perChild?: Component;
}

function priceOwnAssistance(items: readonly EntitlementItem[], month: Month, book: RateBook, topUpOf: TopUpOf): OwnAssistance {
  const priced = items.map((item) => standardTimesCoefficient(item, month, book, 'standard_x_coefficient'));
  const best = (components: readonly Component[]) => highest(components, topUpOf);
  const singleParent = priced.find((c) => c.groupCode === 'SA_SINGLE_PARENT_POOR');
  // The per-child amount with the highest of the parent's own groups it stacks with, or the highest group alone,
  // whichever is more (a child group of the same amount listed first must not hide the HIV allowance).
  const stacking = best(priced.filter((c) => c !== singleParent && STACKS_WITH_SINGLE_PARENT.has(saGroup(c.groupCode)?.category ?? '')));
  const alone = best(priced);
  const stacks = singleParent !== undefined && stacking !== undefined && paidAs([singleParent, stacking], topUpOf) >= paidAs([alone].filter((c): c is Component => c !== undefined), topUpOf);
  const paid = stacks ? [singleParent, stacking] : [alone].filter((c): c is Component => c !== undefined);
  const notes = priced
    .filter((c) => !paid.includes(c))
    .map((c) => `${notPaidAmount(c, topUpOf)} not paid: only the highest coefficient is paid (${HIGHEST_ONLY})`);
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
function higherOfAssistanceOrPension(assistance: OwnAssistance, pension: Priced, topUpOf: TopUpOf): Priced {
  if (assistance.components.length === 0 || pension.components.length === 0) {
    return { components: [...assistance.components, ...pension.components], notes: [...assistance.notes, ...pension.notes] };
  }
  const perChild = assistance.perChild;
  const withPension = perChild ? [...pension.components, perChild] : pension.components;
  const pensionWins = paidAs(withPension, topUpOf) >= paidAs(assistance.components, topUpOf);
  const own = assistance.components.filter((c) => c !== perChild);
  const [saText, spText] = [amountWithTopUps(assistance.components, topUpOf), amountWithTopUps(pension.components, topUpOf)];
  const note = pensionWins
    ? `social assistance ${amountWithTopUps(own, topUpOf)} not paid: the social pension ${spText} is not lower, only one is paid (${HIGHER_OF_SA_OR_SP})`
    : `social pension ${spText} not paid: social assistance ${saText} is higher, only one is paid (${HIGHER_OF_SA_OR_SP})`;
  if (!pensionWins) return { components: assistance.components, notes: [...assistance.notes, ...pension.notes, note] };
  // The per-child amount paid beside the pension: the note that it was not paid (a higher group alone won) no longer holds.
  const assistanceNotes = perChild ? assistance.notes.filter((text) => !text.startsWith(`${perChild.groupCode} `)) : assistance.notes;
  return { components: withPension, notes: [...assistanceNotes, ...pension.notes, note] };
}

function priceCare(items: readonly EntitlementItem[], month: Month, book: RateBook, topUpOf: TopUpOf): Priced {
  const priced = items.map((item) => standardTimesCoefficient(item, month, book, 'care_allowance'));
  const families = new Set(priced.map((c) => saGroup(c.groupCode)?.highestOnlyFamily).filter((f) => f !== undefined));
  const dropped = [...families].flatMap((family) => {
    const members = priced.filter((c) => saGroup(c.groupCode)?.highestOnlyFamily === family);
    const keep = highest(members, topUpOf);
    return members.filter((c) => c !== keep);
  });
  return {
    components: priced.filter((c) => !dropped.includes(c)),
    notes: dropped.map((c) => `${notPaidAmount(c, topUpOf)} not paid: only the highest care allowance is paid (${CARE_HIGHEST_ONLY})`),
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

/** The province's top-up on a component's group (D20 Art.4(3)), 0 when it has none. */
export type TopUpOf = (component: Component) => Dong;

/** What the components are paid as: their amounts with the province's top-ups on their groups. */
function paidAs(components: readonly Component[], topUpOf: TopUpOf): Dong {
  return sum(components.map((c) => c.amount + topUpOf(c)));
}

/**
 * Of several components only one of which is paid (only the highest coefficient, only the highest care allowance, one
 * care allowance per couple), the one paid the most with its province top-up: a province pays more, never less (D20
 * Art.4(3)), so the person is never paid the lower option because its rival's top-up was left out. Every such choice
 * comes here, the higher of social assistance and the social pension counts top-ups the same way (paidAs). On a tie,
 * the first group code, so the order the items came in never changes what is paid.
 */
export function highest(components: readonly Component[], topUpOf: TopUpOf): Component | undefined {
  const valueOf = (c: Component) => paidAs([c], topUpOf);
  return components.reduce<Component | undefined>(
    (best, c) => (best === undefined || valueOf(c) > valueOf(best) || (valueOf(c) === valueOf(best) && c.groupCode < best.groupCode) ? c : best),
    undefined,
  );
}

/** A component left unpaid, for its note: the amount, with the top-up the choice counted beside it. */
export function notPaidAmount(c: Component, topUpOf: TopUpOf): string {
  return `${c.groupCode} ${amountWithTopUps([c], topUpOf)}`;
}

/** Components' amount for a note, with their province top-ups named apart, as they are paid as components of their own. */
function amountWithTopUps(components: readonly Component[], topUpOf: TopUpOf): string {
  const topUp = sum(components.map((c) => topUpOf(c)));
  return `${formatDong(sum(components.map((c) => c.amount)))}${topUp > 0n ? ` + ${formatDong(topUp)} province top-up` : ''}`;
}
