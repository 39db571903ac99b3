import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { maskQuoted } from '../domain/national-id';
import { COLUMN_NAMES, columnKey, REQUIRED_COLUMNS, type ColumnName, type RawRow } from './domain/import-layout';
import { EmptyFileError, MissingColumnsError, NotUtf8Error, UnreadableFileError } from './import-errors';

export type FileFormat = 'csv' | 'xlsx';

export interface FileRow {
  /** As a spreadsheet numbers it: the header is row 1. */
  readonly rowNumber: number;
  readonly raw: RawRow;
  /** XLSX: the columns whose cell holds a number, not text (its text is the number's, leading zeros lost). */
  readonly numberCells?: readonly ColumnName[];
  /** XLSX: the columns whose cell holds an error (#N/A, #REF!) or a formula with no value: read as '', refused CELL_ERROR. */
  readonly errorCells?: readonly ColumnName[];
}

/** XLSX is a zip archive ("PK\x03\x04"); everything else is read as CSV. UTF-16 is recognised to explain the refusal. */
export async function detectFormat(path: string): Promise<FileFormat> {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead === 0) throw new EmptyFileError();
    if (buffer.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
    const bom = buffer.subarray(0, 2).toString('hex');
    if (bom === 'fffe' || bom === 'feff') throw new NotUtf8Error('it is UTF-16');
    return 'csv';
  } finally {
    await handle.close();
  }
}

/** Streams the data rows of a register file, after checking its header. Memory stays flat whatever the file size. */
export function readRows(path: string, format: FileFormat): AsyncGenerator<FileRow> {
  return format === 'xlsx' ? readXlsx(path) : readCsv(path);
}

/** Passes bytes through unchanged, failing on the first byte sequence that is not UTF-8. */
class Utf8Check extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private offset = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(new NotUtf8Error(`an invalid byte sequence near byte ${this.offset}; Windows-1258 or TCVN3?`));
    }
    this.offset += chunk.length;
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.decoder.decode();
    } catch {
      return done(new NotUtf8Error('it ends in the middle of a character'));
    }
    done();
  }
}

async function* readCsv(path: string): AsyncGenerator<FileRow> {
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  // pipeline destroys every stream with the first error, so the loop below rejects with it.
  pipeline(createReadStream(path), new Utf8Check(), parser, () => undefined);
  let header: Header | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { records: number; empty_lines: number } }>) {
      if (record.every((cell) => cell === '')) continue; // ",,,," rows that spreadsheets leave at the end
      if (!header) {
        header = readHeader(record);
        continue;
      }
      // A spreadsheet shows a record on one row however many lines its quoted cells span, and an empty line as a row.
      yield { rowNumber: info.records + info.empty_lines, raw: header.toRow(record) };
    }
  } catch (error) {
    if (error instanceof NotUtf8Error || error instanceof MissingColumnsError) throw error;
    // The parser quotes the cell it stopped at ('… at line 2, value is "0114502552 "'): shown masked, as any quoted value.
    throw new UnreadableFileError((error as Error).message.replace(/"([^"]*)"/g, (_quoted, cell: string) => `"${maskQuoted(cell)}"`));
  }
  if (!header) throw new EmptyFileError('The file has no header row');
}

async function* readXlsx(path: string): AsyncGenerator<FileRow> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  let header: Header | undefined;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = (row.values as unknown[]).slice(1).map((value, index) => formulaDate(value, () => row.getCell(index + 1).numFmt, date1904(workbook)));
        const cells = values.map(cellText);
        if (cells.every((cell) => cell === '')) continue;
        if (!header) {
          header = readHeader(cells);
          continue;
        }
        const errorCells = header.columnsWhere(values, isErrorCell);
        yield { rowNumber: row.number, raw: header.toRow(cells), numberCells: header.columnsWhere(values, isNumberCell), ...(errorCells.length > 0 && { errorCells }) };
      }
      break; // the first worksheet only
    }
  } catch (error) {
    if (error instanceof MissingColumnsError) throw error;
    throw new UnreadableFileError(`not a readable XLSX workbook (${(error as Error).message})`);
  }
  if (!header) throw new EmptyFileError('The first worksheet has no header row');
}

interface Header {
  toRow(cells: readonly string[]): RawRow;
  columnsWhere(values: readonly unknown[], test: (value: unknown) => boolean): ColumnName[];
}

function readHeader(cells: readonly string[]): Header {
  const keys = cells.map(columnKey);
  const missing = REQUIRED_COLUMNS.filter((name) => !keys.includes(name));
  if (missing.length > 0) throw new MissingColumnsError(missing);
  const known = new Set<string>(COLUMN_NAMES);
  const positions = keys.map((key, index) => [key, index] as const).filter(([key]) => known.has(key)) as [ColumnName, number][];
  return {
    toRow: (values) => Object.fromEntries(positions.map(([key, index]) => [key, (values[index] ?? '').trim()])) as RawRow,
    columnsWhere: (values, test) => positions.filter(([, index]) => test(values[index])).map(([key]) => key),
  };
}

/**
 * A formula whose result Excel shows as a date (=DATE(1950;6;20), =B2+30 in a column formatted as a date) holds the
 * day's serial number; ExcelJS turns a date typed into a cell into a Date but leaves a formula's result a number, which
 * would be refused as a date that the operator sees on screen. Read as the Date it shows, by the rule ExcelJS uses for
 * typed cells (a number format with day, month or year letters outside quotes and brackets) and from the workbook's
 * epoch (1900, or 1904 in workbooks made on old Macs). A number in a column not formatted as a date stays a number.
 */
function formulaDate(value: unknown, numFmt: () => string | undefined, from1904: boolean): unknown {
  if (typeof value !== 'object' || value === null || !('result' in value)) return value;
  const result = (value as { result: unknown }).result;
  if (typeof result !== 'number' || !isDateFormat(numFmt())) return value;
  const days = result - 25569 + (from1904 ? 1462 : 0); // 25569: the serial of 1970-01-01 in the 1900 epoch
  return { ...value, result: new Date(Math.round(days * 86_400_000)) };
}

function isDateFormat(format: string | undefined): boolean {
  return format !== undefined && /[ymdhMsb]/.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Whether the workbook counts its dates from 1904 (workbookPr date1904, read by ExcelJS before the first sheet). */
function date1904(workbook: ExcelJS.stream.xlsx.WorkbookReader): boolean {
  return (workbook as unknown as { properties?: { model?: { date1904?: boolean } } }).properties?.model?.date1904 === true;
}

/** An XLSX cell holding a number (typed into a General or Number column), or a formula whose result is one. */
function isNumberCell(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'object' && value !== null && 'result' in value && isNumberCell((value as { result: unknown }).result);
}

/**
 * An XLSX cell with no value to read: an error (#N/A of a failed VLOOKUP, also pasted as values), or a formula whose
 * result is one or that was never computed (a file written by a program, not by Excel). Read as empty it would make an
 * optional column say "none" (no date of death, no end date); read as its object, "[object Object]" became a name.
 */
function isErrorCell(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || value instanceof Date) return false;
  if ('error' in value) return true;
  if (!('formula' in value) && !('sharedFormula' in value)) return false;
  const result = (value as { result?: unknown }).result;
  return result === undefined || Number.isNaN(result) || isErrorCell(result);
}

/** The text of an XLSX cell: dates as YYYY-MM-DD, formulas by their result, rich text flattened; '' for an error cell. */
function cellText(value: unknown): string {
  if (value === null || value === undefined || isErrorCell(value)) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const cell = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (cell.richText) return cell.richText.map((part) => part.text).join('');
    if ('result' in cell) return cellText(cell.result);
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.error) return '';
  }
  return String(value).trim();
}
