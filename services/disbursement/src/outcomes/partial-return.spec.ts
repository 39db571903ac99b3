import type { CamtDocument } from '@benefits/iso20022';
import type { EntityManager } from 'typeorm';
import { returnsFromCamt } from '../channels/domain/bank-outcomes';
import { loadDisbursementConfig } from '../config';
import { OutcomeRecorder } from './outcome-recorder';

/** One settled bank payment PX of 500,000 đồng in batch B1; records the status UPDATE. */
function fakeTx() {
  const written: { ids: string[]; statuses: string[] }[] = [];
  const tx = {
    query: async (text: string, params: unknown[] = []) => {
      if (text.includes('FOR UPDATE OF p')) {
        return [
          {
            payment_id: 'PX', run_id: '0b9d3c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', status: 'settled', programme: 'social_assistance', month: '2026-11', person_ref: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
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

function camtReturning(amount: string, withTxAmount: boolean): CamtDocument {
  return {
    kind: 'camt.054', msgId: 'N1', createdAt: '2026-11-08T17:00:00+07:00',
    reports: [{ id: 'N1', account: '1234567890', entries: [
      { amount, creditDebit: 'CRDT', status: 'BOOK', bookingDate: '2026-11-08', valueDate: '2026-11-08', accountServicerRef: 'A1',
        details: [{ endToEndId: 'PX', ...(withTxAmount ? { amount } : {}), returnReason: 'AC04' }] },
    ] }],
  } as unknown as CamtDocument;
}

const recorder = () => new OutcomeRecorder({ add: async () => undefined } as never, loadDisbursementConfig({ NODE_ENV: 'test' }));

describe('a return of part of a payment read by the outcome poller (camt.054)', () => {
  it('carries the amount credited back, from the transaction or from an entry of one transaction', () => {
    expect(returnsFromCamt(camtReturning('490000', true))[0]?.amount).toBe('490000');
    expect(returnsFromCamt(camtReturning('490000', false))[0]?.amount).toBe('490000');
  });

  it('leaves to the statement a return whose amount it cannot tell (one entry booking several, without their amounts)', () => {
    const doc = camtReturning('990000', false);
    const [entry] = doc.reports.flatMap((report) => report.entries);
    (entry as { details: unknown[] }).details = [...entry.details, { endToEndId: 'PY', returnReason: 'AC04' }];
    expect(returnsFromCamt(doc)).toEqual([]);
  });

  // Recorded returned, the payment could be re-sent in full at once (no statement imported yet, so no debit on
  // record and no amount_mismatch exception to refuse it): what was not credited back may have reached the payee.
  // Left settled, reconciliation records the return with its amount_mismatch in one transaction (finance first).
  it('leaves the payment settled when less than its amount came back', async () => {
    const { tx, written } = fakeTx();
    await recorder().record(tx, returnsFromCamt(camtReturning('100000', true)), 'B1');
    expect(written).toEqual([]);
  });

  it('records the payment returned when its whole amount came back', async () => {
    const { tx, written } = fakeTx();
    await recorder().record(tx, returnsFromCamt(camtReturning('500000', true)), 'B1');
    expect(written).toEqual([{ ids: ['PX'], statuses: ['returned'] }]);
  });
});
