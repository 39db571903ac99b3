import { toCsv } from './csv';
import { toPdf } from './pdf';
import type { ReportDocument } from './table';
import { toXlsx } from './xlsx';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RenderedReport {
  readonly body: Buffer;
  readonly contentType: string;
  /** e.g. "funding-2026-11.xlsx" (ASCII). */
  readonly fileName: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** A report model as a file in the format asked for. */
export async function renderReport(doc: ReportDocument, format: ExportFormat): Promise<RenderedReport> {
  const body = format === 'csv' ? toCsv(doc) : format === 'xlsx' ? await toXlsx(doc) : await toPdf(doc);
  return { body, contentType: CONTENT_TYPES[format], fileName: `${doc.fileName.replace(/[^\w.-]/g, '_')}.${format}` };
}
