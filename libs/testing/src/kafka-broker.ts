import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort, REPO_ROOT, waitFor } from './wait';

const KAFKA_LIB = join(REPO_ROOT, 'infra/.cache/kafka/lib');
const LOG_CONFIG = join(REPO_ROOT, 'infra/kafka/log4j2.properties');

export interface ThrowawayBroker {
  brokers: string[];
  stop(): Promise<void>;
}

/**
 * A second, real Kafka broker (the same pinned jars as the shared one, fetched by `infra/kafka.sh fetch`) on free
 * ports with its own data folder, for tests that must stop Kafka without disturbing every other test.
 */
export async function startThrowawayBroker(): Promise<ThrowawayBroker> {
  const [port, controllerPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'kafka-test-'));
  const config = join(dir, 'server.properties');
  writeFileSync(
    config,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'controller.listener.names=CONTROLLER',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${join(dir, 'data')}`,
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'auto.create.topics.enable=false',
      // As the shared broker (infra/kafka/server.properties): MAX_MESSAGE_BYTES.
      'message.max.bytes=16777216',
    ].join('\n'),
  );
  const java = (args: string[]) => ['-Xmx256m', `-Dlog4j2.configurationFile=${LOG_CONFIG}`, '-cp', `${KAFKA_LIB}/*`, ...args];
  const format = spawnSync('java', java(['kafka.tools.StorageTool', 'format', '-t', 'q1Sh-9_ISia_zwGINzRvyQ', '-c', config]), { encoding: 'utf8' });
  if (format.status !== 0) throw new Error(`Could not format a test broker: ${format.stderr || format.stdout}`);
  const child: ChildProcess = spawn('java', java(['kafka.Kafka', config]), { stdio: 'ignore' });
  const brokers = [`127.0.0.1:${port}`];
  const admin = new Kafka({ clientId: 'test-broker-probe', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
  await waitFor(async () => {
    await admin.connect();
    await admin.describeCluster();
    return true;
  }, 90000, 'the test Kafka broker');
  await admin.disconnect();
  return {
    brokers,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
