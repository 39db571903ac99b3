import ExcelJS from 'exceljs';
import { hasSignatures, safeText, type Cell, type Column, type ReportDocument, type Table } from './table';

const NUMBER_FORMAT: Record<Column['kind'], string | undefined> = { text: undefined, count: '#,##0', amount: '#,##0', percent: '0.00', signature: undefined };
/** A list signed on paper: rows tall enough to sign in (points), and a wide signature column (characters). */
const SIGNATURE_ROW_HEIGHT = 30;
const SIGNATURE_WIDTH = 24;

/**
 * One workbook: a first sheet "Thông tin" with the title and facts, then a sheet per table with its title in
 * row 1, the headers in row 2 and the rows from row 3 (totals last, in bold). Amounts are numbers (exact: any
 * province total is far below 2^53 đồng; a larger one is written as text rather than rounded).
 */
export async function toXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'benefits';
  workbook.created = new Date();
  const info = workbook.addWorksheet('Thông tin');
  info.addRow([doc.title]).font = { bold: true, size: 13 };
  for (const fact of doc.facts) info.addRow([fact.label, safeText(fact.value)]);
  info.getColumn(1).width = 40;
  info.getColumn(2).width = 50;
  const names = new Set<string>(['Thông tin']);
  doc.tables.forEach((table, index) => addTable(workbook, table, sheetName(table.title, index, names)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTable(workbook: ExcelJS.Workbook, table: Table, name: string): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([table.title]).font = { bold: true };
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  const rows = [...table.rows, ...(table.totals ? [table.totals] : [])];
  for (const row of rows) {
    const added = sheet.addRow(table.columns.map((c) => value(c, row[c.key] ?? null)));
    if (hasSignatures(table)) {
      added.height = SIGNATURE_ROW_HEIGHT;
      added.alignment = { wrapText: true, vertical: 'middle' };
    }
  }
  if (table.totals) sheet.getRow(sheet.rowCount).font = { bold: true };
  table.columns.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.kind === 'signature' ? SIGNATURE_WIDTH : column.kind === 'text' ? 22 : 16;
    const format = NUMBER_FORMAT[column.kind];
    if (format) col.numFmt = format;
  });
}

function value(column: Column, cell: Cell): string | number | null {
  if (cell === null || column.kind === 'signature') return null;
  if (column.kind === 'text') return safeText(String(cell));
  if (column.kind === 'amount') {
    const amount = BigInt(cell);
    return amount <= BigInt(Number.MAX_SAFE_INTEGER) && amount >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(amount) : amount.toString();
  }
  return typeof cell === 'number' ? cell : Number(cell);
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(title: string, index: number, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').trim().slice(0, 28) || `Bảng ${index + 1}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base.slice(0, 27)} ${n}`;
  taken.add(name);
  return name;
}
