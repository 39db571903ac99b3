import { randomInt } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { ControlTotals } from '@benefits/contracts';
import { mintToken, pdfTexts, pdfUnicodeMaps } from '@benefits/testing';
import { AtRestCipher } from '../src/common/pii';
import type { RunPreview } from '../src/runs/run-preview.service';
import { beneficiary, publish, release, requestRun, runInputs, totalsOf, waitForStatus, type Beneficiary, type Published } from './support/fixtures';
import { call, eventually, startHarness, user, type Harness, type User } from './support/harness';

jest.setTimeout(120_000);

interface Download {
  status: number;
  type: string | null;
  disposition: string | null;
  body: Buffer;
}

type Tally = { count: number; amount: string };
const t = (count: number, amount: number): Tally => ({ count, amount: String(amount) });
const none = t(0, 0);

/**
 * A known run driven through the real service and sandboxes to its outcomes, then every report checked cell by cell:
 * JSON, the XLSX read back, the CSV parsed, the PDF with its embedded font. The months are of a random far year, so
 * the month and year reports hold this test's runs only, and no other run shares their month and scope: the commune
 * can be a real one of An Giang, named in the reports.
 */
describe('funding request and finance reports', () => {
  let h: Harness;
  let operator: User;
  let approver: User;
  let finance: User;

  const year = randomInt(2200, 3000);
  const march = `${year}-03`;
  const april = `${year}-04`;
  const commune = '30313';
  const communeNames = { communeName: 'Xã Mỹ Hòa Hưng', communeKind: 'Xã' };
  const noCommune = { communeName: null, communeKind: null };
  const point = `DCT-${commune}-01`;
  const paid = beneficiary(commune);
  const rejected = beneficiary(commune, { account: '5550000001' });
  const returned = beneficiary(commune, { account: '5550000099' });
  const meritorious = beneficiary(commune, { programme: 'meritorious', amount: '2231000' });
  const poAccount = beneficiary(commune, { channel: 'post_office_account' });
  const cash = beneficiary(commune, { channel: 'post_office_cash', name: 'Lê Văn Tám', address: 'Ấp Mỹ Phước 1' });
  const absent = beneficiary(commune, { channel: 'post_office_cash', name: 'Trần Văn ABSENT' });
  const moved = beneficiary(commune, { channel: 'post_office_cash', name: 'Phạm Thị MOVED' });
  const arrears = beneficiary(commune, { channel: 'post_office_cash', name: 'Võ Thị Hoa', address: 'Ấp An Thạnh 3', arrears: [{ month: `${year}-01`, amount: '100000', reason: 'BACKDATED_RATE' }] });
  const funeral = beneficiary(commune, { channel: 'post_office_cash', name: 'Đỗ Văn Nam' });
  const marchPeople = [paid, rejected, returned, meritorious, poAccount, cash, absent, moved, arrears, funeral];
  // In April entitlement owes March again to the one it knows was not collected (UNPAID_CARRY_OVER); the other is
  // carried over by disbursement itself. Either way the post office pays it from what it kept.
  const aprilPeople = [paid, { ...absent, arrears: [{ month: march, amount: '750000', reason: 'UNPAID_CARRY_OVER' }] }, moved];
  let marchRun: string;

  beforeAll(async () => {
    h = await startHarness();
    operator = await user(['operator'], 'operator');
    approver = await user(['approver'], 'approver');
    finance = await user(['finance'], 'finance');
  });
  afterAll(() => h?.close());

  async function download(who: User, path: string): Promise<Download> {
    const response = await fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${who.token}` } });
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      disposition: response.headers.get('content-disposition'),
      body: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** The month's inputs, funeral support (10,000,000 đồng, a one-off component) added to one person's item. */
  function inputsWithFuneral(runId: string, month: string, people: Beneficiary[]): Published[] {
    const totals: ControlTotals = totalsOf(people);
    const sa = totals.social_assistance ?? { count: 0, total: '0' };
    totals.social_assistance = { ...sa, total: (BigInt(sa.total) + 10_000_000n).toString() };
    return runInputs(h, runId, month, people, { totals }).map((message) => {
      const envelope = JSON.parse(message.value) as { type: string; payload: { items?: { personRef: string; programme: string; amount: string; components: unknown[] }[] } };
      const item = envelope.payload.items?.find((i) => i.personRef === funeral.personRef);
      if (envelope.type !== 'EntitlementChunk' || !item) return message;
      item.components.push({ programme: item.programme, groupCode: 'FUNERAL_SUPPORT', kind: 'funeral_support', amount: '10000000', text: 'Hỗ trợ chi phí mai táng' });
      item.amount = (BigInt(item.amount) + 10_000_000n).toString();
      return { ...message, value: JSON.stringify(envelope) };
    });
  }

  async function runToOutcomes(runId: string): Promise<void> {
    expect((await call(h, approver, 'POST', `/runs/${runId}/approve`)).status).toBe(200);
    await release(h, approver, runId);
    await waitForStatus(h, operator, runId, ['COMPLETED'], 40_000);
  }

  it('asks for the funding of a prepared run by programme and channel, due before the 25th of the month before', async () => {
    const run = await requestRun(h, operator, march, commune, ['meritorious', 'social_assistance', 'social_pension']);
    marchRun = run.id;
    await publish(h, inputsWithFuneral(run.id, march, marchPeople));
    await waitForStatus(h, operator, run.id, ['PREVIEW_READY']);
    const preview = await call<RunPreview>(h, approver, 'GET', `/runs/${run.id}/preview`);
    expect(preview.body.byCommune).toEqual([{ communeCode: commune, ...communeNames, count: 10, total: '19081000' }]);

    const funding = await call<Record<string, unknown>>(h, finance, 'GET', `/runs/${run.id}/funding`);
    expect(funding.status).toBe(200);
    const line = (payments: number, regular: number, more: Record<string, string> = {}) => ({
      payments,
      regular: String(regular),
      arrears: '0',
      carriedOver: '0',
      oneOff: '0',
      resent: '0',
      heldByPostOffice: '0',
      ...more,
    });
    expect(funding.body).toEqual({
      runId: run.id,
      month: march,
      status: 'PREVIEW_READY',
      provinceCode: '91',
      dueBy: `${year}-02-24`,
      rows: [
        { programme: 'meritorious', channel: 'bank', ...line(1, 2231000), total: '2231000', toTransfer: '2231000' },
        { programme: 'social_assistance', channel: 'bank', ...line(3, 2250000), total: '2250000', toTransfer: '2250000' },
        { programme: 'social_assistance', channel: 'post_office_account', ...line(1, 750000), total: '750000', toTransfer: '750000' },
        {
          programme: 'social_assistance',
          channel: 'post_office_cash',
          ...line(5, 3750000, { arrears: '100000', oneOff: '10000000' }),
          total: '13850000',
          toTransfer: '13850000',
        },
      ],
      byProgramme: [
        { programme: 'meritorious', ...line(1, 2231000), total: '2231000', toTransfer: '2231000' },
        { programme: 'social_assistance', ...line(9, 6750000, { arrears: '100000', oneOff: '10000000' }), total: '16850000', toTransfer: '16850000' },
      ],
      totals: { ...line(10, 8981000, { arrears: '100000', oneOff: '10000000' }), total: '19081000', toTransfer: '19081000' },
      withoutDestination: none,
    });
    // Operators read run-level reports too.
    expect((await call(h, operator, 'GET', `/runs/${run.id}/funding`)).status).toBe(200);
  });

  it('exports the funding request as a PDF in DejaVu Sans, with the Vietnamese names it prints', async () => {
    const pdf = await download(finance, `/runs/${marchRun}/funding?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe(`attachment; filename="funding-${march}-${marchRun.slice(0, 8)}.pdf"`);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.body.toString('latin1');
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
    expect(raw).toContain('/FontFile2');
    const maps = pdfUnicodeMaps(pdf.body);
    // "Trợ cấp xã hội", "Trợ cấp ưu đãi người có công", "Đề nghị cấp kinh phí": ợ ư ờ đ Đ.
    for (const letter of ['ợ', 'ư', 'ờ', 'đ', 'Đ']) expect(maps).toContain(`<${letter.codePointAt(0)?.toString(16).padStart(4, '0')}>`);
  });

  it('reports the run by programme × commune × channel once every outcome is in: JSON, XLSX and CSV cell by cell', async () => {
    await runToOutcomes(marchRun);
    await eventually(async () => {
      const rows = await h.db.query<{ status: string }[]>(`SELECT status FROM disbursement.payments WHERE run_id = $1 AND person_ref = $2`, [marchRun, returned.personRef]);
      return rows[0]?.status === 'returned';
    }, 15_000, 'the return on camt.054');

    const figures = (f: Partial<Record<'sent' | 'paid' | 'rejected' | 'returned' | 'notCollected' | 'pending', Tally>>) => ({
      sent: none,
      paid: none,
      rejected: none,
      returned: none,
      notCollected: none,
      pending: none,
      ...f,
    });
    const summary = await call<Record<string, unknown>>(h, finance, 'GET', `/runs/${marchRun}/reports/summary`);
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({
      runId: marchRun,
      month: march,
      status: 'COMPLETED',
      provinceCode: '91',
      rows: [
        { programme: 'meritorious', communeCode: commune, ...communeNames, channel: 'bank', ...figures({ sent: t(1, 2231000), paid: t(1, 2231000) }) },
        {
          programme: 'social_assistance',
          communeCode: commune,
          ...communeNames,
          channel: 'bank',
          ...figures({ sent: t(3, 2250000), paid: t(1, 750000), rejected: t(1, 750000), returned: t(1, 750000) }),
        },
        { programme: 'social_assistance', communeCode: commune, ...communeNames, channel: 'post_office_account', ...figures({ sent: t(1, 750000), paid: t(1, 750000) }) },
        {
          programme: 'social_assistance',
          communeCode: commune,
          ...communeNames,
          channel: 'post_office_cash',
          ...figures({ sent: t(5, 13850000), paid: t(3, 12350000), notCollected: t(2, 1500000) }),
        },
      ],
      totals: figures({ sent: t(10, 19081000), paid: t(6, 16081000), rejected: t(1, 750000), returned: t(1, 750000), notCollected: t(2, 1500000) }),
    });

    const xlsx = await download(finance, `/runs/${marchRun}/reports/summary?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const [info, sheet] = workbook.worksheets;
    expect(info.getCell('A1').value).toBe(`Báo cáo tổng hợp đợt chi trả tháng 03/${year}`);
    expect(info.getCell('A3').value).toBe('Tháng chi trả');
    expect(info.getCell('B3').value).toBe(`03/${year}`);
    const rows = [2, 3, 4, 5, 6, 7].map((r) => (sheet.getRow(r).values as unknown[]).slice(1));
    expect(rows[0]).toEqual([
      'Chương trình',
      'Mã xã',
      'Tên xã',
      'Kênh chi trả',
      'Tổng chi trả: số lượt',
      'Tổng chi trả: số tiền (đồng)',
      'Đã chi trả: số lượt',
      'Đã chi trả: số tiền (đồng)',
      'Bị từ chối: số lượt',
      'Bị từ chối: số tiền (đồng)',
      'Bị hoàn trả: số lượt',
      'Bị hoàn trả: số tiền (đồng)',
      'Chưa nhận: số lượt',
      'Chưa nhận: số tiền (đồng)',
      'Chờ kết quả: số lượt',
      'Chờ kết quả: số tiền (đồng)',
    ]);
    expect(rows.slice(1)).toEqual([
      ['Trợ cấp ưu đãi người có công', commune, 'Xã Mỹ Hòa Hưng', 'Chuyển khoản ngân hàng', 1, 2231000, 1, 2231000, 0, 0, 0, 0, 0, 0, 0, 0],
      ['Trợ cấp xã hội', commune, 'Xã Mỹ Hòa Hưng', 'Chuyển khoản ngân hàng', 3, 2250000, 1, 750000, 1, 750000, 1, 750000, 0, 0, 0, 0],
      ['Trợ cấp xã hội', commune, 'Xã Mỹ Hòa Hưng', 'Tài khoản tại bưu điện', 1, 750000, 1, 750000, 0, 0, 0, 0, 0, 0, 0, 0],
      ['Trợ cấp xã hội', commune, 'Xã Mỹ Hòa Hưng', 'Tiền mặt qua bưu điện', 5, 13850000, 3, 12350000, 0, 0, 0, 0, 2, 1500000, 0, 0],
      ['Tổng cộng', '', '', '', 10, 19081000, 6, 16081000, 1, 750000, 1, 750000, 2, 1500000, 0, 0],
    ]);

    const csv = await download(finance, `/runs/${marchRun}/reports/summary?format=csv`);
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines: string[][] = parse(csv.body, { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(lines[0]).toEqual([`Báo cáo tổng hợp đợt chi trả tháng 03/${year}`]);
    expect(lines.slice(5)).toEqual([
      ['Theo chương trình, xã và kênh chi trả'],
      rows[0],
      ...rows.slice(1).map((r) => r.map(String)),
    ]);
    for (const b of marchPeople) if (b.account) expect(csv.body.toString('utf8')).not.toContain(b.account);

    // The PDF prints the commune's name with its diacritics (read back through the embedded font's ToUnicode map).
    const pdf = await download(finance, `/runs/${marchRun}/reports/summary?format=pdf`);
    expect(pdf.status).toBe(200);
    // A wrapped cell is shown line by line: compare with the spaces between its lines collapsed.
    const words = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');
    expect(pdfTexts(pdf.body).map(words).join('\n')).toContain('Xã Mỹ Hòa Hưng');
  });

  it("reports the post office's lists: paid, not collected by reason, carried over, balance returned or kept", async () => {
    const report = await call<Record<string, unknown>>(h, finance, 'GET', `/runs/${marchRun}/reports/post-office`);
    expect(report.status).toBe(200);
    const balances = (carriedOver: number, balanceReturned: number, balanceKept: number) => ({
      carriedOver: String(carriedOver),
      balanceReturned: String(balanceReturned),
      balanceKept: String(balanceKept),
      balanceUnrecorded: '0',
    });
    expect(report.body).toMatchObject({
      runId: marchRun,
      reporting: { dueBy: `${year}-03-19`, lists: 2, final: 2, complete: true, onTime: true },
      lists: [
        {
          channel: 'post_office_account',
          communeCode: null,
          ...noCommune,
          cashPointCode: null,
          lists: 1,
          listed: t(1, 750000),
          paid: t(1, 750000),
          notCollected: none,
          rejected: none,
          pending: none,
          ...balances(0, 0, 0),
        },
        {
          channel: 'post_office_cash',
          communeCode: commune,
          ...communeNames,
          cashPointCode: point,
          lists: 1,
          listed: t(5, 13850000),
          paid: t(3, 12350000),
          notCollected: t(2, 1500000),
          rejected: none,
          pending: none,
          ...balances(1500000, 750000, 750000),
        },
      ],
      totals: { lists: 2, listed: t(6, 14600000), paid: t(4, 13100000), notCollected: t(2, 1500000), ...balances(1500000, 750000, 750000) },
      notPaidOut: [
        {
          channel: 'post_office_cash',
          communeCode: commune,
          ...communeNames,
          cashPointCode: point,
          outcome: 'not_collected',
          reason: 'ABSENT',
          payments: t(1, 750000),
          ...balances(750000, 0, 750000),
        },
        {
          channel: 'post_office_cash',
          communeCode: commune,
          ...communeNames,
          cashPointCode: point,
          outcome: 'not_collected',
          reason: 'MOVED_AWAY',
          payments: t(1, 750000),
          ...balances(750000, 750000, 0),
        },
      ],
    });

    const xlsx = await download(finance, `/runs/${marchRun}/reports/post-office?format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const lists = workbook.worksheets[1];
    expect((lists.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['Danh sách chi trả', 'Mã xã', 'Tên xã']);
    expect((lists.getRow(3).values as unknown[]).slice(1, 4)).toEqual(['Danh sách chi qua tài khoản bưu điện', '', '']);
    expect((lists.getRow(4).values as unknown[]).slice(1, 4)).toEqual([`Điểm chi trả ${point}`, commune, 'Xã Mỹ Hòa Hưng']);
    const reasons = workbook.worksheets[2];
    expect((reasons.getRow(3).values as unknown[]).slice(1)).toEqual([`Điểm chi trả ${point}`, commune, 'Xã Mỹ Hòa Hưng', 'vắng mặt (ABSENT)', 1, 750000, 750000, 0, 750000, 0]);
    expect((reasons.getRow(4).values as unknown[]).slice(1)).toEqual([
      `Điểm chi trả ${point}`,
      commune,
      'Xã Mỹ Hòa Hưng',
      'đã chuyển đi nơi khác (MOVED_AWAY)',
      1,
      750000,
      750000,
      750000,
      0,
      0,
    ]);
  });

  it("prints a cash point's payment list as the post office received it: masked IDs, addresses, a box to sign (JSON, XLSX, PDF)", async () => {
    type Line = { seq: number; paymentId: string; beneficiaryCode: string; fullName: string; maskedId: string; address: string | null; total: string };
    const response = await call<{ lists: { listId: string; lines: Line[] }[]; totals: Record<string, unknown> }>(h, operator, 'GET', `/runs/${marchRun}/cash-lists/${commune}/${point}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ runId: marchRun, communeCode: commune, ...communeNames, cashPointCode: point });
    expect(response.body.totals).toEqual({ count: 5, amount: '13750000', arrears: '100000', carriedOver: '0', total: '13850000' });
    const [list] = response.body.lists;
    expect(response.body.lists).toHaveLength(1);
    expect(list.lines.find((line) => line.beneficiaryCode === cash.personRef)).toMatchObject({ fullName: 'Lê Văn Tám', maskedId: '079*******12', address: 'Ấp Mỹ Phước 1', total: '750000' });
    expect(list.lines.find((line) => line.beneficiaryCode === arrears.personRef)).toMatchObject({ address: 'Ấp An Thạnh 3', total: '850000' });
    expect(list.lines.find((line) => line.beneficiaryCode === absent.personRef)?.address).toBeNull();
    // Numbered as the list the post office received: the same line numbers for the same payments.
    const [batch] = await h.db.query<{ payload_cipher: string }[]>('SELECT payload_cipher FROM disbursement.partner_batches WHERE batch_id = $1', [list.listId]);
    const sent = JSON.parse(h.app.get(AtRestCipher).decrypt(batch.payload_cipher)) as { items: { seq: number; paymentId: string }[] };
    expect(list.lines.map((line) => [line.seq, line.paymentId])).toEqual(sent.items.map((item) => [item.seq, item.paymentId]));

    const xlsx = await download(operator, `/runs/${marchRun}/cash-lists/${commune}/${point}?format=xlsx`);
    expect(xlsx.disposition).toContain(`cash-list-${march}-${commune}-${point}.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[1];
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([
      'STT', 'Mã đối tượng', 'Họ và tên', 'Số định danh cá nhân', 'Thôn, ấp, địa chỉ', 'Chế độ',
      'Số tiền tháng (đồng)', 'Truy lĩnh (đồng)', 'Kỳ trước chuyển sang (đồng)', 'Tổng số tiền (đồng)', 'Ký nhận',
    ]);
    const tam = list.lines.find((line) => line.beneficiaryCode === cash.personRef);
    expect((sheet.getRow(2 + (tam?.seq ?? 0)).values as unknown[]).slice(1)).toEqual([tam?.seq, cash.personRef, 'Lê Văn Tám', '079*******12', 'Ấp Mỹ Phước 1', 'Trợ cấp xã hội', 750000, 0, 0, 750000]);
    expect((sheet.getRow(8).values as unknown[]).slice(1)).toEqual([undefined, undefined, 'Tổng cộng: 5 người', undefined, undefined, undefined, 13750000, 100000, 0, 13850000]);

    const pdf = await download(operator, `/runs/${marchRun}/cash-lists/${commune}/${point}?format=pdf`);
    expect(pdf.type).toBe('application/pdf');
    const printed = pdfTexts(pdf.body).join(' ');
    for (const words of ['Danh sách chi trả trợ cấp tháng 03', 'Ký nhận', 'Lê Văn Tám', 'Ấp Mỹ Phước 1', '13.850.000']) expect(printed).toContain(words);

    const unknown = await call<{ code: string }>(h, operator, 'GET', `/runs/${marchRun}/cash-lists/${commune}/NO-SUCH-POINT`);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'CASH_LIST_NOT_FOUND']);
    expect((await call(h, operator, 'GET', `/runs/${marchRun}/cash-lists/3031/${point}`)).status).toBe(400);
  });

  it("gives a cash list only to those who read its programmes and commune", async () => {
    const path = `/runs/${marchRun}/cash-lists/${commune}/${point}`;
    // Every line of the point is social assistance: Home Affairs' operators have none of them to read.
    const homeAffairs = await user(['operator'], 'home-affairs', ['meritorious']);
    expect(await call(h, homeAffairs, 'GET', path)).toMatchObject({ status: 404, body: { code: 'CASH_LIST_NOT_FOUND' } });
    const ofCommune = async (communeCodes: string[]): Promise<User> => {
      const id = `commune-operator-${randomInt(1_000_000)}`;
      return { id, token: await mintToken({ sub: id, roles: ['operator'], communeCodes }) };
    };
    expect((await call(h, await ofCommune(['30742']), 'GET', path)).status).toBe(404);
    const own = await call<{ totals: { count: number } }>(h, await ofCommune([commune]), 'GET', path);
    expect([own.status, own.body.totals.count]).toEqual([200, 5]);
  });

  it('nets the next run’s funding by what the post office kept, and carries the returned balance in full', async () => {
    const run = await requestRun(h, operator, april, commune);
    await publish(h, runInputs(h, run.id, april, aprilPeople));
    await waitForStatus(h, operator, run.id, ['PREVIEW_READY']);
    const funding = await call<{ rows: Record<string, unknown>[]; totals: Record<string, unknown> }>(h, finance, 'GET', `/runs/${run.id}/funding`);
    expect(funding.body.rows).toEqual([
      expect.objectContaining({ channel: 'bank', payments: 1, regular: '750000', carriedOver: '0', total: '750000', heldByPostOffice: '0', toTransfer: '750000' }),
      expect.objectContaining({ channel: 'post_office_cash', payments: 2, regular: '1500000', carriedOver: '1500000', total: '3000000', heldByPostOffice: '750000', toTransfer: '2250000' }),
    ]);
    expect(funding.body.totals).toMatchObject({ total: '3750000', heldByPostOffice: '750000', toTransfer: '3000000' });
    await runToOutcomes(run.id);
  });

  it('computes the cashless share by commune and month, and for the province', async () => {
    const share = await call<Record<string, unknown>>(h, finance, 'GET', `/reports/cashless-share?from=${march}&to=${april}`);
    expect(share.status).toBe(200);
    expect(share.body).toEqual({
      from: march,
      to: april,
      byCommune: [
        { communeCode: commune, ...communeNames, month: march, accounts: t(3, 3731000), cash: t(3, 12350000), all: t(6, 16081000), shareByCount: 50, shareByAmount: 23.2 },
        { communeCode: commune, ...communeNames, month: april, accounts: t(1, 750000), cash: none, all: t(1, 750000), shareByCount: 100, shareByAmount: 100 },
      ],
      byMonth: [
        { month: march, accounts: t(3, 3731000), cash: t(3, 12350000), all: t(6, 16081000), shareByCount: 50, shareByAmount: 23.2 },
        { month: april, accounts: t(1, 750000), cash: none, all: t(1, 750000), shareByCount: 100, shareByAmount: 100 },
      ],
      province: { accounts: t(4, 4481000), cash: t(3, 12350000), all: t(7, 16831000), shareByCount: 57.14, shareByAmount: 26.62 },
    });
  });

  it('reports a month, a year and its arrears', async () => {
    const monthly = await call<Record<string, unknown>>(h, finance, 'GET', `/reports/monthly?month=${march}`);
    expect(monthly.status).toBe(200);
    expect(monthly.body).toMatchObject({
      month: march,
      runs: [{ runId: marchRun, status: 'COMPLETED', programmes: ['meritorious', 'social_assistance', 'social_pension'], communeCodes: [commune] }],
      byCommune: [{ communeCode: commune, ...communeNames, sent: t(10, 19081000), paid: t(6, 16081000), rejected: t(1, 750000), returned: t(1, 750000), notCollected: t(2, 1500000), pending: none }],
      totals: { sent: t(10, 19081000), paid: t(6, 16081000) },
      cashless: { shareByCount: 50, shareByAmount: 23.2 },
    });
    expect((monthly.body.byProgrammeAndChannel as { programme: string; channel: string }[]).map((r) => `${r.programme}/${r.channel}`)).toEqual([
      'meritorious/bank',
      'social_assistance/bank',
      'social_assistance/post_office_account',
      'social_assistance/post_office_cash',
    ]);

    const annual = await call<Record<string, unknown>>(h, finance, 'GET', `/reports/annual?year=${year}`);
    expect(annual.status).toBe(200);
    const figures = (beneficiaries: number, sent: Tally, paidTally: Tally, accounts: Tally, unpaid: Tally, share: number, arrearsPaid = '0', carriedOverPaid = '0') => ({
      beneficiaries,
      sent,
      paid: paidTally,
      paidToAccounts: accounts,
      arrearsPaid,
      carriedOverPaid,
      unpaid,
      pending: none,
      cashlessShare: share,
    });
    expect(annual.body).toEqual({
      year,
      dueBy: `${year}-11-14`,
      covers: { from: march, to: april },
      byMonthAndProgramme: [
        { month: march, programme: 'meritorious', ...figures(1, t(1, 2231000), t(1, 2231000), t(1, 2231000), none, 100) },
        { month: march, programme: 'social_assistance', ...figures(5, t(9, 16850000), t(5, 13850000), t(2, 1500000), t(4, 3000000), 40, '100000') },
        { month: april, programme: 'social_assistance', ...figures(1, t(3, 3750000), t(1, 750000), t(1, 750000), t(2, 3000000), 100) },
      ],
      byMonth: [
        { month: march, ...figures(6, t(10, 19081000), t(6, 16081000), t(3, 3731000), t(4, 3000000), 50, '100000') },
        { month: april, ...figures(1, t(3, 3750000), t(1, 750000), t(1, 750000), t(2, 3000000), 100) },
      ],
      byProgramme: [
        { programme: 'meritorious', ...figures(1, t(1, 2231000), t(1, 2231000), t(1, 2231000), none, 100) },
        { programme: 'social_assistance', ...figures(5, t(12, 20600000), t(6, 14600000), t(3, 2250000), t(6, 6000000), 50, '100000') },
      ],
      total: figures(6, t(13, 22831000), t(7, 16831000), t(4, 4481000), t(6, 6000000), 57.14, '100000'),
    });

    const arrearsReport = await call<Record<string, unknown>>(h, finance, 'GET', `/reports/arrears?month=${march}`);
    expect(arrearsReport.body).toEqual({
      month: march,
      rows: [{ programme: 'social_assistance', reason: 'BACKDATED_RATE', forMonth: `${year}-01`, beneficiaries: 1, lines: t(1, 100000), paid: t(1, 100000), unpaid: none, pending: none }],
      byReason: [{ reason: 'BACKDATED_RATE', lines: t(1, 100000), paid: t(1, 100000), unpaid: none, pending: none }],
      totals: { lines: t(1, 100000), paid: t(1, 100000), unpaid: none, pending: none },
    });

    const annualXlsx = await download(finance, `/reports/annual?year=${year}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(annualXlsx.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Thông tin', 'Theo tháng và chương trình', 'Theo tháng', 'Theo chương trình cả năm']);
    expect((workbook.worksheets[3].getRow(4).values as unknown[]).slice(1)).toEqual(['Trợ cấp xã hội', 5, 12, 20600000, 6, 14600000, 100000, 0, 6, 6000000, 0, 0, 50]);
  });

  it('refuses bad parameters with a 400 naming the field, and province reports to operators', async () => {
    const monthly = await call<{ message: string[] }>(h, finance, 'GET', '/reports/monthly?month=2026-13');
    expect(monthly.status).toBe(400);
    expect(monthly.body.message).toEqual(['month must be a month YYYY-MM']);
    const range = await call<{ code: string; details: { field: string } }>(h, finance, 'GET', '/reports/cashless-share?from=2026-05&to=2026-04');
    expect(range.status).toBe(400);
    expect(range.body).toMatchObject({ code: 'INVALID_REPORT_QUERY', details: { field: 'to' } });
    const badYear = await call<{ message: string[] }>(h, finance, 'GET', '/reports/annual?year=soon');
    expect(badYear.status).toBe(400);
    expect(badYear.body.message.join(' ')).toContain('year must be');
    const format = await call<{ message: string[] }>(h, finance, 'GET', `/runs/${marchRun}/funding?format=docx`);
    expect(format.status).toBe(400);
    expect(format.body.message).toEqual(['format must be one of csv, xlsx, pdf']);
    expect((await call(h, finance, 'GET', `/reports/arrears?month=${march}&extra=1`)).status).toBe(400);
    expect((await call(h, operator, 'GET', `/reports/monthly?month=${march}`)).status).toBe(403);
    expect((await call(h, approver, 'GET', `/runs/${marchRun}/funding`)).status).toBe(403);
    const halted = await requestRun(h, operator, `${year}-05`, commune);
    expect((await call<{ code: string }>(h, finance, 'GET', `/runs/${halted.id}/funding`)).body.code).toBe('INVALID_RUN_STATE');
    expect((await call(h, operator, 'POST', `/runs/${halted.id}/cancel`, { reason: 'test: a run without inputs' })).status).toBe(200);
  });
});

