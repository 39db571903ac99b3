import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditTrail, AuthUser } from '@benefits/platform';
import type { AtRestCipher } from '../common/pii';
import type { DisbursementConfig } from '../config';
import type { JobDispatcher } from '../execution/job-dispatcher';
import { RunProgress } from '../execution/run-progress';
import type { RunStatus } from '../runs/domain/run-status';
import { RunEntity } from '../runs/run.entity';
import { PaymentEntity } from './payment.entity';
import { ResendRequestEntity } from './resend-request.entity';
import { ResendService } from './resend.service';

const REQUESTER: AuthUser = { id: 'an.nguyen', name: 'An', roles: ['operator'], programmes: ['social_assistance'], provinceCode: '79' };
const APPROVER: AuthUser = { id: 'binh.tran', name: 'Bình', roles: ['approver'], programmes: ['social_assistance'], provinceCode: '79' };

/**
 * Run R1 in `runStatus`, in memory, with payment P1 of it rejected by the bank and a pending request to re-send it; no
 * statement line, exception or repayment stands in the way. The run's status changes are kept as PostgreSQL would.
 */
function world(runStatus: RunStatus, original: Partial<PaymentEntity> = {}, runCommunes: string[] | null = null) {
  const run = { id: 'R1', status: runStatus as string, provinceCode: '79', programmes: ['social_assistance'], communeCodes: runCommunes };
  const payment = {
    paymentId: 'P1',
    runId: 'R1',
    kind: 'regular',
    status: 'rejected',
    reasonCode: 'AM04',
    programme: 'social_assistance',
    amount: '500000',
    total: '500000',
    components: [{ kind: 'monthly_allowance', groupCode: 'G1', amount: '500000' }],
    channel: 'bank',
    bankBin: '970436',
    accountHash: 'h-old',
    accountMasked: '******7890',
    holderName: 'NGUYEN VAN A',
    communeCode: '26734',
    cashPointCode: null,
    ...original,
  };
  const request = {
    id: 'Q1',
    paymentId: 'P1',
    status: 'PENDING',
    requestedBy: REQUESTER.id,
    reason: 'số tài khoản đã sửa',
    channel: 'bank',
    bankBin: '970436',
    accountCipher: 'c-new',
    accountHash: 'h-new',
    accountMasked: '******1234',
    holderName: 'NGUYEN VAN A',
    communeCode: '26734',
    cashPointCode: null,
  };
  const runChanges: { from: string; to: string; by: string; reason: string | null }[] = [];
  const inserted: unknown[] = [];
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (text.startsWith('UPDATE disbursement.runs SET status')) {
      const [, to, from] = params as [string, string, string];
      if (run.status !== from) return [];
      run.status = to;
      return [{ id: run.id }];
    }
    if (text.startsWith('INSERT INTO disbursement.run_status_changes')) {
      const [, from, to, by, reason] = params as [string, string, string, string, string | null];
      runChanges.push({ from, to, by, reason });
    }
    if (text.startsWith('SELECT status FROM disbursement.runs')) return [{ status: run.status }];
    if (text.startsWith('SELECT id, status FROM disbursement.runs')) return [{ id: run.id, status: run.status }];
    // The re-send, once approved: its batch planned, not yet acknowledged; it awaits its outcome.
    if (text.includes('FROM disbursement.partner_batches WHERE run_id')) return [{ open: inserted.length > 0 }];
    if (text.includes('FROM disbursement.payments WHERE run_id')) return [{ open: inserted.length > 0 }];
    return [];
  };
  const entityOf = (entity: unknown) => (entity === RunEntity ? { ...run } : entity === PaymentEntity ? { ...payment } : entity === ResendRequestEntity ? { ...request } : undefined);
  const repository = (entity: unknown) => ({ findOne: async () => entityOf(entity), findOneByOrFail: async () => entityOf(entity) });
  const manager = {
    query,
    getRepository: repository,
    create: (_entity: unknown, value: unknown) => value,
    insert: async (entity: unknown, value: unknown) => void (entity === PaymentEntity && inserted.push(value)),
  } as unknown as EntityManager;
  const dataSource = { manager, query, getRepository: repository, transaction: async <T>(work: (tx: EntityManager) => Promise<T>) => work(manager) } as unknown as DataSource;
  const jobs = { dispatchBatches: async () => undefined } as unknown as JobDispatcher;
  const config = { BANK_BATCH_SIZE: 500, POST_OFFICE_BATCH_SIZE: 500 } as DisbursementConfig;
  const logger = { info: () => undefined, error: () => undefined } as unknown as pino.Logger;
  const audit = { record: async () => undefined } as unknown as AuditTrail;
  const cipher = { encrypt: (text: string) => `c:${text}`, lookupHash: (text: string) => `h:${text}` } as unknown as AtRestCipher;
  const service = new ResendService(dataSource, cipher, jobs, config, logger, audit);
  return { service, run, request, runChanges, inserted, progress: new RunProgress(dataSource) };
}

describe('ResendService.approve: the run of a re-send approved after it completed', () => {
  // The run stayed COMPLETED while the re-send's money moved: GET /runs/:id read done, progress allFinal false, and
  // nothing told operators or finance that the run was paying again, nor when the re-send had its outcome.
  it('goes back to RELEASED, by the approver and why, and completes again only once the re-send is final', async () => {
    const w = world('COMPLETED');
    await w.service.approve(APPROVER, 'Q1');
    expect(w.run.status).toBe('RELEASED');
    expect(w.runChanges).toEqual([{ from: 'COMPLETED', to: 'RELEASED', by: APPROVER.id, reason: expect.stringContaining('P1') }]);
    // The recovery sweep (advanceQuiet) and every poll leave it while the re-send's batch is open.
    expect(await w.progress.advance('R1')).toBe('RELEASED');
    w.inserted.length = 0; // the re-send acknowledged and final
    expect(await w.progress.advance('R1')).toBe('COMPLETED');
  });

  it.each<RunStatus>(['RELEASED', 'SENT'])('leaves a %s run as it is: it completes only once the re-send is final anyway', async (status) => {
    const w = world(status);
    await w.service.approve(APPROVER, 'Q1');
    expect(w.run.status).toBe(status);
    expect(w.runChanges).toEqual([]);
  });
});

describe('ResendService.request: a corrected destination', () => {
  const closedAccount = { channel: 'bank', bankBin: '970436', accountNumber: '0011002233', accountHolderName: 'Nguyễn Văn A', communeCode: '26734' } as const;

  // The bank refused P1 because the account is closed (AC04); a request to the same account at the same bank was taken,
  // approved, sent, and refused again: the beneficiary waited another cycle for nothing, the approver none the wiser.
  it('refuses the account at which the original failed for a reason of that account', async () => {
    const w = world('COMPLETED', { reasonCode: 'AC04', accountHash: 'h:0011002233' });
    await expect(w.service.request(REQUESTER, 'P1', closedAccount, 'tài khoản đã sửa')).rejects.toMatchObject({ code: 'INVALID_DESTINATION', message: expect.stringContaining('AC04') });
  });

  it('takes that account again when the original failed for a reason not its own (a batch the bank never received)', async () => {
    const w = world('COMPLETED', { reasonCode: 'BATCH_LOST', accountHash: 'h:0011002233' });
    await expect(w.service.request(REQUESTER, 'P1', closedAccount, 'ngân hàng không nhận được danh sách')).resolves.toMatchObject({ status: 'PENDING', accountHash: 'h:0011002233' });
  });
});

describe('ResendService: the corrected destination of a user whose token is limited to communes', () => {
  const OPERATOR: AuthUser = { ...REQUESTER, communeCodes: ['26734'] };
  const COMMUNE_APPROVER: AuthUser = { ...APPROVER, communeCodes: ['26734'] };
  const cashPoint = (communeCode: string) =>
    ({ channel: 'post_office_cash', cashPointCode: `DCT-${communeCode}-01`, accountHolderName: 'Nguyễn Văn A', communeCode }) as const;

  // The run was the operator's commune, so the request went through: the money then went to another commune's cash list,
  // which neither they nor their approver may act on.
  it('refuses a request that sends the payment to a commune outside the operator’s', async () => {
    const w = world('COMPLETED', {}, ['26734']);
    await expect(w.service.request(OPERATOR, 'P1', cashPoint('26737'), 'nhận tại xã khác')).rejects.toMatchObject({
      code: 'SCOPE_FORBIDDEN',
      message: expect.stringContaining('26737'),
    });
    await expect(w.service.request(OPERATOR, 'P1', cashPoint('26734'), 'nhận tại điểm chi trả của xã')).resolves.toMatchObject({ status: 'PENDING' });
  });

  it('refuses the approval by an approver limited to communes that do not hold the destination’s', async () => {
    const w = world('COMPLETED', {}, ['26734']);
    const elsewhere = world('COMPLETED', {}, ['26734']);
    // The request was made by a user of the whole province, for a cash point of commune 26737.
    Object.assign(elsewhere.request, { channel: 'post_office_cash', cashPointCode: 'DCT-26737-01', communeCode: '26737', accountCipher: null, accountHash: null });
    await expect(elsewhere.service.approve(COMMUNE_APPROVER, 'Q1')).rejects.toMatchObject({ code: 'SCOPE_FORBIDDEN', message: expect.stringContaining('26737') });
    expect(elsewhere.inserted).toEqual([]);
    await expect(w.service.approve(COMMUNE_APPROVER, 'Q1')).resolves.toMatchObject({ paymentId: 'P1' });
  });
});
