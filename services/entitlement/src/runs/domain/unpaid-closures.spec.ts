import { namedClosures, toldClosure } from './unpaid-closures';

const [runId, first, second] = ['5b0e6a44-0000-4000-8000-000000000003', '5b0e6a44-0000-4000-8000-000000000001', '5b0e6a44-0000-4000-8000-000000000002'];

describe('unpaid closures: a run disbursement closed before release, told by RunClosedUnpaid or named by a later run', () => {
  it('keeps how RunClosedUnpaid says the run ended as its reason', () => {
    const closed = { runId: first, month: '2026-05', status: 'REJECTED', reason: 'amounts to check', closedBy: 'approver-1' };
    expect(toldClosure(closed, 'corr-1')).toEqual({ runId: first, month: '2026-05', correlationId: 'corr-1', reason: 'REJECTED in disbursement by approver-1: amounts to check' });
  });

  it('names each run the completion lists, for the month of the run requested after them', () => {
    expect(namedClosures({ runId, month: '2026-05', closedRunIds: [first, second] }, 'corr-3')).toEqual([
      { runId: first, month: '2026-05', correlationId: 'corr-3', reason: `closed unpaid in disbursement before run ${runId} of the month was requested` },
      { runId: second, month: '2026-05', correlationId: 'corr-3', reason: `closed unpaid in disbursement before run ${runId} of the month was requested` },
    ]);
  });

  it('names none when the completion lists none (events from before the field)', () => {
    expect(namedClosures({ runId, month: '2026-05' }, 'corr-3')).toEqual([]);
    expect(namedClosures({ runId, month: '2026-05', closedRunIds: [] }, 'corr-3')).toEqual([]);
  });

  it('names each run once, and never the run being completed', () => {
    expect(namedClosures({ runId, month: '2026-05', closedRunIds: [first, runId, first] }, 'corr-3').map((c) => c.runId)).toEqual([first]);
  });
});
