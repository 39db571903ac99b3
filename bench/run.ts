/**
 * `npm run bench -- --beneficiaries N`: a whole monthly run of N synthetic beneficiaries end to end through the real
 * services and infrastructure on this machine, then the raw floor of the same volume (COPY into PostgreSQL, the
 * same Kafka traffic), and the ratio pipeline ÷ floor. See bench/README.md for the results table.
 *
 * It uses a database of its own (benefits_bench, recreated each time) so the figures start from an empty register.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { DEV_AUTH_SECRET, mintDevToken, SERVICE_NODE_OPTIONS, type MintRequest } from '@benefits/platform';
import { copyFloor, kafkaFloor } from './floor';
import { cpuSecondsOf, memoryOf } from './proc';

const ROOT = resolve(__dirname, '../..');
const { values: args } = parseArgs({
  options: {
    beneficiaries: { type: 'string', default: '100000' },
    month: { type: 'string', default: '2026-11' },
    'skip-floor': { type: 'boolean', default: false },
  },
});
const N = Number(args.beneficiaries);
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/benefits_bench';
/**
 * How disbursement meets the local sandboxes: callbacks say when outcomes are ready (polling is the safety net),
 * and the sandboxes take batches faster than the conservative default rate meant for real partners.
 */
const PARTNER_SETTINGS = {
  // Its own BullMQ keys: no other disbursement process on this machine takes the bench's jobs.
  QUEUE_PREFIX: 'bench',
  OUTCOME_POLL_INTERVAL_MS: '2000',
  BANK_RATE_MAX: '50',
  POST_OFFICE_RATE_MAX: '50',
  BATCH_CONCURRENCY: '4',
  BANK_BATCH_SIZE: '2000',
  POST_OFFICE_BATCH_SIZE: '2000',
};
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const PORTS = { eligibility: 3101, entitlement: 3102, disbursement: 3103, bank: 4111, postOffice: 4112 };
const OPERATOR: MintRequest = { sub: 'bench.operator', roles: ['operator'] };
const APPROVER: MintRequest = { sub: 'bench.approver', roles: ['approver'] };

interface Proc {
  name: string;
  child: ChildProcess;
  peakRssMb: number;
  /** Peak resident memory within each run stage, in the order of the stages (index `stageNow`). */
  stagePeakMb: number[];
}
const processes: Proc[] = [];
/** The run stage the memory samples count towards: 0 before the run, then one per measured stage. */
let stageNow = 0;

function node(entry: string, env: Record<string, string>, name: string, nodeOptions: readonly string[] = []): Proc {
  // BENCH_CPU_PROFILE_DIR=/tmp/prof: each process writes a V8 CPU profile there when it stops (open in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`, `--cpu-prof-name=${name}.cpuprofile`] : [];
  const child = spawn(process.execPath, [...profile, ...nodeOptions, '-r', join(ROOT, 'infra/paths.js'), join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL, ...env },
    stdio: 'ignore',
  });
  const proc = { name, child, peakRssMb: 0, stagePeakMb: [] };
  processes.push(proc);
  return proc;
}

/** Resident memory of each service, sampled from /proc every 250 ms: the peak is what the target is about. */
function sampleMemory(): NodeJS.Timeout {
  return setInterval(() => {
    for (const proc of processes) {
      try {
        const rssMb = memoryOf(proc.child.pid ?? 0).rssMb;
        proc.peakRssMb = Math.max(proc.peakRssMb, rssMb);
        proc.stagePeakMb[stageNow] = Math.max(proc.stagePeakMb[stageNow] ?? 0, rssMb);
      } catch {
        // the process has exited
      }
    }
  }, 250);
}

/** CPU seconds of every process of one program on this machine (PostgreSQL's backends, the Kafka broker's JVM). */
function cpuSecondsOfProgram(command: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === command) total += cpuSecondsOf(pid);
    } catch {
      // the process has exited
    }
  }
  return total;
}

/** CPU seconds used so far by each service and sandbox, PostgreSQL and Kafka. */
function cpuNow(): Map<string, number> {
  const used = new Map(processes.map((proc) => [proc.name, cpuSecondsOf(proc.child.pid ?? 0)]));
  used.set('postgresql', cpuSecondsOfProgram('postgres'));
  used.set('kafka', cpuSecondsOfProgram('java'));
  return used;
}

async function call<T>(user: MintRequest, method: string, url: string, body?: unknown): Promise<T> {
  const token = await mintDevToken({ issuer: 'benefit-payments-dev', audience: 'benefit-payments', devSecret: DEV_AUTH_SECRET }, user);
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 1_800_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The machine's PostgreSQL settings that most change a large run's time (see bench/README.md): printed with each run. */
const POSTGRES_SETTINGS = ['shared_buffers', 'max_wal_size', 'checkpoint_timeout'];

async function recreateDatabase(): Promise<string> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS benefits_bench WITH (FORCE)');
  await admin.query('CREATE DATABASE benefits_bench');
  const settings = await admin.query<{ name: string; value: string }>(
    `SELECT name, current_setting(name) AS value FROM pg_settings WHERE name = ANY($1::text[]) ORDER BY array_position($1::text[], name)`,
    [POSTGRES_SETTINGS],
  );
  const version = await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  await admin.end();
  for (const service of ['eligibility', 'entitlement', 'disbursement']) {
    execFileSync(process.execPath, ['-r', join(ROOT, 'infra/paths.js'), join(ROOT, `dist/services/${service}/src/migrate.js`)], {
      env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn' },
    });
  }
  return `PostgreSQL ${version.rows[0].v}: ${settings.rows.map((r) => `${r.name} ${r.value}`).join(', ')}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

async function main() {
  console.log(`bench: ${N} beneficiaries, month ${args.month}, on ${require('node:os').cpus().length} cores`);
  console.log(await recreateDatabase());
  let t = performance.now();
  execFileSync(process.execPath, ['-r', join(ROOT, 'infra/paths.js'), join(ROOT, 'dist/services/eligibility/src/seed/load-register.js'), '--beneficiaries', String(N)], {
    env: { ...process.env, DATABASE_URL, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  const loadMs = performance.now() - t;

  const memory = sampleMemory();
  const disbursementUrl = `http://127.0.0.1:${PORTS.disbursement}`;
  node('dist/infra/sandboxes/bank/main.js', {
    BANK_PORT: String(PORTS.bank),
    BANK_OUTCOME_DELAY_MS: '200',
    BANK_CALLBACK_URL: `${disbursementUrl}/partners/bank/status-reports`,
  }, 'bank-sandbox');
  node('dist/infra/sandboxes/post-office/main.js', {
    POST_OFFICE_PORT: String(PORTS.postOffice),
    POST_OFFICE_OUTCOME_DELAY_MS: '200',
    POST_OFFICE_CALLBACK_URL: `${disbursementUrl}/partners/post-office/settlement-reports`,
  }, 'post-office-sandbox');
  node('dist/services/eligibility/src/main.js', { PORT: String(PORTS.eligibility) }, 'eligibility', SERVICE_NODE_OPTIONS);
  node('dist/services/entitlement/src/main.js', { PORT: String(PORTS.entitlement) }, 'entitlement', SERVICE_NODE_OPTIONS);
  node('dist/services/disbursement/src/main.js', {
    PORT: String(PORTS.disbursement),
    BANK_URL: `http://127.0.0.1:${PORTS.bank}`,
    POST_OFFICE_URL: `http://127.0.0.1:${PORTS.postOffice}`,
    ...PARTNER_SETTINGS,
  }, 'disbursement', SERVICE_NODE_OPTIONS);
  console.log(`partners: sandboxes answer after 200 ms and call back; ${Object.entries(PARTNER_SETTINGS).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  for (const port of [PORTS.eligibility, PORTS.entitlement, PORTS.disbursement]) {
    await until(`the service on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 120_000);
  }

  const disbursement = `http://127.0.0.1:${PORTS.disbursement}`;
  const stages: [string, number][] = [['load register (not part of the run)', loadMs]];
  // CPU used per run stage: on 2 cores, the stage is only as fast as the CPU its processes need allows.
  const cpuAt: Map<string, number>[] = [cpuNow()];
  const runStarted = performance.now();
  t = runStarted;
  stageNow = 1;
  const run = await call<{ id: string }>(OPERATOR, 'POST', `${disbursement}/runs`, {
    month: args.month,
    scope: { provinceCode: '91', programmes: ['social_assistance', 'social_pension', 'meritorious'] },
  });
  await until('the preview', async () => {
    const current = await call<{ status: string }>(OPERATOR, 'GET', `${disbursement}/runs/${run.id}`);
    if (current.status === 'HALTED') throw new Error(`run halted: ${JSON.stringify(current)}`);
    return current.status === 'PREVIEW_READY';
  });
  stages.push(['request → preview ready (eligibility snapshot, entitlement, instructions)', performance.now() - t]);
  cpuAt.push(cpuNow());
  stageNow = 2;

  t = performance.now();
  const preview = await call<{ totals: { count: number } }>(OPERATOR, 'GET', `${disbursement}/runs/${run.id}/preview`);
  await call(APPROVER, 'POST', `${disbursement}/runs/${run.id}/approve`, {});
  await call(APPROVER, 'POST', `${disbursement}/runs/${run.id}/release`, {});
  stages.push(['preview, approval, release', performance.now() - t]);
  cpuAt.push(cpuNow());
  stageNow = 3;

  t = performance.now();
  // The run's own status (one row) says when every payment is final. The progress report counts every payment of
  // the run: polled every 200 ms it took a third of PostgreSQL's CPU at 100,000, so it is read once, at the end.
  await until('the run to complete', async () => (await call<{ status: string }>(OPERATOR, 'GET', `${disbursement}/runs/${run.id}`)).status === 'COMPLETED');
  const progress = await call<{ allFinal: boolean; payments: { count: number; final: number } }>(OPERATOR, 'GET', `${disbursement}/runs/${run.id}/progress`);
  if (!progress.allFinal) throw new Error(`run completed with payments not final: ${JSON.stringify(progress.payments)}`);
  stages.push(['release → every payment final (batches, partners, outcomes)', performance.now() - t]);
  cpuAt.push(cpuNow());
  const pipelineMs = performance.now() - runStarted;
  clearInterval(memory);

  console.log(`\npipeline: ${preview.totals.count} payments in ${seconds(pipelineMs)} (${Math.round(preview.totals.count / (pipelineMs / 1000))} payments/s)`);
  for (const [stage, ms] of stages) console.log(`  ${stage.padEnd(75)} ${seconds(ms)}`);
  console.log('CPU seconds used per stage (2 cores give at most twice the stage\'s time):');
  const columns = ['→ preview', 'release', '→ final'];
  console.log(`  ${''.padEnd(20)} ${columns.map((c) => c.padStart(9)).join(' ')}`);
  for (const name of cpuAt[0].keys()) {
    const used = columns.map((_, i) => (cpuAt[i + 1].get(name) ?? 0) - (cpuAt[i].get(name) ?? 0));
    console.log(`  ${name.padEnd(20)} ${used.map((s) => s.toFixed(1).padStart(9)).join(' ')}`);
  }
  console.log('peak resident memory (MB), in all and per stage:');
  console.log(`  ${''.padEnd(20)} ${['in all', 'idle', ...columns].map((c) => c.padStart(9)).join(' ')}`);
  for (const proc of processes) {
    const perStage = [0, 1, 2, 3].map((stage) => String(proc.stagePeakMb[stage] ?? '-').padStart(9));
    console.log(`  ${proc.name.padEnd(20)} ${String(proc.peakRssMb).padStart(9)} ${perStage.join(' ')}`);
  }
  for (const proc of processes) proc.child.kill('SIGTERM');

  if (!args['skip-floor']) {
    // The same volume: rows written about three times (snapshot, entitlement lines, instructions) and chunk events
    // of ~1000 items over the three hops (snapshot + destinations, entitlements).
    const copyMs = await copyFloor(DATABASE_URL, N, 3);
    const chunks = Math.ceil(N / 1000);
    const kafkaMs = await kafkaFloor(BROKERS, chunks, 300_000, 3);
    const floorMs = copyMs + kafkaMs;
    console.log(`\nfloor: COPY ${N} rows × 3 = ${seconds(copyMs)}; Kafka ${chunks} chunk events × 3 hops = ${seconds(kafkaMs)}; total ${seconds(floorMs)}`);
    console.log(`pipeline ÷ floor = ${(pipelineMs / floorMs).toFixed(1)}`);
  }
}

main()
  .catch((error: unknown) => {
    console.error('bench failed:', error);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const proc of processes) proc.child.kill('SIGTERM');
  });
