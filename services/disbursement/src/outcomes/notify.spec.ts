import type { EntityManager } from 'typeorm';
import type { PartnerOutcome } from '../channels/channel-adapter';
import { loadDisbursementConfig } from '../config';
import { OutcomeRecorder } from './outcome-recorder';

const PAYMENT = {
  payment_id: 'PX', run_id: '0b9d3c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', status: 'sent', programme: 'social_assistance', month: '2026-11', person_ref: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
  total: '2040000', channel: 'bank', account_masked: '******6789' as string | null, cash_point_code: null as string | null, correlation_id: '1b9d3c3e-1a2b-4c5d-8e9f-0a1b2c3d4e5f', funeral_support: false, arrears_only: false, resend_of: null,
};

/** One bank payment PX (sent) of November with its own line, arrears for September and October carried over; records what the notifications' SQL is given. */
function fakeTx(row: Partial<typeof PAYMENT> & { deceased?: boolean } = {}) {
  const inserted: { paymentIds: string[]; outcomes: string[]; texts: string[] }[] = [];
  const superseded: string[][] = [];
  const tx = {
    query: async (text: string, params: unknown[] = []) => {
      if (text.includes('FOR UPDATE OF p')) return [{ ...PAYMENT, ...row }];
      if (text.includes('FROM disbursement.payment_lines')) {
        return [
          { payment_id: 'PX', source: 'regular', month: '2026-11', amount: '750000' },
          { payment_id: 'PX', source: 'arrears', month: '2026-09', amount: '540000' },
          { payment_id: 'PX', source: 'carry_over', month: '2026-10', amount: '750000' },
        ];
      }
      if (text.includes("SET status = 'superseded'")) superseded.push(params[0] as string[]);
      if (text.includes('INSERT INTO disbursement.notifications')) {
        inserted.push({ paymentIds: params[0] as string[], outcomes: params[2] as string[], texts: params[4] as string[] });
        return (params[0] as string[]).map((_, i) => ({ id: String(i + 1) }));
      }
      return [];
    },
  } as unknown as EntityManager;
  return { tx, inserted, superseded };
}

const recorder = () => new OutcomeRecorder({ add: async () => undefined } as never, loadDisbursementConfig({ NODE_ENV: 'test' }));
const settled: PartnerOutcome = { paymentId: 'PX', outcome: 'settled', occurredOn: '2026-11-08' };
const returned: PartnerOutcome = { paymentId: 'PX', outcome: 'returned', reasonCode: 'AC04', occurredOn: '2026-11-09' };

describe('the notification an outcome writes', () => {
  it('names the earlier months the amount pays for (arrears, a month carried over), from the payment lines', async () => {
    const { tx, inserted } = fakeTx();
    await recorder().record(tx, [settled], 'B1');
    expect(inserted.flatMap((i) => i.texts)).toEqual(['Bạn đã nhận 2.040.000 đồng trợ cấp xã hội tháng 11/2026 (gồm cả tiền tháng 09/2026, 10/2026) vào tài khoản ****6789.']);
  });

  // Settled then returned on one statement: "Bạn đã nhận" is no longer true once the money came back.
  it('tells a payment settled and returned in one report only that it was returned', async () => {
    const { tx, inserted } = fakeTx();
    await recorder().record(tx, [settled, returned], 'B1');
    expect(inserted.map((i) => i.outcomes)).toEqual([['returned']]);
    expect(inserted[0]?.texts[0]).toContain('đã bị ngân hàng trả lại (tài khoản đã đóng)');
  });

  // A settlement told earlier but not sent yet (the notifier failing, the process died): the sweep would send
  // "Bạn đã nhận" after the return was known. The newer outcome supersedes what is still pending of the payment.
  it('supersedes what is still pending of an earlier outcome of the payment', async () => {
    const { tx, superseded } = fakeTx({ status: 'settled' });
    await recorder().record(tx, [returned], 'B1');
    expect(superseded).toEqual([['PX']]);
  });

  // A payment sent has never had an outcome, so no message of it: nothing to look for (a statement per report, 1.4 s
  // of PostgreSQL's time per 100,000 payments that found nothing).
  it('looks for nothing to supersede when the outcome is the payment’s first', async () => {
    const { tx, superseded, inserted } = fakeTx();
    await recorder().record(tx, [settled, returned], 'B1');
    expect(superseded).toEqual([]);
    expect(inserted.map((i) => i.outcomes)).toEqual([['returned']]);
  });

  // June's arrears for March, owed to a person who died in March, paid to the funeral payee: never "Bạn đã nhận".
  it("tells the family what is paid of a deceased person's arrears to their funeral payee", async () => {
    const { tx, inserted } = fakeTx({ deceased: true, total: '2040000' });
    await recorder().record(tx, [settled], 'B1');
    expect(inserted[0]?.texts[0]).toMatch(/^Người lo mai táng đã nhận 2\.040\.000 đồng/);
  });

  // The post office paid a proxy (a written authorisation): "Bạn đã nhận" would tell a beneficiary whose money someone
  // else took that they had it, and they would never call the commune.
  it('tells a beneficiary whose money a proxy received that a proxy received it, and at home when it was paid at home', async () => {
    const { tx, inserted } = fakeTx({ channel: 'post_office_cash', account_masked: null, cash_point_code: 'DCT-30316-01' });
    await recorder().record(tx, [{ ...settled, payout: { how: 'at_home', point: 'DCT-30316-01', receivedBy: 'Trần Văn Bình' } }], 'B1');
    expect(inserted[0]?.texts[0]).toBe(
      'Người được bạn ủy quyền đã nhận thay 2.040.000 đồng trợ cấp xã hội tháng 11/2026 (gồm cả tiền tháng 09/2026, 10/2026) tại nhà. Nếu bạn không ủy quyền cho ai, vui lòng báo ngay UBND xã.',
    );
  });
});
