import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { pdfTexts, pdfUnicodeMaps } from '@benefits/testing';
import { renderReport, toCsv, toPdf, toXlsx, type ReportDocument } from './index';

const doc: ReportDocument = {
  title: 'Báo cáo thử: Trợ cấp xã hội',
  fileName: 'test-2026-11',
  facts: [
    { label: 'Tháng chi trả', value: '11/2026' },
    { label: 'Ghi chú', value: 'tài khoản 0011002233445 của "Người có công", xã Phú Quốc' },
  ],
  tables: [
    {
      title: 'Theo chương trình',
      columns: [
        { key: 'programme', header: 'Chương trình', description: 'programme', kind: 'text' },
        { key: 'count', header: 'Số người', description: 'count', kind: 'count' },
        { key: 'amount', header: 'Số tiền (đồng)', description: 'amount', kind: 'amount' },
        { key: 'share', header: 'Tỷ lệ (%)', description: 'share', kind: 'percent' },
      ],
      rows: [
        { programme: 'Trợ cấp xã hội', count: 2, amount: '1500000', share: 61.25 },
        { programme: 'Người có công, "loại A"', count: 1, amount: '2231000', share: null },
      ],
      totals: { programme: 'Tổng cộng', count: 3, amount: '3731000', share: 100 },
    },
  ],
};

describe('report rendering (one table model → CSV, XLSX, PDF)', () => {
  it('writes CSV with a UTF-8 BOM, quoted cells, plain-digit amounts and no whole account number', () => {
    const csv = toCsv(doc);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(rows[0]).toEqual(['Báo cáo thử: Trợ cấp xã hội']);
    expect(rows[2]).toEqual(['Ghi chú', 'tài khoản 00*********45 của "Người có công", xã Phú Quốc']);
    expect(rows.slice(3)).toEqual([
      ['Theo chương trình'],
      ['Chương trình', 'Số người', 'Số tiền (đồng)', 'Tỷ lệ (%)'],
      ['Trợ cấp xã hội', '2', '1500000', '61.25'],
      ['Người có công, "loại A"', '1', '2231000', ''],
      ['Tổng cộng', '3', '3731000', '100.00'],
    ]);
    expect(csv.toString('utf8')).not.toContain('0011002233445');
  });

  it('writes XLSX with the facts on a first sheet and each table from row 2, amounts as numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    // exceljs types its input with a Buffer declaration of its own: the bytes are the same.
    await workbook.xlsx.load((await toXlsx(doc)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Thông tin', 'Theo chương trình']);
    const info = workbook.getWorksheet('Thông tin');
    expect(info?.getCell('A1').value).toBe('Báo cáo thử: Trợ cấp xã hội');
    expect(info?.getCell('B3').value).toBe('tài khoản 00*********45 của "Người có công", xã Phú Quốc');
    const sheet = workbook.getWorksheet('Theo chương trình');
    const values = [2, 3, 4, 5].map((r) => (sheet?.getRow(r).values as unknown[]).slice(1));
    expect(values).toEqual([
      ['Chương trình', 'Số người', 'Số tiền (đồng)', 'Tỷ lệ (%)'],
      ['Trợ cấp xã hội', 2, 1500000, 61.25],
      ['Người có công, "loại A"', 1, 2231000],
      ['Tổng cộng', 3, 3731000, 100],
    ]);
    expect(sheet?.getCell('C3').numFmt).toBe('#,##0');
    expect(sheet?.getRow(5).font?.bold).toBe(true);
  });

  it('writes a PDF with DejaVu Sans embedded and mapped back to the Vietnamese letters it prints', async () => {
    const pdf = await toPdf(doc);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toContain('Helvetica');
    // The ToUnicode maps of the embedded subsets: ợ (U+1EE3), ư (U+01B0), ố (U+1ED1) and đ (U+0111) are printed.
    const maps = pdfUnicodeMaps(pdf);
    for (const letter of ['ợ', 'ư', 'ố', 'đ']) expect(maps).toContain(`<${letter.codePointAt(0)?.toString(16).padStart(4, '0')}>`);
    expect(raw).not.toContain('0011002233445');
  });

  describe('a list signed on paper (a signature column)', () => {
    const signed: ReportDocument = {
      title: 'Danh sách chi trả',
      fileName: 'cash-list-test',
      facts: [],
      tables: [
        {
          title: 'Danh sách',
          columns: [
            { key: 'name', header: 'Họ và tên', description: 'name', kind: 'text' },
            { key: 'total', header: 'Tổng số tiền (đồng)', description: 'total', kind: 'amount' },
            { key: 'signature', header: 'Ký nhận', description: 'signed on paper', kind: 'signature' },
          ],
          rows: [{ name: 'Lê Thị Hoa', total: '540000', signature: 'anything' }, { name: 'Trần Văn Minh', total: '750000', signature: null }],
        },
      ],
    };

    it('leaves the box blank in every format, whatever the row holds, and prints its rows tall enough to sign in', async () => {
      const rows: string[][] = parse(toCsv(signed), { bom: true, relax_column_count: true, skip_empty_lines: true });
      expect(rows.slice(2)).toEqual([
        ['Họ và tên', 'Tổng số tiền (đồng)', 'Ký nhận'],
        ['Lê Thị Hoa', '540000', ''],
        ['Trần Văn Minh', '750000', ''],
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await toXlsx(signed)) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      const sheet = workbook.worksheets[1];
      expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual(['Lê Thị Hoa', 540000]);
      expect(sheet.getRow(3).height).toBeGreaterThanOrEqual(30);
      expect(sheet.getColumn(3).width).toBeGreaterThan(sheet.getColumn(2).width ?? 0);
      const printed = pdfTexts(await toPdf(signed)).join(' ');
      expect(printed).toContain('Lê Thị Hoa');
      expect(printed).toContain('Ký nhận');
      expect(printed).not.toContain('anything');
    });
  });

  it('names the file and its content type by format', async () => {
    const rendered = await renderReport(doc, 'xlsx');
    expect(rendered.fileName).toBe('test-2026-11.xlsx');
    expect(rendered.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((await renderReport(doc, 'csv')).contentType).toBe('text/csv; charset=utf-8');
  });
});

