import { randomUUID } from 'node:crypto';
import {
  EligibilitySnapshotChunk,
  EligibilitySnapshotCompleted,
  EntitlementChunk,
  EntitlementCompleted,
  Topics,
  createEvent,
  parseEnvelope,
  snapshotChecksum,
  type EligibleItem,
  type EntitlementItem,
  type Envelope,
  type EventDefinition,
} from '@benefits/contracts';
import { mintToken, startService, waitFor, type RunningService } from '@benefits/testing';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { Pool } from 'pg';

export const BROKERS = ['127.0.0.1:9092'];
type Role = 'operator' | 'approver' | 'finance' | 'auditor' | 'admin';
type User = { sub: string; roles: Role[]; programmes?: string[]; communes?: string[] };
type OutboxEvent = ReturnType<typeof createEvent>;

export const item = (overrides: Partial<EligibleItem> & Pick<EligibleItem, 'programme' | 'groupCode'>): EligibleItem => ({
  personRef: randomUUID(),
  decisionId: randomUUID(),
  communeCode: '30280',
  ageYears: 40,
  attributes: {},
  ...overrides,
});

/** A run's snapshot as eligibility publishes it: chunks of `chunkSize` items, then the declaration. */
/**
 * A run's snapshot as eligibility publishes it; `communeCodes` when the run was requested for some communes only,
 * `closedRunIds` the runs of the month its request named as closed unpaid before it.
 */
export function snapshot(runId: string, month: string, items: readonly EligibleItem[], chunkSize = 1000, communeCodes?: string[], closedRunIds?: string[]): OutboxEvent[] {
  const context = { correlationId: `test-${runId}`, producer: 'eligibility' };
  const chunks: OutboxEvent[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    chunks.push(createEvent(EligibilitySnapshotChunk, { runId, month, chunkNo: chunks.length, items: items.slice(start, start + chunkSize) }, context));
  }
  const countsByProgramme: Record<string, number> = {};
  for (const i of items) countsByProgramme[i.programme] = (countsByProgramme[i.programme] ?? 0) + 1;
  const completed = createEvent(
    EligibilitySnapshotCompleted,
    { runId, month, chunkCount: chunks.length, countsByProgramme, checksum: snapshotChecksum(items), ...(communeCodes && { communeCodes }), ...(closedRunIds && { closedRunIds }) },
    context,
  );
  return [...chunks, completed];
}

/**
 * One test file's view of the system: the entitlement service started as a real process on the real PostgreSQL
 * and Kafka, a producer for the topics it consumes, and a reader of everything it publishes from now on.
 */
export class EntitlementWorld {
  private readonly outputs = new Map<string, Envelope[]>();
  private readonly years = new Set<number>();

  private constructor(
    readonly service: RunningService,
    readonly pool: Pool,
    private readonly admin: Admin,
    private readonly producer: Producer,
    private readonly reader: Consumer,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<EntitlementWorld> {
    const kafka = new Kafka({ clientId: `entitlement-test-${randomUUID().slice(0, 8)}`, brokers: BROKERS, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    const reader = kafka.consumer({ groupId: `entitlement-test-reader-${randomUUID()}`, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    const service = await startService('entitlement', { LOG_LEVEL: 'warn', CALCULATION_POLL_MS: '100', ...env });
    const world = new EntitlementWorld(service, new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/benefits', max: 4 }), admin, producer, reader);
    await world.readFromNow();
    return world;
  }

  /** Everything published on the run-entitlements topic after this point, grouped by key (the run id). */
  private async readFromNow(): Promise<void> {
    const topic = Topics.runEntitlements.name;
    const ends = await this.admin.fetchTopicOffsets(topic);
    await this.reader.connect();
    await this.reader.subscribe({ topics: [topic], fromBeginning: false });
    await this.reader.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        this.outputs.set(key, [...(this.outputs.get(key) ?? []), parseEnvelope(message.value)]);
      },
    });
    for (const { partition, offset } of ends) this.reader.seek({ topic, partition, offset });
  }

  async publish(events: readonly OutboxEvent[]): Promise<void> {
    for (const event of events) {
      await this.producer.send({ topic: event.topic, acks: -1, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
    }
  }

  /** Publishes an event and waits until the service has handled it (its id is in the inbox). */
  async handled(event: OutboxEvent, what = event.envelope.type): Promise<void> {
    await this.publish([event]);
    await waitFor(async () => (await this.query('SELECT 1 FROM entitlement.inbox WHERE event_id = $1', [event.envelope.eventId])).length > 0, 30_000, `${what} handled`);
  }

  /**
   * A run of `month` whose snapshot holds these items, calculated to its end: its id and the items it published.
   * `closedRunIds`: the runs of the month its request named as closed unpaid before it.
   */
  async run(month: string, items: Parameters<typeof item>[0][], communeCodes?: string[], closedRunIds?: string[]): Promise<{ runId: string; items: EntitlementItem[] }> {
    const runId = randomUUID();
    await this.publish(snapshot(runId, month, items.map(item), 1000, communeCodes, closedRunIds));
    const output = await this.outputOf(runId, (events) => events.some((e) => e.type === EntitlementCompleted.type));
    return { runId, items: ofType(output, EntitlementChunk).flatMap((c) => c.items) };
  }

  /** Waits until the run's output satisfies `done`, and returns it. */
  async outputOf(runId: string, done: (events: Envelope[]) => boolean, timeoutMs = 60_000): Promise<Envelope[]> {
    return waitFor(async () => {
      const events = this.outputs.get(runId) ?? [];
      return done(events) ? events : undefined;
    }, timeoutMs, `the output of run ${runId}`);
  }

  outputSoFar(runId: string): Envelope[] {
    return this.outputs.get(runId) ?? [];
  }

  async http<T = unknown>(method: 'GET' | 'POST', path: string, as: User, body?: unknown) {
    const token = await mintToken({ sub: as.sub, roles: as.roles, ...(as.programmes && { programmes: as.programmes }), ...(as.communes && { communeCodes: as.communes }) });
    const response = await fetch(`${this.service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async query<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.pool.query(sql, params)).rows as R[];
  }

  /**
   * A standard level entered late, as an operator and a second person do it: proposed by `people.operator`, approved
   * by `people.approver`, in force from `from` to `to` (months).
   */
  async enterStandardLevel(scope: 'social_assistance' | 'social_pension', from: string, to: string, amount: string, people: { operator: User; approver: User }): Promise<void> {
    const proposed = await this.http<{ id: string }>('POST', '/rate-tables', people.operator, {
      table: 'standard_level',
      scope,
      effectiveFrom: from,
      effectiveTo: to,
      instrument: `Decree ${from.slice(0, 4)}/ND-CP (test)`,
      confidence: 'test data',
      rows: [{ key: scope, amount }],
    });
    if (proposed.status !== 201) throw new Error(`proposing the level: HTTP ${proposed.status} ${JSON.stringify(proposed.body)}`);
    const approved = await this.http('POST', `/rate-tables/${encodeURIComponent(proposed.body.id)}/approve`, people.approver);
    if (approved.status !== 200) throw new Error(`approving the level: HTTP ${approved.status} ${JSON.stringify(approved.body)}`);
  }

  /**
   * A far-future year that no rate table starts in yet, no earlier test used, nor given to another test of this file: its months are priced
   * at the open-ended levels until the test enters a table of its own (a random year alone was sometimes one an
   * earlier run on the same database had raised).
   */
  async freshYear(): Promise<number> {
    return this.unusedYear(3000, 6000);
  }

  /**
   * For a test whose funeral support must be paid by its own runs only. A run claims every pending one-off of its
   * month or earlier, of its communes or of none, whatever test recorded it (test files run side by side on one
   * database): the year is past every year freshYear hands out, so no other test's run reaches its months, and the
   * commune is the test's own, for its deaths and its runs.
   */
  async funeralScope(): Promise<{ year: number; communeCode: string }> {
    return { year: await this.unusedYear(9000, 999), communeCode: `9${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}` };
  }

  private async unusedYear(from: number, span: number): Promise<number> {
    for (;;) {
      const year = from + Math.floor(Math.random() * span);
      // Nor one whose months hold anything yet: earlier runs of the tests on this database leave their runs,
      // outcomes and recoveries behind (a test that reads a year's totals would read theirs).
      const taken = await this.query(
        `SELECT 1 FROM entitlement.rate_table_versions WHERE effective_from LIKE $1
         UNION ALL SELECT 1 FROM entitlement.runs WHERE month LIKE $1
         UNION ALL SELECT 1 FROM entitlement.payments_received WHERE month LIKE $1
         UNION ALL SELECT 1 FROM entitlement.recoveries WHERE month LIKE $1 LIMIT 1`,
        [`${year}-%`],
      );
      if (taken.length === 0 && !this.years.has(year)) {
        this.years.add(year);
        return year;
      }
    }
  }

  async stop(): Promise<void> {
    await this.reader.disconnect().catch(() => undefined);
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
    await this.service?.stop();
    await this.pool.end();
  }
}

export const ofType = <P>(events: readonly Envelope[], definition: EventDefinition<P>): P[] =>
  events.filter((e) => e.type === definition.type).map((e) => e.payload as P);
