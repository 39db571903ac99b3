import { PROGRAMMES } from '@benefits/contracts';
import { toCsv } from '@benefits/reports';
import { parse } from 'csv-parse/sync';
import { withCommuneName } from '../payments/domain/commune-names';
import { cashListParts, sumCashLists } from './domain/cash-list';
import { ZERO_LIST, type PostOfficeList } from './domain/post-office';
import { fundingLines } from './domain/funding';
import { cashListDocument, fundingDocument, postOfficeDocument } from './report-documents';
import type { CashList, FundingRequest, PostOfficeReport } from './reports.service';

describe('report documents: the commune named beside its code', () => {
  const list = (channel: PostOfficeList['channel'], communeCode: string | null, cashPointCode: string | null) =>
    withCommuneName({ ...ZERO_LIST, channel, communeCode, cashPointCode }, '2026-11');
  const view: PostOfficeReport = {
    runId: '3f1c2d4e-0000-4000-8000-000000000000',
    month: '2026-11',
    status: 'COMPLETED',
    provinceCode: '91',
    reporting: { dueBy: '2026-11-19', lists: 3, final: 3, complete: true, completedOn: '2026-11-15', onTime: true },
    lists: [list('post_office_account', null, null), list('post_office_cash', '31078', 'DCT-31078-01'), list('post_office_cash', '93456', 'DCT-93456-01')],
    totals: ZERO_LIST,
    notPaidOut: [],
  };

  it("prints the post office's lists with the commune's code and name, and no name for a code the data does not know", () => {
    const [lists] = postOfficeDocument(view).tables;
    expect(lists.columns.slice(0, 3).map((c) => c.header)).toEqual(['Danh sách chi trả', 'Mã xã', 'Tên xã']);
    expect(lists.rows.map((r) => [r.list, r.communeCode, r.communeName])).toEqual([
      ['Danh sách chi qua tài khoản bưu điện', '', ''],
      ['Điểm chi trả DCT-31078-01', '31078', 'Đặc khu Phú Quốc'],
      ['Điểm chi trả DCT-93456-01', '93456', null],
    ]);
    const csv: string[][] = parse(toCsv(postOfficeDocument(view)), { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(csv.find((cells) => cells[1] === '31078')?.slice(0, 3)).toEqual(['Điểm chi trả DCT-31078-01', '31078', 'Đặc khu Phú Quốc']);
    expect(csv.find((cells) => cells[1] === '93456')?.slice(0, 3)).toEqual(['Điểm chi trả DCT-93456-01', '93456', '']);
  });
});

describe("report documents: a cash point's payment list (danh sách chi trả)", () => {
  const lists = cashListParts([
    { listId: 'PO-CASH-1', paymentId: 'P1', beneficiaryCode: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f', fullName: 'Lê Thị Hoa', maskedId: '091*******34', address: 'Ấp Phú Hòa 2', programme: 'social_pension', amount: '540000', arrears: '0', carriedOver: '0', total: '540000' },
    { listId: 'PO-CASH-1', paymentId: 'P2', beneficiaryCode: '7a2d3e4f-8a47-4a3b-9b64-1b7f4c1d2e3f', fullName: 'Người lo mai táng cho Trần Văn Minh', maskedId: null, address: null, programme: 'social_assistance', amount: '99500000', arrears: '250000', carriedOver: '500000', total: '100250000' },
  ], PROGRAMMES);
  const view: CashList = {
    runId: '3f1c2d4e-0000-4000-8000-000000000000', month: '2026-11', status: 'RELEASED', provinceCode: '91',
    ...withCommuneName({ communeCode: '30313' }, '2026-11'), cashPointCode: 'CP-30313-01', lists, totals: sumCashLists(lists),
  };

  it('prints the columns of the format, each payee on a line with an empty box to sign, and the totals', () => {
    const document = cashListDocument(view);
    expect(document.title).toBe('Danh sách chi trả trợ cấp tháng 11/2026');
    expect(document.facts).toEqual(expect.arrayContaining([
      { label: 'Xã', value: 'Xã Mỹ Hòa Hưng (30313)' },
      { label: 'Điểm chi trả', value: 'CP-30313-01' },
      { label: 'Tổng số tiền (đồng)', value: '100.790.000' },
    ]));
    const [table] = document.tables;
    expect(table.columns.map((c) => c.header)).toEqual([
      'STT', 'Mã đối tượng', 'Họ và tên', 'Số định danh cá nhân', 'Thôn, ấp, địa chỉ', 'Chế độ',
      'Số tiền tháng (đồng)', 'Truy lĩnh (đồng)', 'Kỳ trước chuyển sang (đồng)', 'Tổng số tiền (đồng)', 'Ký nhận',
    ]);
    const csv: string[][] = parse(toCsv(document), { bom: true, relax_column_count: true, skip_empty_lines: true });
    const header = csv.findIndex((cells) => cells[0] === 'STT');
    expect(csv.slice(header + 1)).toEqual([
      ['1', '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f', 'Lê Thị Hoa', '091*******34', 'Ấp Phú Hòa 2', 'Trợ cấp hưu trí xã hội', '540000', '0', '0', '540000', ''],
      ['2', '7a2d3e4f-8a47-4a3b-9b64-1b7f4c1d2e3f', 'Người lo mai táng cho Trần Văn Minh', '', '', 'Trợ cấp xã hội', '99500000', '250000', '500000', '100250000', ''],
      ['', '', 'Tổng cộng: 2 người', '', '', '', '100040000', '250000', '500000', '100790000', ''],
    ]);
  });
});

describe('report documents: the funding request', () => {
  it('prints the amount of the payments held back whole, in every format (a run of nine digits or more reads as an account number)', () => {
    const view: FundingRequest = {
      runId: '3f1c2d4e-0000-4000-8000-000000000000', month: '2026-11', status: 'PREVIEW_READY', provinceCode: '91', dueBy: '2026-10-24',
      ...fundingLines([]),
      withoutDestination: { count: 213, amount: '127800000' },
    };
    const document = fundingDocument(view);
    const csv: string[][] = parse(toCsv(document), { bom: true, relax_column_count: true, skip_empty_lines: true });
    const held = csv.find((cells) => cells[0] === 'Không chi được do thiếu thông tin nhận tiền');
    expect(held?.[1]).toBe('213 lượt, 127.800.000 đồng (không đề nghị cấp)');
  });
});
