import { calculateMonth, type EntitlementInput, type EntitlementItem, type MonthCalculator, type MonthEntitlement, type Month, type RateBook } from '../../domain';

type Memo = { readonly value: MonthEntitlement } | { readonly error: unknown };

/** Beyond this many distinct inputs per book the cache starts afresh: memory stays bounded whatever the run. */
const MAX_ENTRIES = 200_000;

/** What of an item changes its amount. */
const pricedPart = (i: EntitlementItem) =>
  `${i.programme}|${i.groupCode}|${i.children ?? ''}|${i.injuryRate ?? ''}|${i.especiallySevere ?? ''}|${i.seniorityYears ?? ''}|${i.recipientRef ?? ''}`;

/**
 * The canonical text of a person's items for a month: equal texts are priced alike, whoever is cared for. A care
 * allowance listed twice for the same person cared for (which calculateMonth refuses) is marked so: its text never
 * equals that of a household caring for two persons.
 */
export function itemsKey(items: readonly EntitlementItem[]): string {
  const seen = new Set<string>();
  return items
    .map((i) => {
      if (i.caredForRef === undefined) return `${pricedPart(i)}|`;
      const careOf = `${i.groupCode}|${i.caredForRef}`;
      const again = seen.has(careOf);
      seen.add(careOf);
      return `${pricedPart(i)}|${again ? 'cared-for-again' : 'cared-for'}`;
    })
    .sort()
    .join(';');
}

/**
 * The canonical text of everything a person's items hold: the key of the calculation stored for them, whose inputs
 * later runs and terminations read back as that person's items of the month. The register's group (family) and the
 * person cared for do not change the amount, but they tell which item a termination ends: two households fostering
 * a child each share their pricing, never their stored items.
 */
export function inputsKey(items: readonly EntitlementItem[]): string {
  return items
    .map((i) => `${pricedPart(i)}|${i.family ?? ''}|${i.caredForRef ?? ''}`)
    .sort()
    .join(';');
}

/**
 * calculateMonth, remembered per book and per distinct (month, province, items): a million people fall into a few
 * thousand combinations of groups and attributes, each priced once. The answer (or the error) computed for the
 * first person is handed to the next ones with their own personRef.
 */
export class CachedCalculator {
  private readonly perBook = new WeakMap<RateBook, Map<string, Memo>>();

  readonly calculate: MonthCalculator = (person: EntitlementInput, month: Month, book: RateBook): MonthEntitlement => {
    let memos = this.perBook.get(book);
    if (memos === undefined || memos.size >= MAX_ENTRIES) {
      memos = new Map();
      this.perBook.set(book, memos);
    }
    const key = `${month}|${person.provinceCode ?? ''}|${itemsKey(person.items)}`;
    let memo = memos.get(key);
    if (memo === undefined) {
      try {
        memo = { value: calculateMonth(person, month, book) };
      } catch (error) {
        memo = { error };
      }
      memos.set(key, memo);
    }
    if ('error' in memo) throw memo.error;
    return memo.value.personRef === person.personRef ? memo.value : { ...memo.value, personRef: person.personRef };
  };
}
