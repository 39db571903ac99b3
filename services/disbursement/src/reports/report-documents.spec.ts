import { toCsv } from '@benefits/reports';
import { parse } from 'csv-parse/sync';
import { withCommuneName } from '../payments/domain/commune-names';
import { ZERO_LIST, type PostOfficeList } from './domain/post-office';
import { postOfficeDocument } from './report-documents';
import type { PostOfficeReport } from './reports.service';

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
