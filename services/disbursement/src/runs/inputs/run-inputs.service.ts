import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type pino from 'pino';
import {
  EntitlementChunk,
  EntitlementCompleted,
  EntitlementRunHalted,
  readPayload,
  RunDestinationsChunk,
  RunDestinationsCompleted,
  type Envelope,
  type Programme,
} from '@benefits/contracts';
import { payloadHash, type ConsumedEvent } from '@benefits/messaging';
import { AtRestCipher, TransportCipher } from '../../common/pii';
import { select } from '../../common/sql';
import { destinationsProblems } from '../domain/readiness';
import { LOGGER } from '../../common/tokens';
import { paymentId } from '../../payments/domain/payment-id';
import { checkEntitlementItem } from '../domain/entitlement-check';
import type { RunStatus } from '../domain/run-status';
import { transitionRun } from '../run-transitions';
import { intakeDestination, type StoredDestination } from './destination-intake';

type Input =
  | { type: 'entitlements'; chunkNo: number; hash: string; payload: ReturnType<typeof EntitlementChunk.schema.parse> }
  | { type: 'entitlementsCompleted'; hash: string; payload: ReturnType<typeof EntitlementCompleted.schema.parse> }
  | { type: 'entitlementsHalted'; payload: ReturnType<typeof EntitlementRunHalted.schema.parse> }
  | { type: 'destinations'; chunkNo: number; hash: string; payload: ReturnType<typeof RunDestinationsChunk.schema.parse>; stored: StoredDestination[] }
  | { type: 'destinationsCompleted'; hash: string; payload: ReturnType<typeof RunDestinationsCompleted.schema.parse> };

interface LockedRun {
  id: string;
  month: string;
  programmes: Programme[];
  status: RunStatus;
  entitlement_completed_at: Date | null;
  declared_chunk_count: number | null;
  declared_totals: unknown;
  destinations_completed_at: Date | null;
  destinations_chunk_count: number | null;
  destinations_count: number | null;
}

const PRODUCER = 'entitlement';

/**
 * Stores what entitlement and eligibility send for a run, set-based, in the consumer's transaction (with the
 * inbox rows). Replays are recognised per chunk number and content hash; anything that does not fit (a chunk
 * replayed with other content, a person twice, an item that does not add up) is recorded as an anomaly, which
 * halts the run at the control-totals check. Inputs for a run that is no longer collecting are ignored.
 */
@Injectable()
export class RunInputsService {
  constructor(
    private readonly transport: TransportCipher,
    private readonly atRest: AtRestCipher,
    @Inject(LOGGER) private readonly logger: pino.Logger,
  ) {}

  async handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void> {
    const byRun = new Map<string, Input[]>();
    for (const event of events) {
      const input = this.parse(event.envelope);
      if (!input) continue;
      const list = byRun.get(input.payload.runId) ?? [];
      list.push(input);
      byRun.set(input.payload.runId, list);
    }
    // Runs locked in a fixed order: two consumers never wait on each other's runs crosswise.
    const runs = [...byRun.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [runId, inputs] of runs) await this.applyToRun(tx, runId, inputs);
  }

  private async applyToRun(tx: EntityManager, runId: string, inputs: Input[]): Promise<void> {
    const [run] = await select<LockedRun>(
      tx,
      `SELECT id, month, programmes, status, entitlement_completed_at, declared_chunk_count, declared_totals,
              destinations_completed_at, destinations_chunk_count, destinations_count
         FROM disbursement.runs WHERE id = $1 FOR UPDATE`,
      [runId],
    );
    if (!run) {
      this.logger.warn({ runId, inputs: inputs.length }, 'inputs for a run this service does not know: ignored');
      return;
    }
    for (const input of inputs) {
      if (run.status !== 'REQUESTED') {
        await this.late(tx, run, input);
        continue;
      }
      switch (input.type) {
        case 'entitlements':
          await this.entitlementChunk(tx, run, input);
          break;
        case 'destinations':
          await this.destinationChunk(tx, run, input);
          break;
        case 'entitlementsCompleted':
          await this.entitlementCompleted(tx, run, input.payload);
          break;
        case 'destinationsCompleted':
          await this.destinationsCompleted(tx, run, input.payload);
          break;
        case 'entitlementsHalted':
          // Not closeRunUnpaid: a collecting run has no payments yet, and what entitlement priced or scheduled for a
          // run it halted (on the snapshot's totals, or a calculation that kept failing) counts there as never run.
          await transitionRun(tx, run, 'HALTED', PRODUCER, `entitlement halted the run: ${input.payload.reason}`);
          break;
      }
    }
  }

  /** A chunk seen before: the same content is a replay (nothing to do), other content an anomaly. */
  private async knownChunk(tx: EntityManager, run: LockedRun, stream: string, chunkNo: number, hash: string): Promise<boolean> {
    const [known] = await select<{ content_hash: string }>(
      tx,
      'SELECT content_hash FROM disbursement.run_input_chunks WHERE run_id = $1 AND stream = $2 AND chunk_no = $3',
      [run.id, stream, chunkNo],
    );
    if (!known) return false;
    if (known.content_hash !== hash) await anomaly(tx, run.id, 'CONFLICTING_CHUNK', `${stream} chunk ${chunkNo} arrived again with other content`);
    return true;
  }

  private async entitlementChunk(tx: EntityManager, run: LockedRun, input: Extract<Input, { type: 'entitlements' }>): Promise<void> {
    const { payload } = input;
    if (await this.knownChunk(tx, run, 'entitlements', input.chunkNo, input.hash)) return;
    await recordChunk(tx, run.id, 'entitlements', input.chunkNo, payload.items.length, input.hash);
    if (payload.month !== run.month) {
      await anomaly(tx, run.id, 'MONTH_MISMATCH', `entitlement chunk ${input.chunkNo} is for ${payload.month}, the run for ${run.month}`);
      return;
    }
    const rows = [];
    const invalid: string[] = [];
    for (const item of payload.items) {
      const checked = checkEntitlementItem(item, run);
      if (checked.problems.length > 0) {
        invalid.push(`${item.personRef} (${item.programme}): ${checked.problems.join('; ')}`);
        continue;
      }
      rows.push({ item, componentsTotal: checked.componentsTotal, id: paymentId(item.programme, run.month, item.personRef, item.components, item.arrears) });
    }
    if (invalid.length > 0) await anomaly(tx, run.id, 'INVALID_ITEM', summarise(invalid, `in entitlement chunk ${input.chunkNo}`));
    if (rows.length === 0) return;
    const inserted = await select<{ person_ref: string }>(
      tx,
      `INSERT INTO disbursement.run_entitlements (run_id, programme, person_ref, amount, components_total, components, arrears, payment_id, chunk_no)
       SELECT $1, x.programme, x.person_ref, x.amount, x.components_total, x.components, x.arrears, x.payment_id, $9
         FROM unnest($2::text[], $3::uuid[], $4::bigint[], $5::bigint[], $6::jsonb[], $7::jsonb[], $8::text[])
           AS x(programme, person_ref, amount, components_total, components, arrears, payment_id)
       ON CONFLICT (run_id, programme, person_ref) DO NOTHING RETURNING person_ref`,
      [
        run.id,
        rows.map((r) => r.item.programme),
        rows.map((r) => r.item.personRef),
        rows.map((r) => r.item.amount),
        rows.map((r) => r.componentsTotal.toString()),
        rows.map((r) => JSON.stringify(r.item.components)),
        rows.map((r) => JSON.stringify(r.item.arrears)),
        rows.map((r) => r.id),
        input.chunkNo,
      ],
    );
    const duplicates = rows.length - inserted.length;
    if (duplicates > 0) {
      await anomaly(tx, run.id, 'DUPLICATE_ITEM', `${duplicates} person(s) of entitlement chunk ${input.chunkNo} were already received for the same programme`);
    }
  }

  private async destinationChunk(tx: EntityManager, run: LockedRun, input: Extract<Input, { type: 'destinations' }>): Promise<void> {
    if (await this.knownChunk(tx, run, 'destinations', input.chunkNo, input.hash)) return;
    const stored = input.stored;
    await recordChunk(tx, run.id, 'destinations', input.chunkNo, stored.length, input.hash);
    if (stored.length === 0) return;
    const inserted = await select<{ person_ref: string }>(
      tx,
      `INSERT INTO disbursement.run_destinations (run_id, person_ref, channel, bank_bin, account_cipher, account_hash, account_masked,
              holder_name, masked_national_id, commune_code, cash_point_code, address, problem, last_month_owed, chunk_no)
       SELECT $1, x.* , $15 FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
              $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
         AS x(person_ref, channel, bank_bin, account_cipher, account_hash, account_masked, holder_name, masked_national_id, commune_code, cash_point_code,
              address, problem, last_month_owed)
       ON CONFLICT (run_id, person_ref) DO NOTHING RETURNING person_ref`,
      [
        run.id,
        stored.map((d) => d.personRef),
        stored.map((d) => d.channel),
        stored.map((d) => d.bankBin),
        stored.map((d) => d.accountCipher),
        stored.map((d) => d.accountHash),
        stored.map((d) => d.accountMasked),
        stored.map((d) => d.holderName),
        stored.map((d) => d.maskedNationalId),
        stored.map((d) => d.communeCode),
        stored.map((d) => d.cashPointCode),
        stored.map((d) => d.address),
        stored.map((d) => d.problem),
        stored.map((d) => d.lastMonthOwed),
        input.chunkNo,
      ],
    );
    const duplicates = stored.length - inserted.length;
    if (duplicates > 0) {
      await anomaly(tx, run.id, 'DUPLICATE_DESTINATION', `${duplicates} person(s) of destinations chunk ${input.chunkNo} already had a destination`);
    }
  }

  private async entitlementCompleted(tx: EntityManager, run: LockedRun, payload: Extract<Input, { type: 'entitlementsCompleted' }>['payload']): Promise<void> {
    if (run.entitlement_completed_at) {
      const same = run.declared_chunk_count === payload.chunkCount && payloadHash(run.declared_totals) === payloadHash(payload.totals);
      if (!same) await anomaly(tx, run.id, 'CONFLICTING_COMPLETION', 'EntitlementCompleted arrived again with other control totals');
      return;
    }
    if (payload.month !== run.month) await anomaly(tx, run.id, 'MONTH_MISMATCH', `EntitlementCompleted is for ${payload.month}, the run for ${run.month}`);
    await tx.query(
      'UPDATE disbursement.runs SET declared_chunk_count = $2, declared_totals = $3, declared_not_paid = $4, entitlement_completed_at = now() WHERE id = $1',
      [run.id, payload.chunkCount, JSON.stringify(payload.totals), payload.notPaid ? JSON.stringify(payload.notPaid) : null],
    );
    run.entitlement_completed_at = new Date();
    run.declared_chunk_count = payload.chunkCount;
    run.declared_totals = payload.totals;
  }

  private async destinationsCompleted(tx: EntityManager, run: LockedRun, payload: Extract<Input, { type: 'destinationsCompleted' }>['payload']): Promise<void> {
    if (run.destinations_completed_at) {
      if (run.destinations_chunk_count !== payload.chunkCount || run.destinations_count !== payload.count) {
        await anomaly(tx, run.id, 'CONFLICTING_COMPLETION', 'RunDestinationsCompleted arrived again with other totals');
      }
      return;
    }
    await tx.query(
      'UPDATE disbursement.runs SET destinations_chunk_count = $2, destinations_count = $3, destinations_completed_at = now() WHERE id = $1',
      [run.id, payload.chunkCount, payload.count],
    );
    run.destinations_completed_at = new Date();
    run.destinations_chunk_count = payload.chunkCount;
    run.destinations_count = payload.count;
  }

  private parse(envelope: Envelope): Input | undefined {
    switch (envelope.type) {
      case EntitlementChunk.type: {
        const payload = readPayload(EntitlementChunk, envelope);
        return { type: 'entitlements', chunkNo: payload.chunkNo, hash: payloadHash(payload), payload };
      }
      case EntitlementCompleted.type: {
        const payload = readPayload(EntitlementCompleted, envelope);
        return { type: 'entitlementsCompleted', hash: payloadHash(payload), payload };
      }
      case EntitlementRunHalted.type:
        return { type: 'entitlementsHalted', payload: readPayload(EntitlementRunHalted, envelope) };
      case RunDestinationsChunk.type: {
        const payload = readPayload(RunDestinationsChunk, envelope);
        // Account ciphers differ on every encryption (random IV): the content is compared on the decrypted form's hash.
        const stored = payload.items.map((item) => intakeDestination(item, this.transport, this.atRest));
        // lastMonthOwed only when set: a chunk received before it existed hashes as it did then.
        const hashed = stored.map(({ lastMonthOwed, ...d }) => ({ ...d, accountCipher: null, ...(lastMonthOwed !== null && { lastMonthOwed }) }));
        const hash = payloadHash({ runId: payload.runId, chunkNo: payload.chunkNo, items: hashed });
        return { type: 'destinations', chunkNo: payload.chunkNo, hash, payload, stored };
      }
      case RunDestinationsCompleted.type: {
        const payload = readPayload(RunDestinationsCompleted, envelope);
        return { type: 'destinationsCompleted', hash: payloadHash(payload), payload };
      }
      default:
        // Another event type on these topics (a later version, another consumer's): not ours to handle.
        return undefined;
    }
  }

  /** Whether a RunDestinationsCompleted states the destinations chunks and destinations the run received (readiness's rule). */
  private async confirmsDestinations(tx: EntityManager, run: LockedRun, payload: { chunkCount: number; count: number }): Promise<boolean> {
    const chunks = await select<{ chunk_no: number }>(tx, `SELECT chunk_no FROM disbursement.run_input_chunks WHERE run_id = $1 AND stream = 'destinations'`, [run.id]);
    const [received] = await select<{ count: number }>(tx, 'SELECT count(*)::int AS count FROM disbursement.run_destinations WHERE run_id = $1', [run.id]);
    return destinationsProblems(payload, chunks.map((c) => c.chunk_no), received.count).length === 0;
  }

  /** The run no longer collects (prepared, halted, cancelled ...): a replay is expected; anything new is noted, as an anomaly. */
  private async late(tx: EntityManager, run: LockedRun, input: Input): Promise<void> {
    if ((input.type === 'entitlements' || input.type === 'destinations') && (await this.knownChunk(tx, run, input.type, input.chunkNo, input.hash))) return;
    // A completion again: a replay if its totals are the same, else an anomaly (and the preview no longer approvable).
    if (input.type === 'entitlementsCompleted' && run.entitlement_completed_at) return this.entitlementCompleted(tx, run, input.payload);
    if (input.type === 'destinationsCompleted' && run.destinations_completed_at) return this.destinationsCompleted(tx, run, input.payload);
    // A run is prepared without RunDestinationsCompleted once every payable person has a destination: the declaration
    // arriving after it, and stating exactly the chunks and destinations received, confirms what was prepared.
    if (input.type === 'destinationsCompleted' && (await this.confirmsDestinations(tx, run, input.payload))) return this.destinationsCompleted(tx, run, input.payload);
    this.logger.warn({ runId: run.id, status: run.status, input: input.type }, 'input for a run that no longer collects: ignored');
    await anomaly(tx, run.id, 'LATE_INPUT', `${input.type} arrived while the run was ${run.status}: ignored`);
  }
}

async function recordChunk(tx: EntityManager, runId: string, stream: string, chunkNo: number, itemCount: number, hash: string): Promise<void> {
  await tx.query(
    'INSERT INTO disbursement.run_input_chunks (run_id, stream, chunk_no, item_count, content_hash) VALUES ($1, $2, $3, $4, $5)',
    [runId, stream, chunkNo, itemCount, hash],
  );
}

export async function anomaly(tx: EntityManager, runId: string, kind: string, detail: string): Promise<void> {
  await tx.query('INSERT INTO disbursement.run_anomalies (run_id, kind, detail) VALUES ($1, $2, $3)', [runId, kind, detail]);
}

function summarise(lines: string[], where: string): string {
  const shown = lines.slice(0, 5).join(' | ');
  return lines.length > 5 ? `${lines.length} items ${where} do not add up: ${shown} | …` : `${lines.length} item(s) ${where} do not add up: ${shown}`;
}
