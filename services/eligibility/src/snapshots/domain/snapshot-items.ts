/**
 * A page's frozen decisions as snapshot_item rows in PostgreSQL's COPY text format: one line per row, tab-separated
 * columns in the order of SNAPSHOT_ITEM_COLUMNS, \N for a missing value. Pure: the service streams the text.
 */
import type { FrozenDecision } from './evaluate-page';

export const SNAPSHOT_ITEM_COLUMNS = ['run_id', 'decision_id', 'person_id', 'programme', 'payable', 'group_code', 'commune_code', 'age_years', 'attributes', 'reason'] as const;

export function snapshotItemsCopy(runId: string, rows: readonly FrozenDecision[]): string {
  // Joined once into one flat string: the page keeps a single block alive until it is written, not a rope of pieces.
  return rows
    .map(
      (row) =>
        `${runId}\t${row.decisionId}\t${row.personId}\t${field(row.programme)}\t${row.payable ? 't' : 'f'}\t${field(row.groupCode)}\t${field(row.communeCode)}\t${field(row.ageYears)}\t${
          row.attributes === undefined ? NULL : field(JSON.stringify(row.attributes))
        }\t${field(row.reason)}\n`,
    )
    .join('');
}

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as a COPY field: backslash, tab, newline and carriage return escaped (they would end the field or row). */
export function field(value: string | number | undefined): string {
  if (value === undefined) return NULL;
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c]) : text;
}
