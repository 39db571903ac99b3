/**
 * The column layout of a register file (CSV in UTF-8, or the first sheet of an XLSX workbook): one header row with
 * these names (any order, case-insensitive, extra columns ignored), then one row per DECISION. A person with two
 * decisions appears on two rows with the same person data. Documented for communes in services/eligibility/README.md.
 */
import type { Channel, Programme } from '@benefits/contracts';
import type { DecisionAttributes, PovertyStatus } from '../../domain/eligibility-input';
import type { IsoDate } from '../../domain/months';
import type { Sex } from '../../domain/national-id';

export const COLUMNS = {
  national_id: { required: true, keepAsText: true, doc: 'personal ID number (số định danh cá nhân), 12 digits; keep the column as Text in spreadsheets' },
  full_name: { required: true, doc: 'full name in Vietnamese, with diacritics' },
  sex: { required: true, doc: 'male | female (also nam | nữ, M | F)' },
  date_of_birth: { required: true, doc: 'YYYY-MM-DD or DD/MM/YYYY' },
  date_of_death: { required: false, doc: 'empty unless deceased; for a person on record, only a death already recorded (a death life event records it: the row is refused until then)' },
  phone: { required: false, keepAsText: true, doc: '0xxxxxxxxx or +84xxxxxxxxx; keep the column as Text in spreadsheets' },
  household_code: { required: false, keepAsText: true, doc: "the commune's household code (required with poverty_status); keep the column as Text in spreadsheets" },
  poverty_year: { required: false, doc: 'year of the poverty list, e.g. 2026' },
  poverty_status: { required: false, doc: 'poor | near_poor | none on that year\'s list' },
  commune_code: { required: true, doc: '5-digit commune code of residence (Decision 19/2025/QĐ-TTg; old codes accepted for old dates)' },
  residence_from: { required: true, doc: 'living in that commune since' },
  address: { required: false, doc: 'hamlet or street address in the commune (thôn, ấp, tổ, khóm; số nhà), up to 200 characters: printed on the post office\'s cash list' },
  programme: { required: true, doc: 'social_assistance | social_pension | meritorious' },
  group_code: { required: true, doc: 'benefit group or family code (e.g. SA_CHILD_NO_SUPPORT, SOCIAL_PENSION, NCC_WAR_INVALID)' },
  decision_number: { required: true, doc: 'number of the decision, e.g. 123/QĐ-UBND' },
  signing_level: { required: true, doc: 'district (until 2025-06-30) | commune' },
  signed_on: { required: true, doc: 'date the decision was signed' },
  effective_from: { required: true, doc: 'date the decision takes effect' },
  effective_to: { required: false, doc: 'date the decision ends (may be in the future)' },
  certificate_date: { required: false, doc: 'disability groups: date of the disability certificate (required for them)' },
  injury_rate: { required: false, doc: 'war invalids: injury rate in percent, 21-100 (required for them; war invalids are recognised from 21%)' },
  especially_severe_wound: { required: false, doc: 'yes | no' },
  seniority_years: { required: false, doc: 'pre-1945 salaried revolutionaries: years of seniority' },
  studying_from: { required: false, doc: 'the person studies from this date' },
  studying_to: { required: false, doc: '... until this date (empty: still studying)' },
  children_birth_dates: { required: false, doc: 'SA_SINGLE_PARENT_POOR: dates of birth of the children, separated by ;' },
  cared_for_national_id: {
    required: false,
    keepAsText: true,
    doc: 'care allowances held by the caring household (CARE_FOSTER_*, CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED): ID number of the person cared for, who must be in the register or on an earlier accepted row of the file; empty: the row\'s person is the one cared for',
  },
  cared_for_date_of_birth: {
    required: false,
    doc: 'with cared_for_national_id: date of birth of the person cared for; when given, it must be the one on record for that ID number (a mistyped ID number that is another person\'s is refused)',
  },
  channel: { required: true, doc: 'bank | post_office_account | post_office_cash' },
  bank_bin: { required: false, doc: '6-digit NAPAS BIN (bank; post_office_account: 970449 or empty)' },
  account_number: { required: false, keepAsText: true, doc: 'bank or post-office account number, 6-19 digits; keep the column as Text in spreadsheets' },
  account_holder_name: { required: false, doc: 'name on the account (default: full_name)' },
  cash_point_code: { required: false, doc: 'post_office_cash: code of the commune payment point' },
  destination_from: { required: false, doc: 'destination valid from (default: effective_from)' },
} as const;

export type ColumnName = keyof typeof COLUMNS;
export const COLUMN_NAMES = Object.keys(COLUMNS) as ColumnName[];
export const REQUIRED_COLUMNS = COLUMN_NAMES.filter((name) => COLUMNS[name].required);
/**
 * Digit strings that a spreadsheet number cell would change without a trace: it drops a leading 0 and rounds the
 * digits after the 15th ('0114502552' → 114502552, a 19-digit account → …600). An XLSX number cell in one is refused.
 * (A commune code or a BIN has a fixed length, so a lost digit is refused by its own check.)
 */
export const KEEP_AS_TEXT_COLUMNS = COLUMN_NAMES.filter((name) => 'keepAsText' in COLUMNS[name]);

/** One data row as read from the file: column name → trimmed text ('' for an empty cell). */
export type RawRow = Partial<Record<ColumnName, string>>;

/** A valid row, parsed: what the register stores. */
export interface RegisterRow {
  readonly person: {
    readonly nationalId: string;
    readonly fullName: string;
    readonly sex: Sex;
    readonly dateOfBirth: IsoDate;
    readonly dateOfDeath?: IsoDate;
    readonly phone?: string;
  };
  /**
   * `communeCode`: the commune the household code belongs to, the one in force on the day the row is read (see
   * validate-row communeInForceOf); the residence keeps the code as typed.
   */
  readonly household?: { readonly code: string; readonly communeCode: string; readonly poverty?: { readonly year: number; readonly status: PovertyStatus } };
  readonly residence: { readonly communeCode: string; readonly provinceCode: string; readonly from: IsoDate; readonly address?: string };
  readonly decision: {
    readonly programme: Programme;
    readonly groupCode: string;
    readonly decisionNumber: string;
    readonly signingLevel: 'district' | 'commune';
    readonly signedOn: IsoDate;
    readonly effectiveFrom: IsoDate;
    readonly effectiveTo?: IsoDate;
    readonly certificateDate?: IsoDate;
    readonly attributes: DecisionAttributes;
    /** A care allowance held by the caring household: the ID number of the person cared for. */
    readonly caredForNationalId?: string;
    /** ... and their date of birth, if the row gives it: checked against the person found under that ID number. */
    readonly caredForDateOfBirth?: IsoDate;
  };
  readonly destination: {
    readonly channel: Channel;
    readonly bankBin?: string;
    readonly accountNumber?: string;
    readonly holderName: string;
    readonly cashPointCode?: string;
    readonly validFrom: IsoDate;
  };
}

export interface RowProblem {
  readonly field: ColumnName;
  readonly code: string;
  readonly reason: string;
}

export type RowValidation =
  | { readonly valid: true; readonly row: RegisterRow; readonly warnings: readonly RowProblem[] }
  | { readonly valid: false; readonly problems: readonly RowProblem[]; readonly warnings: readonly RowProblem[] };

/** Normalises a header cell: 'National ID ' → 'national_id'. */
export function columnKey(header: string): string {
  return header.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}
