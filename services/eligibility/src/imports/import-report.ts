import type { RowProblem } from './domain/import-layout';

export interface ReportedProblem extends RowProblem {
  /** The row in the file as a spreadsheet numbers it: the header is row 1. */
  readonly row: number;
}

export interface ImportReport {
  readonly importId?: string;
  readonly status: 'completed' | 'rejected' | 'already_imported';
  readonly fileName: string;
  readonly fileSha256: string;
  readonly format: 'csv' | 'xlsx';
  readonly acceptValidRows: boolean;
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** What the stored rows changed; rows already in the register (same person, programme and decision number) change nothing. */
  readonly created?: { readonly persons: number; readonly decisions: number; readonly destinations: number };
  readonly unchanged?: number;
  /** Every problem of every rejected row. */
  readonly rejections: readonly ReportedProblem[];
  /** Warnings (the row is stored): the first MAX_WARNINGS of them, and how many in all. */
  readonly warnings: readonly ReportedProblem[];
  readonly warningCount: number;
}

export const MAX_WARNINGS = 1000;

/** Collects what pass 1 finds, row by row. */
export class ReportBuilder {
  rows = 0;
  readonly rejectedRows = new Set<number>();
  readonly rejections: ReportedProblem[] = [];
  readonly warnings: ReportedProblem[] = [];
  warningCount = 0;

  addRow(row: number, problems: readonly RowProblem[], warnings: readonly RowProblem[]): void {
    this.rows++;
    if (problems.length > 0) this.rejectedRows.add(row);
    for (const problem of problems) this.rejections.push({ row, ...problem });
    for (const warning of warnings) {
      this.warningCount++;
      if (this.warnings.length < MAX_WARNINGS) this.warnings.push({ row, ...warning });
    }
  }

  get accepted(): number {
    return this.rows - this.rejectedRows.size;
  }

  build(base: Pick<ImportReport, 'status' | 'fileName' | 'fileSha256' | 'format' | 'acceptValidRows'>, more: Partial<ImportReport> = {}): ImportReport {
    return {
      ...base,
      rows: this.rows,
      accepted: this.accepted,
      rejected: this.rejectedRows.size,
      ...more,
      rejections: this.rejections,
      warnings: this.warnings,
      warningCount: this.warningCount,
    };
  }
}
