import { randomInt, randomUUID } from 'node:crypto';
import {
  createEvent,
  EntitlementChunk,
  EntitlementCompleted,
  RunDestinationsChunk,
  RunDestinationsCompleted,
  type Channel,
  type ControlTotals,
  type NotPaid,
  type Programme,
} from '@benefits/contracts';
import { transportCipher } from '../../src/common/pii';
import { call, eventually, type Harness, type User } from './harness';

export interface Beneficiary {
  readonly personRef: string;
  readonly programme: Programme;
  /** The month's own amount (one component). */
  readonly amount: string;
  readonly arrears: { month: string; amount: string; reason: string }[];
  readonly channel: Channel;
  readonly bankBin?: string;
  readonly account?: string;
  readonly name: string;
  readonly communeCode: string;
  readonly cashPointCode?: string;
  /** Cash: the hamlet or street address eligibility sends for the cash list. */
  readonly address?: string;
  /** The kind of the one component (default 'monthly'; 'funeral_support' for a deceased person's funeral support). */
  readonly componentKind?: string;
  /** A deceased person's payee: the month of death, sent with the destination. */
  readonly lastMonthOwed?: string;
}

/** A bank account number the sandbox settles (its last four digits decide: see infra/sandboxes/README.md). */
export function account(lastFour = '2468'): string {
  return `${randomInt(100000, 999999)}${lastFour}`;
}

export function beneficiary(communeCode: string, overrides: Partial<Beneficiary> = {}): Beneficiary {
  const channel = overrides.channel ?? 'bank';
  return {
    personRef: randomUUID(),
    programme: 'social_assistance',
    amount: '750000',
    arrears: [],
    channel,
    bankBin: channel === 'bank' ? '970436' : channel === 'post_office_account' ? '970449' : undefined,
    account: channel === 'post_office_cash' ? undefined : account(),
    name: 'Nguyễn Thị Lan',
    communeCode,
    cashPointCode: channel === 'post_office_cash' ? `DCT-${communeCode}-01` : undefined,
    ...overrides,
  };
}

/** A commune code no other test uses: runs of the same month and scope would refuse each other. */
export function testCommune(): string {
  return String(randomInt(90000, 99999));
}

export type Published = { topic: string; key: string; value: string };

export interface FeedOptions {
  chunkSize?: number;
  /** Declared totals instead of the true ones (a mismatch). */
  totals?: ControlTotals;
  /** Chunks left out (lost in transit). */
  drop?: number[];
  /** Persons sent without a destination. */
  withoutDestination?: string[];
  /** What entitlement declares it could not pay (EntitlementCompleted.notPaid). */
  notPaid?: NotPaid;
}

/** What entitlement and eligibility would publish for a run: entitlement chunks and totals, destinations and totals. */
export function runInputs(h: Harness, runId: string, month: string, people: readonly Beneficiary[], options: FeedOptions = {}): Published[] {
  const size = options.chunkSize ?? 3;
  const cipher = transportCipher(h.config);
  const context = { correlationId: `test-${runId}`, producer: 'test' };
  const out: Published[] = [];
  const add = (event: { topic: string; key: string; envelope: unknown }) => out.push({ topic: event.topic, key: event.key, value: JSON.stringify(event.envelope) });
  const chunks = split(people, size);
  chunks.forEach((chunk, chunkNo) => {
    if (options.drop?.includes(chunkNo)) return;
    const items = chunk.map((b) => ({
      personRef: b.personRef,
      programme: b.programme,
      components: [{ programme: b.programme, groupCode: 'SA_TEST', kind: b.componentKind ?? 'monthly', amount: b.amount, text: `test ${b.amount}` }],
      arrears: b.arrears,
      amount: (BigInt(b.amount) + b.arrears.reduce((s, a) => s + BigInt(a.amount), 0n)).toString(),
    }));
    add(createEvent(EntitlementChunk, { runId, month, chunkNo, items }, context));
  });
  add(createEvent(EntitlementCompleted, { runId, month, chunkCount: chunks.length, totals: options.totals ?? totalsOf(people), ...(options.notPaid && { notPaid: options.notPaid }) }, context));
  const destined = people.filter((b) => !options.withoutDestination?.includes(b.personRef));
  const destinationChunks = split(destined, size);
  destinationChunks.forEach((chunk, chunkNo) => {
    const items = chunk.map((b) => ({
      personRef: b.personRef,
      channel: b.channel,
      ...(b.bankBin ? { bankBin: b.bankBin } : {}),
      ...(b.account ? { accountCipher: cipher.encrypt(b.account) } : {}),
      accountHolderName: b.name,
      communeCode: b.communeCode,
      ...(b.cashPointCode ? { cashPointCode: b.cashPointCode } : {}),
      ...(b.address ? { address: b.address } : {}),
      ...(b.lastMonthOwed ? { lastMonthOwed: b.lastMonthOwed } : {}),
      maskedNationalId: '079*******12',
    }));
    add(createEvent(RunDestinationsChunk, { runId, chunkNo, items }, context));
  });
  add(createEvent(RunDestinationsCompleted, { runId, chunkCount: destinationChunks.length, count: destined.length }, context));
  return out;
}

export async function publish(h: Harness, messages: readonly Published[]): Promise<void> {
  for (const m of messages) await h.producer.send({ topic: m.topic, messages: [{ key: m.key, value: m.value }] });
}

/** Waits until the service has handled these messages (their event ids are in its inbox). */
export async function consumed(h: Harness, messages: readonly Published[]): Promise<void> {
  const ids = messages.map((m) => (JSON.parse(m.value) as { eventId: string }).eventId);
  await eventually(async () => {
    const [{ n }] = await h.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM disbursement.inbox WHERE event_id = ANY($1::uuid[])', [ids]);
    return n === ids.length;
  }, 15_000, 'the messages to be consumed');
}

export function totalsOf(people: readonly Beneficiary[]): ControlTotals {
  const totals: ControlTotals = {};
  for (const b of people) {
    const amount = BigInt(b.amount) + b.arrears.reduce((s, a) => s + BigInt(a.amount), 0n);
    const t = totals[b.programme] ?? { count: 0, total: '0' };
    totals[b.programme] = { count: t.count + 1, total: (BigInt(t.total) + amount).toString() };
  }
  return totals;
}

export interface RunBody {
  id: string;
  status: string;
  haltReason: string | null;
  requestedBy: string;
  history?: { from: string | null; to: string; by: string; at: string; reason: string | null }[];
}

export async function requestRun(h: Harness, operator: User, month: string, communeCode: string, programmes: Programme[] = ['social_assistance', 'social_pension']): Promise<RunBody> {
  const answer = await call<RunBody>(h, operator, 'POST', '/runs', { month, scope: { provinceCode: '91', programmes, communeCodes: [communeCode] } });
  if (answer.status !== 201) throw new Error(`POST /runs answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function waitForStatus(h: Harness, who: User, runId: string, statuses: string[], ms = 20_000): Promise<RunBody> {
  return eventually(async () => {
    const run = await call<RunBody>(h, who, 'GET', `/runs/${runId}`);
    return statuses.includes(run.body.status) ? run.body : undefined;
  }, ms, `run ${runId} to be ${statuses.join(' or ')}`);
}

/**
 * Releases an approved run as its approver does (202, RELEASING) and waits for the release job: batches planned, the
 * run RELEASED and its flow created (dispatched_at), so a test may act on the queued jobs.
 */
export async function release(h: Harness, approver: User, runId: string): Promise<void> {
  const response = await call<{ status: string }>(h, approver, 'POST', `/runs/${runId}/release`);
  if (response.status !== 202) throw new Error(`release of ${runId} answered ${response.status}: ${JSON.stringify(response.body)}`);
  await eventually(async () => {
    const [run] = await h.db.query<{ dispatched: boolean }[]>('SELECT dispatched_at IS NOT NULL AS dispatched FROM disbursement.runs WHERE id = $1', [runId]);
    return run?.dispatched || undefined;
  }, 30_000, `run ${runId} to be released and its flow created`);
}

/** Creates a run, feeds it, and waits for its preview. */
export async function preparedRun(h: Harness, operator: User, month: string, communeCode: string, people: readonly Beneficiary[], programmes?: Programme[]): Promise<RunBody> {
  const run = await requestRun(h, operator, month, communeCode, programmes);
  await publish(h, runInputs(h, run.id, month, people));
  return waitForStatus(h, operator, run.id, ['PREVIEW_READY', 'HALTED']);
}

function split<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks.length ? chunks : [[]];
}
