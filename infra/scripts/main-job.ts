/**
 * The main job run by `npm start`, against the services and sandboxes started by infra/start.sh: a whole monthly
 * payment run on sample data, through the public APIs only, as the operators would do it.
 *
 *  1. an operator imports the sample register (a deterministic file: importing it again changes nothing);
 *  2. an operator requests the run of the month for the province and all three programmes;
 *  3. eligibility and entitlement produce it over Kafka; the preview is printed;
 *  4. a second person (an approver) approves it, and it is released;
 *  5. BullMQ jobs send the batches to the bank and the post office; the job waits until every payment is final;
 *  6. the summary is printed;
 *  7. finance imports the bank statements and the post office's settlement reports, and two finance officers
 *     reconcile and sign off the run. Running the job again pays nobody twice.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEV_AUTH_SECRET, mintDevToken, type MintRequest } from '@benefits/platform';
import { formatDong } from '@benefits/money';

const ROOT = resolve(__dirname, '../../..');
const { values: args } = parseArgs({
  options: {
    month: { type: 'string', default: process.env.RUN_MONTH ?? '2026-11' },
    beneficiaries: { type: 'string', default: process.env.SAMPLE_BENEFICIARIES ?? '3000' },
    timeout: { type: 'string', default: '600' },
  },
});
const URLS = {
  eligibility: process.env.ELIGIBILITY_URL ?? 'http://127.0.0.1:3001',
  entitlement: process.env.ENTITLEMENT_URL ?? 'http://127.0.0.1:3002',
  disbursement: process.env.DISBURSEMENT_URL ?? 'http://127.0.0.1:3003',
};
const OPERATOR: MintRequest = { sub: 'op.an.nguyen', name: 'Nguyễn Văn An', roles: ['operator'] };
const APPROVER: MintRequest = { sub: 'ap.lan.tran', name: 'Trần Thị Lan', roles: ['approver'] };
const FINANCE: MintRequest = { sub: 'fi.hoa.le', name: 'Lê Thị Hoa', roles: ['finance'] };
const FINANCE_SIGNER: MintRequest = { sub: 'fi.minh.pham', name: 'Phạm Văn Minh', roles: ['finance'] };
const deadline = Date.now() + Number(args.timeout) * 1000;

type Json = Record<string, unknown>;

async function token(user: MintRequest): Promise<string> {
  return mintDevToken({ issuer: 'benefit-payments-dev', audience: 'benefit-payments', devSecret: DEV_AUTH_SECRET }, user);
}

async function call<T = Json>(user: MintRequest, method: string, url: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${await token(user)}`, 'content-type': contentType, 'x-correlation-id': `main-job-${args.month}` },
    body: body === undefined ? undefined : contentType === 'application/json' ? JSON.stringify(body) : (body as Buffer),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 2000)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what} after ${args.timeout} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function sampleRegister(): string {
  const dir = join(ROOT, 'infra/.run');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `sample-register-${args.beneficiaries}.csv`);
  if (!existsSync(file)) {
    execFileSync(process.execPath, ['-r', join(ROOT, 'infra/paths.js'), join(ROOT, 'dist/services/eligibility/src/seed/generate-register.js'),
      '--beneficiaries', args.beneficiaries!, '--out', file], { stdio: 'inherit' });
  }
  return file;
}

function table(rows: Json[], columns: string[]): void {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ''))));
}

async function main() {
  const startedAt = Date.now();
  console.log(`\n== Monthly payment run ${args.month}: sample register of ${args.beneficiaries} beneficiaries ==\n`);
  const file = sampleRegister();
  const report = await call<{ status: string; rows: number; accepted: number; rejected: number; warningCount: number }>(OPERATOR, 'POST', `${URLS.eligibility}/imports?fileName=sample-register-${args.beneficiaries}.csv`, readFileSync(file), 'text/csv');
  console.log(
    `import of the sample register: ${report.status} — ${report.rows} rows, ${report.accepted} accepted, ${report.rejected} rejected, ${report.warningCount} warnings`,
  );

  const run = await call(OPERATOR, 'POST', `${URLS.disbursement}/runs`, {
    month: args.month,
    scope: { provinceCode: '91', programmes: ['social_assistance', 'social_pension', 'meritorious'] },
  });
  const runId = String(run.id);
  console.log(`run ${runId} requested by ${OPERATOR.sub}`);

  await until('the preview', async () => {
    const current = await call(OPERATOR, 'GET', `${URLS.disbursement}/runs/${runId}`);
    if (current.status === 'HALTED') throw new Error(`The run was halted: ${JSON.stringify(current)}`);
    return current.status === 'PREVIEW_READY' ? current : undefined;
  });
  const preview = await call<Preview>(OPERATOR, 'GET', `${URLS.disbursement}/runs/${runId}/preview`);
  printPreview(preview);
  const priced = await call<{ exceptionCounts: { kind: string; code: string; persons: number }[]; exceptions: { programme: string; message: string }[] }>(
    OPERATOR, 'GET', `${URLS.entitlement}/runs/${runId}/summary`);
  for (const exception of priced.exceptionCounts) {
    const example = priced.exceptions.find((e) => e.message)?.message ?? '';
    console.log(`not paid by entitlement: ${exception.persons} persons, ${exception.kind} ${exception.code} — e.g. ${example}`);
  }
  if (preview.totals.count === 0) {
    console.log('\nNothing to pay: every obligation of this month is already paid or in flight (nobody is paid twice).');
    await call(OPERATOR, 'POST', `${URLS.disbursement}/runs/${runId}/cancel`, { reason: 'nothing left to pay this month' });
    console.log(`run ${runId} cancelled`);
    return;
  }

  await call(APPROVER, 'POST', `${URLS.disbursement}/runs/${runId}/approve`, {});
  console.log(`\napproved by ${APPROVER.sub} (a second person: the requester may not approve)`);
  await call(APPROVER, 'POST', `${URLS.disbursement}/runs/${runId}/release`, {});
  console.log('released (RELEASING): a job plans the partner batches, then BullMQ sends them to the bank (pain.001) and the post office');

  let shown = -1;
  await until('every payment to be final', async () => {
    const progress = await call<Progress>(OPERATOR, 'GET', `${URLS.disbursement}/runs/${runId}/progress`);
    if (Math.floor(progress.percentFinal / 25) !== shown) {
      shown = Math.floor(progress.percentFinal / 25);
      console.log(`progress: ${progress.percentFinal}% of ${progress.payments.count} payments final, ${progress.batches.total} partner batches`);
    }
    return progress.allFinal ? progress : undefined;
  });

  const summary = await call<Summary>(OPERATOR, 'GET', `${URLS.disbursement}/runs/${runId}/summary`);
  console.log(`\n== Summary of run ${runId} (${summary.month}, ${summary.status}) ==`);
  table(summary.byOutcome.map((r) => ({ outcome: r.outcome, payments: r.count, 'amount (VND)': formatDong(BigInt(r.total)) })), ['outcome', 'payments', 'amount (VND)']);
  console.log('');
  table(summary.byChannel.map((r) => ({ channel: r.channel, outcome: r.outcome, payments: r.count, 'amount (VND)': formatDong(BigInt(r.total)) })), ['channel', 'outcome', 'payments', 'amount (VND)']);
  console.log(`\nnotifications to beneficiaries: ${summary.notifications}; carried over to next month: ${summary.carriedOver.count}`);
  await reconcile(runId, startedAt);
  console.log(`\nExplore: http://127.0.0.1:3003/docs (runs, payments, reconciliation), http://127.0.0.1:3003/queues (BullMQ dashboard); npm start -- --keep`);
}

/**
 * Finance's part: the bank's end-of-day statements (camt.053) of the days the run was paid and the post office's
 * settlement reports are imported and matched; when everything is matched or explained, one finance officer
 * prepares the sign-off and another signs it.
 */
async function reconcile(runId: string, startedAt: number): Promise<void> {
  console.log(`\n== Reconciliation of run ${runId} ==`);
  for (const date of new Set([vietnamDate(startedAt), vietnamDate(Date.now())])) {
    // One statement per account the province pays from, in this order (the API's): the sample data's meritorious
    // persons are not paid for 2026-11 (no Decree 321/2026 tables), so Home Affairs' account has no line that day.
    const accounts = ["Department of Health's account", "Department of Home Affairs' account"];
    const files = await call<Imported[]>(FINANCE, 'POST', `${URLS.disbursement}/statements/fetch`, { source: 'bank', date });
    files.forEach((file, i) => {
      const problems = file.problems.length > 0 ? `; does not add up: ${file.problems.join('; ')}` : '';
      console.log(`bank statement camt.053 of ${date}, ${accounts[i] ?? 'paying account'}: ${file.lines} lines, ${file.matched} matched, ${file.unmatched} unmatched${file.duplicate ? ' (imported before)' : ''}${problems}`);
    });
  }
  const reports = await call<Imported[]>(FINANCE, 'POST', `${URLS.disbursement}/statements/fetch`, { source: 'post_office', runId });
  console.log(`post office settlement reports: ${reports.length}, ${reports.reduce((n, r) => n + r.lines, 0)} lines`);
  const view = await call<Reconciliation>(FINANCE, 'GET', `${URLS.disbursement}/runs/${runId}/reconciliation`);
  table(Object.entries(view.byClass).map(([recon, v]) => ({ class: recon, payments: v.count, 'amount (VND)': formatDong(BigInt(v.amount)) })), ['class', 'payments', 'amount (VND)']);
  if (!view.ready) {
    const open = view.exceptions.open + view.exceptions.assigned;
    console.log(`not signed off yet: ${view.unexplained} payments unexplained, ${open} exceptions open (GET /reconciliation/exceptions?runId=${runId})`);
    return;
  }
  await call(FINANCE, 'POST', `${URLS.disbursement}/runs/${runId}/reconciliation/prepare`, {});
  const signed = await call<Reconciliation>(FINANCE_SIGNER, 'POST', `${URLS.disbursement}/runs/${runId}/reconciliation/sign-off`, {});
  console.log(`reconciled: prepared by ${signed.preparedBy}, signed off by ${signed.signedOffBy} (four eyes)`);
}

/** The partners' business day: a Vietnamese date (UTC+7). */
function vietnamDate(at: number): string {
  return new Date(at + 7 * 3600_000).toISOString().slice(0, 10);
}

interface Imported {
  lines: number;
  matched: number;
  unmatched: number;
  duplicate: boolean;
  problems: string[];
}
interface Reconciliation {
  ready: boolean;
  unexplained: number;
  byClass: Record<string, { count: number; amount: string }>;
  exceptions: { open: number; assigned: number };
  preparedBy: string | null;
  signedOffBy: string | null;
}

interface CountTotal {
  count: number;
  total: string;
}
interface Listed {
  count: number;
}
interface Preview {
  status: string;
  totals: CountTotal;
  toBeSent: CountTotal;
  held: (CountTotal & { problem: string })[];
  byProgramme: (CountTotal & { programme: string })[];
  byChannel: (CountTotal & { channel: string })[];
  byCommune: (CountTotal & { communeCode: string })[];
  changes: { new: Listed; stopped: Listed; amountChanged: Listed };
  exceptions: Record<string, Listed | number>;
}
interface Progress {
  percentFinal: number;
  allFinal: boolean;
  payments: CountTotal;
  batches: { total: number };
}
interface Summary {
  month: string;
  status: string;
  byOutcome: (CountTotal & { outcome: string })[];
  byChannel: (CountTotal & { channel: string; outcome: string })[];
  carriedOver: CountTotal;
  notifications: number;
}

function printPreview(preview: Preview): void {
  const money = (r: CountTotal) => formatDong(BigInt(r.total));
  console.log(`\n== Preview: ${preview.totals.count} payments, ${money(preview.totals)} VND ==`);
  const held = preview.held.map((r) => `${r.problem} ${r.count} (${money(r)} VND)`);
  console.log(`to be sent: ${preview.toBeSent.count} payments, ${money(preview.toBeSent)} VND; held back at release: ${held.length > 0 ? held.join(', ') : 'none'}`);
  table(preview.byProgramme.map((r) => ({ programme: r.programme, payments: r.count, 'amount (VND)': money(r) })), ['programme', 'payments', 'amount (VND)']);
  console.log('');
  table(preview.byChannel.map((r) => ({ channel: r.channel, payments: r.count, 'amount (VND)': money(r) })), ['channel', 'payments', 'amount (VND)']);
  console.log(`communes: ${preview.byCommune.length}; new: ${preview.changes.new.count}, stopped: ${preview.changes.stopped.count}, amount changed: ${preview.changes.amountChanged.count}`);
  const exceptions = Object.entries(preview.exceptions).map(([name, value]) => `${name} ${typeof value === 'number' ? value : value.count}`);
  console.log(`exceptions: ${exceptions.join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(`\nThe main job failed: ${(error as Error).message}`);
  process.exit(1);
});
