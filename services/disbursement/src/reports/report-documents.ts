import { vietnameseAmount, type Column, type ReportDocument, type Row, type Table } from '@benefits/reports';
import type { CommuneName } from '../payments/domain/commune-names';
import type { AnnualLine, AnnualReport } from './domain/annual';
import type { ArrearsReport } from './domain/arrears';
import type { CashListTotals } from './domain/cash-list';
import type { CashlessShare, ShareFigures } from './domain/cashless-share';
import type { OutcomeFigures } from './domain/figures';
import type { FundingFigures } from './domain/funding';
import type { Balances, ListFigures, ListKey } from './domain/post-office';
import { amount, arrearsReason, channelName, count, date, month, outcomeReason, programmeName, share, tallyCells, tallyColumns, text, TOTAL } from './labels';
import type { CashList, FundingRequest, MonthlyReport, PostOfficeReport, RunSummaryReport } from './reports.service';

/**
 * Each report as the table model the exports render (Vietnamese headers; the JSON field each column shows and
 * its meaning in English are in the column, and in the API docs). Never a person's ID or account number: the
 * reports hold totals only.
 */
const PROGRAMME = text('programme', 'Chương trình', 'programme (social_assistance, social_pension, meritorious)');
const CHANNEL = text('channel', 'Kênh chi trả', 'channel: bank, post_office_account or post_office_cash');
const COMMUNE = text('communeCode', 'Mã xã', '5-digit commune code');
const COMMUNE_NAME = text(
  'communeName',
  'Tên xã',
  'the commune’s name, kind first: “Xã Mỹ Hòa Hưng”, “Phường Long Xuyên”, “Đặc khu Phú Quốc” (JSON also has the kind alone, `communeKind`); null for a code the administrative-unit data does not know',
);
const MONTH = text('month', 'Tháng', 'month YYYY-MM');

const OUTCOME_TABLE_COLUMNS: readonly Column[] = [
  ...tallyColumns('sent', 'Tổng chi trả', 'every payment of the run(s), not cancelled'),
  ...tallyColumns('paid', 'Đã chi trả', 'paid: settled at the bank or paid by the post office'),
  ...tallyColumns('rejected', 'Bị từ chối', 'rejected by the partner (or for a missing destination)'),
  ...tallyColumns('returned', 'Bị hoàn trả', 'settled, then returned by the bank'),
  ...tallyColumns('notCollected', 'Chưa nhận', 'not collected at the post office'),
  ...tallyColumns('pending', 'Chờ kết quả', 'no outcome yet'),
];

export const FUNDING_COLUMNS: readonly Column[] = [
  PROGRAMME,
  CHANNEL,
  count('payments', 'Số lượt chi', 'payments to be sent'),
  amount('regular', 'Chi thường xuyên (đồng)', 'the month’s own amounts, one-offs excluded'),
  amount('arrears', 'Truy lĩnh (đồng)', 'arrears for earlier months'),
  amount('carriedOver', 'Kỳ trước chuyển sang (đồng)', 'amounts unpaid in earlier months paid again'),
  amount('oneOff', 'Mai táng phí, chi một lần (đồng)', 'funeral support and other one-offs'),
  amount('resent', 'Chi lại (đồng)', 're-sends of rejected or returned payments'),
  amount('total', 'Tổng cộng (đồng)', 'total of the payments'),
  amount('heldByPostOffice', 'Bưu điện đang giữ (đồng)', 'of the carried-over and re-sent amounts, what the post office kept and pays again'),
  amount('toTransfer', 'Đề nghị cấp (đồng)', 'total − heldByPostOffice: what the treasury transfers'),
];

const BALANCE_COLUMNS: readonly Column[] = [
  amount('carriedOver', 'Chuyển kỳ sau (đồng)', 'not collected: owed again next month'),
  amount('balanceReturned', 'Số dư hoàn trả (đồng)', 'money not paid out, returned to the department'),
  amount('balanceKept', 'Số dư bưu điện giữ lại (đồng)', 'money not paid out, kept by the post office for next month'),
  amount('balanceUnrecorded', 'Số dư chưa rõ (đồng)', 'money not paid out, disposition not recorded'),
];

const LIST = text('list', 'Danh sách chi trả', 'the post-office account list, or a commune cash point’s list (`channel`, `cashPointCode`)');

export const POST_OFFICE_COLUMNS: readonly Column[] = [
  LIST,
  COMMUNE,
  COMMUNE_NAME,
  count('lists', 'Số danh sách', 'partner batches'),
  ...tallyColumns('listed', 'Trong danh sách', 'payments on the list'),
  ...tallyColumns('paid', 'Đã chi trả', 'paid'),
  ...tallyColumns('notCollected', 'Chưa nhận', 'not collected'),
  ...tallyColumns('rejected', 'Bị từ chối', 'rejected'),
  ...tallyColumns('pending', 'Chờ kết quả', 'no outcome reported yet'),
  ...BALANCE_COLUMNS,
];

export const POST_OFFICE_REASON_COLUMNS: readonly Column[] = [
  LIST,
  COMMUNE,
  COMMUNE_NAME,
  text('reason', 'Lý do', 'not collected: ABSENT, MOVED_AWAY, DECEASED, REFUSED; rejected: the code'),
  ...tallyColumns('payments', 'Không chi được', 'payments not paid out'),
  ...BALANCE_COLUMNS,
];

const SHARE_COLUMNS: readonly Column[] = [
  ...tallyColumns('accounts', 'Qua tài khoản', 'paid into a bank or post-office account'),
  ...tallyColumns('cash', 'Tiền mặt', 'paid in cash'),
  ...tallyColumns('all', 'Tổng đã chi trả', 'all paid'),
  share('shareByCount', 'Tỷ lệ không dùng tiền mặt theo số lượt (%)', 'accounts ÷ all by number of payments: the headline'),
  share('shareByAmount', 'Tỷ lệ không dùng tiền mặt theo số tiền (%)', 'accounts ÷ all by amount'),
];
export const CASHLESS_COLUMNS: readonly Column[] = [COMMUNE, COMMUNE_NAME, MONTH, ...SHARE_COLUMNS];

const ANNUAL_FIGURES: readonly Column[] = [
  count('beneficiaries', 'Số người được chi trả', 'persons paid at least once, each counted once'),
  ...tallyColumns('sent', 'Tổng chi trả', 'every payment sent'),
  ...tallyColumns('paid', 'Đã chi trả', 'paid'),
  amount('arrearsPaid', 'Trong đó truy lĩnh (đồng)', 'of the amount paid: arrears'),
  amount('carriedOverPaid', 'Trong đó kỳ trước chuyển sang (đồng)', 'of the amount paid: amounts unpaid earlier'),
  ...tallyColumns('unpaid', 'Chưa chi được', 'rejected, returned or not collected'),
  ...tallyColumns('pending', 'Chờ kết quả', 'no outcome yet'),
  share('cashlessShare', 'Tỷ lệ qua tài khoản (%)', 'paid into accounts ÷ paid, by number of payments'),
];
export const ANNUAL_COLUMNS: readonly Column[] = [MONTH, PROGRAMME, ...ANNUAL_FIGURES];

export const ARREARS_COLUMNS: readonly Column[] = [
  PROGRAMME,
  text('reason', 'Lý do truy lĩnh', 'LATE_DECISION, BACKDATED_RATE, RESUMED_AFTER_SUSPENSION, HIGHER_BENEFIT_ENDED'),
  text('forMonth', 'Truy lĩnh cho tháng', 'the month the arrears are owed for'),
  count('beneficiaries', 'Số người', 'persons'),
  ...tallyColumns('lines', 'Tổng truy lĩnh', 'arrears lines (count: lines)'),
  ...tallyColumns('paid', 'Đã chi trả', 'lines of settled payments'),
  ...tallyColumns('unpaid', 'Chưa chi được', 'lines of rejected, returned or not collected payments'),
  ...tallyColumns('pending', 'Chờ kết quả', 'lines of payments without an outcome yet'),
];

function outcomeCells(f: OutcomeFigures): Row {
  return tallyCells({ sent: f.sent, paid: f.paid, rejected: f.rejected, returned: f.returned, notCollected: f.notCollected, pending: f.pending });
}

function runFacts(view: { runId: string; month: string; status: string; provinceCode: string }) {
  return [
    { label: 'Đợt chi trả', value: view.runId },
    { label: 'Tháng chi trả', value: month(view.month) },
    { label: 'Mã tỉnh', value: view.provinceCode },
    { label: 'Trạng thái đợt chi', value: view.status },
  ];
}

export function fundingDocument(view: FundingRequest): ReportDocument {
  const cells = (f: FundingFigures): Row => ({ ...f });
  return {
    title: `Đề nghị cấp kinh phí chi trả tháng ${month(view.month)}`,
    fileName: `funding-${view.month}-${view.runId.slice(0, 8)}`,
    facts: [
      ...runFacts(view),
      { label: 'Hạn cấp kinh phí (trước ngày 25 tháng trước)', value: date(view.dueBy) },
      { label: 'Không chi được do thiếu thông tin nhận tiền', value: `${view.withoutDestination.count} lượt, ${vietnameseAmount(view.withoutDestination.amount)} đồng (không đề nghị cấp)` },
    ],
    tables: [
      {
        title: 'Theo chương trình và kênh chi trả',
        columns: FUNDING_COLUMNS,
        rows: view.rows.map((r) => ({ ...cells(r), programme: programmeName(r.programme), channel: channelName(r.channel) })),
        totals: { ...cells(view.totals), programme: TOTAL, channel: '' },
      },
      {
        title: 'Theo chương trình',
        columns: FUNDING_COLUMNS.filter((c) => c.key !== 'channel'),
        rows: view.byProgramme.map((r) => ({ ...cells(r), programme: programmeName(r.programme) })),
        totals: { ...cells(view.totals), programme: TOTAL },
      },
    ],
  };
}

export const SUMMARY_COLUMNS: readonly Column[] = [PROGRAMME, COMMUNE, COMMUNE_NAME, CHANNEL, ...OUTCOME_TABLE_COLUMNS];
export const MONTHLY_COMMUNE_COLUMNS: readonly Column[] = [COMMUNE, COMMUNE_NAME, ...OUTCOME_TABLE_COLUMNS];

export function runSummaryDocument(view: RunSummaryReport): ReportDocument {
  return {
    title: `Báo cáo tổng hợp đợt chi trả tháng ${month(view.month)}`,
    fileName: `run-summary-${view.month}-${view.runId.slice(0, 8)}`,
    facts: runFacts(view),
    tables: [
      {
        title: 'Theo chương trình, xã và kênh chi trả',
        columns: SUMMARY_COLUMNS,
        rows: view.rows.map((r) => ({
          programme: programmeName(r.programme),
          communeCode: r.communeCode,
          communeName: r.communeName,
          channel: channelName(r.channel),
          ...outcomeCells(r),
        })),
        totals: { programme: TOTAL, communeCode: '', communeName: '', channel: '', ...outcomeCells(view.totals) },
      },
    ],
  };
}

/** The list's name and its commune (none for the account list). */
function listCells(key: ListKey & CommuneName): Row {
  if (key.channel === 'post_office_account') return { list: 'Danh sách chi qua tài khoản bưu điện', communeCode: '', communeName: '' };
  return { list: `Điểm chi trả ${key.cashPointCode ?? '(chưa có)'}`, communeCode: key.communeCode, communeName: key.communeName };
}

function balanceCells(b: Balances): Row {
  return { carriedOver: b.carriedOver, balanceReturned: b.balanceReturned, balanceKept: b.balanceKept, balanceUnrecorded: b.balanceUnrecorded };
}

function listFigureCells(f: ListFigures): Row {
  return { lists: f.lists, ...tallyCells({ listed: f.listed, paid: f.paid, notCollected: f.notCollected, rejected: f.rejected, pending: f.pending }), ...balanceCells(f) };
}

export function postOfficeDocument(view: PostOfficeReport): ReportDocument {
  const r = view.reporting;
  return {
    title: `Báo cáo kết quả chi trả qua bưu điện tháng ${month(view.month)}`,
    fileName: `post-office-${view.month}-${view.runId.slice(0, 8)}`,
    facts: [
      ...runFacts(view),
      { label: 'Hạn báo cáo (trước ngày 20)', value: date(r.dueBy) },
      { label: 'Danh sách đã có báo cáo cuối cùng', value: `${r.final}/${r.lists}` },
      { label: 'Ngày hoàn tất báo cáo', value: r.completedOn ? date(r.completedOn) : 'chưa hoàn tất' },
      { label: 'Đúng hạn', value: r.onTime === null ? 'còn trong hạn' : r.onTime ? 'có' : 'không' },
    ],
    tables: [
      {
        title: 'Theo danh sách chi trả',
        columns: POST_OFFICE_COLUMNS,
        rows: view.lists.map((l) => ({ ...listCells(l), ...listFigureCells(l) })),
        totals: { list: TOTAL, communeCode: '', communeName: '', ...listFigureCells(view.totals) },
      },
      {
        title: 'Không chi được, theo lý do',
        columns: POST_OFFICE_REASON_COLUMNS,
        rows: view.notPaidOut.map((n) => ({ ...listCells(n), reason: outcomeReason(n.reason), ...tallyCells({ payments: n.payments }), ...balanceCells(n) })),
      },
    ],
  };
}

/** The columns of a cash point's payment list (formats.md, "Payment list"): the payee signs in the last one. */
export const CASH_LIST_COLUMNS: readonly Column[] = [
  count('seq', 'STT', 'the line’s number on its list (số thứ tự), as in the list the post office received'),
  text('beneficiaryCode', 'Mã đối tượng', 'the beneficiary code the post office was sent (the person’s reference)'),
  text('fullName', 'Họ và tên', 'the payee: the beneficiary, or the family of a deceased one (“Người lo mai táng cho …”)'),
  text('maskedId', 'Số định danh cá nhân', 'the ID number, masked as on every printed copy'),
  text('address', 'Thôn, ấp, địa chỉ', 'hamlet or street address in the commune, where the register has one'),
  text('programme', 'Chế độ', 'programme'),
  amount('amount', 'Số tiền tháng (đồng)', 'the month’s amount'),
  amount('arrears', 'Truy lĩnh (đồng)', 'arrears for earlier months'),
  amount('carriedOver', 'Kỳ trước chuyển sang (đồng)', 'not collected or unpaid earlier, paid again'),
  amount('total', 'Tổng số tiền (đồng)', 'what the payee receives'),
  { key: 'signature', header: 'Ký nhận', description: 'blank: the payee (or their proxy) signs on receipt', kind: 'signature' },
];

export function cashListDocument(view: CashList): ReportDocument {
  const totals = (t: CashListTotals): Row => ({ fullName: `${TOTAL}: ${t.count} người`, amount: t.amount, arrears: t.arrears, carriedOver: t.carriedOver, total: t.total });
  return {
    title: `Danh sách chi trả trợ cấp tháng ${month(view.month)}`,
    fileName: `cash-list-${view.month}-${view.communeCode}-${view.cashPointCode.replace(/[^A-Za-z0-9-]/g, '_')}`,
    facts: [
      ...runFacts(view),
      { label: 'Xã', value: view.communeName ? `${view.communeName} (${view.communeCode})` : view.communeCode },
      { label: 'Điểm chi trả', value: view.cashPointCode },
      { label: 'Số người', value: String(view.totals.count) },
      // Grouped by dots: a run of nine digits or more would be masked as a possible account number.
      { label: 'Tổng số tiền (đồng)', value: vietnameseAmount(view.totals.total) },
    ],
    tables: view.lists.map((list) => ({
      title: `Danh sách ${list.listId}`,
      columns: CASH_LIST_COLUMNS,
      rows: list.lines.map((line) => ({ ...line, maskedId: line.maskedId ?? '', programme: programmeName(line.programme), signature: null })),
      totals: totals(list.totals),
    })),
  };
}

function shareCells(f: ShareFigures): Row {
  return { ...tallyCells({ accounts: f.accounts, cash: f.cash, all: f.all }), shareByCount: f.shareByCount, shareByAmount: f.shareByAmount };
}

function shareTables(view: CashlessShare): Table[] {
  return [
    {
      title: 'Theo xã và tháng',
      columns: CASHLESS_COLUMNS,
      rows: view.byCommune.map((c) => ({ communeCode: c.communeCode, communeName: c.communeName, month: month(c.month), ...shareCells(c) })),
    },
    {
      title: 'Toàn tỉnh theo tháng',
      columns: [MONTH, ...SHARE_COLUMNS],
      rows: view.byMonth.map((m) => ({ month: month(m.month), ...shareCells(m) })),
      totals: { month: TOTAL, ...shareCells(view.province) },
    },
  ];
}

export function cashlessDocument(view: CashlessShare): ReportDocument {
  return {
    title: `Tỷ lệ chi trả không dùng tiền mặt ${month(view.from)}–${month(view.to)}`,
    fileName: `cashless-share-${view.from}-${view.to}`,
    facts: [
      { label: 'Từ tháng', value: month(view.from) },
      { label: 'Đến tháng', value: month(view.to) },
      { label: 'Toàn tỉnh: tỷ lệ theo số lượt (%)', value: view.province.shareByCount === null ? '—' : view.province.shareByCount.toFixed(2) },
    ],
    tables: shareTables(view),
  };
}

export function monthlyDocument(view: MonthlyReport): ReportDocument {
  return {
    title: `Báo cáo chi trả tháng ${month(view.month)}`,
    fileName: `monthly-${view.month}`,
    facts: [
      { label: 'Tháng chi trả', value: month(view.month) },
      { label: 'Số đợt chi trả', value: String(view.runs.length) },
      { label: 'Tỷ lệ qua tài khoản theo số lượt (%)', value: view.cashless.shareByCount === null ? '—' : view.cashless.shareByCount.toFixed(2) },
    ],
    tables: [
      {
        title: 'Theo chương trình và kênh chi trả',
        columns: [PROGRAMME, CHANNEL, ...OUTCOME_TABLE_COLUMNS],
        rows: view.byProgrammeAndChannel.map((r) => ({ programme: programmeName(r.programme), channel: channelName(r.channel), ...outcomeCells(r) })),
        totals: { programme: TOTAL, channel: '', ...outcomeCells(view.totals) },
      },
      {
        title: 'Theo xã',
        columns: MONTHLY_COMMUNE_COLUMNS,
        rows: view.byCommune.map((r) => ({ communeCode: r.communeCode, communeName: r.communeName, ...outcomeCells(r) })),
        totals: { communeCode: TOTAL, communeName: '', ...outcomeCells(view.totals) },
      },
    ],
  };
}

function annualCells(l: AnnualLine): Row {
  return {
    beneficiaries: l.beneficiaries,
    ...tallyCells({ sent: l.sent, paid: l.paid, unpaid: l.unpaid, pending: l.pending }),
    arrearsPaid: l.arrearsPaid,
    carriedOverPaid: l.carriedOverPaid,
    cashlessShare: l.cashlessShare,
  };
}

export function annualDocument(view: AnnualReport): ReportDocument {
  return {
    title: `Báo cáo năm ${view.year}: chi trả trợ cấp hằng tháng`,
    fileName: `annual-${view.year}`,
    facts: [
      { label: 'Năm', value: String(view.year) },
      { label: 'Hạn gửi tỉnh (trước ngày 15/11)', value: date(view.dueBy) },
      { label: 'Số liệu từ tháng', value: view.covers ? `${month(view.covers.from)} đến ${month(view.covers.to)}` : 'chưa có số liệu' },
    ],
    tables: [
      {
        title: 'Theo tháng và chương trình',
        columns: ANNUAL_COLUMNS,
        rows: view.byMonthAndProgramme.map((l) => ({ month: month(l.month), programme: programmeName(l.programme), ...annualCells(l) })),
      },
      {
        title: 'Theo tháng',
        columns: [MONTH, ...ANNUAL_FIGURES],
        rows: view.byMonth.map((l) => ({ month: month(l.month), ...annualCells(l) })),
        totals: { month: TOTAL, ...annualCells(view.total) },
      },
      {
        title: 'Theo chương trình cả năm',
        columns: [PROGRAMME, ...ANNUAL_FIGURES],
        rows: view.byProgramme.map((l) => ({ programme: programmeName(l.programme), ...annualCells(l) })),
        totals: { programme: TOTAL, ...annualCells(view.total) },
      },
    ],
  };
}

export function arrearsDocument(view: ArrearsReport): ReportDocument {
  const figures = (f: ArrearsReport['totals']) => tallyCells({ lines: f.lines, paid: f.paid, unpaid: f.unpaid, pending: f.pending });
  return {
    title: `Báo cáo truy lĩnh trong các đợt chi trả tháng ${month(view.month)}`,
    fileName: `arrears-${view.month}`,
    facts: [{ label: 'Tháng chi trả', value: month(view.month) }],
    tables: [
      {
        title: 'Theo chương trình, lý do và tháng được truy lĩnh',
        columns: ARREARS_COLUMNS,
        rows: view.rows.map((r) => ({
          programme: programmeName(r.programme),
          reason: arrearsReason(r.reason),
          forMonth: month(r.forMonth),
          beneficiaries: r.beneficiaries,
          ...figures(r),
        })),
        totals: { programme: TOTAL, reason: '', forMonth: '', beneficiaries: null, ...figures(view.totals) },
      },
    ],
  };
}
