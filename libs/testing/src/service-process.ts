import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SERVICE_NODE_OPTIONS } from '@benefits/platform';
import { freePort, REPO_ROOT, waitFor } from './wait';

export interface RunningService {
  url: string;
  /** Every line the process wrote (JSON log lines), for assertions on logs. */
  output: string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts a built service (`npm run build` first; `npm test` does it) as a real process on a free port and waits
 * until it answers /health/live.
 */
export function startService(name: string, env: Record<string, string> = {}): Promise<RunningService> {
  // A BullMQ prefix of its own (disbursement reads it): a test's workers never take another process's jobs, such as
  // those of `npm start` or of a service another test started. A test restarting a service passes the same prefix.
  const queues = { QUEUE_PREFIX: `test-${randomUUID().slice(0, 8)}` };
  // And no recovery sweep (disbursement), at boot or on its timer: it looks at every run of the database the tests
  // share, finds other tests' batches without a job in its own queues, and would send or poll them at this test's
  // partners. worker-crash's held file was sent that way by another test's disbursement while its own was dead.
  // A test of the sweep turns it on.
  const noSweep = { RECOVER_ON_BOOT: 'false', RECOVERY_INTERVAL_MS: String(24 * 3600 * 1000) };
  return startProcess(name, `dist/services/${name}/src/main.js`, { ...queues, ...noSweep, ...env }, '/health/live', 'PORT', SERVICE_NODE_OPTIONS);
}

/** Starts a built partner sandbox (bank or post-office) on a free port. */
export function startSandbox(name: 'bank' | 'post-office', env: Record<string, string> = {}): Promise<RunningService> {
  const portSetting = name === 'bank' ? 'BANK_PORT' : 'POST_OFFICE_PORT';
  return startProcess(`${name}-sandbox`, `dist/infra/sandboxes/${name}/main.js`, env, '/health', portSetting);
}

async function startProcess(
  name: string,
  entry: string,
  env: Record<string, string>,
  livePath: string,
  portSetting = 'PORT',
  nodeOptions: readonly string[] = [],
): Promise<RunningService> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...nodeOptions, '-r', join(REPO_ROOT, 'infra/paths.js'), join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', [portSetting]: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => output.push(...chunk.toString().split('\n').filter(Boolean));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}: ${output.slice(-5).join('\n')}`);
      return (await fetch(`${url}${livePath}`)).ok;
    }, 60000, `${name} to start`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}
