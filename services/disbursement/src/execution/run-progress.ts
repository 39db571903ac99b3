import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { selectOne } from '../common/sql';
import { SYSTEM } from '../payments/payment-ledger';
import type { RunStatus } from '../runs/domain/run-status';
import { transitionRun } from '../runs/run-transitions';

/** Moves a released run on: SENT once every batch is acknowledged (or refused), COMPLETED once every payment is final. */
@Injectable()
export class RunProgress {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async advance(runId: string): Promise<RunStatus | undefined> {
    return this.dataSource.transaction(async (tx) => {
      const run = await selectOne<{ id: string; status: RunStatus }>(tx, 'SELECT id, status FROM disbursement.runs WHERE id = $1 FOR UPDATE', [runId]);
      if (!run) return undefined;
      if (run.status === 'RELEASED') {
        const open = await selectOne<{ n: number }>(
          tx,
          `SELECT count(*)::int AS n FROM disbursement.partner_batches WHERE run_id = $1 AND status NOT IN ('ACKNOWLEDGED', 'FINAL', 'REJECTED')`,
          [runId],
        );
        if (open?.n === 0) await transitionRun(tx, run, 'SENT', SYSTEM);
      }
      if (run.status === 'SENT') {
        const open = await selectOne<{ n: number }>(
          tx,
          `SELECT count(*)::int AS n FROM disbursement.payments
            WHERE run_id = $1 AND status NOT IN ('settled', 'rejected', 'returned', 'not_collected', 'cancelled')`,
          [runId],
        );
        if (open?.n === 0) await transitionRun(tx, run, 'COMPLETED', SYSTEM);
      }
      return run.status;
    });
  }
}
