import PDFDocument from 'pdfkit';
import { vietnameseAmount, vietnameseNumber } from './format';
import { hasSignatures, safeText, type Cell, type Column, type ReportDocument, type Row, type Table } from './table';

/**
 * DejaVu Sans from the npm package (never a system path): a TrueType font with every Vietnamese letter
 * (ợ, ư, đ …), embedded as a subset, so "Trợ cấp xã hội" prints as written on any machine.
 */
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

const MARGIN = 36;
const PADDING = 3;
/** A list signed on paper: a signature box at least this wide, each row at least this tall (points). */
const SIGNATURE_WIDTH = 80;
const SIGNATURE_ROW_HEIGHT = 26;

/** A4 landscape: title, facts, then each table with its header repeated on every page it continues on. */
export function toPdf(doc: ReportDocument): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: MARGIN, font: REGULAR, info: { Title: doc.title, Creator: 'benefits' } });
  pdf.registerFont('regular', REGULAR);
  pdf.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.font('bold').fontSize(14).text(doc.title);
  pdf.moveDown(0.5);
  pdf.font('regular').fontSize(9);
  for (const fact of doc.facts) pdf.text(`${fact.label}: ${safeText(fact.value)}`);
  for (const table of doc.tables) drawTable(pdf, table);
  pdf.end();
  return done;
}

function drawTable(pdf: PDFKit.PDFDocument, table: Table): void {
  const header = table.columns.map((c) => c.header);
  const body = table.rows.map((row) => printed(table.columns, row));
  const totals = table.totals ? printed(table.columns, table.totals) : null;
  const { fontSize, widths } = layout(pdf, table.columns, header, [...body, ...(totals ? [totals] : [])]);
  const minHeight = hasSignatures(table) ? SIGNATURE_ROW_HEIGHT : 0;
  const bottom = () => pdf.page.height - MARGIN;

  pdf.moveDown(1);
  if (pdf.y + 60 > bottom()) pdf.addPage();
  pdf.font('bold').fontSize(10).text(table.title, MARGIN, pdf.y);
  pdf.moveDown(0.3);

  const drawRow = (cells: string[], bold: boolean, shaded: boolean) => {
    pdf.font(bold ? 'bold' : 'regular').fontSize(fontSize);
    const height = Math.max(...cells.map((text, i) => pdf.heightOfString(text, { width: widths[i] - 2 * PADDING })), shaded ? 0 : minHeight - 2 * PADDING) + 2 * PADDING;
    if (pdf.y + height > bottom()) {
      pdf.addPage();
      if (cells !== header) drawRow(header, true, true);
      pdf.font(bold ? 'bold' : 'regular').fontSize(fontSize);
    }
    const top = pdf.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      if (shaded) pdf.rect(x, top, widths[i], height).fillAndStroke('#eeeeee', '#999999').fillColor('black');
      else pdf.rect(x, top, widths[i], height).stroke('#999999');
      const align = !shaded && ['count', 'amount', 'percent'].includes(table.columns[i].kind) ? 'right' : 'left';
      pdf.text(text, x + PADDING, top + PADDING, { width: widths[i] - 2 * PADDING, align });
      x += widths[i];
    });
    pdf.x = MARGIN;
    pdf.y = top + height;
  };

  drawRow(header, true, true);
  for (const cells of body) drawRow(cells, false, false);
  if (totals) drawRow(totals, true, false);
  pdf.font('regular').fontSize(9);
}

const FONT_SIZES = [8.5, 7.5, 6.5, 5.5];
/** A text column wraps beyond this width; numbers never wrap when the table can fit them. */
const MAX_TEXT_WIDTH = 170;

/**
 * The largest font size at which every number fits on one line (headers wrap at their words), and column widths:
 * what each column needs, the space left shared out in proportion. Text columns wrap past MAX_TEXT_WIDTH.
 */
function layout(pdf: PDFKit.PDFDocument, columns: readonly Column[], header: string[], rows: string[][]): { fontSize: number; widths: number[] } {
  const available = pdf.page.width - 2 * MARGIN;
  let needs: number[] = [];
  let fontSize = FONT_SIZES[FONT_SIZES.length - 1];
  for (const size of FONT_SIZES) {
    fontSize = size;
    needs = columns.map((column, i) => {
      pdf.font('bold').fontSize(size);
      const word = Math.max(...header[i].split(/\s+/).map((w) => pdf.widthOfString(w)));
      const cell = Math.max(0, ...rows.map((r) => pdf.widthOfString(r[i])));
      const need = Math.max(word, cell) + 2 * PADDING + 1;
      if (column.kind === 'signature') return Math.max(need, SIGNATURE_WIDTH);
      return column.kind === 'text' ? Math.min(need, MAX_TEXT_WIDTH) : need;
    });
    if (needs.reduce((a, b) => a + b, 0) <= available) break;
  }
  const total = needs.reduce((a, b) => a + b, 0);
  return { fontSize, widths: needs.map((n) => (n / total) * available) };
}

function printed(columns: readonly Column[], row: Row): string[] {
  return columns.map((c) => cellText(c, row[c.key] ?? null));
}

function cellText(column: Column, value: Cell): string {
  if (value === null) return '';
  switch (column.kind) {
    case 'signature':
      return '';
    case 'amount':
      return vietnameseAmount(String(value));
    case 'count':
      return vietnameseNumber(Number(value));
    case 'percent':
      return `${vietnameseNumber(Number(value), 2)} %`;
    case 'text':
      return safeText(String(value));
  }
}
