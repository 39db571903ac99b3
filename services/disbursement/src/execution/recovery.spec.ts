import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { DisbursementConfig } from '../config';
import type { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import type { RunStatus } from '../runs/domain/run-status';
import type { JobDispatcher } from './job-dispatcher';
import { Recovery } from './recovery';
import type { ReleaseService } from './release.service';
import { RunProgress } from './run-progress';

/**
 * Run R1 in `status`, quiet for minutes, in memory: its batches all acknowledged or final (none open) and its payments
 * as `openPayments` says; every other piece of work of the sweep finds nothing. The real RunProgress moves it.
 */
function sweep(status: RunStatus, openPayments: boolean) {
  const run = { id: 'R1', status: status as string };
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (text.includes('FROM disbursement.runs') && text.includes("IN ('RELEASED', 'SENT')")) return ['RELEASED', 'SENT'].includes(run.status) ? [{ id: run.id }] : [];
    if (text.startsWith('SELECT status FROM disbursement.runs')) return [{ status: run.status }];
    if (text.startsWith('SELECT id, status FROM disbursement.runs')) return [{ ...run }];
    if (text.includes('FROM disbursement.partner_batches WHERE run_id')) return [{ open: false }];
    if (text.includes('FROM disbursement.payments WHERE run_id')) return [{ open: openPayments }];
    if (text.startsWith('UPDATE disbursement.runs SET status')) {
      const [, to, from] = params as [string, string, string];
      if (run.status !== from) return [];
      run.status = to;
      return [{ id: run.id }];
    }
    return [];
  };
  const manager = { query } as unknown as EntityManager;
  const dataSource = { manager, query, transaction: async <T>(work: (tx: EntityManager) => Promise<T>) => work(manager) } as unknown as DataSource;
  const config = { RECOVER_ON_BOOT: true, WORKERS_ENABLED: true, RECOVERY_INTERVAL_MS: 300_000 } as DisbursementConfig;
  const errors: unknown[] = [];
  const logger = { error: (fields: unknown) => void errors.push(fields), warn: () => undefined, info: () => undefined, debug: () => undefined } as unknown as pino.Logger;
  const release = { dispatchForgotten: async () => 0 } as unknown as ReleaseService;
  const jobs = { requeueReleases: async () => 0, requeueMissing: async () => 0, ensurePoller: async () => undefined } as unknown as JobDispatcher;
  const notifications = { flushAll: async () => 0 } as unknown as NotificationDispatcher;
  const recovery = new Recovery(dataSource, config, logger, release, jobs, notifications, new RunProgress(dataSource));
  return { recovery, run, errors };
}

describe('Recovery: a released run whose last move was lost', () => {
  // RunProgress.advance is asked only by a batch's send (refused) or poll, and by the run's flow parent. The poll that
  // made the last batch FINAL commits, then its advance fails (the database away a moment, the process killed): the
  // next poll finds the batch FINAL and only removes its poller. The run stayed SENT for good, every payment final,
  // its reconciliation and the month's reports waiting for it, nothing an operator could do.
  it('completes a run left SENT with every payment final', async () => {
    const s = sweep('SENT', false);
    await s.recovery.recover();
    expect(s.run.status).toBe('COMPLETED');
    expect(s.errors).toEqual([]);
  });

  // A run with no batch (every payment held back at release, or nothing left to pay: a second run of the month) is
  // moved on only by its flow parent: a parent job that failed once (no retries) or that Redis lost left it RELEASED.
  it('moves on a run left RELEASED with no batch open', async () => {
    const s = sweep('RELEASED', false);
    await s.recovery.recover();
    expect(s.run.status).toBe('COMPLETED');
  });

  it('leaves a run SENT while a payment awaits its outcome', async () => {
    const s = sweep('SENT', true);
    await s.recovery.recover();
    expect(s.run.status).toBe('SENT');
  });
});
