/**
 * `npm run bench:snapshot -- --beneficiaries N [--keep-register] [--month 2026-11] [--cpu-prof DIR] [--entitlement]`:
 * the first stages of the monthly run measured alone.
 *
 * Eligibility freezing a run's snapshot and publishing it (issue #3 item 5). The real eligibility process
 * (dist/services/eligibility) gets a RunRequested over Kafka exactly as disbursement sends it; the clock runs until the
 * snapshot is completed in the database ("frozen") and until every event it wrote has left the outbox for Kafka
 * ("published"). Then the bench reads both topics back and checks the run's control totals the way its consumers do:
 * dense chunk numbers, counts per programme, checksum, destinations count.
 *
 * With --entitlement (`npm run bench:entitlement`), then entitlement calculating that snapshot (issue #4 item 6): the
 * real entitlement process starts on its own new database once the whole snapshot is on Kafka, and the clock runs
 * until it has calculated every person, stored the run and published every EntitlementChunk and EntitlementCompleted.
 * The bench reads the run's output back and checks it as disbursement does: dense chunk numbers, count and total per
 * programme against those declared.
 *
 * Its own databases (benefits_bench_snapshot_<N>: the register is loaded once, then kept with --keep-register;
 * benefits_bench_entitlement, new each time) and its own throwaway Kafka broker: a million snapshot items never reach
 * the shared broker, where the entitlement of `npm start` or of an e2e test would take them for a run of its own.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import {
  ALL_TOPICS,
  createEvent,
  parseEnvelope,
  RunRequested,
  snapshotChecksum,
  Topics,
  type ControlTotals,
  type EligibleItem,
  type Programme,
} from '@benefits/contracts';
import { SERVICE_NODE_OPTIONS } from '@benefits/platform';
import { freePort, startThrowawayBroker, waitFor } from '@benefits/testing';
import { cpuSecondsOf, memoryOf } from './proc';

const ROOT = resolve(__dirname, '../..');
const { values: args } = parseArgs({
  options: {
    beneficiaries: { type: 'string', default: '100000' },
    month: { type: 'string', default: '2026-11' },
    /** Reuse the database when it already holds a register of N beneficiaries (earlier runs' snapshots are cleared). */
    'keep-register': { type: 'boolean', default: false },
    /** Write V8 CPU profiles of the eligibility process (one per thread) into this folder. */
    'cpu-prof': { type: 'string' },
    /** Then measure entitlement calculating the snapshot (npm run bench:entitlement). */
    entitlement: { type: 'boolean', default: false },
  },
});
const N = Number(args.beneficiaries);
/** One database per register size, so that --keep-register can switch between sizes without reloading. */
const DATABASE = `benefits_bench_snapshot_${N}`;
const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
/** Entitlement's database: new for each measurement (no earlier run's ledger, so no arrears to look for). */
const ENTITLEMENT_DATABASE = 'benefits_bench_entitlement';
const ENTITLEMENT_URL = `postgres://postgres@127.0.0.1:5432/${ENTITLEMENT_DATABASE}`;
const PROGRAMMES: Programme[] = ['social_assistance', 'social_pension', 'meritorious'];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function node(script: string, scriptArgs: string[] = [], databaseUrl = DATABASE_URL): void {
  execFileSync(process.execPath, ['-r', join(ROOT, 'infra/paths.js'), join(ROOT, script), ...scriptArgs], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
}

async function query<R>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as R[];
  } finally {
    await client.end();
  }
}

/** The register of N beneficiaries, loaded unless --keep-register finds it there; no snapshot of an earlier run. */
async function prepareRegister(): Promise<void> {
  const [exists] = await query<{ n: number }>(ADMIN_URL, 'SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [DATABASE]);
  if (args['keep-register'] && exists.n > 0) {
    node('dist/services/eligibility/src/migrate.js');
    const [persons] = await query<{ n: number }>(DATABASE_URL, 'SELECT count(*)::int AS n FROM eligibility.person');
    if (persons.n === N) {
      await query(DATABASE_URL, 'TRUNCATE eligibility.snapshot, eligibility.snapshot_part, eligibility.snapshot_item, eligibility.outbox, eligibility.inbox');
      console.log(`register: kept (${N} persons already in ${DATABASE})`);
      return;
    }
  }
  await query(ADMIN_URL, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await query(ADMIN_URL, `CREATE DATABASE ${DATABASE}`);
  node('dist/services/eligibility/src/migrate.js');
  const started = performance.now();
  node('dist/services/eligibility/src/seed/load-register.js', ['--beneficiaries', String(N)]);
  // A register loaded days before its run has long been vacuumed and analysed by then; so is this one, off the clock.
  await query(DATABASE_URL, 'VACUUM ANALYZE');
  console.log(`register: ${N} beneficiaries loaded in ${seconds(performance.now() - started)} (not part of the snapshot)`);
}

/** A service as it runs in production (consumers, workers, outbox relay), on the bench's broker and database. */
class ServiceProcess {
  readonly child: ChildProcess;
  /** Warnings before this time (epoch ms) are the consumers' start-up chatter ("the coordinator is loading"). */
  quietUntil = Infinity;

  /** `onLog`: every JSON log line of the service (the snapshot thread's "snapshot build finished", say). */
  constructor(
    readonly name: 'eligibility' | 'entitlement',
    env: Record<string, string>,
    readonly port: number,
    private readonly onLog: (entry: Record<string, unknown>) => void = () => undefined,
  ) {
    // With --cpu-prof, one profile per thread (the snapshot thread's apart from the main thread's).
    const profile = args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${args['cpu-prof']}`] : [];
    if (args['cpu-prof']) mkdirSync(args['cpu-prof'], { recursive: true });
    this.child = spawn(process.execPath, [...profile, ...SERVICE_NODE_OPTIONS, '-r', join(ROOT, 'infra/paths.js'), join(ROOT, `dist/services/${name}/src/main.js`)], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let partial = '';
    this.child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) this.log(line);
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  async ready(): Promise<void> {
    await waitFor(async () => (await fetch(`http://127.0.0.1:${this.port}/health/live`)).ok, 120_000, `the ${this.name} service`);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }

  private log(line: string): void {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      if (line.trim()) console.log(`  ${this.name}: ${line.slice(0, 300)}`);
      return;
    }
    this.onLog(entry);
    const startupNoise = entry.component === 'kafkajs' && Number(entry.time) < this.quietUntil;
    if (Number(entry.level) >= 40 && !startupNoise) console.log(`  ${this.name}: ${line.slice(0, 500)}`);
  }
}

/**
 * CPU used by a service process and by the PostgreSQL backends serving its database while a stage runs: on a shared
 * 2-core machine, CPU seconds say more than wall time about where the work is.
 */
class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(
    private readonly db: Client,
    private readonly servicePid: number,
  ) {}

  /** The first sample is the baseline; a backend that appears later started during the stage (counted from 0). */
  async sample(): Promise<void> {
    const first = this.start.size === 0;
    const backends = (await this.db.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows;
    for (const pid of [this.servicePid, ...backends.map((b) => b.pid)]) {
      const used = cpuSecondsOf(pid);
      if (!this.start.has(pid)) this.start.set(pid, first ? used : 0);
      if (used > 0) this.last.set(pid, used);
    }
  }

  /** Seconds used since the first sample by the service and by the PostgreSQL backends. */
  used(): { service: number; postgres: number } {
    const of = (pid: number) => (this.last.get(pid) ?? 0) - (this.start.get(pid) ?? 0);
    const service = of(this.servicePid);
    return { service, postgres: [...this.last.keys()].reduce((sum, pid) => sum + of(pid), 0) - service };
  }
}

interface SnapshotRow {
  status: string;
  payable_count: number;
  not_payable_count: number;
  next_chunk_no: number;
  next_destinations_chunk_no: number;
}

interface Measured {
  frozenMs: number;
  publishedMs: number;
  snapshot: SnapshotRow;
  frozen: number;
  cpu: { service: number; postgres: number };
  load: [number, number];
}

/** Asks for a run as disbursement does, then waits until it is frozen and until the outbox is empty. */
async function measure(kafka: Kafka, eligibility: ServiceProcess, runId: string): Promise<Measured> {
  const request = createEvent(
    RunRequested,
    { runId, month: args.month, scope: { provinceCode: '91', programmes: PROGRAMMES }, requestedBy: 'bench.operator' },
    { correlationId: `bench-${runId}`, producer: 'disbursement' },
  );
  const producer = kafka.producer();
  await producer.connect();
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const cpu = new CpuMeter(db, eligibility.pid);
    await cpu.sample();
    const load = loadavg()[0];
    const started = performance.now();
    eligibility.quietUntil = Date.now();
    await producer.send({ topic: request.topic, messages: [{ key: request.key, value: JSON.stringify(request.envelope) }] });
    let frozenMs = 0;
    const snapshot = await waitFor(async () => {
      await cpu.sample();
      const [row] = (await db.query<SnapshotRow>('SELECT * FROM eligibility.snapshot WHERE run_id = $1', [runId])).rows;
      if (row?.status !== 'completed') return undefined;
      frozenMs ||= performance.now() - started;
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM eligibility.outbox WHERE published_at IS NULL')).rows;
      return n === 0 ? row : undefined;
    }, 1_800_000, 'the snapshot to be frozen and published');
    const publishedMs = performance.now() - started;
    await cpu.sample();
    const [frozen] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM eligibility.snapshot_item WHERE run_id = $1', [runId])).rows;
    return { frozenMs, publishedMs, snapshot, frozen: frozen.n, cpu: cpu.used(), load: [load, loadavg()[0]] };
  } finally {
    await db.end();
    await producer.disconnect();
  }
}

/** What entitlement and disbursement check on arrival, checked here over what reached Kafka: the problems found. */
async function verify(kafka: Kafka, runId: string): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `bench-verify-${randomUUID()}`, maxBytesPerPartition: 4 * 1024 * 1024 });
  const chunkNos: number[] = [];
  const destinationChunkNos: number[] = [];
  const lines: { decisionId: string; groupCode: string }[] = [];
  const counted: Record<string, number> = Object.fromEntries(PROGRAMMES.map((p) => [p, 0]));
  let destinations = 0;
  let declared: { chunkCount: number; countsByProgramme: Record<string, number>; checksum: string } | undefined;
  let declaredDestinations: { chunkCount: number; count: number } | undefined;
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.eligibilitySnapshots.name, Topics.runDestinations.name], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = parseEnvelope(message.value);
      const payload = event.payload as { runId: string; chunkNo: number; items: unknown[] };
      if (payload.runId !== runId) return;
      if (event.type === 'EligibilitySnapshotChunk') {
        chunkNos.push(payload.chunkNo);
        for (const item of payload.items as EligibleItem[]) {
          counted[item.programme]++;
          lines.push({ decisionId: item.decisionId, groupCode: item.groupCode });
        }
      } else if (event.type === 'RunDestinationsChunk') {
        destinationChunkNos.push(payload.chunkNo);
        destinations += payload.items.length;
      } else if (event.type === 'EligibilitySnapshotCompleted') declared = event.payload as typeof declared;
      else if (event.type === 'RunDestinationsCompleted') declaredDestinations = event.payload as typeof declaredDestinations;
    },
  });
  try {
    const [snapshot, destination] = await waitFor(async () => declared && declaredDestinations && ([declared, declaredDestinations] as const), 600_000, 'the completions');
    await waitFor(async () => chunkNos.length >= snapshot.chunkCount && destinationChunkNos.length >= destination.chunkCount, 120_000, 'every chunk');
    const dense = (numbers: number[], count: number) => numbers.length === count && [...numbers].sort((a, b) => a - b).every((n, i) => n === i);
    const problems: string[] = [];
    if (!dense(chunkNos, snapshot.chunkCount)) problems.push(`${chunkNos.length} snapshot chunks, declared ${snapshot.chunkCount} numbered 0..n-1`);
    if (!dense(destinationChunkNos, destination.chunkCount)) problems.push(`${destinationChunkNos.length} destination chunks, declared ${destination.chunkCount}`);
    if (PROGRAMMES.some((p) => counted[p] !== (snapshot.countsByProgramme[p] ?? 0))) problems.push(`counts ${JSON.stringify(counted)}, declared ${JSON.stringify(snapshot.countsByProgramme)}`);
    if (snapshotChecksum(lines) !== snapshot.checksum) problems.push('checksum differs');
    if (destinations !== destination.count) problems.push(`${destinations} destinations, declared ${destination.count}`);
    return problems;
  } finally {
    await consumer.disconnect();
  }
}

function print(runId: string, decisions: number, m: Measured, builds: Record<string, unknown>[], memory: { idleMb: number; rssMb: number; peakMb: number }, problems: string[]): void {
  const s = m.snapshot;
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(37)}${value}`);
  console.log(`\nsnapshot of ${N} beneficiaries (${decisions} decisions), run ${runId}`);
  line('decisions frozen', `${m.frozen} (payable ${s.payable_count}, not payable ${s.not_payable_count})`);
  line('published', `${s.payable_count} items in ${s.next_chunk_no} snapshot chunks, ${s.next_destinations_chunk_no} destination chunks`);
  line('request → frozen (snapshot complete)', `${seconds(m.frozenMs)}  (${Math.round(m.frozen / (m.frozenMs / 1000))} decisions/s)`);
  line('request → every event on Kafka', `${seconds(m.publishedMs)}  (${Math.round(m.frozen / (m.publishedMs / 1000))} decisions/s)`);
  // One report per part of the run (a thread each), from the service's own log.
  for (const build of builds) {
    const stage = (name: string) => seconds(Number(build[`${name}Ms`]));
    line(`build of part ${String(build.part)}`, `${seconds(Number(build.ms))} in ${String(build.pages)} pages; summed per stage (read and decide overlap the writes): read ${stage('read')}, decide ${stage('decide')}, write ${stage('write')}, complete ${stage('complete')}`);
  }
  line('CPU used meanwhile', `eligibility ${m.cpu.service.toFixed(1)} s, its PostgreSQL backends ${m.cpu.postgres.toFixed(1)} s`);
  line('eligibility process RSS', `${memory.idleMb} MB idle, ${memory.rssMb} MB at the end, peak ${memory.peakMb} MB`);
  line('load average (1 min)', `${m.load[0].toFixed(2)} before, ${m.load[1].toFixed(2)} after`);
  line('control totals on Kafka', problems.length ? `FAILED: ${problems.join('; ')}` : 'chunk numbers dense, counts, checksum and destinations count all match');
}

/** The entitlement stage alone: the service starts once the whole snapshot is on Kafka, on a new database. */
interface EntitlementMeasured {
  /** From the service's start to the run stored as COMPLETED and every event of it on Kafka. */
  totalMs: number;
  /** From the run's creation (its first chunk read) to its completion, by the database's clock. */
  runMs: number;
  persons: number;
  cpu: { service: number; postgres: number };
  memory: { rssMb: number; peakMb: number };
}

async function measureEntitlement(brokers: string[], runId: string): Promise<EntitlementMeasured> {
  await query(ADMIN_URL, `DROP DATABASE IF EXISTS ${ENTITLEMENT_DATABASE} WITH (FORCE)`);
  await query(ADMIN_URL, `CREATE DATABASE ${ENTITLEMENT_DATABASE}`);
  node('dist/services/entitlement/src/migrate.js', [], ENTITLEMENT_URL);
  const db = new Client({ connectionString: ENTITLEMENT_URL });
  await db.connect();
  const started = performance.now();
  const service = new ServiceProcess('entitlement', { DATABASE_URL: ENTITLEMENT_URL, KAFKA_BROKERS: brokers.join(',') }, await freePort());
  try {
    const cpu = new CpuMeter(db, service.pid);
    await cpu.sample();
    service.quietUntil = Date.now() + 10_000;
    const run = await waitFor(async () => {
      await cpu.sample();
      const [row] = (
        await db.query<{ status: string; run_ms: number }>(
          `SELECT status, (extract(epoch FROM updated_at - created_at) * 1000)::int AS run_ms FROM entitlement.runs WHERE run_id = $1`,
          [runId],
        )
      ).rows;
      if (row?.status === 'HALTED') throw new Error(`entitlement halted the run: ${JSON.stringify(row)}`);
      if (row?.status !== 'COMPLETED') return undefined;
      const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM entitlement.outbox WHERE published_at IS NULL')).rows;
      return n === 0 ? row : undefined;
    }, 1_800_000, 'entitlement to calculate the run and publish it');
    const totalMs = performance.now() - started;
    await cpu.sample();
    const [persons] = (await db.query<{ n: number }>('SELECT count(DISTINCT person_ref)::int AS n FROM entitlement.entitlement_lines WHERE run_id = $1', [runId])).rows;
    return { totalMs, runMs: run.run_ms, persons: persons.n, cpu: cpu.used(), memory: memoryOf(service.pid) };
  } finally {
    await service.stop();
    await db.end();
  }
}

/** What disbursement checks on arrival, over what reached Kafka: dense chunk numbers, count and total per programme. */
async function verifyEntitlement(kafka: Kafka, runId: string): Promise<{ items: number; chunks: number; problems: string[] }> {
  const consumer = kafka.consumer({ groupId: `bench-verify-entitlement-${randomUUID()}`, maxBytesPerPartition: 4 * 1024 * 1024 });
  const chunkNos: number[] = [];
  const received: ControlTotals = {};
  let declared: { chunkCount: number; totals: ControlTotals } | undefined;
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.runEntitlements.name], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = parseEnvelope(message.value);
      const payload = event.payload as { runId: string; chunkNo: number; items: { programme: Programme; amount: string }[] };
      if (payload.runId !== runId) return;
      if (event.type === 'EntitlementChunk') {
        chunkNos.push(payload.chunkNo);
        for (const item of payload.items) {
          const totals = received[item.programme] ?? { count: 0, total: '0' };
          received[item.programme] = { count: totals.count + 1, total: String(BigInt(totals.total) + BigInt(item.amount)) };
        }
      } else if (event.type === 'EntitlementCompleted') declared = event.payload as typeof declared;
    },
  });
  try {
    const completed = await waitFor(async () => declared, 600_000, 'EntitlementCompleted');
    await waitFor(async () => chunkNos.length >= completed.chunkCount, 120_000, 'every entitlement chunk');
    const problems: string[] = [];
    const dense = chunkNos.length === completed.chunkCount && [...chunkNos].sort((a, b) => a - b).every((n, i) => n === i);
    if (!dense) problems.push(`${chunkNos.length} chunks, declared ${completed.chunkCount} numbered 0..n-1`);
    for (const programme of new Set([...Object.keys(received), ...Object.keys(completed.totals)]) as Set<Programme>) {
      const got = received[programme];
      const want = completed.totals[programme];
      if (got?.count !== want?.count || got?.total !== want?.total) problems.push(`${programme}: received ${JSON.stringify(got)}, declared ${JSON.stringify(want)}`);
    }
    const items = Object.values(received).reduce((n, t) => n + (t?.count ?? 0), 0);
    return { items, chunks: chunkNos.length, problems };
  } finally {
    await consumer.disconnect();
  }
}

function printEntitlement(m: EntitlementMeasured, verified: { items: number; chunks: number; problems: string[] }): void {
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(37)}${value}`);
  console.log(`\nentitlement of that snapshot, alone (started once every snapshot event was on Kafka)`);
  line('persons calculated', `${m.persons}; ${verified.items} payment items in ${verified.chunks} chunks`);
  line('start → run completed and published', `${seconds(m.totalMs)}  (${Math.round(m.persons / (m.totalMs / 1000))} persons/s; includes the service's start)`);
  line('first chunk read → run completed', `${seconds(m.runMs)}  (${Math.round(m.persons / (m.runMs / 1000))} persons/s; the run's own timestamps)`);
  line('CPU used meanwhile', `entitlement ${m.cpu.service.toFixed(1)} s, its PostgreSQL backends ${m.cpu.postgres.toFixed(1)} s`);
  line('entitlement process RSS', `${m.memory.rssMb} MB at the end, peak ${m.memory.peakMb} MB`);
  line('control totals on Kafka', verified.problems.length ? `FAILED: ${verified.problems.join('; ')}` : 'chunk numbers dense, count and total per programme match');
}

async function main() {
  console.log(`bench:snapshot: ${N} beneficiaries, month ${args.month}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`);
  await prepareRegister();
  const [register] = await query<{ decisions: number }>(DATABASE_URL, 'SELECT count(*)::int AS decisions FROM eligibility.decision');
  const broker = await startThrowawayBroker();
  let eligibility: ServiceProcess | undefined;
  try {
    const kafka = new Kafka({ clientId: 'bench-snapshot', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: ALL_TOPICS.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })) });
    await admin.disconnect();
    const builds: Record<string, unknown>[] = [];
    const service = new ServiceProcess('eligibility', { DATABASE_URL, KAFKA_BROKERS: broker.brokers.join(',') }, await freePort(), (entry) => {
      if (entry.msg === 'snapshot build finished') builds.push(entry);
    });
    eligibility = service;
    await service.ready();
    // The consumers join their groups before the clock starts.
    await new Promise((r) => setTimeout(r, 3000));
    const idleMb = memoryOf(service.pid).rssMb;
    const runId = randomUUID();
    const measured = await measure(kafka, service, runId);
    const memory = { idleMb, ...memoryOf(service.pid) };
    const problems = await verify(kafka, runId);
    print(runId, register.decisions, measured, builds.filter((entry) => entry.runId === runId), memory, problems);
    if (problems.length) process.exitCode = 1;
    if (!args.entitlement) return;
    // Entitlement alone: eligibility is idle from here on (stopped, so that it takes no CPU at all).
    await service.stop();
    const calculated = await measureEntitlement(broker.brokers, runId);
    const verified = await verifyEntitlement(kafka, runId);
    printEntitlement(calculated, verified);
    if (verified.problems.length) process.exitCode = 1;
  } finally {
    await eligibility?.stop();
    await broker.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:${args.entitlement ? 'entitlement' : 'snapshot'} failed:`, error);
  process.exit(1);
});
