import { Injectable } from '@nestjs/common';
import { copyInto, copyLine } from '@benefits/platform';
import type { EntityManager } from 'typeorm';
import type { Component, EntitlementItem, Programme, RecoveryRecord } from '../domain';
import type { PricedArrearsLine } from './domain/calculate-batch';
import type { RunException } from './domain/price-person';

export interface CalculationRow {
  readonly id: string;
  readonly month: string;
  readonly inputs: readonly EntitlementItem[];
  readonly components: readonly Component[];
  readonly explanation: readonly string[];
  readonly amount: bigint;
}

export interface LineRow {
  readonly personRef: string;
  readonly programme: Programme;
  readonly calculationId: string | null;
  readonly amount: bigint;
  readonly arrearsAmount: bigint;
  readonly oneOffAmount: bigint;
  readonly total: bigint;
}

/** Components as stored: amounts as strings of whole đồng. */
export function storedComponent(c: Component) {
  return { ...c, amount: c.amount.toString(), ...(c.standardLevel !== undefined && { standardLevel: c.standardLevel.toString() }) };
}

const LINE_COLUMNS = ['run_id', 'person_ref', 'programme', 'month', 'calculation_id', 'amount', 'arrears_amount', 'one_off_amount', 'total'];

/** The writes of a calculation batch: one COPY or multi-row INSERT ... SELECT FROM unnest per table. */
@Injectable()
export class RunOutputRepository {
  async insertCalculations(tx: EntityManager, rows: readonly CalculationRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO entitlement.calculations (id, month, inputs, components, explanation, amount)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[], $5::jsonb[], $6::bigint[])
       ON CONFLICT (id) DO NOTHING`,
      [
        rows.map((r) => r.id),
        rows.map((r) => r.month),
        rows.map((r) => JSON.stringify(r.inputs)),
        rows.map((r) => JSON.stringify(r.components.map(storedComponent))),
        rows.map((r) => JSON.stringify(r.explanation)),
        rows.map((r) => r.amount.toString()),
      ],
    );
  }

  /** One line per person and programme of the batch: COPY (800,000 of them in a run of a million persons). */
  async insertLines(tx: EntityManager, runId: string, month: string, rows: readonly LineRow[]): Promise<void> {
    const lines = rows.map((r) => copyLine([runId, r.personRef, r.programme, month, r.calculationId, r.amount, r.arrearsAmount, r.oneOffAmount, r.total]));
    await copyInto(tx, 'entitlement.entitlement_lines', LINE_COLUMNS, lines.join(''));
  }

  async insertArrears(tx: EntityManager, runId: string, rows: readonly PricedArrearsLine[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO entitlement.arrears_lines (run_id, person_ref, programme, month, recipient_ref, owed, paid, amount, reason, explanation, inputs)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[], $10::jsonb[], $11::jsonb[])`,
      [
        runId,
        rows.map((r) => r.personRef),
        rows.map((r) => r.programme),
        rows.map((r) => r.month),
        rows.map((r) => r.recipientRef),
        rows.map((r) => r.owed.toString()),
        rows.map((r) => r.paid.toString()),
        rows.map((r) => r.difference.toString()),
        rows.map((r) => r.reason),
        rows.map((r) => JSON.stringify(r.explanation)),
        rows.map((r) => JSON.stringify(r.inputs)),
      ],
    );
  }

  async insertExceptions(tx: EntityManager, runId: string, rows: readonly (RunException & { personRef: string })[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO entitlement.run_exceptions (run_id, person_ref, programme, month, kind, code, message)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       ON CONFLICT DO NOTHING`,
      [
        runId,
        rows.map((r) => r.personRef),
        rows.map((r) => r.programme),
        rows.map((r) => r.month),
        rows.map((r) => r.kind),
        rows.map((r) => r.code),
        rows.map((r) => r.message),
      ],
    );
  }

  async insertRecoveries(tx: EntityManager, source: string, sourceId: string, rows: readonly RecoveryRecord[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO entitlement.recoveries (person_ref, programme, month, recipient_ref, owed, paid, amount, reason, explanation, source, source_id)
       SELECT r.*, $1, $2 FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::bigint[], $10::text[], $11::jsonb[])
         AS r(person_ref, programme, month, recipient_ref, owed, paid, amount, reason, explanation)
       ON CONFLICT ON CONSTRAINT recoveries_source_uq DO NOTHING`,
      [
        source,
        sourceId,
        rows.map((r) => r.personRef),
        rows.map((r) => r.programme),
        rows.map((r) => r.month),
        rows.map((r) => r.recipientRef),
        rows.map((r) => r.owed.toString()),
        rows.map((r) => r.paid.toString()),
        rows.map((r) => r.amount.toString()),
        rows.map((r) => r.reason),
        rows.map((r) => JSON.stringify(r.explanation)),
      ],
    );
  }

  /** The persons of a run not paid something, per programme and reason (its exceptions). */
  async notPaid(tx: EntityManager, runId: string): Promise<{ programme: Programme; kind: string; code: string; persons: number }[]> {
    return tx.query(
      `SELECT programme, kind, code, count(DISTINCT person_ref)::int AS persons FROM entitlement.run_exceptions WHERE run_id = $1
        GROUP BY programme, kind, code ORDER BY programme, kind, code`,
      [runId],
    );
  }

  async totals(tx: EntityManager, runId: string): Promise<{ programme: Programme; count: number; total: bigint }[]> {
    const rows: { programme: Programme; count: number; total: string }[] = await tx.query(
      `SELECT programme, count(*)::int AS count, sum(total)::text AS total FROM entitlement.entitlement_lines WHERE run_id = $1 GROUP BY programme`,
      [runId],
    );
    return rows.map((r) => ({ programme: r.programme, count: r.count, total: BigInt(r.total) }));
  }
}
