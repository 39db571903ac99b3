import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from '@benefits/messaging';
import type { OutcomeReport, WatchedBatch } from '../channels/channel-adapter';
import type { ChannelAdapters } from '../channels/channels.module';
import { loadDisbursementConfig } from '../config';
import type { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import type { OutcomeRecorder } from '../outcomes/outcome-recorder';
import type { JobDispatcher } from './job-dispatcher';
import { OutcomePoller } from './outcome-poller.service';
import type { RunProgress } from './run-progress';

/**
 * Bank batch B1 of run R1, acknowledged, in memory, with `awaiting` payments still sent. The bank's status report
 * settles the others and says every payment has its final status (it leaves those out); seen again, the adapter
 * skips it as BankAdapter does (readIfNew): no outcomes, not complete.
 */
function poller(awaiting: number, options: { acknowledgedAt?: Date; quiet?: boolean } = {}) {
  const batch = {
    status: 'ACKNOWLEDGED',
    status_report_sha256: null as string | null,
    last_error: null as string | null,
    outcomes_complete_at: null as Date | null,
    status_changed_at: options.acknowledgedAt ?? new Date(),
  };
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (text.includes('FROM disbursement.partner_batches b JOIN disbursement.runs r')) {
      return [{ batch_id: 'B1', run_id: 'R1', month: '2026-11', channel: 'bank', group_key: '970436/health', statement_cursor: null, watched_ms: null, ...batch }];
    }
    if (text.includes('SELECT count(*)::int AS count FROM disbursement.payments')) return [{ count: awaiting }];
    if (text.startsWith('UPDATE disbursement.partner_batches SET last_error')) batch.last_error = (params[1] as string | undefined) ?? null;
    if (text.includes('status_report_sha256 = COALESCE($3')) batch.status_report_sha256 = (params[2] as string | null) ?? batch.status_report_sha256;
    if (text.includes('SET outcomes_complete_at = now()')) batch.outcomes_complete_at = new Date();
    return [];
  };
  const tx = { query, transaction: async <T>(work: (em: EntityManager) => Promise<T>) => work(tx) } as unknown as EntityManager;
  // The batch's lock is always free here; the poll works on the lock's connection (its manager).
  const lock = { connect: async () => undefined, query: async () => [{ locked: true }], release: async () => undefined, manager: tx };
  const dataSource = { createQueryRunner: () => lock } as unknown as DataSource;
  const report = (seen: WatchedBatch): OutcomeReport =>
    options.quiet || seen.statusReportSha256 === 'S1'
      ? { outcomes: [], complete: false, statusReportSha256: 'S1' }
      : { outcomes: [{ paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-05' }], complete: true, statusReportSha256: 'S1' };
  const adapters = new Map([['bank', { channel: 'bank', fetchOutcomes: async (seen: WatchedBatch) => report(seen) }]]) as unknown as ChannelAdapters;
  const config = loadDisbursementConfig({ NODE_ENV: 'test' });
  const errors: string[] = [];
  const logger = { error: (_fields: unknown, message: string) => void errors.push(message), warn: () => undefined, info: () => undefined, debug: () => undefined } as unknown as pino.Logger;
  const recorder = { record: async () => ({ applied: [], notificationIds: [] }) } as unknown as OutcomeRecorder;
  const notifications = { flush: async () => 0 } as unknown as NotificationDispatcher;
  const jobs = { ensurePoller: async () => undefined, removePoller: async () => undefined } as unknown as JobDispatcher;
  const progress = { advance: async () => undefined } as unknown as RunProgress;
  const relay = { notify: () => undefined } as unknown as OutboxRelay;
  return { poller: new OutcomePoller(dataSource, adapters, config, logger, recorder, notifications, jobs, progress, relay), batch, errors };
}

describe('OutcomePoller: a partner reports a batch complete while payments of it have no outcome', () => {
  // The report is recorded as seen, and every later poll skipped it: the batch was polled for ever, its payments sent,
  // its run SENT, and GET /batches showed nothing wrong (no lastError) once the first poll's log line had gone by.
  it('keeps saying so on the batch (lastError) at every poll, until the partner decides them', async () => {
    const s = poller(1);
    await s.poller.poll('B1');
    await s.poller.poll('B1');
    await s.poller.poll('B1');
    expect(s.batch.last_error).toMatch(/1 payment/);
    expect(s.batch.outcomes_complete_at).toBeNull();
    expect(s.batch.status).toBe('ACKNOWLEDGED');
  });

  it('records a complete report as seen once every payment has its outcome', async () => {
    const s = poller(0);
    await s.poller.poll('B1');
    expect(s.batch.status_report_sha256).toBe('S1');
    expect(s.batch.outcomes_complete_at).not.toBeNull();
    expect(s.batch.last_error).toBeNull();
  });
});

describe('OutcomePoller: a partner goes quiet on a batch it acknowledged', () => {
  // A pending status that never ends, or a report that never comes: the batch was polled for ever, its payments sent
  // and its run never done, with nothing on GET /batches to tell an operator to call the bank.
  it('says on the batch how many payments have no outcome once they are past due, logs it once, and keeps polling', async () => {
    const s = poller(2, { acknowledgedAt: new Date('2026-01-05T03:00:00Z'), quiet: true });
    await s.poller.poll('B1');
    await s.poller.poll('B1');
    expect(s.batch.last_error).toMatch(/^2 payment\(s\) of the batch still have no outcome, due by 2026-01-08 \(OUTCOME_OVERDUE_DAYS \(3\) after the bank acknowledged it on 2026-01-05\)/);
    expect(s.errors.filter((message) => message.includes('past due'))).toHaveLength(1);
    expect(s.batch.status).toBe('ACKNOWLEDGED');
  });

  it('says nothing while the outcomes are not due yet', async () => {
    const s = poller(2, { quiet: true });
    await s.poller.poll('B1');
    expect(s.batch.last_error).toBeNull();
  });
});
