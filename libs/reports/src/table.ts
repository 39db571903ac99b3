import { maskDigits } from '@benefits/platform';

/**
 * A report as the exports see it: a few facts (run, month, due date …) and tables. Each report builds this model
 * once; csv.ts, xlsx.ts and pdf.ts render any model, so no report has a renderer of its own.
 */
export type ColumnKind = 'text' | 'count' | 'amount' | 'percent' | 'signature';

export interface Column {
  /** The JSON field the column shows (English). */
  readonly key: string;
  /** The printed header (Vietnamese). */
  readonly header: string;
  /** What the column means, in English, for the API docs. */
  readonly description: string;
  readonly kind: ColumnKind;
}

/**
 * text: any text; count: a whole number; amount: whole đồng as a string of digits; percent: 0–100 or null;
 * signature: a blank box a person signs on paper (ký nhận), printed wide and tall enough to sign, whatever the cell holds.
 */
export type Cell = string | number | null;
export type Row = Readonly<Record<string, Cell>>;

export interface Table {
  /** Printed above the table; also the sheet name in XLSX (shortened). */
  readonly title: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  /** A last row in bold: the totals of the table. */
  readonly totals?: Row;
}

export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface ReportDocument {
  readonly title: string;
  /** Without extension, ASCII: e.g. "funding-2026-11". */
  readonly fileName: string;
  readonly facts: readonly Fact[];
  readonly tables: readonly Table[];
}

/**
 * Text as printed: every run of 9–19 digits masked, so a whole ID number (12 digits) or account number can never
 * reach a report, whatever a caller puts in a text cell. Codes (5-digit communes, months) are shorter.
 */
export function safeText(value: string): string {
  return maskDigits(value);
}

/** A table with a signature column is a list people sign on paper: its rows are printed tall enough to sign in. */
export function hasSignatures(table: Table): boolean {
  return table.columns.some((column) => column.kind === 'signature');
}

/** The English descriptions of a table's columns, for an endpoint's OpenAPI description. */
export function describeColumns(columns: readonly Column[]): string {
  return columns.map((c) => `\`${c.key}\` — “${c.header}”: ${c.description}`).join('\n\n');
}
