import { safeText, type Cell, type Column, type ReportDocument, type Row } from './table';

/** Excel reads a CSV as UTF-8 (Vietnamese diacritics intact) only when it starts with this byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * RFC 4180 CSV (comma, CRLF, quotes doubled): the facts as label,value lines, then each table as its title line,
 * its header line and its rows, tables separated by an empty line. Amounts are plain digits, so a spreadsheet
 * reads them as numbers; percentages use a decimal point.
 */
export function toCsv(doc: ReportDocument): Buffer {
  const lines: string[] = [line([doc.title])];
  for (const fact of doc.facts) lines.push(line([fact.label, safeText(fact.value)]));
  for (const table of doc.tables) {
    lines.push('', line([table.title]), line(table.columns.map((c) => c.header)));
    for (const row of [...table.rows, ...(table.totals ? [table.totals] : [])]) lines.push(line(table.columns.map((c) => text(c, row))));
  }
  return Buffer.from(UTF8_BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

function text(column: Column, row: Row): string {
  const value: Cell = row[column.key] ?? null;
  if (value === null || column.kind === 'signature') return '';
  if (column.kind === 'percent' && typeof value === 'number') return value.toFixed(2);
  return column.kind === 'text' ? safeText(String(value)) : String(value);
}

function line(values: readonly string[]): string {
  return values.map(quote).join(',');
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
