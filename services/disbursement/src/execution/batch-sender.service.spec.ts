import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from '@benefits/messaging';
import type { SendResult } from '../channels/channel-adapter';
import type { ChannelAdapters } from '../channels/channels.module';
import type { AtRestCipher } from '../common/pii';
import type { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import type { OutcomeRecorder } from '../outcomes/outcome-recorder';
import { BatchSender } from './batch-sender.service';
import type { JobDispatcher } from './job-dispatcher';
import type { RunProgress } from './run-progress';

/** A bank batch B1 of run R1, its file stored (SENDING), in memory; the bank answers `answer`. */
function sender(answer: SendResult) {
  const batch = { status: 'SENDING' };
  const advanced: string[] = [];
  const polled: string[] = [];
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (text.includes('FROM disbursement.partner_batches b JOIN disbursement.runs r')) {
      return [{ batch_id: 'B1', run_id: 'R1', month: '2026-11', channel: 'bank', group_key: '970436/health', status: batch.status, payload_cipher: 'stored', statement_cursor: null }];
    }
    if (text.includes('SELECT status FROM disbursement.partner_batches')) return [{ status: batch.status }];
    if (text.includes('WITH old AS')) {
      const [, from, to] = params as [string, string[], string];
      if (!from.includes(batch.status)) return [];
      const old = batch.status;
      batch.status = to;
      return [{ status: old }];
    }
    return [];
  };
  const tx = { query } as unknown as EntityManager;
  const dataSource = { manager: tx, query, transaction: async <T>(work: (em: EntityManager) => Promise<T>) => work(tx) } as unknown as DataSource;
  const adapters = new Map([['bank', { channel: 'bank', send: async () => answer }]]) as unknown as ChannelAdapters;
  const cipher = { decrypt: (text: string) => text } as unknown as AtRestCipher;
  const recorder = { refuseBatch: async () => ({ applied: [], notificationIds: ['1'] }) } as unknown as OutcomeRecorder;
  const notifications = { flush: async () => 0 } as unknown as NotificationDispatcher;
  const jobs = { ensurePoller: async (_runId: string, batchId: string) => void polled.push(batchId) } as unknown as JobDispatcher;
  const relay = { notify: () => undefined } as unknown as OutboxRelay;
  const logger = { error: () => undefined, warn: () => undefined, info: () => undefined } as unknown as pino.Logger;
  const progress = { advance: async (runId: string) => void advanced.push(runId) } as unknown as RunProgress;
  return { sender: new BatchSender(dataSource, adapters, cipher, recorder, notifications, jobs, relay, logger, progress), batch, advanced, polled };
}

describe('BatchSender.send: the run moves on when a batch is settled for sending', () => {
  // A batch refused at its sending has no outcome poller, the only other caller of RunProgress.advance. Sent again
  // out of ATTENTION (its run's flow parent ran long before), or queued again by the recovery sweep after Redis lost
  // its run's flow, its refusal left the run RELEASED for ever, every payment of it final.
  it('moves the run on once the partner refuses the whole file', async () => {
    const s = sender({ kind: 'rejected', code: 'FF01', detail: 'CtrlSum does not match', ack: '' });
    expect(await s.sender.send('B1')).toBe('REJECTED');
    expect(s.advanced).toEqual(['R1']);
  });

  it('leaves an acknowledged file to its poller, which moves the run on', async () => {
    const s = sender({ kind: 'acknowledged', ack: '', replay: false });
    expect(await s.sender.send('B1')).toBe('ACKNOWLEDGED');
    expect(s.polled).toEqual(['B1']);
  });
});

describe('BatchSender.send: a job that runs twice at once (a stalled job taken again while the first still runs)', () => {
  // The second job read the batch PLANNED, before the first stored its file, sent it and recorded the acknowledgement.
  // Its storePayload then finds the file stored and the batch ACKNOWLEDGED: sending the file again relies on the
  // partner's replay, and an answer other than a replay (a gateway's 401) would be stored as the batch's answer.
  it('does not send a batch another job acknowledged meanwhile', async () => {
    const s = sender({ kind: 'acknowledged', ack: '', replay: true });
    let reads = 0;
    const sent: string[] = [];
    const original = (s.sender as unknown as { dataSource: DataSource }).dataSource;
    const inner = (original as unknown as { query: (t: string, p: unknown[]) => Promise<unknown[]> }).query;
    const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
      if (text.includes('FROM disbursement.partner_batches b JOIN disbursement.runs r')) {
        reads++;
        // First read: PLANNED, no file. Locked read in storePayload: the other job's work, committed.
        return reads === 1
          ? [{ batch_id: 'B1', run_id: 'R1', month: '2026-11', channel: 'bank', group_key: '970436/health', status: 'PLANNED', payload_cipher: null, statement_cursor: null }]
          : [{ batch_id: 'B1', run_id: 'R1', month: '2026-11', channel: 'bank', group_key: '970436/health', status: 'ACKNOWLEDGED', payload_cipher: 'stored', statement_cursor: null }];
      }
      return inner(text, params);
    };
    const tx = { query } as unknown as EntityManager;
    Object.assign(original, { manager: tx, query, transaction: async <T>(work: (em: EntityManager) => Promise<T>) => work(tx) });
    const adapters = (s.sender as unknown as { adapters: ChannelAdapters }).adapters;
    (adapters.get('bank') as unknown as { send: () => Promise<SendResult> }).send = async () => {
      sent.push('B1');
      return { kind: 'acknowledged', ack: '', replay: true };
    };
    expect(await s.sender.send('B1')).toBe('ACKNOWLEDGED');
    expect(sent).toEqual([]);
    expect(s.polled).toEqual(['B1']);
  });
});

describe('BatchSender.send: a file that cannot be built', () => {
  // The job failed on every attempt and the recovery sweep tried it again every RECOVERY_INTERVAL_MS, for ever: the
  // batch stayed PLANNED, its payments queued, and GET /batches showed no reason (lastError was written only when the
  // partner could not be reached).
  it('says why on the batch (lastError), and fails the job so that it is tried again', async () => {
    const s = sender({ kind: 'acknowledged', ack: '', replay: false });
    const original = (s.sender as unknown as { dataSource: DataSource }).dataSource;
    const inner = (original as unknown as { query: (t: string, p: unknown[]) => Promise<unknown[]> }).query;
    let lastError: unknown = null;
    const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
      if (text.includes('FROM disbursement.partner_batches b JOIN disbursement.runs r')) {
        return [{ batch_id: 'B1', run_id: 'R1', month: '2026-11', channel: 'bank', group_key: '970436/health', status: 'PLANNED', payload_cipher: null, statement_cursor: null }];
      }
      if (text.includes('SET last_error = $2')) lastError = params[1];
      return inner(text, params);
    };
    const tx = { query } as unknown as EntityManager;
    Object.assign(original, { manager: tx, query, transaction: async <T>(work: (em: EntityManager) => Promise<T>) => work(tx) });
    const adapters = (s.sender as unknown as { adapters: ChannelAdapters }).adapters;
    (adapters.get('bank') as unknown as { buildPayload: () => string }).buildPayload = () => {
      throw new Error('batch B1 of the health account holds payment P1 of meritorious_service');
    };
    await expect(s.sender.send('B1')).rejects.toThrow('holds payment P1');
    expect(lastError).toMatch(/holds payment P1/);
  });
});
