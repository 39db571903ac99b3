/**
 * `npm run bench:builder -- --beneficiaries N [--runs R] [--profile cpu|alloc] [--profile-dir DIR]`: the snapshot
 * builder alone, in this process, on one thread: eligibility's SnapshotService reading, deciding and writing every
 * page of a run of the register that `npm run bench:snapshot -- --beneficiaries N` loaded (benefits_bench_snapshot_N).
 * No Kafka, no outbox relay, no HTTP: what is left is the work of the snapshot thread and its PostgreSQL, so two
 * builds of the same code differ far less than two whole benches on a shared machine. For A/B comparisons of that
 * thread's code and for its profiles: `--profile cpu` writes a V8 CPU profile, `--profile alloc` a sampling profile
 * of every allocation (collected or not), to open in Chrome DevTools.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createEvent, RunRequested } from '@benefits/contracts';
import { loadEligibilityConfig } from '../services/eligibility/src/config';
import { SnapshotService } from '../services/eligibility/src/snapshots/snapshot.service';
import { SnapshotThreadModule } from '../services/eligibility/src/snapshots/snapshot.thread';

const { values: args } = parseArgs({
  options: {
    beneficiaries: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '1' },
    month: { type: 'string', default: '2026-11' },
    profile: { type: 'string' },
    'profile-dir': { type: 'string', default: '.' },
  },
});
const N = Number(args.beneficiaries);
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/benefits_bench_snapshot_${N}`;

async function main(): Promise<void> {
  if (args.profile && args.profile !== 'cpu' && args.profile !== 'alloc') throw new Error('--profile is cpu or alloc');
  const config = loadEligibilityConfig({ ...process.env, DATABASE_URL, LOG_LEVEL: 'warn', WORKERS_ENABLED: 'false', SNAPSHOT_THREADS: '1' });
  const app = await NestFactory.createApplicationContext(SnapshotThreadModule.forRoot(config), { logger: ['error'] });
  const dataSource = app.get(DataSource);
  const [{ persons }] = await dataSource.query(`SELECT count(*)::int AS persons FROM eligibility.person`);
  if (persons !== N) throw new Error(`benefits_bench_snapshot_${N} holds ${persons} persons: load it with npm run bench:snapshot -- --beneficiaries ${N}`);
  const snapshots = app.get(SnapshotService);
  console.log(`bench:builder: ${N} beneficiaries, month ${args.month}, the snapshot builder alone (one thread, no Kafka)`);
  try {
    for (let run = 1; run <= Number(args.runs); run++) {
      await dataSource.query('TRUNCATE eligibility.snapshot, eligibility.snapshot_part, eligibility.snapshot_item, eligibility.outbox, eligibility.inbox');
      const runId = randomUUID();
      const { envelope } = createEvent(
        RunRequested,
        { runId, month: args.month, scope: { provinceCode: config.PROVINCE_CODE, programmes: ['social_assistance', 'social_pension', 'meritorious'] }, requestedBy: 'bench' },
        { correlationId: `bench-${runId}`, producer: 'bench' },
      );
      await dataSource.transaction((tx) => snapshots.request(tx, envelope.payload, envelope));
      const session = new Session();
      session.connect();
      if (args.profile === 'cpu') await session.post('Profiler.enable').then(() => session.post('Profiler.start'));
      if (args.profile === 'alloc') {
        await session.post('HeapProfiler.enable');
        await session.post('HeapProfiler.startSampling', { samplingInterval: 32768, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      }
      const started = performance.now();
      const cpu = process.cpuUsage();
      const report = await snapshots.build({ runId, part: 0 });
      const ms = performance.now() - started;
      const { user, system } = process.cpuUsage(cpu);
      const s = (value: number) => `${(value / 1000).toFixed(1)} s`;
      console.log(
        `  run ${run}: ${report.decisions} decisions in ${s(ms)} (${Math.round(report.decisions / (ms / 1000))}/s), CPU ${s((user + system) / 1000)}; ` +
          `read ${s(report.readMs)}, decide ${s(report.decideMs)}, write ${s(report.writeMs)}, complete ${s(report.completeMs)}`,
      );
      if (args.profile) {
        const file = join(args['profile-dir'], `builder-${N}-${run}.${args.profile === 'cpu' ? 'cpuprofile' : 'heapprofile'}`);
        const { profile } = args.profile === 'cpu' ? await session.post('Profiler.stop') : await session.post('HeapProfiler.stopSampling');
        writeFileSync(file, JSON.stringify(profile));
        console.log(`  profile: ${file}`);
      }
      session.disconnect();
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
