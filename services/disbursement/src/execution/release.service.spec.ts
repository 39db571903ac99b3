import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from '@benefits/messaging';
import type { AuthUser } from '@benefits/platform';
import { RunInputsChangedError } from '../common/errors';
import type { DisbursementConfig } from '../config';
import type { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import type { OutcomeRecorder } from '../outcomes/outcome-recorder';
import type { JobDispatcher } from './job-dispatcher';
import { ReleaseService } from './release.service';

/** Run R1 APPROVED, in memory, with the anomalies recorded on it since (the approval refused any before). */
function approved(anomalies: { kind: string; detail: string }[]) {
  const run = { id: 'R1', status: 'APPROVED', provinceCode: '89', programmes: ['social_assistance', 'social_pension'], communeCodes: null };
  const queued: string[] = [];
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (text.includes('FROM disbursement.run_anomalies')) return anomalies.filter((a) => params.length < 2 || a.kind === params[1]);
    if (text.startsWith('UPDATE disbursement.runs SET status')) {
      const [, to, from] = params as [string, string, string];
      if (run.status !== from) return [];
      run.status = to;
      return [{ id: run.id }];
    }
    return [];
  };
  const repository = { findOne: async () => ({ ...run }), findOneByOrFail: async () => ({ ...run }) };
  const tx = { query, getRepository: () => repository } as unknown as EntityManager;
  const dataSource = { manager: tx, query, getRepository: () => repository, transaction: async <T>(work: (em: EntityManager) => Promise<T>) => work(tx) } as unknown as DataSource;
  const logger = { error: () => undefined, warn: () => undefined, info: () => undefined } as unknown as pino.Logger;
  const jobs = { queueRelease: async (runId: string) => void queued.push(runId) } as unknown as JobDispatcher;
  const service = new ReleaseService(dataSource, {} as DisbursementConfig, logger, {} as OutcomeRecorder, {} as NotificationDispatcher, jobs, {} as OutboxRelay);
  return { service, run, queued };
}

const approver = { id: 'lan.tran', roles: ['approver'], programmes: ['social_assistance', 'social_pension'], provinceCode: '89' } as unknown as AuthUser;

describe('ReleaseService.release: inputs that arrived after the approval', () => {
  // The approval refuses a preview with any anomaly on record (RunsService.approve): one on record at release came
  // after it. Before, only PAYER_RUN_CLOSED stopped the release: a destinations chunk received again with another
  // account (CONFLICTING_CHUNK), a declaration of more destinations than were prepared, any late input, and the run
  // was released as approved, paying what its producers no longer said.
  it.each([
    ['CONFLICTING_CHUNK', 'destinations chunk 3 arrived again with other content'],
    ['LATE_INPUT', 'destinationsCompleted arrived while the run was APPROVED: ignored'],
  ])('refuses a run with %s since its approval, and queues nothing', async (kind, detail) => {
    const r = approved([{ kind, detail }]);
    await expect(r.service.release(approver, 'R1')).rejects.toBeInstanceOf(RunInputsChangedError);
    expect(r.run.status).toBe('APPROVED');
    expect(r.queued).toEqual([]);
  });

  it('still refuses a run a payer run closed unpaid left without payer', async () => {
    const r = approved([{ kind: 'PAYER_RUN_CLOSED', detail: '1 person(s) left out of this run as already paid by run R0' }]);
    await expect(r.service.release(approver, 'R1')).rejects.toBeInstanceOf(RunInputsChangedError);
  });

  it('releases a run with nothing on record since its approval', async () => {
    const r = approved([]);
    expect((await r.service.release(approver, 'R1')).status).toBe('RELEASING');
    expect(r.queued).toEqual(['R1']);
  });
});
