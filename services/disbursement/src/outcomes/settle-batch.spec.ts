import type { CamtDocument, Pain002Report } from '@benefits/iso20022';
import type { EntityManager } from 'typeorm';
import { outcomesFromPain002, returnsFromCamt } from '../channels/domain/bank-outcomes';
import { loadDisbursementConfig } from '../config';
import { OutcomeRecorder } from './outcome-recorder';

/** A transaction that answers the recorder's reads for one 'sent' payment PX of batch B1 and records the status UPDATE. */
function fakeTx() {
  const written: { ids: string[]; statuses: string[] }[] = [];
  const tx = {
    query: async (text: string, params: unknown[] = []) => {
      if (text.includes('SELECT payment_id FROM disbursement.payments WHERE batch_id')) return [{ payment_id: 'PX' }];
      if (text.includes('FOR UPDATE OF p')) {
        return [
          {
            payment_id: 'PX', run_id: '0b9d3c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', status: 'sent', programme: 'social_assistance', month: '2026-11', person_ref: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
            total: '500000', channel: 'bank', account_masked: '****6789', cash_point_code: null, correlation_id: '1b9d3c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', funeral_support: false, arrears_only: false, resend_of: null,
          },
        ];
      }
      if (text.includes('UPDATE disbursement.payments p SET status = x.status')) written.push({ ids: params[0] as string[], statuses: params[1] as string[] });
      return [];
    },
  } as unknown as EntityManager;
  return { tx, written };
}

describe('a file settled as a whole (settleBatch) read with a booked return of the same poll', () => {
  it('records the payment returned, not settled (BankAdapter.fetchOutcomes appends the camt.054 returns to the outcomes)', async () => {
    const pain002: Pain002Report = {
      msgId: 'R1', createdAt: '2026-11-05T08:00:00+07:00', originalMsgId: 'B1', originalMsgNameId: 'pain.001.001.09',
      groupStatus: 'ACSC', groupReasons: [], transactions: [],
    };
    const camt: CamtDocument = {
      kind: 'camt.054', msgId: 'N1', createdAt: '2026-11-08T17:00:00+07:00',
      reports: [{ id: 'N1', account: '1234567890', entries: [
        { amount: '500000', creditDebit: 'CRDT', status: 'BOOK', bookingDate: '2026-11-08', valueDate: '2026-11-08', accountServicerRef: 'A1', details: [{ endToEndId: 'PX', amount: '500000', returnReason: 'AC04' }] },
      ] }],
    } as unknown as CamtDocument;
    const status = outcomesFromPain002(pain002, '2026-11-06');
    expect(status.settledOn).toBe('2026-11-06');
    const outcomes = [...status.outcomes, ...returnsFromCamt(camt)]; // bank.adapter.ts fetchOutcomes
    const { tx, written } = fakeTx();
    const recorder = new OutcomeRecorder({ add: async () => undefined } as never, loadDisbursementConfig({ NODE_ENV: 'test' }));
    // outcome-poller.service.ts: report.settledOn → settleBatch(tx, batchId, settledOn, report.outcomes); the cursor moves past the camt.054.
    await recorder.settleBatch(tx, 'B1', status.settledOn ?? '', outcomes);
    expect(written).toEqual([{ ids: ['PX'], statuses: ['returned'] }]);
  });
});
