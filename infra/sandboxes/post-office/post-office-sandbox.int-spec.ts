import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { express } from '../shared/express';
import { accountList, cashList, listItem } from '../testing/fixtures';
import { clockFrom, eventually } from '../testing/wait';
import type { PostOfficeConfig } from './config';
import { createPostOfficeSandbox, type PostOfficeSandbox } from './post-office-sandbox';
import type { SettlementReport } from './settlement';

/** The post-office sandbox over real HTTP: payment lists in, settlement reports out. */
describe('post-office sandbox', () => {
  const started: PostOfficeSandbox[] = [];
  async function start(overrides: Partial<PostOfficeConfig> = {}): Promise<string> {
    const sandbox = createPostOfficeSandbox({
      outcomeDelayMs: 100,
      notCollectedPercent: 0,
      atHomePercent: 0,
      proxyPercent: 0,
      logLevel: 'silent',
      clock: clockFrom('2026-11-10T02:00:00Z'),
      ...overrides,
    });
    started.push(sandbox);
    return (await sandbox.listen()).url;
  }
  afterAll(() => Promise.all(started.map((s) => s.close())));

  async function finalReport(url: string, batchId: string): Promise<SettlementReport> {
    return eventually(async () => {
      const res = await request(url).get(`/batches/${batchId}/report`).expect(200);
      const report = res.body as SettlementReport;
      return report.status === 'FINAL' ? report : undefined;
    });
  }

  it('pays a cash point, reports who did not collect, and settles the balance', async () => {
    // Outcomes after a second: on a loaded machine 100 ms passed before the report was first read, already final.
    const url = await start({ outcomeDelayMs: 1_000 });
    const list = cashList('CASH-2026-11-01', [
      listItem('C1'),
      listItem('C2', { fullName: 'Trần Văn ABSENT', arrears: '500000', total: '1000000' }),
      listItem('C3', { fullName: 'Lê Thị DECEASED' }),
      listItem('C4', { fullName: 'Phạm Văn HOME' }),
      listItem('C5', { fullName: 'Đỗ Thị PROXY' }),
    ]);
    const ack = await request(url).post('/batches').send(list).expect(202);
    expect(ack.body).toEqual({
      batchId: 'CASH-2026-11-01',
      status: 'ACCEPTED',
      receivedAt: expect.stringMatching(/^2026-11-10T09:00:0\d\.\d{3}\+07:00$/),
      acceptedCount: 5,
      acceptedTotal: '3000000',
    });
    const pending = await request(url).get('/batches/CASH-2026-11-01/report').expect(200);
    expect(pending.body).toMatchObject({ status: 'IN_PROGRESS', totals: { pending: { count: 5, amount: '3000000' } } });

    const report = await finalReport(url, 'CASH-2026-11-01');
    expect(report.lines.map((l) => [l.paymentId, l.outcome, l.reason ?? l.how])).toEqual([
      ['C1', 'PAID', 'at_point'],
      ['C2', 'NOT_COLLECTED', 'absent'],
      ['C3', 'NOT_COLLECTED', 'deceased'],
      ['C4', 'PAID', 'at_home'],
      ['C5', 'PAID', 'at_point'],
    ]);
    expect(report.lines[0]).toMatchObject({ paidOn: '2026-11-10', point: 'DCT-26734-01' });
    expect(report.lines[4]?.proxyReceiver).toBeDefined();
    expect(report.totals).toEqual({
      listed: { count: 5, amount: '3000000' },
      paid: { count: 3, amount: '1500000' },
      notCollected: { count: 2, amount: '1500000' },
      rejected: { count: 0, amount: '0' },
      pending: { count: 0, amount: '0' },
      carriedOver: '1000000',
      balanceReturned: '500000',
      balanceKept: '1000000',
    });
  });

  it('confirms account payments like a bank', async () => {
    const url = await start();
    const items = [
      listItem('A1', { accountNumber: '0011002233445' }),
      listItem('A2', { accountNumber: '0011000004' }),
      listItem('A3', { accountNumber: '0011002233445', fullName: 'Ngô MISMATCH' }),
    ];
    await request(url).post('/batches').send(accountList('ACC-1', items)).expect(202);
    const report = await finalReport(url, 'ACC-1');
    expect(report.lines.map((l) => `${l.paymentId}:${l.outcome}:${l.reason ?? l.paidOn}`)).toEqual(['A1:PAID:2026-11-10', 'A2:REJECTED:AC04', 'A3:REJECTED:BE01']);
    expect(report.totals.balanceReturned).toBe('1000000');
  });

  it('rejects a list whose declared count or total does not match (422), with the reasons', async () => {
    const url = await start();
    const list = cashList('BAD-1', [listItem('B1'), listItem('B2')]);
    const res = await request(url).post('/batches').send({ ...list, itemCount: 3, totalAmount: '999' }).expect(422);
    expect(res.body).toEqual({
      error: 'BATCH_REJECTED',
      batchId: 'BAD-1',
      reasons: ['itemCount declares 3, the list holds 2', 'totalAmount declares 999, the items add up to 1000000'],
    });
    // A refused list is not kept: the corrected one may use the same batchId.
    await request(url).post('/batches').send(list).expect(202);
  });

  it('refuses malformed requests (400)', async () => {
    const url = await start();
    const numberAmount = await request(url).post('/batches').send({ ...cashList('X', [listItem('X1')]), totalAmount: 500000 }).expect(400);
    expect(numberAmount.body.issues).toContain('totalAmount: Expected string, received number');
    await request(url).post('/batches').set('Content-Type', 'application/json').send('{"batchId":').expect(400);
  });

  it('answers the same list twice with the same acknowledgement, and another list under the same id with 409', async () => {
    const url = await start();
    const list = cashList('IDEM-1', [listItem('I1')]);
    const first = await request(url).post('/batches').send(list).expect(202);
    // Same content, keys in another order: still the same list.
    const reordered = Object.fromEntries(Object.entries(list).reverse());
    const again = await request(url).post('/batches').send(reordered).expect(202);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replay']).toBe('true');
    const other = await request(url).post('/batches').send(cashList('IDEM-1', [listItem('I2')])).expect(409);
    expect(other.body.error).toBe('BATCH_ID_REUSED');
    expect((await finalReport(url, 'IDEM-1')).lines.map((l) => l.paymentId)).toEqual(['I1']);
  });

  it('POSTs the final settlement report to the callback URL', async () => {
    const received: SettlementReport[] = [];
    const receiver = express();
    receiver.use(express.json());
    receiver.post('/reports', (req, res) => {
      received.push(req.body as SettlementReport);
      res.status(204).send('');
    });
    const server: Server = await new Promise((resolve) => {
      const s = receiver.listen(0, () => resolve(s));
    });
    try {
      const url = await start({ callbackUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/reports` });
      await request(url).post('/batches').send(cashList('HOOK-1', [listItem('H1', { fullName: 'REFUSED' })])).expect(202);
      const [report] = await eventually(async () => (received.length > 0 ? received : undefined));
      expect(report).toMatchObject({ batchId: 'HOOK-1', status: 'FINAL', totals: { notCollected: { count: 1 } } });
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 404 for an unknown batch, reports health, and forgets everything on reset', async () => {
    const url = await start();
    await request(url).post('/batches').send(cashList('R-1', [listItem('R1')])).expect(202);
    expect((await request(url).get('/health').expect(200)).body).toEqual({ status: 'ok', batches: 1 });
    await request(url).post('/admin/reset').expect(200);
    await request(url).get('/batches/R-1/report').expect(404);
    expect((await request(url).get('/health').expect(200)).body).toEqual({ status: 'ok', batches: 0 });
  });
});
