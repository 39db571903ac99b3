import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { Topics } from '@benefits/contracts';
import { Outbox, type OutboxEvent, type Sql } from '@benefits/messaging';
import { configureHttp, migrate } from '@benefits/platform';
import { mintToken } from '@benefits/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries -- issue 6: the tests start the partner sandboxes in-process
import { createBankSandbox, type BankSandbox } from '../../../../infra/sandboxes/bank/bank-sandbox';
// eslint-disable-next-line @nx/enforce-module-boundaries -- issue 6: the tests start the partner sandboxes in-process
import { createPostOfficeSandbox, type PostOfficeSandbox } from '../../../../infra/sandboxes/post-office/post-office-sandbox';
import { AppModule } from '../../src/app.module';
import { OUTBOX } from '../../src/common/tokens';
import { loadDisbursementConfig, type DisbursementConfig } from '../../src/config';
import { disbursementDatabase } from '../../src/database';
import { SCHEMA } from '../../src/shared.module';

/**
 * The real outbox, except that the events of the run requests' topic (RunRequested, RunClosedUnpaid) are kept here
 * and in the outbox table, never published: an eligibility or entitlement service running on this machine (npm start, another test)
 * would otherwise answer the test's runs from its own register, or record their closures.
 */
export class TestOutbox extends Outbox {
  readonly runRequests: OutboxEvent[] = [];

  override async add(sql: Sql, events: readonly OutboxEvent[]): Promise<void> {
    const kept = events.filter((e) => e.topic === Topics.runRequests.name);
    this.runRequests.push(...kept);
    await super.add(sql, events);
    // Stored as published already, in the same transaction: the relay never sends them (eligibility would snapshot a
    // run that exists only in this harness's database), and a test can still read them in the outbox.
    if (kept.length > 0) await sql.query(`UPDATE ${SCHEMA}.outbox SET published_at = now() WHERE event_id = ANY($1::uuid[])`, [kept.map((e) => e.envelope.eventId)]);
  }
}

export interface Harness {
  readonly app: NestExpressApplication;
  readonly url: string;
  readonly config: DisbursementConfig;
  readonly db: DataSource;
  readonly bank: BankSandbox;
  readonly bankUrl: string;
  readonly postOffice: PostOfficeSandbox;
  readonly producer: Producer;
  readonly outbox: TestOutbox;
  close(): Promise<void>;
}

/**
 * The disbursement service in-process against the real PostgreSQL, Redis and Kafka, with the partner sandboxes
 * on free ports (outcomes after ~100 ms). Its database, Kafka group and BullMQ prefix are its own, so test files
 * running in parallel never take each other's jobs or runs; the group starts at the topics' end, so old messages
 * are not read.
 *
 * The database matters most: the group reads every run's entitlements on the shared broker, those of the e2e tests'
 * runs too. On the shared database it applied them as if it were their disbursement, and the events that followed
 * (RunClosedUnpaid of a halted run) went to this harness's outbox, which keeps them from Kafka: the e2e test then
 * waited for entitlement to hear of its run's halt, and never did. On a database of its own, another test's runs
 * are unknown here and their inputs are ignored.
 */
export async function startHarness(overrides: Record<string, string> = {}): Promise<Harness> {
  const bank = createBankSandbox({ outcomeDelayMs: 100, returnDelayMs: 300, logLevel: 'silent' });
  const postOffice = createPostOfficeSandbox({ outcomeDelayMs: 100, notCollectedPercent: 0, atHomePercent: 0, proxyPercent: 0, logLevel: 'silent' });
  const bankUrl = (await bank.listen()).url;
  const postOfficeUrl = (await postOffice.listen()).url;
  const id = randomUUID().slice(0, 8);
  const database = `disbursement_harness_${id}`;
  const databaseUrl = `postgres://postgres@127.0.0.1:5432/${database}`;
  await migrate(disbursementDatabase({ DATABASE_URL: databaseUrl }));
  const config = loadDisbursementConfig({
    NODE_ENV: 'test',
    PORT: '3003',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    REDIS_URL: process.env.REDIS_URL,
    BANK_URL: bankUrl,
    POST_OFFICE_URL: postOfficeUrl,
    RUN_INPUTS_GROUP: `disbursement.run-inputs.test-${id}`,
    RUN_INPUTS_FROM_BEGINNING: 'false',
    QUEUE_PREFIX: `test-${id}`,
    PREPARE_POLL_MS: '150',
    OUTCOME_POLL_INTERVAL_MS: '200',
    RETURN_WATCH_MS: '1500',
    RETURN_POLL_INTERVAL_MS: '300',
    BATCH_BACKOFF_MS: '200',
    BATCH_ATTEMPTS: '3',
    BANK_RATE_MAX: '100',
    POST_OFFICE_RATE_MAX: '100',
    RECOVER_ON_BOOT: 'false',
    ...overrides,
  });
  const kafka = new Kafka({ clientId: `disbursement-test-${id}`, brokers: config.KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();

  const outbox = new TestOutbox(SCHEMA);
  const module = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
    .overrideProvider(OUTBOX)
    .useValue(outbox)
    .compile();
  const app = module.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureHttp(app, { title: 'disbursement (test)', description: 'test', bodyLimit: '1mb' });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  await waitForGroup(kafka, config.RUN_INPUTS_GROUP);
  return {
    app,
    url,
    config,
    db: app.get(DataSource),
    bank,
    bankUrl,
    postOffice,
    producer,
    outbox,
    async close() {
      await app.close();
      const admin = kafka.admin();
      await admin.connect();
      await admin.deleteGroups([config.RUN_INPUTS_GROUP]).catch(() => undefined);
      await admin.disconnect();
      await producer.disconnect();
      await bank.close();
      await postOffice.close();
      const postgres = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
      await postgres.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await postgres.end();
    },
  };
}

/**
 * The service's new consumer group starts at the topics' end (RUN_INPUTS_FROM_BEGINNING=false): wait until it has
 * joined and holds its partitions, so that everything published from now on is read.
 */
async function waitForGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await eventually(async () => {
      const { groups } = await admin.describeGroups([groupId]);
      return groups[0]?.state === 'Stable' && groups[0].members.length > 0;
    }, 30_000, `consumer group ${groupId} to join`);
  } finally {
    await admin.disconnect();
  }
}

type Role = 'operator' | 'approver' | 'finance' | 'auditor' | 'admin';

export interface User {
  readonly id: string;
  /** Known: `call` mints a fresh token for each call (a four-eyes decision spends its token). Unknown: `call` sends `token`. */
  readonly roles?: Role[];
  /** Those the user operates; every one when absent. */
  readonly programmes?: string[];
  /** The communes the user's token is limited to; none when absent. */
  readonly communes?: string[];
  readonly token: string;
}

/** `programmes`: those the user operates (every one unless given); `communes`: those the token is limited to. */
export async function user(roles: Role[], prefix = 'user', programmes?: string[], communes?: string[]): Promise<User> {
  const id = `${prefix}-${randomUUID().slice(0, 8)}`;
  return { id, roles, programmes, communes, token: await mintToken(claimsOf({ id, roles, programmes, communes })) };
}

function claimsOf(who: Pick<User, 'id' | 'programmes' | 'communes'> & { roles: Role[] }) {
  return { sub: who.id, name: who.id, roles: who.roles, ...(who.programmes && { programmes: who.programmes }), ...(who.communes && { communeCodes: who.communes }) };
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(h: Harness, who: User, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const response = await fetch(`${h.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${who.roles ? await mintToken(claimsOf({ ...who, roles: who.roles })) : who.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/** Polls until `probe` returns something, or fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, ms = 20_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
