import { EligibilityError } from '../shared/errors';
import type { ImportReport, ReportedProblem } from './import-report';

/** The whole file is refused before any row is looked at: nothing is stored. */
export class FileTooLargeError extends EligibilityError {
  readonly code = 'FILE_TOO_LARGE';
  readonly status = 413;
  constructor(limitBytes: number) {
    super(`The file is larger than ${formatBytes(limitBytes)}, the import limit (setting IMPORT_MAX_BYTES): split it, e.g. by commune`, { limitBytes });
  }
}

export class EmptyFileError extends EligibilityError {
  readonly code = 'EMPTY_FILE';
  readonly status = 400;
  constructor(what = 'The file is empty') {
    super(`${what}: a register file has a header row and at least one row`);
  }
}

export class NotUtf8Error extends EligibilityError {
  readonly code = 'NOT_UTF8';
  readonly status = 400;
  constructor(detail: string) {
    super(`The file is not UTF-8 text (${detail}). Save the CSV as "CSV UTF-8", or send the XLSX workbook itself`);
  }
}

export class MissingColumnsError extends EligibilityError {
  readonly code = 'MISSING_COLUMNS';
  readonly status = 400;
  constructor(readonly missing: readonly string[]) {
    super(`The header row lacks the required column(s) ${missing.join(', ')} (see the column layout in the README)`, { missing });
  }
}

export class UnreadableFileError extends EligibilityError {
  readonly code = 'UNREADABLE_FILE';
  readonly status = 400;
  constructor(detail: string) {
    super(`The file cannot be read as CSV or XLSX: ${detail}`);
  }
}

/** Some rows are invalid and the operator did not ask to store the valid ones: nothing is stored. */
export class ImportRejectedError extends EligibilityError {
  readonly code = 'IMPORT_REJECTED';
  readonly status = 422;
  constructor(readonly report: ImportReport) {
    super(
      report.accepted === 0
        ? `No row of the file is valid (${report.rejected} rejected): nothing was stored`
        : `${report.rejected} of ${report.rows} rows are invalid: nothing was stored. Correct them, or import again with acceptValidRows=true to store the ${report.accepted} valid rows`,
      report,
    );
  }
}

/**
 * A date of the file is written month first (DATE_MONTH_FIRST): so may its other slash dates be, which were read day
 * first (05/06/1950 as 5 June, meant 6 May). Nothing is stored, even when the operator accepts the valid rows.
 */
export class DatesMonthFirstError extends EligibilityError {
  readonly code = 'DATES_MONTH_FIRST';
  readonly status = 422;
  constructor(readonly report: ImportReport, first: ReportedProblem) {
    super(
      `${first.field} on row ${first.row} is written month first (MM/DD/YYYY): the file's other DD/MM/YYYY dates may be too, and would be read with day and month swapped. Nothing was stored, even with acceptValidRows: write the file's dates as DD/MM/YYYY or YYYY-MM-DD`,
      report,
    );
  }
}

export class ImportNotFoundError extends EligibilityError {
  readonly code = 'IMPORT_NOT_FOUND';
  readonly status = 404;
  constructor(importId: string) {
    super(`No stored import ${importId}`);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB` : `${bytes} bytes`;
}
