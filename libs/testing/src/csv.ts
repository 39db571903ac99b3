import { parse } from 'csv-parse/sync';

/**
 * A register file as tests read and change it: RFC 4180, so a quoted cell may hold a comma (an address such as
 * "Tổ 7, khóm Bình Đức"). Splitting lines on commas shifts every later column of such a row.
 */
export function readCsv(text: string): { header: string[]; rows: string[][] } {
  const [header, ...rows] = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  return { header, rows };
}

/** Header and rows back as CSV text, a cell quoted where it holds a comma, a quote or a line break. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');
  return [header, ...rows].map(line).join('\n') + '\n';
}
