import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { selectOne } from '../common/sql';
import { isFinal, PAYMENT_STATUSES } from '../payments/domain/payment-status';
import { SYSTEM } from '../payments/payment-ledger';
import type { RunStatus } from '../runs/domain/run-status';
import { transitionRun } from '../runs/run-transitions';

/**
 * Moves a released run on: SENT once every batch is acknowledged (or refused), COMPLETED once every payment is final.
 * Asked after every batch sent and every outcome poll, so the usual answer ("not yet") must be cheap: it is read
 * without a lock, from the open rows only (the (run_id, status) indexes), and the run is locked only to move it.
 */
@Injectable()
export class RunProgress {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async advance(runId: string): Promise<RunStatus | undefined> {
    const seen = await this.status(this.dataSource.manager, runId);
    if (seen === undefined || !(await this.readyToMove(this.dataSource.manager, runId, seen))) return seen;
    return this.dataSource.transaction(async (tx) => {
      const run = await selectOne<{ id: string; status: RunStatus }>(tx, 'SELECT id, status FROM disbursement.runs WHERE id = $1 FOR UPDATE', [runId]);
      if (!run) return undefined;
      if (run.status === 'RELEASED' && (await this.readyToMove(tx, runId, 'RELEASED'))) await transitionRun(tx, run, 'SENT', SYSTEM);
      if (run.status === 'SENT' && (await this.readyToMove(tx, runId, 'SENT'))) await transitionRun(tx, run, 'COMPLETED', SYSTEM);
      return run.status;
    });
  }

  private async status(sql: EntityManager, runId: string): Promise<RunStatus | undefined> {
    return (await selectOne<{ status: RunStatus }>(sql, 'SELECT status FROM disbursement.runs WHERE id = $1', [runId]))?.status;
  }

  /** RELEASED: no batch still to be acknowledged. SENT: no payment without its final outcome. */
  private async readyToMove(sql: EntityManager, runId: string, status: RunStatus): Promise<boolean> {
    if (status === 'RELEASED') {
      const open = await selectOne<{ open: boolean }>(
        sql,
        `SELECT EXISTS (SELECT 1 FROM disbursement.partner_batches WHERE run_id = $1 AND status NOT IN ('ACKNOWLEDGED', 'FINAL', 'REJECTED')) AS open`,
        [runId],
      );
      return open?.open === false;
    }
    if (status === 'SENT') {
      const open = await selectOne<{ open: boolean }>(
        sql,
        `SELECT EXISTS (SELECT 1 FROM disbursement.payments WHERE run_id = $1 AND status = ANY($2::text[])) AS open`,
        [runId, NOT_FINAL],
      );
      return open?.open === false;
    }
    return false;
  }
}

/** Every status a payment of a released run has before its outcome (see payment-status.ts). */
const NOT_FINAL = PAYMENT_STATUSES.filter((s) => !isFinal(s));
