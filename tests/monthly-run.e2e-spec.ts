import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callApi as api, readCsv, REPO_ROOT, startSandbox, startService, waitFor, type RunningService } from '@benefits/testing';

/**
 * A whole monthly run across the three services, the partner sandboxes, PostgreSQL, Redis and Kafka, driven
 * through the public HTTP APIs only: import a register, request the run, preview, four-eyes approval, release,
 * every payment to its outcome, a rejected payment re-sent to a corrected account, a second run that pays
 * nobody twice — and not one whole ID or account number in any log line.
 */
const OPERATOR = { sub: 'e2e.operator', roles: ['operator' as const] };
const APPROVER = { sub: 'e2e.approver', roles: ['approver' as const] };
const MONTH = '2026-09';
const BENEFICIARIES = 300;

let sandboxes: RunningService[] = [];
let services: Record<'eligibility' | 'entitlement' | 'disbursement', RunningService>;
let registerCsv: string;

interface Json {
  [key: string]: unknown;
}

beforeAll(async () => {
  // A register of its own (a random seed: new people), in the import layout, from the project's generator.
  const dir = mkdtempSync(join(tmpdir(), 'e2e-register-'));
  const file = join(dir, 'register.csv');
  const seed = String(Math.floor(Math.random() * 1_000_000_000));
  execFileSync(process.execPath, ['-r', join(REPO_ROOT, 'infra/paths.js'), join(REPO_ROOT, 'dist/services/eligibility/src/seed/generate-register.js'),
    '--beneficiaries', String(BENEFICIARIES), '--seed', seed, '--out', file]);
  registerCsv = readFileSync(file, 'utf8');

  sandboxes = await Promise.all([
    startSandbox('bank', { BANK_OUTCOME_DELAY_MS: '300' }),
    startSandbox('post-office', { POST_OFFICE_OUTCOME_DELAY_MS: '300' }),
  ]);
  const [bank, postOffice] = sandboxes;
  const [eligibility, entitlement, disbursement] = await Promise.all([
    startService('eligibility'),
    startService('entitlement'),
    startService('disbursement', { BANK_URL: bank.url, POST_OFFICE_URL: postOffice.url, OUTCOME_POLL_INTERVAL_MS: '500' }),
  ]);
  services = { eligibility, entitlement, disbursement };
  // A run of this month left open by an interrupted earlier test run would block a new one (one open run per scope).
  const open = await api<{ runs: { id: string; status: string }[] }>(disbursement, OPERATOR, 'GET', `/runs?month=${MONTH}&limit=500`);
  for (const run of open.body.runs.filter((r) => ['REQUESTED', 'PREVIEW_READY'].includes(r.status))) {
    await api(disbursement, OPERATOR, 'POST', `/runs/${run.id}/cancel`, { reason: 'left open by an interrupted test run' });
  }
}, 180000);

afterAll(async () => {
  await Promise.all([...Object.values(services ?? {}), ...sandboxes].map((s) => s.stop()));
});

async function runUntilPreview(): Promise<{ runId: string; preview: Json & { totals: { count: number; total: string } } }> {
  const created = await api<{ id: string; status: string }>(services.disbursement, OPERATOR, 'POST', '/runs', {
    month: MONTH,
    scope: { provinceCode: '91', programmes: ['social_assistance', 'social_pension', 'meritorious'] },
  });
  expect(created.status).toBe(201);
  const runId = created.body.id;
  await waitFor(async () => {
    const run = await api<{ status: string }>(services.disbursement, OPERATOR, 'GET', `/runs/${runId}`);
    if (run.body.status === 'HALTED') throw new Error(`run halted: ${JSON.stringify(run.body)}`);
    return run.body.status === 'PREVIEW_READY';
  }, 120000, 'the preview');
  const preview = await api<Json & { totals: { count: number; total: string } }>(services.disbursement, OPERATOR, 'GET', `/runs/${runId}/preview`);
  return { runId, preview: preview.body };
}

describe('a monthly payment run, end to end', () => {
  let runId: string;

  it('imports the register file, all rows or none, and reports it', async () => {
    const imported = await api<{ status: string; rows: number; accepted: number; rejected: number }>(
      services.eligibility, OPERATOR, 'POST', '/imports?fileName=e2e-register.csv', registerCsv, 'text/csv');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ status: 'completed', rows: BENEFICIARIES, accepted: BENEFICIARIES, rejected: 0 });

    const again = await api<{ status: string }>(services.eligibility, OPERATOR, 'POST', '/imports?fileName=e2e-register.csv', registerCsv, 'text/csv');
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('already_imported');
  });

  it('produces the run over Kafka and shows a preview by programme and channel', async () => {
    const { runId: id, preview } = await runUntilPreview();
    runId = id;
    expect(preview.totals.count).toBeGreaterThan(0);
    expect((preview.byChannel as { channel: string }[]).map((c) => c.channel).sort()).toEqual(['bank', 'post_office_account', 'post_office_cash']);
  });

  it('refuses approval by the person who requested the run', async () => {
    const byCreator = await api<{ code: string }>(services.disbursement, { ...OPERATOR, roles: ['operator', 'approver'] } as never, 'POST', `/runs/${runId}/approve`, {});
    expect(byCreator.status).toBe(403);
    expect(byCreator.body.code).toBe('FOUR_EYES');
  });

  it('is approved by a second person, released, and every payment reaches its outcome', async () => {
    expect((await api(services.disbursement, APPROVER, 'POST', `/runs/${runId}/approve`, {})).status).toBe(200);
    expect((await api(services.disbursement, APPROVER, 'POST', `/runs/${runId}/release`, {})).status).toBeLessThan(300);
    await waitFor(async () => (await api<{ allFinal: boolean }>(services.disbursement, OPERATOR, 'GET', `/runs/${runId}/progress`)).body.allFinal, 180000, 'every payment final');

    const summary = (await api<{ payments: { count: number }; byOutcome: { outcome: string; count: number }[] }>(
      services.disbursement, OPERATOR, 'GET', `/runs/${runId}/summary`)).body;
    const outcomes = Object.fromEntries(summary.byOutcome.map((o) => [o.outcome, o.count]));
    expect(outcomes.settled).toBeGreaterThan(0);
    expect(summary.byOutcome.reduce((n, o) => n + o.count, 0)).toBe(summary.payments.count);
  });

  it('re-sends a rejected payment to a corrected account, approved by a second person, and it settles', async () => {
    const rejected = await api<{ payments: { paymentId: string; personRef: string; communeCode: string }[] }>(
      services.disbursement, OPERATOR, 'GET', `/payments?runId=${runId}&status=rejected&limit=1`);
    expect(rejected.body.payments.length).toBe(1);
    const original = rejected.body.payments[0];
    const request = await api<{ id: string }>(services.disbursement, OPERATOR, 'POST', `/payments/${original.paymentId}/resend`, {
      destination: { channel: 'bank', bankBin: '970436', accountNumber: '0071000123456', accountHolderName: 'Nguyen Van Sua', communeCode: original.communeCode },
      reason: 'Tài khoản đúng theo xác minh của xã',
    });
    expect(request.status).toBe(201);
    expect((await api(services.disbursement, OPERATOR, 'POST', `/payments/resends/${request.body.id}/approve`, {})).status).toBe(403);
    expect((await api(services.disbursement, APPROVER, 'POST', `/payments/resends/${request.body.id}/approve`, {})).status).toBe(200);
    await waitFor(async () => {
      const payments = await api<{ payments: { resendOf: string | null; status: string }[] }>(services.disbursement, OPERATOR, 'GET', `/payments?personRef=${original.personRef}`);
      return payments.body.payments.some((p) => p.resendOf === original.paymentId && p.status === 'settled');
    }, 100000, 'the re-sent payment to settle');
  });

  it('pays nobody twice: a second run of the same month pays nothing of that month again', async () => {
    const { runId: second, preview } = await runUntilPreview();
    // The worker-crash test runs another month (2026-05) on the same shared register at the same time: what it leaves
    // not collected is rightly carried over into whichever run comes next, this one too. Nothing of this month is.
    const payments = await api<{ payments: { paymentId: string; amount: string; carriedOverAmount: string }[] }>(
      services.disbursement, OPERATOR, 'GET', `/payments?runId=${second}&limit=500`);
    expect(payments.body.payments.filter((p) => p.amount !== '0')).toEqual([]);
    expect(payments.body.payments.length).toBe(preview.totals.count);
    expect((await api(services.disbursement, OPERATOR, 'POST', `/runs/${second}/cancel`, { reason: 'nothing left to pay' })).status).toBe(200);
  });

  it('never writes a whole ID number or account number to a log line', () => {
    const { header, rows } = readCsv(registerCsv);
    const secrets = rows.flatMap((row) =>
      header.map((column, i) => (/national_id|account_number/.test(column) ? row[i] : '')).filter((value) => /^\d{6,}$/.test(value)),
    );
    expect(secrets.length).toBeGreaterThan(BENEFICIARIES);
    const logs = [...Object.values(services), ...sandboxes].flatMap((s) => s.output);
    expect(logs.length).toBeGreaterThan(0);
    const leaks = logs.filter((line) => secrets.some((secret) => line.includes(secret)));
    expect(leaks).toEqual([]);
  });
});
