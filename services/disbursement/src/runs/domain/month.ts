/** Months as "YYYY-MM" strings: they sort as text. */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number);
  const index = year * 12 + (mon - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "2026-11" → "11/2026", as Vietnamese texts write it. */
export function monthLabel(month: string): string {
  const [year, mon] = month.split('-');
  return `${mon}/${year}`;
}

/** "2026-11" → "T11/2026", the bank narrative's form. */
export function narrativeMonth(month: string): string {
  return `T${monthLabel(month)}`;
}

/**
 * The months before `month` that `months` holds (a payment's lines: arrears, a month carried over), each once, oldest
 * first: what a payment pays beside its own month, named to the beneficiary and to their bank.
 */
export function earlierMonths(month: string, months: readonly string[]): string[] {
  return [...new Set(months)].filter((m) => m < month).sort();
}
