import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildCamt054, buildPain002, type TransactionStatus } from '@benefits/iso20022';
import { loadDisbursementConfig } from '../config';
import { BankAdapter } from './bank.adapter';
import { PartnerUnavailableError, type BatchToSend, type PartnerOutcome, type WatchedBatch } from './channel-adapter';

const ACCOUNT = '1234567890';

/**
 * A bank whose payment P1 is settled and at once returned right after it answers its first request, whichever it is:
 * the worst moment for a poll that reads the statuses (pain.002) and the returns (camt.054) one after the other.
 */
function bankThatSettlesAndReturnsBetweenReads(): { server: Server; requests: string[] } {
  const requests: string[] = [];
  let status: TransactionStatus = 'PDNG';
  let returned = false;
  const server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const now = new Date().toISOString();
    const body = request.url?.startsWith('/pain002/')
      ? buildPain002({
          msgId: `R-${status}`,
          createdAt: now,
          originalMsgId: 'B1',
          originalMsgNameId: 'pain.001.001.09',
          groupStatus: status === 'ACSC' ? 'ACSC' : 'PDNG',
          groupReasons: [],
          transactions: [{ originalPmtInfId: 'B1', originalEndToEndId: 'P1', status, reasons: [] }],
        })
      : buildCamt054({
          msgId: `N-${requests.length}`,
          createdAt: now,
          reports: returned
            ? [
                {
                  id: 'NTF-1',
                  createdAt: now,
                  account: ACCOUNT,
                  balances: [],
                  entries: [
                    {
                      amount: '500000',
                      creditDebit: 'CRDT',
                      status: 'BOOK',
                      bookingDate: '2026-11-30',
                      valueDate: '2026-11-30',
                      accountServicerRef: 'REF1',
                      details: [{ endToEndId: 'P1', amount: '500000', returnReason: 'AC04' }],
                    },
                  ],
                },
              ]
            : [],
        });
    response.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    // The bank settles P1 and gets it back between this answer and the next request.
    status = 'ACSC';
    returned = true;
  });
  return { server, requests };
}

describe('BankAdapter.fetchOutcomes', () => {
  let bank: ReturnType<typeof bankThatSettlesAndReturnsBetweenReads>;
  let adapter: BankAdapter;

  beforeAll(async () => {
    bank = bankThatSettlesAndReturnsBetweenReads();
    bank.server.listen(0, '127.0.0.1');
    await once(bank.server, 'listening');
    const { port } = bank.server.address() as AddressInfo;
    adapter = new BankAdapter(loadDisbursementConfig({ NODE_ENV: 'test', BANK_URL: `http://127.0.0.1:${port}`, DEBTOR_ACCOUNT: ACCOUNT }));
  });
  afterAll(() => new Promise((resolve) => bank.server.close(resolve)));

  it('never reports a return before the settlement it undoes, however the bank moves between its two reads', async () => {
    const batch: WatchedBatch = { batchId: 'B1', runId: 'r', month: '2026-11', channel: 'bank', groupKey: '970436', cursor: null, statusReportSha256: null, outcomesComplete: false };
    const first = await adapter.fetchOutcomes(batch);
    const second = await adapter.fetchOutcomes({ ...batch, cursor: first.cursor ?? null, statusReportSha256: first.statusReportSha256 ?? null });
    const seen = (outcomes: PartnerOutcome[]) => outcomes.map((o) => `${o.paymentId} ${o.outcome}`);
    // A return read before its settlement would not apply to the payment (still sent), and the cursor would pass it.
    expect([...seen(first.outcomes), ...seen(second.outcomes)].slice(0, 2)).toEqual(['P1 settled', 'P1 returned']);
  });
});

describe('BankAdapter.send: what an answer to a pain.001 means', () => {
  let answer: { status: number; body: string };
  let server: Server;
  let adapter: BankAdapter;
  const file: BatchToSend = { batchId: 'B1', runId: 'r', month: '2026-11', channel: 'bank', groupKey: '970436', cursor: null, payload: '<Document/>' };
  const refusal = buildPain002({
    msgId: 'R-1',
    createdAt: '2026-11-05T09:00:00+07:00',
    originalMsgId: 'B1',
    originalMsgNameId: 'pain.001.001.09',
    groupStatus: 'RJCT',
    groupReasons: [{ code: 'FF01', additionalInfo: 'CtrlSum does not match' }],
    transactions: [],
  });

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(answer.status, { 'content-type': 'application/xml' }).end(answer.body));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    adapter = new BankAdapter(loadDisbursementConfig({ NODE_ENV: 'test', BANK_URL: `http://127.0.0.1:${port}`, DEBTOR_ACCOUNT: ACCOUNT }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('takes a 202 as acknowledged, and a pain.002 refusing the file (GrpSts RJCT) as the whole file rejected', async () => {
    answer = { status: 202, body: '<Document/>' };
    expect(await adapter.send(file)).toMatchObject({ kind: 'acknowledged', replay: false });
    answer = { status: 400, body: refusal };
    expect(await adapter.send(file)).toMatchObject({ kind: 'rejected', code: 'FF01', detail: 'CtrlSum does not match' });
  });

  it.each([408, 429, 500, 503])('tries again later after HTTP %i: it says nothing of the file', async (status) => {
    answer = { status, body: '' };
    await expect(adapter.send(file)).rejects.toBeInstanceOf(PartnerUnavailableError);
  });

  // An earlier attempt may have been taken (it timed out here): rejecting its payments would let them be paid twice.
  it.each([
    [401, 'Unauthorized'],
    [403, '<html>Forbidden</html>'],
    [404, 'Not Found'],
    [400, '<Document>not a pain.002</Document>'],
  ])('leaves HTTP %i without a refusal to a person (ATTENTION), never rejecting the payments', async (status, body) => {
    answer = { status, body };
    expect(await adapter.send(file)).toMatchObject({ kind: 'attention' });
  });

  it('leaves a 409 (other content under this MsgId) to a person', async () => {
    answer = { status: 409, body: refusal };
    expect(await adapter.send(file)).toMatchObject({ kind: 'attention', detail: expect.stringContaining('AM05') });
  });

  const refusedWith = (code: string) => buildPain002({
    msgId: `R-${code}`,
    createdAt: '2026-11-05T09:00:00+07:00',
    originalMsgId: 'B1',
    originalMsgNameId: 'pain.001.001.09',
    groupStatus: 'RJCT',
    groupReasons: [{ code, additionalInfo: 'MsgId already received' }],
    transactions: [],
  });

  // Attempt 1 timed out after the bank took the file; attempt 2 (same MsgId, same bytes) is refused as a duplicate.
  // Rejecting the batch would make its payments re-sendable, and a re-send would pay them a second time.
  it.each([
    [400, 'AM05'],
    [422, 'AM05'],
    [400, 'DUPL'],
    [200, 'AM05'],
  ])('leaves HTTP %i with a refusal for duplication (%s) to a person: the bank may hold the file', async (status, code) => {
    answer = { status, body: refusedWith(code) };
    expect(await adapter.send(file)).toMatchObject({ kind: 'attention', detail: expect.stringContaining(code) });
  });

  // ISO 20022's own codes for a repeated identification: DU01 message id (our MsgId), DU02 payment block id (our
  // PmtInfId, the same), DU03-DU05 transactions it already holds. Before, they read as a refusal of the file: its
  // payments rejected, re-sendable under new ids, and paid a second time alongside the file the bank held.
  it.each(['DU01', 'DU02', 'DU03', 'DU04', 'DU05'])('leaves a refusal for a repeated id (%s) to a person: the bank holds the file or its payments', async (code) => {
    answer = { status: 400, body: refusedWith(code) };
    expect(await adapter.send(file)).toMatchObject({ kind: 'attention', detail: expect.stringContaining(code) });
  });

  it('reads a 200 or 202 that carries a pain.002 refusing the file as the refusal it is', async () => {
    for (const status of [200, 202]) {
      answer = { status, body: refusal };
      expect(await adapter.send(file)).toMatchObject({ kind: 'rejected', code: 'FF01' });
    }
  });
});

describe('BankAdapter.fetchOutcomes while the camt.054 feed is down', () => {
  let camtStatus: number;
  let server: Server;
  let adapter: BankAdapter;
  const batch: WatchedBatch = { batchId: 'B1', runId: 'r', month: '2026-11', channel: 'bank', groupKey: '970436', cursor: '2026-11-05T09:00:00+07:00', statusReportSha256: null, outcomesComplete: false };

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!request.url?.startsWith('/pain002/')) {
        response.writeHead(camtStatus).end('feed down');
        return;
      }
      const body = buildPain002({
        msgId: 'R-1',
        createdAt: '2026-11-05T10:00:00+07:00',
        originalMsgId: 'B1',
        originalMsgNameId: 'pain.001.001.09',
        groupStatus: 'ACSC',
        groupReasons: [],
        transactions: [{ originalPmtInfId: 'B1', originalEndToEndId: 'P1', status: 'ACSC', reasons: [] }],
      });
      response.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    adapter = new BankAdapter(loadDisbursementConfig({ NODE_ENV: 'test', BANK_URL: `http://127.0.0.1:${port}`, DEBTOR_ACCOUNT: ACCOUNT }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // Before, any failure of camt.054 failed the whole poll: no settlement of any batch was recorded during an outage.
  it.each([503, 404])('still records the statuses of the pain.002 when camt.054 answers %i, and leaves the statement cursor where it is', async (status) => {
    camtStatus = status;
    const report = await adapter.fetchOutcomes(batch);
    expect(report.outcomes).toEqual([{ paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-05' }]);
    expect(report.complete).toBe(true);
    expect(report.cursor).toBeUndefined();
  });

  it('fails the poll of a batch only watched for returns: it has nothing else to read', async () => {
    camtStatus = 503;
    await expect(adapter.fetchOutcomes({ ...batch, outcomesComplete: true })).rejects.toBeInstanceOf(PartnerUnavailableError);
  });
});

describe('BankAdapter.fetchOutcomes: the day a payment settled, from a report written in Vietnamese time', () => {
  let server: Server;
  let adapter: BankAdapter;
  let createdAt: string;
  const timeZone = process.env.TZ;
  const batch: WatchedBatch = { batchId: 'B1', runId: 'r', month: '2026-11', channel: 'bank', groupKey: '970436', cursor: null, statusReportSha256: null, outcomesComplete: false };

  beforeAll(async () => {
    // The servers run in UTC (the container's default); the bank writes its own, Vietnamese, time.
    process.env.TZ = 'UTC';
    server = createServer((request, response) => {
      const body = request.url?.startsWith('/pain002/')
        ? buildPain002({
            msgId: 'R-1',
            createdAt,
            originalMsgId: 'B1',
            originalMsgNameId: 'pain.001.001.09',
            groupStatus: 'ACSC',
            groupReasons: [],
            transactions: [{ originalPmtInfId: 'B1', originalEndToEndId: 'P1', status: 'ACSC', reasons: [] }],
          })
        : buildCamt054({ msgId: 'N-1', createdAt, reports: [] });
      response.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    adapter = new BankAdapter(loadDisbursementConfig({ NODE_ENV: 'test', BANK_URL: `http://127.0.0.1:${port}`, DEBTOR_ACCOUNT: ACCOUNT }));
  });
  afterAll(async () => {
    if (timeZone === undefined) delete process.env.TZ;
    else process.env.TZ = timeZone;
    await new Promise((resolve) => server.close(resolve));
  });

  // Taken as the server's own time, 23:30 on 30 November became 06:30 on 1 December: a November payment settled in December.
  it.each([
    ['local time without an offset', '2026-11-30T23:30:00', '2026-11-30'],
    ['Vietnamese time with its offset', '2026-11-30T23:30:00+07:00', '2026-11-30'],
    ['UTC, already the next day in Viet Nam', '2026-11-30T17:30:00Z', '2026-12-01'],
  ])('a report created at %s (%s) settles on %s', async (_case, at, day) => {
    createdAt = at;
    const report = await adapter.fetchOutcomes(batch);
    expect(report.outcomes).toEqual([{ paymentId: 'P1', outcome: 'settled', occurredOn: day }]);
  });
});

describe("BankAdapter.fetchOutcomes: a status report of another file", () => {
  let server: Server;
  let adapter: BankAdapter;
  let report: string;
  const batch: WatchedBatch = { batchId: 'B1', runId: 'r', month: '2026-11', channel: 'bank', groupKey: '970436', cursor: null, statusReportSha256: null, outcomesComplete: false };
  const ofFile = (originalMsgId: string, groupStatus: 'RJCT' | 'ACSC') =>
    buildPain002({
      msgId: `R-${originalMsgId}`,
      createdAt: '2026-11-05T10:00:00+07:00',
      originalMsgId,
      originalMsgNameId: 'pain.001.001.09',
      groupStatus,
      groupReasons: groupStatus === 'RJCT' ? [{ code: 'AM04', additionalInfo: 'insufficient funds' }] : [],
      transactions: [],
    });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const body = request.url?.startsWith('/pain002/') ? report : buildCamt054({ msgId: 'N-1', createdAt: '2026-11-05T10:00:00+07:00', reports: [] });
      response.writeHead(200, { 'content-type': 'application/xml' }).end(body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    adapter = new BankAdapter(loadDisbursementConfig({ NODE_ENV: 'test', BANK_URL: `http://127.0.0.1:${port}`, DEBTOR_ACCOUNT: ACCOUNT }));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  // A report refusing or settling a file as a whole decides every payment of the batch it is recorded for. Asked for
  // B1 and answered with B2's (a gateway's cache, a bank's bug), B1's payments were all rejected, re-sendable under new
  // ids, while the bank went on to pay B1: paid twice. Or all settled, though the bank had refused them: never paid.
  it.each(['RJCT', 'ACSC'] as const)('records nothing of a report (GrpSts %s) whose OrgnlMsgId is not the batch asked for', async (groupStatus) => {
    report = ofFile('B2', groupStatus);
    await expect(adapter.fetchOutcomes(batch)).rejects.toThrow(/report of B2/);
  });

  it("reads the batch's own report", async () => {
    report = ofFile('B1', 'RJCT');
    expect(await adapter.fetchOutcomes(batch)).toMatchObject({ refused: { reasonCode: 'AM04', duplicate: false }, complete: true });
  });
});
