import { randomInt, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Pool } from 'pg';
import { mintToken, startService, type RunningService } from '@benefits/testing';

jest.setTimeout(90_000);

/** The recoveries report over the real service and PostgreSQL; months of a random far year hold this test's rows only. */
describe('recoveries report', () => {
  let service: RunningService;
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/benefits', max: 2 });
  const year = randomInt(2200, 3000);
  const [first, second] = [randomUUID(), randomUUID()];

  beforeAll(async () => {
    service = await startService('entitlement', { LOG_LEVEL: 'warn' });
    const row = (person: string, programme: string, month: string, reason: string, amount: number, source: string) =>
      pool.query(
        `INSERT INTO entitlement.recoveries (person_ref, programme, month, recipient_ref, owed, paid, amount, reason, explanation, source, source_id)
         VALUES ($1::uuid, $2, $3, $1::text, 0, $4::bigint, $4::bigint, $5, '[]', $6, $7)`,
        [person, programme, month, amount, reason, source, randomUUID()],
      );
    await row(first, 'social_assistance', `${year}-07`, 'NOT_ELIGIBLE', 750000, 'death');
    await row(first, 'social_assistance', `${year}-08`, 'NOT_ELIGIBLE', 750000, 'death');
    await row(second, 'meritorious', `${year}-08`, 'OVERPAID', 40000, 'run');
  });
  afterAll(async () => {
    await service?.stop();
    await pool.end();
  });

  const get = async (path: string, roles: ('finance' | 'operator')[] = ['finance']) =>
    fetch(`${service.url}${path}`, { headers: { authorization: `Bearer ${await mintToken({ sub: 'fin', roles })}` } });

  it('groups the overpayments to recover by month, programme, reason and source, with totals', async () => {
    const response = await get(`/reports/recoveries?from=${year}-07&to=${year}-09`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      from: `${year}-07`,
      to: `${year}-09`,
      rows: [
        { month: `${year}-07`, programme: 'social_assistance', reason: 'NOT_ELIGIBLE', source: 'death', persons: 1, records: 1, amount: '750000' },
        { month: `${year}-08`, programme: 'meritorious', reason: 'OVERPAID', source: 'run', persons: 1, records: 1, amount: '40000' },
        { month: `${year}-08`, programme: 'social_assistance', reason: 'NOT_ELIGIBLE', source: 'death', persons: 1, records: 1, amount: '750000' },
      ],
      byProgramme: [
        { programme: 'meritorious', records: 1, amount: '40000' },
        { programme: 'social_assistance', records: 2, amount: '1500000' },
      ],
      byReason: [
        { reason: 'NOT_ELIGIBLE', records: 2, amount: '1500000' },
        { reason: 'OVERPAID', records: 1, amount: '40000' },
      ],
      totals: { records: 3, amount: '1540000' },
    });
  });

  it('exports CSV with a BOM and Vietnamese headers, and PDF', async () => {
    const csv = Buffer.from(await (await get(`/reports/recoveries?from=${year}-07&to=${year}-07&format=csv`)).arrayBuffer());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines: string[][] = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true });
    expect(lines.slice(3, 7)).toEqual([
      ['Theo tháng, chương trình, lý do'],
      ['Tháng chi thừa', 'Chương trình', 'Lý do', 'Phát sinh từ', 'Số người', 'Số khoản', 'Số tiền phải thu hồi (đồng)'],
      [`07/${year}`, 'Trợ cấp xã hội', 'Không còn đủ điều kiện hưởng', 'Báo tử muộn', '1', '1', '750000'],
      ['Tổng cộng', '', '', '', '', '1', '750000'],
    ]);
    const pdf = await get(`/reports/recoveries?from=${year}-07&to=${year}-09&format=pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses a range that ends before it starts, a bad month, and operators', async () => {
    const backwards = await get(`/reports/recoveries?from=${year}-09&to=${year}-07`);
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ code: 'INVALID_REPORT_QUERY', message: `to (${year}-07) is before from (${year}-09)` });
    const bad = await get(`/reports/recoveries?from=${year}-13&to=${year}-07`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string[] }).message).toEqual(['from must be a month YYYY-MM']);
    expect((await get(`/reports/recoveries?from=${year}-07&to=${year}-07`, ['operator'])).status).toBe(403);
  });
});
