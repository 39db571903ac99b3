import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadDisbursementConfig } from '../config';
import { PartnerUnavailableError, type BatchRef, type PaymentForPartner } from './channel-adapter';
import { SettlementReportError } from './domain/post-office-outcomes';
import { PostOfficeAccountAdapter, PostOfficeCashAdapter } from './post-office.adapter';

const config = loadDisbursementConfig({});

const payment = (patch: Partial<PaymentForPartner> = {}): PaymentForPartner => ({
  paymentId: 'P-2026-11-0001',
  personRef: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
  programme: 'social_pension',
  month: '2026-11',
  months: ['2026-11'],
  amount: '540000',
  arrearsAmount: '0',
  carriedOverAmount: '0',
  total: '540000',
  bankBin: null,
  account: null,
  holderName: 'Lê Thị Hoa',
  maskedNationalId: '091*******34',
  communeCode: '30307',
  cashPointCode: 'CP-30307-01',
  address: 'Ấp Phú Hòa 2',
  funeralSupport: false,
  ...patch,
});

interface SentList {
  kind: string;
  communeCode?: string;
  pointCode?: string;
  itemCount: number;
  totalAmount: string;
  items: { seq: number; fullName: string; maskedId: string; accountNumber?: string; address?: string }[];
}

const batch = (channel: BatchRef['channel'], groupKey: string): BatchRef => ({ batchId: 'B-1', runId: 'r-1', month: '2026-11', channel, groupKey, cursor: null });

describe("the post office's payment list (danh sách chi trả)", () => {
  // The post office's own schema (the sandbox's, strict) takes these lists in execution.int-spec.
  it("prints each payee's hamlet or address on a cash point's list", () => {
    const payload = new PostOfficeCashAdapter(config).buildPayload(batch('post_office_cash', '30307/CP-30307-01'), [
      payment(),
      payment({ paymentId: 'P-2026-11-0002', holderName: 'Trần Văn Minh', address: null }),
    ]);
    const list = JSON.parse(payload) as SentList;
    expect(list).toMatchObject({ kind: 'cash_point', communeCode: '30307', pointCode: 'CP-30307-01', itemCount: 2, totalAmount: '1080000' });
    expect(list.items.map((item) => [item.seq, item.fullName, item.maskedId, item.address])).toEqual([
      [1, 'Lê Thị Hoa', '091*******34', 'Ấp Phú Hòa 2'],
      [2, 'Trần Văn Minh', '091*******34', undefined],
    ]);
  });

  it('keeps a cash point code with a slash whole', () => {
    const payload = new PostOfficeCashAdapter(config).buildPayload(batch('post_office_cash', '30307/ĐCT/01'), [payment()]);
    expect(JSON.parse(payload)).toMatchObject({ communeCode: '30307', pointCode: 'ĐCT/01' });
  });

  it('sends no address with account credits: the account says where the money goes', () => {
    const payload = new PostOfficeAccountAdapter(config).buildPayload(batch('post_office_account', 'account'), [payment({ account: '0663779039', cashPointCode: null })]);
    const [item] = (JSON.parse(payload) as SentList).items;
    expect(item).toMatchObject({ accountNumber: '0663779039' });
    expect(item).not.toHaveProperty('address');
  });
});

describe('PostOfficeAdapter.send: what an answer to a list means', () => {
  let answer: { status: number; body: string };
  let server: Server;
  let adapter: PostOfficeCashAdapter;

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    adapter = new PostOfficeCashAdapter(loadDisbursementConfig({ NODE_ENV: 'test', POST_OFFICE_URL: `http://127.0.0.1:${port}` }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const send = () => adapter.send({ ...batch('post_office_cash', '30307/CP-30307-01'), payload: '{}' });

  it('takes a 202 as acknowledged, and its two refusals (400 unreadable, 422 not adding up) as the list rejected', async () => {
    answer = { status: 202, body: '{}' };
    expect(await send()).toMatchObject({ kind: 'acknowledged' });
    answer = { status: 422, body: JSON.stringify({ reasons: ['totalAmount is not the sum of the items'] }) };
    expect(await send()).toMatchObject({ kind: 'rejected', code: 'BATCH_REJECTED', detail: 'totalAmount is not the sum of the items' });
    answer = { status: 400, body: JSON.stringify({ issues: ['items[0].total: required'] }) };
    expect(await send()).toMatchObject({ kind: 'rejected', code: 'BAD_REQUEST' });
  });

  it.each([408, 429, 502])('tries again later after HTTP %i', async (status) => {
    answer = { status, body: '' };
    await expect(send()).rejects.toBeInstanceOf(PartnerUnavailableError);
  });

  it.each([401, 403, 404, 409])('leaves HTTP %i to a person (ATTENTION), never rejecting the payments', async (status) => {
    answer = { status, body: '' };
    expect(await send()).toMatchObject({ kind: 'attention' });
  });
});

describe('PostOfficeAdapter.fetchOutcomes: a settlement report is checked before a line of it is believed', () => {
  let body: string;
  let server: Server;
  let adapter: PostOfficeCashAdapter;

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(body));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    adapter = new PostOfficeCashAdapter(loadDisbursementConfig({ NODE_ENV: 'test', POST_OFFICE_URL: `http://127.0.0.1:${port}` }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const fetch = () => adapter.fetchOutcomes({ ...batch('post_office_cash', '30307/CP-30307-01'), statusReportSha256: null, outcomesComplete: false });
  const report = (patch: object = {}, line: object = {}) =>
    JSON.stringify({ batchId: 'B-1', status: 'FINAL', reportedAt: '2026-11-19T10:00:00+07:00', lines: [{ paymentId: 'P1', outcome: 'PAID', paidOn: '2026-11-10', ...line }], ...patch });

  it('reads a good report, and a time given in UTC as the Vietnamese day it fell on', async () => {
    body = report({}, { paidOn: '2026-11-09T18:30:00Z' });
    expect((await fetch()).outcomes).toEqual([{ paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-10' }]);
    body = report({ reportedAt: '2026-11-18T20:00:00Z' }, { outcome: 'REJECTED', paidOn: undefined, reason: 'AC04' });
    expect((await fetch()).outcomes).toEqual([{ paymentId: 'P1', outcome: 'rejected', reasonCode: 'AC04', occurredOn: '2026-11-19' }]);
  });

  it('reads a time whose offset is written without a colon (+0700), and a local time without one as the Vietnamese day it names', async () => {
    body = report({}, { paidOn: '2026-11-09T23:30:00+0700' });
    expect((await fetch()).outcomes).toEqual([{ paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-09' }]);
    body = report({ reportedAt: '2026-11-19T23:30:00' }, { outcome: 'REJECTED', paidOn: undefined, reason: 'AC04' });
    expect((await fetch()).outcomes).toEqual([{ paymentId: 'P1', outcome: 'rejected', reasonCode: 'AC04', occurredOn: '2026-11-19' }]);
  });

  it.each([
    ['not JSON', '{oops', /not JSON/],
    ['not JSON, without quoting it (names of payees)', '{"proxyReceiver": Nguyễn Văn Bảy}', /^the settlement report is not JSON$/],
    ['no lines', JSON.stringify({ batchId: 'B-1', status: 'FINAL', reportedAt: '2026-11-19T10:00:00+07:00' }), /lines/],
    ['an outcome it does not know', report({}, { outcome: 'paid' }), /lines\.0\.outcome/],
    ['a paid date that is no date', report({}, { paidOn: '10/11/2026' }), /lines\.0\.paidOn/],
    ['an amount carried over in decimals', report({}, { outcome: 'NOT_COLLECTED', carriedOver: '500000.5' }), /lines\.0\.carriedOver: whole đồng/],
    ["another batch's report", report({ batchId: 'B-2' }), /answered for batch B-1 with the report of B-2/],
  ])('refuses a report with %s, naming what is wrong (the poll is tried again, nothing recorded)', async (_, text, message) => {
    body = text;
    await expect(fetch()).rejects.toThrow(SettlementReportError);
    await expect(fetch()).rejects.toThrow(message);
  });
});
