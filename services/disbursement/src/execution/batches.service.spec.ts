import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@benefits/platform';
import { BatchStateError } from '../common/errors';
import { BatchesService } from './batches.service';
import type { BatchStatus } from './domain/batch-status';
import type { JobDispatcher } from './job-dispatcher';

/**
 * One bank batch B1 of run R1 with one payment, in memory: the statements BatchesService and transitionBatch run, answered
 * as PostgreSQL would for this one row.
 */
function bank(start: { status: BatchStatus; cameFrom: BatchStatus; payment: string }) {
  const batch = { status: start.status as string, cameFrom: start.cameFrom as string | null };
  const payment = { status: start.payment };
  const polled: string[] = [];
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (text.includes('FOR UPDATE OF b') || text.includes('ORDER BY b.created_at DESC')) {
      return [{ batch_id: 'B1', run_id: 'R1', channel: 'bank', partner: 'bank', status: batch.status, came_from: batch.cameFrom, item_count: 1, total: '500000', attempts: 2, status_changed_at: new Date(), detail: null, last_error: null }];
    }
    if (text.includes('WITH old AS')) {
      const [, from, to] = params as [string, string[], string];
      if (!from.includes(batch.status)) return [];
      const old = batch.status;
      batch.status = to;
      return [{ status: old }];
    }
    if (text.includes('INSERT INTO disbursement.partner_batch_status_changes')) {
      batch.cameFrom = (params as string[])[1];
      return [];
    }
    if (text.includes("UPDATE disbursement.payments SET status = 'sent'") && payment.status === 'queued') payment.status = 'sent';
    return [];
  };
  const tx = {
    query,
    getRepository: () => ({ findOneByOrFail: async () => ({ id: 'R1', provinceCode: '89', programmes: ['social_assistance'], communeCodes: null }) }),
  } as unknown as EntityManager;
  const dataSource = { manager: tx, query, transaction: async <T>(work: (em: EntityManager) => Promise<T>) => work(tx) } as unknown as DataSource;
  const jobs = { ensurePoller: async (_runId: string, batchId: string) => void polled.push(batchId) } as unknown as JobDispatcher;
  const logger = { error: () => undefined, warn: () => undefined, info: () => undefined } as unknown as pino.Logger;
  const service = new BatchesService(dataSource, jobs, logger, {} as never, {} as never, {} as never, {} as never);
  return { service, batch, payment, polled };
}

const operator = { id: 'an.nguyen', roles: ['operator'], programmes: ['social_assistance'], provinceCode: '89' } as unknown as AuthUser;

describe('BatchesService.watchAgain: a batch the partner holds, confirmed by a person', () => {
  // The first attempt timed out here after the bank took the file; the retry, the same file under the same MsgId, is
  // refused for duplication (BankAdapter.send: ATTENTION from SENDING). Sending it again is refused the same way, and
  // before, watching it again was refused too (only for a batch acknowledged first): its payments stayed queued for
  // ever, the bank's rejections in it never recorded nor re-sent, its run never completed.
  it('watches again a file refused as a duplicate at its sending: acknowledged, its payments sent, its outcomes polled', async () => {
    const b = bank({ status: 'ATTENTION', cameFrom: 'SENDING', payment: 'queued' });
    const view = await b.service.watchAgain(operator, 'B1', 'ngân hàng xác nhận đã nhận tệp ở lần gửi đầu');
    expect(view.status).toBe('ACKNOWLEDGED');
    expect(b.payment.status).toBe('sent');
    expect(b.polled).toEqual(['B1']);
  });

  it('watches again a batch acknowledged, then lost, as before', async () => {
    const b = bank({ status: 'ATTENTION', cameFrom: 'ACKNOWLEDGED', payment: 'sent' });
    expect((await b.service.watchAgain(operator, 'B1', 'bưu điện nói đã có danh sách')).status).toBe('ACKNOWLEDGED');
    expect(b.polled).toEqual(['B1']);
  });

  it('refuses a batch not waiting for a person', async () => {
    const b = bank({ status: 'ACKNOWLEDGED', cameFrom: 'SENDING', payment: 'sent' });
    await expect(b.service.watchAgain(operator, 'B1', 'x')).rejects.toBeInstanceOf(BatchStateError);
  });
});
