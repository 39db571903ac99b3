import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCamt05x, parsePain002 } from '@benefits/iso20022';
import { callApi as api, readCsv, REPO_ROOT, startSandbox, startService, waitFor, writeCsv, type RunningService } from '@benefits/testing';

/**
 * The disbursement worker killed (SIGKILL) in the middle of a batch and started again: the run still finishes, and
 * the partners received every payment exactly once. The three services and both partner sandboxes run as real
 * processes; between the service and the bank sits a proxy (this process) that delivers the file to the bank but
 * never delivers the bank's acknowledgement of the first one — the bank has the money order, the service never
 * learnt it — and the service is killed right then, with other batches acknowledged and more still to send.
 */
const OPERATOR = { sub: 'e2e.crash.operator', roles: ['operator' as const] };
const APPROVER = { sub: 'e2e.crash.approver', roles: ['approver' as const] };
const MONTH = '2026-05';
const BENEFICIARIES = 30;
const DECISIONS_END = '2026-06-30';
/** The accounts the bank debits (the disbursement service's defaults): the Department of Health's and of Home Affairs'. */
const PAYING_ACCOUNTS = ['1234567890', '2234567890'];
const FINAL_STATUSES = ['settled', 'rejected', 'returned', 'not_collected', 'cancelled'];

jest.setTimeout(360_000);

interface Payment {
  paymentId: string;
  channel: 'bank' | 'post_office_account' | 'post_office_cash';
  status: string;
  batchId: string | null;
}

interface Progress {
  allFinal: boolean;
  batches: { total: number; byStatus: Record<string, number> };
}

/**
 * Passes every request to the bank sandbox, except that the bank's answer to the first pain.001 is held back, never
 * delivered: the file reached the bank, the service's call hangs until the service dies. Every pain.001 is noted
 * with whether the bank recognised it as a file it already had (Idempotent-Replay).
 */
class HoldingBankProxy {
  readonly files: { msgId: string; status: number; replay: boolean }[] = [];
  held: string | undefined;
  url = '';
  private server: Server | undefined;

  constructor(private readonly bankUrl: string) {}

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.forward(req, res).catch(() => res.destroy()));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const upstream = await fetch(`${this.bankUrl}${req.url ?? '/'}`, {
      method: req.method,
      headers: req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {},
      body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
    });
    const text = await upstream.text();
    const replay = upstream.headers.get('idempotent-replay');
    if (req.method === 'POST' && req.url === '/pain001') {
      const msgId = /<MsgId>([^<]+)<\/MsgId>/.exec(body.toString('utf8'))?.[1] ?? '?';
      this.files.push({ msgId, status: upstream.status, replay: replay === 'true' });
      if (this.held === undefined) {
        this.held = msgId;
        return;
      }
    }
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'text/plain', ...(replay ? { 'idempotent-replay': replay } : {}) });
    res.end(text);
  }
}

/**
 * A register of new people (a random seed), all moved into one commune so the run's scope is this test's own, their
 * decisions ending in June 2026: they are paid in this test's month, and no run of a later month (another test's)
 * finds them unpaid.
 */
function registerOfOneCommune(): { csv: string; communeCode: string; rows: number } {
  const file = join(mkdtempSync(join(tmpdir(), 'e2e-crash-')), 'register.csv');
  execFileSync(process.execPath, ['-r', join(REPO_ROOT, 'infra/paths.js'), join(REPO_ROOT, 'dist/services/eligibility/src/seed/generate-register.js'),
    '--beneficiaries', String(BENEFICIARIES), '--seed', String(Math.floor(Math.random() * 1_000_000_000)), '--out', file]);
  const { header, rows } = readCsv(readFileSync(file, 'utf8'));
  const [commune, cashPoint, from, to] = ['commune_code', 'cash_point_code', 'effective_from', 'effective_to'].map((name) => header.indexOf(name));
  const communeCode = rows[0][commune];
  const kept = rows
    .filter((cells) => cells[from] <= DECISIONS_END)
    .map((cells) => {
      cells[commune] = communeCode;
      cells[to] = DECISIONS_END;
      if (cells[cashPoint]) cells[cashPoint] = cells[cashPoint].replace(/^CP-\d{5}-/, `CP-${communeCode}-`);
      return cells;
    });
  return { csv: writeCsv(header, kept), communeCode, rows: kept.length };
}

let bank: RunningService;
let postOffice: RunningService;
let proxy: HoldingBankProxy;
let eligibility: RunningService;
let entitlement: RunningService;
let disbursement: RunningService;
let disbursementEnv: Record<string, string>;
let register: ReturnType<typeof registerOfOneCommune>;
let runId: string;

beforeAll(async () => {
  register = registerOfOneCommune();
  [bank, postOffice] = await Promise.all([
    startSandbox('bank', { BANK_OUTCOME_DELAY_MS: '300' }),
    startSandbox('post-office', { POST_OFFICE_OUTCOME_DELAY_MS: '300' }),
  ]);
  proxy = new HoldingBankProxy(bank.url);
  await proxy.start();
  disbursementEnv = {
    BANK_URL: proxy.url,
    POST_OFFICE_URL: postOffice.url,
    // Its own queues: no other disbursement process on this machine takes this run's batch jobs while it is dead.
    QUEUE_PREFIX: `e2e-crash-${randomUUID().slice(0, 8)}`,
    // Small batches, one per partner per second: when the first is acknowledged, most are still to send.
    BANK_BATCH_SIZE: '2',
    POST_OFFICE_BATCH_SIZE: '2',
    BANK_RATE_MAX: '1',
    BANK_RATE_DURATION_MS: '1000',
    POST_OFFICE_RATE_MAX: '1',
    POST_OFFICE_RATE_DURATION_MS: '1000',
    // The held call must still be hanging when the process is killed, not time out before.
    PARTNER_TIMEOUT_MS: '200000',
    OUTCOME_POLL_INTERVAL_MS: '500',
    RETURN_WATCH_MS: '1000',
    RETURN_POLL_INTERVAL_MS: '500',
    // No recovery sweep (startService turns it off): it looks at every run of the shared database (other tests' too);
    // this run's own work survives the crash in Redis (jobs, stalled-job recovery).
  };
  [eligibility, entitlement, disbursement] = await Promise.all([
    startService('eligibility'),
    startService('entitlement'),
    startService('disbursement', disbursementEnv),
  ]);
  // A run of this month left open by an interrupted earlier test run would only be in the way.
  const open = await api<{ runs: { id: string; status: string }[] }>(disbursement, OPERATOR, 'GET', `/runs?month=${MONTH}&limit=500`);
  for (const run of open.body.runs.filter((r) => ['REQUESTED', 'PREVIEW_READY', 'APPROVED'].includes(r.status))) {
    await api(disbursement, OPERATOR, 'POST', `/runs/${run.id}/cancel`, { reason: 'left open by an interrupted test run' });
  }
}, 180_000);

afterAll(async () => {
  await Promise.all([eligibility, entitlement, disbursement, bank, postOffice].filter(Boolean).map((s) => s.stop()));
  await proxy?.stop();
});

async function progressOf(): Promise<Progress> {
  return (await api<Progress>(disbursement, OPERATOR, 'GET', `/runs/${runId}/progress`)).body;
}

describe('the disbursement worker killed in the middle of a batch', () => {
  it('imports a register of one commune and produces its run of the month up to the preview', async () => {
    const imported = await api<{ accepted: number }>(eligibility, OPERATOR, 'POST', '/imports?fileName=e2e-crash.csv', register.csv, 'text/csv');
    expect(imported.status).toBe(201);
    expect(imported.body.accepted).toBe(register.rows);
    const created = await api<{ id: string }>(disbursement, OPERATOR, 'POST', '/runs', {
      month: MONTH,
      scope: { provinceCode: '91', programmes: ['social_assistance', 'social_pension', 'meritorious'], communeCodes: [register.communeCode] },
    });
    expect(created.status).toBe(201);
    runId = created.body.id;
    const run = await waitFor(async () => {
      const { body } = await api<{ status: string; haltReason: string | null }>(disbursement, OPERATOR, 'GET', `/runs/${runId}`);
      if (body.status === 'HALTED') throw new Error(`run halted: ${body.haltReason}`);
      return body.status === 'PREVIEW_READY' && body;
    }, 120_000, 'the preview');
    expect(run.status).toBe('PREVIEW_READY');
  });

  it('is released, killed with SIGKILL while the bank holds a file it never acknowledged to it, restarted, and finishes', async () => {
    expect((await api(disbursement, APPROVER, 'POST', `/runs/${runId}/approve`, {})).status).toBe(200);
    expect((await api(disbursement, APPROVER, 'POST', `/runs/${runId}/release`, {})).status).toBeLessThan(300);

    await waitFor(async () => {
      const { ACKNOWLEDGED = 0, FINAL = 0, PLANNED = 0 } = (await progressOf()).batches.byStatus;
      return proxy.held !== undefined && ACKNOWLEDGED + FINAL >= 1 && PLANNED >= 1;
    }, 60_000, 'a file held at the bank, another acknowledged, more still planned');
    await disbursement.stop('SIGKILL');
    expect(proxy.files.filter((f) => f.msgId === proxy.held)).toHaveLength(1);

    disbursement = await startService('disbursement', disbursementEnv);
    // The killed job is found stalled once its lock expires (BullMQ: about 30 s) and runs again. Alone this takes a
    // minute; under the full suite's load it once took longer than 150 s, hence the margin and what a failure shows.
    const after = await waitFor(async () => {
      const progress = await progressOf();
      return progress.allFinal && progress;
    }, 240_000, 'every payment final after the restart').catch(async (error: Error) => {
      const batches = (await progressOf()).batches.byStatus;
      const warnings = disbursement.output.filter((line) => /"level":(40|50|60)/.test(line)).slice(-15);
      throw new Error(`${error.message}; batches ${JSON.stringify(batches)}; the held file sent ${proxy.files.filter((f) => f.msgId === proxy.held).length} time(s); last warnings:\n${warnings.join('\n')}`);
    });
    expect(after.batches.byStatus.PLANNED ?? 0).toBe(0);
    expect(after.batches.byStatus.SENDING ?? 0).toBe(0);
    const payments = (await api<{ payments: Payment[] }>(disbursement, OPERATOR, 'GET', `/payments?runId=${runId}&limit=500`)).body.payments;
    expect(payments.length).toBeGreaterThan(0);
    expect(payments.filter((p) => !FINAL_STATUSES.includes(p.status))).toEqual([]);
  });

  it('the partners received every payment exactly once: the held file went again as the same file, no EndToEndId twice', async () => {
    const payments = (await api<{ payments: Payment[] }>(disbursement, OPERATOR, 'GET', `/payments?runId=${runId}&limit=500`)).body.payments.filter((p) => p.batchId);
    const batchesOf = (channels: string[]) => [...new Set(payments.filter((p) => channels.includes(p.channel)).map((p) => p.batchId as string))];
    const bankBatches = batchesOf(['bank']);
    const postOfficeBatches = batchesOf(['post_office_account', 'post_office_cash']);
    expect(bankBatches).toContain(proxy.held);

    // The held file was sent again after the restart, byte for byte: the bank answered with its idempotent replay.
    const heldSends = proxy.files.filter((f) => f.msgId === proxy.held);
    expect(heldSends.length).toBeGreaterThanOrEqual(2);
    expect(heldSends.slice(1).every((f) => f.replay && f.status === 202)).toBe(true);
    // Every other file once; the bank counts one file per batch.
    expect(proxy.files.filter((f) => !f.replay).map((f) => f.msgId).sort()).toEqual([...bankBatches].sort());
    expect(((await (await fetch(`${bank.url}/health`)).json()) as { files: number }).files).toBe(bankBatches.length);

    // pain.002: each bank payment reported in exactly one file.
    const reported: string[] = [];
    for (const msgId of bankBatches) {
      const answer = await fetch(`${bank.url}/pain002/${msgId}`);
      expect(answer.status).toBe(200);
      reported.push(...parsePain002(await answer.text()).transactions.map((t) => t.originalEndToEndId));
    }
    expect(reported.sort()).toEqual(payments.filter((p) => p.channel === 'bank').map((p) => p.paymentId).sort());

    // The ledger: no EndToEndId debited twice; every payment the bank settled debited once.
    const debited: string[] = [];
    for (const account of PAYING_ACCOUNTS) {
      const camt = parseCamt05x(await (await fetch(`${bank.url}/camt054?account=${account}`)).text());
      debited.push(...camt.reports.flatMap((r) => r.entries.filter((e) => e.creditDebit === 'DBIT').flatMap((e) => e.details.map((d) => d.endToEndId ?? ''))));
    }
    expect(debited.length).toBe(new Set(debited).size);
    const settledAtBank = payments.filter((p) => p.channel === 'bank' && ['settled', 'returned'].includes(p.status)).map((p) => p.paymentId);
    expect(debited.sort()).toEqual(settledAtBank.sort());

    // The post office: each list once, each payment on exactly one settlement report.
    expect(((await (await fetch(`${postOffice.url}/health`)).json()) as { batches: number }).batches).toBe(postOfficeBatches.length);
    const listed: string[] = [];
    for (const batchId of postOfficeBatches) {
      const report = (await (await fetch(`${postOffice.url}/batches/${batchId}/report`)).json()) as { status: string; lines: { paymentId: string }[] };
      expect(report.status).toBe('FINAL');
      listed.push(...report.lines.map((l) => l.paymentId));
    }
    expect(listed.sort()).toEqual(payments.filter((p) => p.channel !== 'bank').map((p) => p.paymentId).sort());
  });
});
