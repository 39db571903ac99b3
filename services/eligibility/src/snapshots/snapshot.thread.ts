import 'reflect-metadata';
import { Injectable, Logger, Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Outbox, Wakeup } from '@benefits/messaging';
import { loggerModule } from '@benefits/platform';
import { Logger as PinoLogger } from 'nestjs-pino';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { SERVICE_NAME, type EligibilityConfig } from '../config';
import { eligibilityDatabase } from '../database';
import { RegisterCipher, registerCipher, TransportCipher, transportCipher } from '../shared/pii';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import { SnapshotService, type PendingPart } from './snapshot.service';

/** What the snapshot thread tells the main thread: a page was committed (its chunks wait in the outbox). */
export const PAGE_COMMITTED = 'page';
/** What the main thread tells the snapshot thread: a run was requested (wake up), or finish the page in hand and stop. */
export const WAKE = 'wake';
export const STOP = 'stop';

/** What the snapshot thread is started with. */
export interface ThreadData {
  readonly role: 'eligibility-snapshots';
  /** Which thread of the process, from 0: it builds that part of a run first (the parts after it next). */
  readonly index: number;
  readonly config: EligibilityConfig;
}

const POLL_MS = 2000;
const RETRY_MS = 5000;

/**
 * Builds the parts of requested snapshots, page after page, outside the consumer's transaction (a million decisions
 * must not hold a Kafka batch): part `index` of each run first, then any part no other thread is building. Woken by
 * the run-requests consumer after each commit; also polls, so a part left half-built by a crash is resumed by
 * whichever thread or replica gets to it first.
 */
@Injectable()
export class SnapshotLoop {
  private readonly logger = new Logger(SnapshotLoop.name);
  private running = true;
  private readonly wakeup = new Wakeup();

  constructor(private readonly snapshots: SnapshotService) {}

  async run(index: number, committed: () => void): Promise<void> {
    while (this.running) {
      try {
        for (const part of await this.snapshots.pending(index)) await this.build(part, committed);
        await this.idle(POLL_MS);
      } catch (error) {
        this.logger.error({ message: (error as Error).message, code: (error as { code?: string }).code }, 'snapshot page failed; retrying');
        await this.idle(RETRY_MS);
      }
    }
  }

  notify(): void {
    this.wakeup.notify();
  }

  stop(): void {
    this.running = false;
    this.wakeup.notify();
  }

  private async build(part: PendingPart, committed: () => void): Promise<void> {
    const started = Date.now();
    const report = await this.snapshots.build(part, () => this.running, committed);
    // Busy: another thread builds the part; nothing read nor written: it was done when its turn came.
    if (report.outcome === 'busy' || (report.pages === 0 && report.completeMs === 0)) return;
    const ms = Math.round;
    this.logger.log(
      { ...part, ...report, readMs: ms(report.readMs), decideMs: ms(report.decideMs), writeMs: ms(report.writeMs), completeMs: ms(report.completeMs), ms: Date.now() - started },
      'snapshot build finished',
    );
  }

  private idle(ms: number): Promise<void> {
    return this.wakeup.pause(ms, this.running);
  }
}

/**
 * What the snapshot thread runs: the snapshot builder and what it reads and writes, on connections of its own (the
 * register reader's, a page's transaction, and one for the polls). No HTTP, no Kafka: the main thread's consumer
 * records the requests and its relay publishes the outbox.
 */
@Module({})
export class SnapshotThreadModule {
  static forRoot(config: EligibilityConfig): DynamicModule {
    const database = eligibilityDatabase(config);
    return {
      module: SnapshotThreadModule,
      imports: [loggerModule(SERVICE_NAME, config.LOG_LEVEL), TypeOrmModule.forRoot({ ...database, extra: { ...database.extra, max: 3 } })],
      providers: [
        { provide: ELIGIBILITY_CONFIG, useValue: config },
        { provide: RegisterCipher, useValue: registerCipher(config) },
        { provide: TransportCipher, useValue: transportCipher(config) },
        { provide: Outbox, useValue: new Outbox('eligibility') },
        SnapshotService,
        SnapshotLoop,
      ],
    };
  }
}

async function main({ index, config }: ThreadData): Promise<void> {
  const app = await NestFactory.createApplicationContext(SnapshotThreadModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  const loop = app.get(SnapshotLoop);
  const onMessage = (message: unknown) => {
    if (message === WAKE) loop.notify();
    if (message === STOP) loop.stop();
  };
  parentPort?.on('message', onMessage);
  await loop.run(index, () => parentPort?.postMessage(PAGE_COMMITTED));
  await app.close();
  // A port with a listener keeps the thread alive.
  parentPort?.off('message', onMessage);
}

// Only in a thread started as one (this file is imported by the main thread too, for the messages above).
if (!isMainThread && (workerData as ThreadData | undefined)?.role === 'eligibility-snapshots') {
  main(workerData as ThreadData).catch((error: unknown) => {
    // The main thread sees the exit and starts another thread.
    console.error(error);
    process.exit(1);
  });
}
