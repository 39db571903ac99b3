/**
 * A page's frozen decisions as snapshot_item rows in PostgreSQL's COPY text format: one line per row, tab-separated
 * columns in the order of SNAPSHOT_ITEM_COLUMNS, \N for a missing value. Pure: the service streams the text.
 */
import { copyLine } from '@benefits/platform';
import type { FrozenDecision } from './evaluate-page';

export const SNAPSHOT_ITEM_COLUMNS = ['run_id', 'decision_id', 'person_id', 'programme', 'payable', 'group_code', 'commune_code', 'age_years', 'attributes', 'reason'] as const;

export function snapshotItemsCopy(runId: string, rows: readonly FrozenDecision[]): string {
  // Joined once into one flat string: the page keeps a single block alive until it is written, not a rope of pieces.
  return rows
    .map((row) =>
      copyLine([
        runId, row.decisionId, row.personId, row.programme, row.payable, row.groupCode, row.communeCode, row.ageYears,
        row.attributes === undefined ? undefined : JSON.stringify(row.attributes), row.reason,
      ]),
    )
    .join('');
}
