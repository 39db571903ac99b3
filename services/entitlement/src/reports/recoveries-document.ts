import type { Column, ReportDocument, Row } from '@benefits/reports';
import type { Programme } from '../domain';
import type { RecoveriesReport } from './domain/recoveries-report';

/** How the printed report names programmes, reasons and sources (Vietnamese); JSON keeps the codes. */
const PROGRAMMES: Record<Programme, string> = {
  social_assistance: 'Trợ cấp xã hội',
  social_pension: 'Trợ cấp hưu trí xã hội',
  meritorious: 'Trợ cấp ưu đãi người có công',
};
const REASONS: Record<string, string> = {
  NOT_ELIGIBLE: 'Không còn đủ điều kiện hưởng',
  OVERPAID: 'Chi cao hơn mức được hưởng',
  REVERSED: 'Giảm khoản thu hồi: tiền chi đã bị hoàn trả',
};
const SOURCES: Record<string, string> = {
  run: 'Tính lại khi lập đợt chi',
  death: 'Báo tử muộn',
  termination: 'Thôi hưởng ghi nhận muộn',
  outcome: 'Chi trả sau khi đã mất hoặc thôi hưởng',
};

const text = (key: string, header: string, description: string): Column => ({ key, header, description, kind: 'text' });

export const RECOVERY_COLUMNS: readonly Column[] = [
  text('month', 'Tháng chi thừa', 'the month overpaid, YYYY-MM'),
  text('programme', 'Chương trình', 'programme'),
  text('reason', 'Lý do', 'NOT_ELIGIBLE (nothing was owed), OVERPAID (less was owed) or REVERSED (a recovery given back, negative: the money came back)'),
  text('source', 'Phát sinh từ', 'run (recalculated in a run), death (a death reported late), termination (a decision terminated late), outcome (paid after a death or a termination)'),
  { key: 'persons', header: 'Số người', description: 'persons concerned', kind: 'count' },
  { key: 'records', header: 'Số khoản', description: 'recovery records', kind: 'count' },
  { key: 'amount', header: 'Số tiền phải thu hồi (đồng)', description: 'whole đồng to recover', kind: 'amount' },
];

const month = (m: string) => `${m.slice(5, 7)}/${m.slice(0, 4)}`;

export function recoveriesDocument(view: RecoveriesReport): ReportDocument {
  const totals = (label: Row) => ({ ...label, records: view.totals.records, amount: view.totals.amount });
  return {
    title: `Báo cáo các khoản chi thừa phải thu hồi ${month(view.from)}–${month(view.to)}`,
    fileName: `recoveries-${view.from}-${view.to}`,
    facts: [
      { label: 'Từ tháng', value: month(view.from) },
      { label: 'Đến tháng', value: month(view.to) },
    ],
    tables: [
      {
        title: 'Theo tháng, chương trình, lý do',
        columns: RECOVERY_COLUMNS,
        rows: view.rows.map((r) => ({
          month: month(r.month),
          programme: PROGRAMMES[r.programme] ?? r.programme,
          reason: REASONS[r.reason] ?? r.reason,
          source: SOURCES[r.source] ?? r.source,
          persons: r.persons,
          records: r.records,
          amount: r.amount,
        })),
        totals: totals({ month: 'Tổng cộng', programme: '', reason: '', source: '', persons: null }),
      },
      {
        title: 'Theo chương trình',
        columns: RECOVERY_COLUMNS.filter((c) => ['programme', 'records', 'amount'].includes(c.key)),
        rows: view.byProgramme.map((p) => ({ programme: PROGRAMMES[p.programme] ?? p.programme, records: p.records, amount: p.amount })),
        totals: totals({ programme: 'Tổng cộng' }),
      },
    ],
  };
}
