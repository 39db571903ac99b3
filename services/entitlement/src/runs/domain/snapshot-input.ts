import { isMonth, type EntitlementItem, type Month, type Programme } from '../../domain';

/** One item of an eligibility snapshot as staged (EligibleItem of the contract, plus where it came from). */
export interface SnapshotItem {
  readonly personRef: string;
  readonly decisionId: string;
  readonly programme: Programme;
  readonly groupCode: string;
  readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * Past months a snapshot item says are owed: from `arrearsFrom` (a decision signed late with an earlier start
 * month, or a resumption whose first owed month eligibility knows), or, with `arrearsAfterSuspension` alone, every
 * month since the last month this person was paid or calculated for the programme.
 */
export interface OwedWindow {
  readonly programme: Programme;
  readonly from?: Month;
  readonly afterSuspension: boolean;
  /**
   * With `from`: the item of the decision the window is for. It is owed in those months even where the programme
   * was already calculated without it (a late care allowance beside the person's own allowance).
   */
  readonly item?: EntitlementItem;
  /**
   * With `from`: the months eligibility decided otherwise than the run's month (attributes.arrearsMonths): the item
   * as it was then (the band of an age crossed since, the children who counted then), or null when the decision was
   * not payable that month. A month not listed is owed `item`.
   */
  readonly months?: ReadonlyMap<Month, EntitlementItem | null>;
  /**
   * The window of a decision stopped before the run's month (attributes.arrearsOnly): it says how each month was
   * decided, and only the months the ledger names (a rate table entered since, a month left unpriced, a payment not
   * collected ...) are examined; its item is owed nowhere outside the window.
   */
  readonly ledgerOnly?: boolean;
}

/** An item that cannot be priced as sent: the person is reported, not paid. */
export interface ItemProblem {
  readonly programme: Programme;
  readonly groupCode: string;
  readonly message: string;
}

export interface PersonInput {
  readonly personRef: string;
  /** The items of the run's month. */
  readonly items: readonly EntitlementItem[];
  /**
   * Items of decisions stopped before the run's month (attributes.arrearsOnly: a child who turned 16, a decision
   * ended, a move away), each with its ledger-only window: never priced for the run's month, only for past months.
   */
  readonly pastItems?: readonly EntitlementItem[];
  readonly windows: readonly OwedWindow[];
  readonly problems: readonly ItemProblem[];
}

/**
 * Groups a run's items by person (items of one person may come in several chunks: they are staged and grouped
 * here) and maps each item's attributes to what the calculation reads. Attributes the calculation does not use
 * (disabilityLevel, povertyStatus, studying ...) are ignored. Input order of persons is kept.
 */
export function toPersonInputs(items: readonly SnapshotItem[], runMonth: Month): PersonInput[] {
  const byPerson = new Map<string, SnapshotItem[]>();
  for (const item of items) {
    const list = byPerson.get(item.personRef);
    if (list) list.push(item);
    else byPerson.set(item.personRef, [item]);
  }
  return [...byPerson].map(([personRef, own]) => {
    const entitlementItems: EntitlementItem[] = [];
    const pastItems: EntitlementItem[] = [];
    const windows: OwedWindow[] = [];
    const problems: ItemProblem[] = [];
    for (const item of own) {
      const mapped = toEntitlementItem(item, runMonth);
      if ('problem' in mapped) {
        problems.push({ programme: item.programme, groupCode: item.groupCode, message: mapped.problem });
        continue;
      }
      (mapped.window?.ledgerOnly ? pastItems : entitlementItems).push(mapped.item);
      if (mapped.window) windows.push(mapped.window);
    }
    return { personRef, items: entitlementItems, ...(pastItems.length > 0 && { pastItems }), windows, problems };
  });
}

type Mapped = { item: EntitlementItem; window?: OwedWindow } | { problem: string };

function toEntitlementItem(source: SnapshotItem, runMonth: Month): Mapped {
  const a = source.attributes;
  try {
    const children = wholeNumber(a, 'children');
    const injuryRate = wholeNumber(a, 'injuryRate');
    const seniorityYears = wholeNumber(a, 'seniorityYears');
    const especiallySevere = flag(a, 'especiallySevere') ?? flag(a, 'especiallySevereWound');
    const recipientRef = text(a, 'recipientRef');
    const caredForRef = text(a, 'caredForRef');
    const family = text(a, 'family');
    const item: EntitlementItem = {
      programme: source.programme,
      groupCode: source.groupCode,
      ...(family !== undefined && { family }),
      ...(children !== undefined && { children }),
      ...(injuryRate !== undefined && { injuryRate }),
      ...(especiallySevere !== undefined && { especiallySevere }),
      ...(seniorityYears !== undefined && { seniorityYears }),
      ...(recipientRef !== undefined && { recipientRef }),
      ...(caredForRef !== undefined && { caredForRef }),
    };
    const from = text(a, 'arrearsFrom');
    if (from !== undefined && (!isMonth(from) || from >= runMonth)) throw new Error(`arrearsFrom "${from}" must be a month before ${runMonth}`);
    const afterSuspension = flag(a, 'arrearsAfterSuspension') === true;
    const ledgerOnly = flag(a, 'arrearsOnly') === true;
    if (ledgerOnly && (from === undefined || afterSuspension)) throw new Error('attribute arrearsOnly needs arrearsFrom, and no arrearsAfterSuspension');
    const months = arrearsMonths(a, item, from, runMonth);
    const window =
      from !== undefined || afterSuspension
        ? { programme: source.programme, ...(from && { from, item }), ...(months && { months }), afterSuspension, ...(ledgerOnly && { ledgerOnly }) }
        : undefined;
    return window ? { item, window } : { item };
  } catch (error) {
    return { problem: `${source.groupCode}: ${(error as Error).message}` };
  }
}

/**
 * attributes.arrearsMonths: a JSON array of the window's months decided otherwise than the run's month (eligibility's
 * evaluate-page.ts, ArrearsMonth): `{ month, groupCode, children? }` (the item then) or `{ month, owed: false }`.
 */
function arrearsMonths(attributes: Readonly<Record<string, unknown>>, item: EntitlementItem, from: Month | undefined, runMonth: Month): Map<Month, EntitlementItem | null> | undefined {
  const listed = text(attributes, 'arrearsMonths');
  if (listed === undefined) return undefined;
  if (from === undefined) throw new Error('attribute arrearsMonths needs arrearsFrom');
  let entries: unknown;
  try {
    entries = JSON.parse(listed);
  } catch {
    throw new Error(`attribute arrearsMonths must be a JSON array, got ${JSON.stringify(listed.slice(0, 80))}`);
  }
  if (!Array.isArray(entries)) throw new Error('attribute arrearsMonths must be a JSON array');
  const months = new Map<Month, EntitlementItem | null>();
  for (const entry of entries as Record<string, unknown>[]) {
    const month = entry?.month;
    if (typeof month !== 'string' || !isMonth(month) || month < from || month >= runMonth || months.has(month)) {
      throw new Error(`attribute arrearsMonths: month ${JSON.stringify(month)} must be a month from ${from} to before ${runMonth}, once`);
    }
    if (entry.owed === false) {
      months.set(month, null);
      continue;
    }
    const groupCode = text(entry, 'groupCode');
    if (groupCode === undefined) throw new Error(`attribute arrearsMonths: ${month} needs its groupCode, or owed: false`);
    const children = wholeNumber(entry, 'children');
    months.set(month, { ...item, groupCode, ...(children !== undefined && { children }) });
  }
  return months;
}

function wholeNumber(attributes: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = attributes[name];
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 0) throw new Error(`attribute ${name} must be a whole number, got ${JSON.stringify(value)}`);
  return number;
}

function flag(attributes: Readonly<Record<string, unknown>>, name: string): boolean | undefined {
  const value = attributes[name];
  if (value === undefined) return undefined;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Error(`attribute ${name} must be true or false, got ${JSON.stringify(value)}`);
}

function text(attributes: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = attributes[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) throw new Error(`attribute ${name} must be a text, got ${JSON.stringify(value)}`);
  return value;
}
