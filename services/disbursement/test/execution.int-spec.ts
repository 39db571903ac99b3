import { createHash } from 'node:crypto';
import { Queues } from '@benefits/contracts';
import { parsePain001, vietnamDate } from '@benefits/iso20022';
import { BankAdapter } from '../src/channels/bank.adapter';
import { PartnerUnavailableError } from '../src/channels/channel-adapter';
import { AtRestCipher } from '../src/common/pii';
import { BatchSender } from '../src/execution/batch-sender.service';
import { JobDispatcher } from '../src/execution/job-dispatcher';
import { OutcomePoller } from '../src/execution/outcome-poller.service';
import { OutcomeRecorder } from '../src/outcomes/outcome-recorder';
import { batchJobId, partnerQueue } from '../src/execution/queues';
import type { RunPreview } from '../src/runs/run-preview.service';
import { account, beneficiary, preparedRun, publish, release, requestRun, runInputs, testCommune, waitForStatus, type Beneficiary } from './support/fixtures';
import { call, eventually, startHarness, user, type Harness, type User } from './support/harness';

jest.setTimeout(90_000);

interface PaymentBody {
  paymentId: string;
  personRef: string;
  kind: string;
  status: string;
  reasonCode: string | null;
  accountMasked: string | null;
  total: string;
  carriedOverAmount: string;
  resendOf: string | null;
  batchId: string | null;
  cashPointCode: string | null;
  address: string | null;
  paidHow: string | null;
  paidAtPoint: string | null;
  receivedBy: string | null;
}

/** Release, BullMQ flow, partner batches and outcomes against the real Redis, PostgreSQL, Kafka and in-process sandboxes. */
describe('payment run execution: flow, partner batches, outcomes, re-send, carry-over', () => {
  let h: Harness;
  let operator: User;
  let approver: User;

  beforeAll(async () => {
    h = await startHarness();
    operator = await user(['operator'], 'operator');
    approver = await user(['approver'], 'approver');
  });
  afterAll(() => h?.close());

  const bankFiles = async () => ((await (await fetch(`${h.bankUrl}/health`)).json()) as { files: number }).files;
  const paymentOf = async (personRef: string) => (await call<{ payments: PaymentBody[] }>(h, approver, 'GET', `/payments?personRef=${personRef}`)).body.payments;
  const outboxOf = (type: string, key: string) =>
    h.db.query<{ envelope: { payload: Record<string, unknown> } }[]>(
      `SELECT envelope::jsonb AS envelope FROM disbursement.outbox WHERE type = $1 AND key = $2 ORDER BY id`,
      [type, key],
    );

  async function releasedAndDone(month: string, commune: string, people: Beneficiary[], before?: () => Promise<void>) {
    const run = await preparedRun(h, operator, month, commune, people);
    expect(run.status).toBe('PREVIEW_READY');
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    await before?.();
    await release(h, approver, run.id);
    return run;
  }

  const commune = testCommune();
  const a = beneficiary(commune);
  const rejected = beneficiary(commune, { account: '5550000001' });
  const returned = beneficiary(commune, { account: '5550000099' });
  const poAccount = beneficiary(commune, { channel: 'post_office_account' });
  const cash = beneficiary(commune, { channel: 'post_office_cash', name: 'Lê Văn Tám' });
  const absent = beneficiary(commune, { channel: 'post_office_cash', name: 'Trần Văn ABSENT' });
  let firstRunId: string;

  it('sends a released run as a flow of partner batches and follows every payment to its outcome', async () => {
    const filesBefore = await bankFiles();
    const run = await releasedAndDone('2031-04', commune, [a, rejected, returned, poAccount, cash, absent]);
    firstRunId = run.id;
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    await eventually(async () => (await paymentOf(returned.personRef))[0]?.status === 'returned', 15_000, 'the return on camt.054');

    expect(await bankFiles()).toBe(filesBefore + 1);
    const summary = await call<{ byOutcome: { outcome: string; count: number; total: string }[]; payments: { count: number } }>(h, approver, 'GET', `/runs/${run.id}/summary`);
    expect(summary.body.payments.count).toBe(6);
    expect(Object.fromEntries(summary.body.byOutcome.map((o) => [o.outcome, o.count]))).toEqual({ settled: 3, rejected: 1, returned: 1, not_collected: 1 });
    const progress = await call<{ percentFinal: number; batches: { total: number } }>(h, approver, 'GET', `/runs/${run.id}/progress`);
    expect(progress.body).toMatchObject({ percentFinal: 100, allFinal: true, batches: { total: 3 } });

    const [paid] = await paymentOf(a.personRef);
    const accountA = a.account ?? '';
    expect(paid).toMatchObject({ status: 'settled', accountMasked: `******${accountA.slice(-4)}` });
    expect(JSON.stringify(await paymentOf(a.personRef))).not.toContain(accountA);
    expect((await paymentOf(rejected.personRef))[0]).toMatchObject({ status: 'rejected', reasonCode: 'AC01' });
    expect((await paymentOf(absent.personRef))[0]).toMatchObject({ status: 'not_collected', reasonCode: 'ABSENT' });

    // Told to entitlement a partner report at a time, keyed by the run: each outcome once, in the order recorded.
    const events = await outboxOf('PaymentOutcomesRecorded', run.id);
    const outcomes = events.flatMap((e) => e.envelope.payload.outcomes as { outcomeId: string; personRef: string; outcome: string }[]);
    expect(events.every((e) => e.envelope.payload.runId === run.id)).toBe(true);
    expect(outcomes).toHaveLength(7);
    expect(new Set(outcomes.map((o) => o.outcomeId)).size).toBe(7);
    const ofReturned = outcomes.filter((o) => o.personRef === returned.personRef);
    expect(ofReturned.map((o) => o.outcome)).toEqual(['settled', 'returned']);
    expect(ofReturned[1]).toMatchObject({ reasonCode: 'AC04', amount: '750000', month: '2031-04', lines: [{ kind: 'regular', month: '2031-04', amount: '750000' }] });

    const texts = await h.db.query<{ person_ref: string; outcome: string; text: string; status: string }[]>(
      `SELECT n.person_ref, n.outcome, n.text, n.status FROM disbursement.notifications n JOIN disbursement.payments p USING (payment_id) WHERE p.run_id = $1`,
      [run.id],
    );
    const textOf = (b: Beneficiary, outcome: string) => texts.find((t) => t.person_ref === b.personRef && t.outcome === outcome)?.text;
    expect(textOf(a, 'settled')).toBe(`Bạn đã nhận 750.000 đồng trợ cấp xã hội tháng 04/2031 vào tài khoản ****${accountA.slice(-4)}.`);
    expect(textOf(cash, 'settled')).toBe(`Bạn đã nhận 750.000 đồng trợ cấp xã hội tháng 04/2031 tại điểm chi trả DCT-${commune}-01.`);
    expect(textOf(rejected, 'rejected')).toContain('(số tài khoản không đúng)');
    expect(textOf(absent, 'not_collected')).toContain('Số tiền được chuyển sang kỳ chi trả tháng sau.');
    expect(texts.every((t) => t.status === 'sent')).toBe(true);

    const runs = h.app.get(JobDispatcher).queues().find((q) => q.name === 'disbursement-runs');
    expect(await (await runs?.getJob(`run-${run.id}`))?.getState()).toBe('completed');
  });

  it('never re-sends an acknowledged batch, and a batch sent before a crash goes again as the same file', async () => {
    const sender = h.app.get(BatchSender);
    const [bankBatch] = await h.db.query<{ batch_id: string; attempts: number }[]>(
      `SELECT batch_id, attempts FROM disbursement.partner_batches WHERE run_id = $1 AND channel = 'bank'`,
      [firstRunId],
    );
    const files = await bankFiles();
    expect(['ACKNOWLEDGED', 'FINAL']).toContain(await sender.send(bankBatch.batch_id));
    const [after] = await h.db.query<{ attempts: number }[]>('SELECT attempts FROM disbursement.partner_batches WHERE batch_id = $1', [bankBatch.batch_id]);
    expect(after.attempts).toBe(bankBatch.attempts);
    expect(await bankFiles()).toBe(files);

    // The crash: the file went out, the worker died before the acknowledgement was stored. The job runs again.
    const queue = h.app.get(JobDispatcher).queues().find((q) => q.name === partnerQueue('bank'));
    if (!queue) throw new Error('no bank queue');
    const people = [beneficiary(testCommune()), beneficiary(testCommune())].map((b, i, all) => ({ ...b, communeCode: all[0].communeCode }));
    const run = await releasedAndDone('2031-04', people[0].communeCode, people, () => queue.pause());
    const [batch] = await h.db.query<{ batch_id: string }[]>(`SELECT batch_id FROM disbursement.partner_batches WHERE run_id = $1`, [run.id]);
    const stored = await sender.storePayload(batch.batch_id);
    const adapter = h.app.get(BankAdapter);
    const first = await adapter.send({ batchId: batch.batch_id, runId: run.id, month: '2031-04', channel: 'bank', groupKey: '970436', cursor: null, payload: h.app.get(AtRestCipher).decrypt(stored.payload_cipher) });
    expect(first).toMatchObject({ kind: 'acknowledged', replay: false });
    const sentOnce = await bankFiles();

    await queue.resume();
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect(await bankFiles()).toBe(sentOnce);
    const changes = await h.db.query<{ to_status: string; detail: string }[]>(
      'SELECT to_status, detail FROM disbursement.partner_batch_status_changes WHERE batch_id = $1 ORDER BY id',
      [batch.batch_id],
    );
    expect(changes.map((c) => c.to_status).slice(0, 3)).toEqual(['PLANNED', 'SENDING', 'ACKNOWLEDGED']);
    expect(changes[2].detail).toBe('acknowledged (idempotent replay)');
    for (const b of people) expect((await paymentOf(b.personRef)).map((p) => p.status)).toEqual(['settled']);
  });

  it('records the digest of the status report it read, does not read the same report again, nor any once every status is final', async () => {
    const [bankBatch] = await h.db.query<{ batch_id: string; group_key: string; status_report_sha256: string | null }[]>(
      `SELECT batch_id, group_key, status_report_sha256 FROM disbursement.partner_batches WHERE run_id = $1 AND channel = 'bank'`,
      [firstRunId],
    );
    const pain002 = await (await fetch(`${h.bankUrl}/pain002/${bankBatch.batch_id}`)).text();
    // The bank stamps each rendering of the report with the time (GrpHdr/CreDtTm); the rest is what was read.
    const withoutCreationTime = pain002.replace(/<CreDtTm>[^<]*<\/CreDtTm>/, '');
    expect(withoutCreationTime).not.toBe(pain002);
    expect(bankBatch.status_report_sha256).toBe(createHash('sha256').update(withoutCreationTime).digest('hex'));

    const adapter = h.app.get(BankAdapter);
    const batch = { batchId: bankBatch.batch_id, runId: firstRunId, month: '2031-04', channel: 'bank' as const, groupKey: bankBatch.group_key, cursor: null };
    const unseen = await adapter.fetchOutcomes({ ...batch, statusReportSha256: null, outcomesComplete: false });
    expect(unseen.outcomes.map((o) => o.outcome)).toEqual(expect.arrayContaining(['settled', 'rejected']));
    expect(unseen.complete).toBe(true);
    // The same pain.002 again: nothing from it, while the returns of camt.054 are still read.
    const returnsOnly = unseen.outcomes.filter((o) => o.outcome === 'returned').map((o) => o.outcome);
    const seen = await adapter.fetchOutcomes({ ...batch, statusReportSha256: bankBatch.status_report_sha256, outcomesComplete: false });
    expect(seen.outcomes.map((o) => o.outcome)).toEqual(returnsOnly);
    expect(seen.statusReportSha256).toBe(bankBatch.status_report_sha256);
    // Every payment's status final: the batch is only watched for returns, and the pain.002 is not asked for again.
    const watched = await adapter.fetchOutcomes({ ...batch, statusReportSha256: null, outcomesComplete: true });
    expect(watched.outcomes.map((o) => o.outcome)).toEqual(returnsOnly);
    expect(watched.complete).toBe(true);
  });

  it('re-sends a rejected payment to a corrected account, requested by one user and approved by another', async () => {
    const [original] = await paymentOf(rejected.personRef);
    const both = await user(['operator', 'approver'], 'both');
    const corrected = { channel: 'bank', bankBin: '970436', accountNumber: '7770002468', accountHolderName: 'Nguyễn Thị Lan', communeCode: commune };

    const settledOne = (await paymentOf(a.personRef))[0];
    expect((await call<{ code: string }>(h, operator, 'POST', `/payments/${settledOne.paymentId}/resend`, { destination: corrected, reason: 'test' })).body.code).toBe('RESEND_NOT_ALLOWED');
    const request = await call<{ id: string; status: string; destination: { accountMasked: string } }>(h, both, 'POST', `/payments/${original.paymentId}/resend`, {
      destination: corrected,
      reason: 'Số tài khoản đã được xác minh lại',
    });
    expect(request.status).toBe(201);
    expect(request.body).toMatchObject({ status: 'PENDING', destination: { accountMasked: '******2468' } });
    // Home Affairs' operator (meritorious only) reads neither this social-assistance payment nor its re-send request.
    const homeAffairs = await user(['operator'], 'home-affairs', ['meritorious']);
    expect((await call<{ payments: unknown[] }>(h, homeAffairs, 'GET', `/payments?personRef=${rejected.personRef}`)).body.payments).toEqual([]);
    expect((await call(h, homeAffairs, 'GET', `/payments/${original.paymentId}`)).status).toBe(404);
    expect((await call<{ resends: { id: string }[] }>(h, homeAffairs, 'GET', '/payments/resends?status=PENDING')).body.resends.map((r) => r.id)).not.toContain(request.body.id);
    expect((await call<{ resends: { id: string }[] }>(h, both, 'GET', '/payments/resends?status=PENDING')).body.resends.map((r) => r.id)).toContain(request.body.id);
    expect((await call<{ code: string }>(h, both, 'POST', `/payments/resends/${request.body.id}/approve`)).body.code).toBe('FOUR_EYES');
    // The run had completed: paying again from it, it reads RELEASED until the re-send is final, then COMPLETED again.
    const runStatus = async () => (await h.db.query<{ status: string }[]>('SELECT status FROM disbursement.runs WHERE id = $1', [firstRunId]))[0].status;
    await eventually(async () => (await runStatus()) === 'COMPLETED', 20_000, 'the first run to complete');
    const approved = await call<{ status: string; resendPaymentId: string }>(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`);
    expect(approved.body.status).toBe('APPROVED');
    expect(await runStatus()).toBe('RELEASED');
    expect((await call<{ allFinal: boolean }>(h, operator, 'GET', `/runs/${firstRunId}/progress`)).body.allFinal).toBe(false);

    await eventually(async () => (await paymentOf(rejected.personRef)).find((p) => p.kind === 'resend')?.status === 'settled', 20_000, 'the re-send to settle');
    await eventually(async () => (await runStatus()) === 'COMPLETED', 20_000, 'the run to complete again');
    const payments = await paymentOf(rejected.personRef);
    expect(payments.map((p) => [p.kind, p.status, p.resendOf])).toEqual(
      expect.arrayContaining([
        ['regular', 'rejected', null],
        ['resend', 'settled', original.paymentId],
      ]),
    );
    // Entitlement is told which payment the re-send paid again: the month then counts paid once, not twice.
    const told = (await outboxOf('PaymentOutcomesRecorded', firstRunId)).flatMap((e) => e.envelope.payload.outcomes as { paymentId: string; resendOf?: string; lines: unknown[] }[]);
    expect(told.filter((o) => o.paymentId === approved.body.resendPaymentId)).toEqual([
      expect.objectContaining({ resendOf: original.paymentId, lines: [expect.objectContaining({ kind: 'resent' })] }),
    ]);
    const again = await call<{ code: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: corrected, reason: 'twice' });
    expect(again.body.code).toBe('RESEND_NOT_ALLOWED');
  });

  it("debits meritorious payments from the Department of Home Affairs' account and the others from Health's, one file each, and reads both statements", async () => {
    const village = testCommune();
    const assisted = beneficiary(village);
    const veteran = beneficiary(village, { programme: 'meritorious' });
    const run = await preparedRun(h, operator, '2036-10', village, [assisted, veteran], ['social_assistance', 'social_pension', 'meritorious']);
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    await release(h, approver, run.id);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const files = await h.db.query<{ group_key: string; payload_cipher: string }[]>(
      `SELECT group_key, payload_cipher FROM disbursement.partner_batches WHERE run_id = $1 AND channel = 'bank' ORDER BY group_key`,
      [run.id],
    );
    const debtors = files.map((f) => {
      const [block] = parsePain001(h.app.get(AtRestCipher).decrypt(f.payload_cipher)).paymentInstructions;
      return [f.group_key, block.debtorAccount, block.transactions.length];
    });
    expect(debtors).toEqual([
      ['970436/health', h.config.DEBTOR_ACCOUNT, 1],
      ['970436/home_affairs', h.config.HOME_AFFAIRS_DEBTOR_ACCOUNT, 1],
    ]);

    // Finance fetches the day's statement of each account: each payment is matched on its own department's.
    const finance = await user(['finance'], 'finance');
    const fetched = await call<{ kind: string; matched: number }[]>(h, finance, 'POST', '/statements/fetch', { source: 'bank', date: vietnamDate(new Date()) });
    expect(fetched.status).toBe(201);
    expect(fetched.body.map((f) => f.kind)).toEqual(['camt.053', 'camt.053']);
    const recon = await call<{ byClass: Record<string, { count: number }> }>(h, finance, 'GET', `/runs/${run.id}/reconciliation`);
    expect(recon.body.byClass.matched?.count).toBe(2);
  });

  it('keeps a rejection the bank contradicts with a settlement, and refuses a re-send until finance resolves it: the money may have arrived', async () => {
    const village = testCommune();
    const refused = beneficiary(village, { account: '5550000001' });
    const run = await releasedAndDone('2036-09', village, [refused]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const [payment] = await h.db.query<{ payment_id: string; batch_id: string; status: string }[]>('SELECT payment_id, batch_id, status FROM disbursement.payments WHERE run_id = $1', [run.id]);
    expect(payment.status).toBe('rejected');

    // The bank's next status report says settled (it reversed its refusal).
    await h.db.transaction((tx) => h.app.get(OutcomeRecorder).record(tx, [{ paymentId: payment.payment_id, outcome: 'settled', occurredOn: '2036-09-08' }], payment.batch_id));
    expect(await h.db.query('SELECT status FROM disbursement.payments WHERE payment_id = $1', [payment.payment_id])).toEqual([{ status: 'rejected' }]);
    expect(await h.db.query(`SELECT kind, status FROM disbursement.recon_exceptions WHERE payment_id = $1`, [payment.payment_id])).toEqual([{ kind: 'outcome_mismatch', status: 'open' }]);
    const corrected = { channel: 'bank', bankBin: '970436', accountNumber: account(), accountHolderName: 'Nguyễn Thị Lan', communeCode: village };
    const resend = await call<{ code: string }>(h, operator, 'POST', `/payments/${payment.payment_id}/resend`, { destination: corrected, reason: 'tài khoản đã sửa' });
    expect(resend).toMatchObject({ status: 409, body: { code: 'RESEND_NOT_ALLOWED' } });
    // A statement of the day, reconciled, does not clear it: the payment is 'rejected' on it, which explains nothing here.
    const finance = await user(['finance'], 'finance');
    expect((await call(h, finance, 'POST', '/statements/fetch', { source: 'bank', date: vietnamDate(new Date()) })).status).toBe(201);
    expect((await call(h, finance, 'POST', `/runs/${run.id}/reconciliation/refresh`)).status).toBe(200);
    expect(await h.db.query('SELECT recon FROM disbursement.payment_reconciliations WHERE payment_id = $1', [payment.payment_id])).toEqual([{ recon: 'rejected' }]);
    expect(await h.db.query(`SELECT kind, status FROM disbursement.recon_exceptions WHERE payment_id = $1`, [payment.payment_id])).toEqual([{ kind: 'outcome_mismatch', status: 'open' }]);
  });

  it('sends a re-send whose job was never queued (Redis refused it after the approval): the recovery sweep queues it', async () => {
    const [original] = await paymentOf(returned.personRef);
    expect(original.status).toBe('returned');
    const corrected = { channel: 'bank', bankBin: '970436', accountNumber: '7770001357', accountHolderName: 'Trần Văn Nam', communeCode: commune };
    const request = await call<{ id: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: corrected, reason: 'tài khoản cũ đã đóng' });
    const jobs = h.app.get(JobDispatcher);
    const refused = jest.spyOn(jobs, 'dispatchBatches').mockRejectedValueOnce(new Error('Redis refused the job'));
    const approved = await call<{ status: string }>(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`);
    refused.mockRestore();
    // The approval stands; its batch is planned, and nothing would ever send it.
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
    const batchOfResend = () =>
      h.db.query<{ batch_id: string; status: string; dispatched: boolean }[]>(
        `SELECT b.batch_id, b.status, b.dispatched_at IS NOT NULL AS dispatched FROM disbursement.partner_batches b
           JOIN disbursement.payments p ON p.batch_id = b.batch_id WHERE p.resend_of = $1`,
        [original.paymentId],
      );
    const [planned] = await batchOfResend();
    expect(planned).toMatchObject({ status: 'PLANNED', dispatched: false });

    // A minute later, the sweep (at boot and every RECOVERY_INTERVAL_MS) finds it and queues it; it is then sent.
    await h.db.query(`UPDATE disbursement.partner_batches SET created_at = now() - interval '2 minutes' WHERE batch_id = $1`, [planned.batch_id]);
    expect(await jobs.requeueMissing(60_000)).toBeGreaterThanOrEqual(1);
    expect((await batchOfResend())[0].dispatched).toBe(true);
    await eventually(async () => (await paymentOf(returned.personRef)).find((p) => p.kind === 'resend')?.status === 'settled', 20_000, 'the re-send to settle');
  });

  it('sends the batches of a released run whose jobs Redis lost (emptied before a worker took them): the recovery sweep queues them again', async () => {
    const village = testCommune();
    const people = [beneficiary(village), beneficiary(village, { channel: 'post_office_account' })];
    const jobs = h.app.get(JobDispatcher);
    const partnerQueues = jobs.queues().filter((queue) => [partnerQueue('bank'), partnerQueue('post_office')].includes(queue.name));
    expect(partnerQueues).toHaveLength(2);
    // The partners' workers take nothing until Redis has "lost" the jobs of the release.
    const run = await releasedAndDone('2031-09', village, people, async () => {
      await Promise.all(partnerQueues.map((queue) => queue.pause()));
    });
    for (const queue of partnerQueues) {
      await queue.obliterate({ force: true });
      await queue.resume();
    }
    const batchesOfRun = () =>
      h.db.query<{ status: string; dispatched: boolean }[]>(
        `SELECT status, dispatched_at IS NOT NULL AS dispatched FROM disbursement.partner_batches WHERE run_id = $1 ORDER BY batch_id`,
        [run.id],
      );
    expect(await batchesOfRun()).toEqual([
      { status: 'PLANNED', dispatched: true },
      { status: 'PLANNED', dispatched: true },
    ]);

    // A minute later the sweep finds both batches' jobs gone and queues them again; the run is then paid.
    await h.db.query(`UPDATE disbursement.partner_batches SET dispatched_at = now() - interval '2 minutes' WHERE run_id = $1`, [run.id]);
    expect(await jobs.requeueMissing(60_000)).toBe(2);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    for (const person of people) expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['settled']);
    // Nothing is lost any more: the next sweep queues nothing.
    expect(await jobs.requeueMissing(60_000)).toBe(0);
  });

  it('sends a batch whose job failed (the bank away for longer than its attempts): the recovery sweep tries it again', async () => {
    const village = testCommune();
    const person = beneficiary(village);
    const adapter = h.app.get(BankAdapter);
    const away = jest.spyOn(adapter, 'send').mockRejectedValue(new PartnerUnavailableError('bank: HTTP 503'));
    const run = await releasedAndDone('2032-01', village, [person]);
    const [queue] = h.app.get(JobDispatcher).queues().filter((q) => q.name === partnerQueue('bank'));
    const batchOfRun = async () =>
      (await h.db.query<{ batch_id: string; status: string; attempts: number }[]>('SELECT batch_id, status, attempts FROM disbursement.partner_batches WHERE run_id = $1', [run.id]))[0];
    await eventually(async () => (await queue.getJob(batchJobId((await batchOfRun()).batch_id)))?.isFailed() ?? false, 20_000, 'the batch job to fail');
    // Every attempt spent: the file is stored, nothing reached the bank, and nothing else would ever send it.
    expect(await batchOfRun()).toMatchObject({ status: 'SENDING', attempts: 3 });
    expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['queued']);

    away.mockRestore();
    await h.db.query(`UPDATE disbursement.partner_batches SET dispatched_at = now() - interval '2 minutes' WHERE run_id = $1`, [run.id]);
    expect(await h.app.get(JobDispatcher).requeueMissing(60_000)).toBe(1);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['settled']);
    expect((await batchOfRun()).attempts).toBe(4);
  });

  it('leaves a batch the bank neither took nor refused to a person, who sends the same file again once checked', async () => {
    const village = testCommune();
    const person = beneficiary(village);
    const adapter = h.app.get(BankAdapter);
    // A gateway in front of the bank answers 401 while its credentials are renewed (account 0071000123456 quoted).
    const gateway = jest.spyOn(adapter, 'send').mockResolvedValueOnce({ kind: 'attention', detail: 'the bank answered HTTP 401 for 0071000123456', ack: '' });
    const run = await releasedAndDone('2032-02', village, [person]);
    type Batch = { batchId: string; status: string; cameFrom: string | null; detail: string | null };
    const attention = async () => (await call<{ batches: Batch[] }>(h, operator, 'GET', `/batches?status=ATTENTION&runId=${run.id}`)).body.batches;
    await eventually(async () => (await attention()).length === 1, 20_000, 'the batch to need attention');
    const [batch] = await attention();
    expect(batch).toMatchObject({ status: 'ATTENTION', cameFrom: 'SENDING', detail: 'the bank answered HTTP 401 for 00*********56' });
    // Nothing is assumed: the payment is neither sent nor rejected.
    expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['queued']);
    gateway.mockRestore();

    const again = await call<Batch>(h, approver, 'POST', `/batches/${batch.batchId}/send-again`, { reason: 'ngân hàng đã cấp lại chứng thư, đã kiểm tra: chưa nhận tệp' });
    expect([again.status, again.body.status]).toEqual([200, 'SENDING']);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['settled']);
    // Only a batch in ATTENTION that was never taken is sent again.
    expect(await call(h, approver, 'POST', `/batches/${batch.batchId}/send-again`, { reason: 'twice' })).toMatchObject({ status: 409, body: { code: 'INVALID_BATCH_STATE' } });
    expect((await call(h, approver, 'POST', '/batches/BNOSUCHBATCH/send-again', { reason: 'none' })).status).toBe(404);
    expect((await call(h, await user(['finance'], 'finance'), 'POST', `/batches/${batch.batchId}/send-again`, { reason: 'x' })).status).toBe(403);
  });

  it('sends a batch sent again whose job could not be queued (Redis away at that moment): the recovery sweep runs it again', async () => {
    const village = testCommune();
    const person = beneficiary(village);
    const adapter = h.app.get(BankAdapter);
    const gateway = jest.spyOn(adapter, 'send').mockResolvedValueOnce({ kind: 'attention', detail: 'the bank answered HTTP 502', ack: '' });
    const run = await releasedAndDone('2032-03', village, [person]);
    type Batch = { batchId: string; status: string };
    const attention = async () => (await call<{ batches: Batch[] }>(h, operator, 'GET', `/batches?status=ATTENTION&runId=${run.id}`)).body.batches;
    await eventually(async () => (await attention()).length === 1, 20_000, 'the batch to need attention');
    const [batch] = await attention();
    gateway.mockRestore();

    const jobs = h.app.get(JobDispatcher);
    const refused = jest.spyOn(jobs, 'sendAgain').mockRejectedValueOnce(new Error('Redis refused the job'));
    const again = await call<Batch>(h, approver, 'POST', `/batches/${batch.batchId}/send-again`, { reason: 'đã kiểm tra với ngân hàng: chưa nhận tệp' });
    refused.mockRestore();
    // The decision stands; the batch is SENDING, and its finished job would never run again. The sweep leaves a batch
    // just sent again to the person's own request.
    expect([again.status, again.body.status]).toEqual([200, 'SENDING']);
    const [queue] = jobs.queues().filter((q) => q.name === partnerQueue('bank'));
    await jobs.requeueMissing(60_000);
    expect(await (await queue.getJob(batchJobId(batch.batchId)))?.isCompleted()).toBe(true);

    // A minute later the sweep runs the job again; the file goes, and the run completes.
    await h.db.query(`UPDATE disbursement.partner_batches SET status_changed_at = now() - interval '2 minutes', dispatched_at = now() - interval '2 minutes' WHERE batch_id = $1`, [batch.batchId]);
    expect(await jobs.requeueMissing(60_000)).toBeGreaterThanOrEqual(1);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['settled']);
  });

  it('releases in a job: the request answers 202 RELEASING; the sweep queues a release whose job Redis lost; the run is paid once', async () => {
    const village = testCommune();
    const person = beneficiary(village);
    const run = await preparedRun(h, operator, '2031-12', village, [person]);
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    const jobs = h.app.get(JobDispatcher);
    const [releases] = jobs.queues().filter((queue) => queue.name === Queues.releases);
    await releases.pause();

    const released = await call<{ status: string }>(h, approver, 'POST', `/runs/${run.id}/release`);
    expect([released.status, released.body.status]).toEqual([202, 'RELEASING']);
    // Being released: neither released again nor cancelled, and nothing planned yet.
    expect((await call<{ code: string }>(h, approver, 'POST', `/runs/${run.id}/release`)).body.code).toBe('INVALID_RUN_STATE');
    expect((await call(h, operator, 'POST', `/runs/${run.id}/cancel`, { reason: 'too late' })).status).toBe(409);
    expect(await h.db.query('SELECT 1 FROM disbursement.partner_batches WHERE run_id = $1', [run.id])).toEqual([]);

    // Redis loses the job. A minute on, the sweep queues it again; the release completes and the run is paid.
    await releases.obliterate({ force: true });
    await releases.resume();
    expect(await jobs.requeueReleases(60_000)).toBe(0);
    await h.db.query(`UPDATE disbursement.runs SET status_changed_at = now() - interval '2 minutes' WHERE id = $1`, [run.id]);
    expect(await jobs.requeueReleases(60_000)).toBe(1);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['settled']);
    expect(await jobs.requeueReleases(60_000)).toBe(0);
    const history = await h.db.query<{ to_status: string; changed_by: string }[]>(
      `SELECT to_status, changed_by FROM disbursement.run_status_changes WHERE run_id = $1 AND to_status IN ('RELEASING', 'RELEASED') ORDER BY id`,
      [run.id],
    );
    expect(history).toEqual([
      { to_status: 'RELEASING', changed_by: approver.id },
      { to_status: 'RELEASED', changed_by: approver.id },
    ]);
  });

  it('tells eligibility of a payee a partner reports deceased: refused or returned with MD07, or cash not collected; not of a closed account', async () => {
    const village = testCommune();
    const refusedDead = beneficiary(village, { account: '5550000007' });
    const returnedDead = beneficiary(village, { account: '5550000098' });
    const closed = beneficiary(village, { account: '5550000004' });
    const cashDead = beneficiary(village, { channel: 'post_office_cash', name: 'Đinh Văn DECEASED' });
    const run = await releasedAndDone('2031-10', village, [refusedDead, returnedDead, closed, cashDead]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    await eventually(async () => (await paymentOf(returnedDead.personRef))[0]?.status === 'returned', 20_000, 'the return');

    const reported = async (person: Beneficiary) => (await outboxOf('PayeeReportedDeceased', person.personRef)).map((e) => e.envelope.payload);
    const [refusedPayment] = await paymentOf(refusedDead.personRef);
    const [returnedPayment] = await paymentOf(returnedDead.personRef);
    expect(refusedPayment.status).toBe('rejected');
    expect(await reported(refusedDead)).toEqual([
      { personRef: refusedDead.personRef, programme: 'social_assistance', month: '2031-10', paymentId: refusedPayment.paymentId, reasonCode: 'MD07', reportedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
    expect(await reported(returnedDead)).toEqual([expect.objectContaining({ paymentId: returnedPayment.paymentId, month: '2031-10', reasonCode: 'MD07' })]);
    const [cashPayment] = await paymentOf(cashDead.personRef);
    expect(cashPayment.status).toBe('not_collected');
    expect(await reported(cashDead)).toEqual([expect.objectContaining({ paymentId: cashPayment.paymentId, month: '2031-10', reasonCode: 'DECEASED' })]);
    expect(await reported(closed)).toEqual([]);
  });

  it('lists each cash payee with their address, and keeps how the post office paid cash out: at home, to a proxy, at which point', async () => {
    const village = testCommune();
    const atHome = beneficiary(village, { channel: 'post_office_cash', name: 'Lê Thị HOME', address: 'Ấp Phú Hòa 2' });
    const byProxy = beneficiary(village, { channel: 'post_office_cash', name: 'Võ Văn PROXY' });
    const run = await releasedAndDone('2031-11', village, [atHome, byProxy]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const [home] = await paymentOf(atHome.personRef);
    const [proxy] = await paymentOf(byProxy.personRef);
    expect(home).toMatchObject({ status: 'settled', paidHow: 'at_home', paidAtPoint: home.cashPointCode, receivedBy: null, address: 'Ấp Phú Hòa 2' });
    expect(proxy).toMatchObject({ status: 'settled', paidAtPoint: proxy.cashPointCode, receivedBy: 'NGUOI NHAN THAY (GIAY UY QUYEN)', address: null });
    // The list as sent to the post office: the address on the payee's line, none where the register has none.
    const [batch] = await h.db.query<{ payload_cipher: string }[]>('SELECT payload_cipher FROM disbursement.partner_batches WHERE batch_id = $1', [home.batchId]);
    const list = JSON.parse(h.app.get(AtRestCipher).decrypt(batch.payload_cipher)) as { items: { paymentId: string; address?: string }[] };
    expect(list.items.find((item) => item.paymentId === home.paymentId)?.address).toBe('Ấp Phú Hòa 2');
    expect(list.items.find((item) => item.paymentId === proxy.paymentId)).not.toHaveProperty('address');
  });

  it('carries cash not collected into the next run, and raises CollectionAlertRaised after three months', async () => {
    const village = testCommune();
    const away = beneficiary(village, { channel: 'post_office_cash', name: 'Trần Văn ABSENT' });
    const there = beneficiary(village, { channel: 'post_office_cash', name: 'Phạm Thị Hoa' });
    const totals: string[] = [];
    for (const month of ['2031-05', '2031-06', '2031-07']) {
      const run = await releasedAndDone(month, village, [away, there]);
      await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
      const ofRun = (await call<{ payments: PaymentBody[] }>(h, approver, 'GET', `/payments?personRef=${away.personRef}&runId=${run.id}`)).body.payments[0];
      expect(ofRun.status).toBe('not_collected');
      totals.push(`${ofRun.total}/${ofRun.carriedOverAmount}`);
    }
    expect(totals).toEqual(['750000/0', '1500000/750000', '2250000/1500000']);
    expect((await paymentOf(there.personRef)).map((p) => p.status)).toEqual(['settled', 'settled', 'settled']);

    const alerts = await outboxOf('CollectionAlertRaised', away.personRef);
    expect(alerts.map((e) => e.envelope.payload)).toEqual([
      { personRef: away.personRef, programme: 'social_assistance', months: ['2031-05', '2031-06', '2031-07'], reason: 'NOT_COLLECTED_3_MONTHS' },
    ]);
    expect(await outboxOf('CollectionAlertRaised', there.personRef)).toEqual([]);
  });

  it("carries into a deceased person's funeral payee no month after the death: sent before the death was known, it was never owed", async () => {
    const village = testCommune();
    // April paid in cash and not collected: the person had died on 10 March, not reported yet.
    const away = beneficiary(village, { channel: 'post_office_cash', name: 'Lê Thị ABSENT' });
    const april = await releasedAndDone('2036-04', village, [away]);
    await waitForStatus(h, operator, april.id, ['COMPLETED'], 30_000);
    expect((await paymentOf(away.personRef))[0]).toMatchObject({ status: 'not_collected', total: '750000' });
    // June: the months up to the death are still owed (Decree 335's arrears for March), to the family in cash.
    const family = { ...away, amount: '0', componentKind: 'arrears_only', arrears: [{ month: '2036-03', amount: '40000', reason: 'BACKDATED_RATE' }], name: 'Người lo mai táng cho Lê Thị Hoa', lastMonthOwed: '2036-03' };
    const june = await preparedRun(h, operator, '2036-06', village, [family]);
    const [payment] = (await call<{ payments: PaymentBody[] }>(h, approver, 'GET', `/payments?personRef=${away.personRef}&runId=${june.id}`)).body.payments;
    expect(payment).toMatchObject({ total: '40000', carriedOverAmount: '0' });
  });

  it("tells the family, not the deceased, of arrears owed up to the death and paid to the funeral payee, naming the month they are for", async () => {
    const village = testCommune();
    const person = beneficiary(village, { channel: 'post_office_cash' });
    const family = { ...person, amount: '0', componentKind: 'arrears_only', arrears: [{ month: '2037-03', amount: '40000', reason: 'BACKDATED_RATE' }], name: 'Người lo mai táng cho Lê Thị Hoa', lastMonthOwed: '2037-03' };
    const june = await releasedAndDone('2037-06', village, [family]);
    await waitForStatus(h, operator, june.id, ['COMPLETED'], 30_000);
    const [payment] = (await call<{ payments: PaymentBody[] }>(h, approver, 'GET', `/payments?personRef=${person.personRef}&runId=${june.id}`)).body.payments;
    expect(payment.status).toBe('settled');
    const [notice] = await h.db.query<{ text: string }[]>('SELECT text FROM disbursement.notifications WHERE payment_id = $1', [payment.paymentId]);
    expect(notice.text).toBe(`Người lo mai táng đã nhận 40.000 đồng truy lĩnh trợ cấp xã hội tháng 03/2037 (kỳ 06/2037) tại điểm chi trả DCT-${village}-01.`);
  });

  it('carries over and re-sends a payment holding several lines of one month as one re-payment of that month', async () => {
    const village = testCommune();
    // Two arrears lines for March (a rate entered late, a decision signed late) on top of April's own amount.
    const march = [
      { month: '2034-03', amount: '40000', reason: 'BACKDATED_RATE' },
      { month: '2034-03', amount: '750000', reason: 'LATE_DECISION' },
    ];
    const absent = beneficiary(village, { channel: 'post_office_cash', name: 'Trần Văn ABSENT', arrears: march });
    const refused = beneficiary(village, { account: '5550000001', arrears: march });
    const april = await releasedAndDone('2034-04', village, [absent, refused]);
    await waitForStatus(h, operator, april.id, ['COMPLETED'], 30_000);
    const linesOf = (paymentId: string) =>
      h.db.query<{ kind: string; month: string; amount: string }[]>(
        'SELECT kind, month, amount::text FROM disbursement.payment_lines WHERE payment_id = $1 AND voided_at IS NULL ORDER BY month, kind',
        [paymentId],
      );
    const repaid = [
      { kind: 'repay', month: '2034-03', amount: '790000' },
      { kind: 'repay', month: '2034-04', amount: '750000' },
    ];

    // Not collected in April: carried into May, March as one line.
    const may = await releasedAndDone('2034-05', village, [{ ...absent, arrears: [] }]);
    expect(may.status).toBe('PREVIEW_READY');
    const [carried] = (await call<{ payments: PaymentBody[] }>(h, approver, 'GET', `/payments?personRef=${absent.personRef}&runId=${may.id}`)).body.payments;
    expect(carried.carriedOverAmount).toBe('1540000');
    expect(await linesOf(carried.paymentId)).toEqual([...repaid, { kind: 'regular', month: '2034-05', amount: '750000' }]);

    // Refused in April: re-sent to a corrected account, March as one line.
    const [original] = await paymentOf(refused.personRef);
    expect(original.status).toBe('rejected');
    const corrected = { channel: 'bank', bankBin: '970436', accountNumber: account(), accountHolderName: 'Nguyễn Thị Lan', communeCode: village };
    const request = await call<{ id: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: corrected, reason: 'số tài khoản đã sửa' });
    expect(request.status).toBe(201);
    const approved = await call<{ status: string; resendPaymentId: string }>(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`);
    expect([approved.status, approved.body.status]).toEqual([200, 'APPROVED']);
    expect(await linesOf(approved.body.resendPaymentId)).toEqual(repaid);
    await eventually(async () => (await paymentOf(refused.personRef)).find((p) => p.kind === 'resend')?.status === 'settled', 20_000, 'the re-send to settle');
  });

  it('pays funeral support to the funeral organiser, and holds one that came without payee instead of halting the run', async () => {
    const village = testCommune();
    const living = beneficiary(village);
    const funeral = { componentKind: 'funeral_support', amount: '10800000' };
    const organised = beneficiary(village, { ...funeral, name: 'Trần Văn Minh' });
    const orphan = beneficiary(village, funeral);
    const run = await requestRun(h, operator, '2031-08', village);
    await publish(h, runInputs(h, run.id, '2031-08', [living, organised, orphan], { withoutDestination: [orphan.personRef] }));
    expect((await waitForStatus(h, operator, run.id, ['PREVIEW_READY', 'HALTED'])).status).toBe('PREVIEW_READY');

    const preview = (await call<RunPreview>(h, approver, 'GET', `/runs/${run.id}/preview`)).body;
    expect(preview.funeralSupport).toMatchObject({ count: 2, total: '21600000' });
    expect(preview.funeralSupport.sample.find((f) => f.personRef === organised.personRef)).toMatchObject({ payee: 'Trần Văn Minh', channel: 'bank', problem: null });
    expect(preview.exceptions.missingDestination.sample).toEqual([expect.objectContaining({ personRef: orphan.personRef, problem: 'PAYEE_MISSING' })]);

    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    await release(h, approver, run.id);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect((await paymentOf(orphan.personRef))[0]).toMatchObject({ status: 'rejected', reasonCode: 'PAYEE_MISSING' });
    const [paid] = await paymentOf(organised.personRef);
    expect(paid.status).toBe('settled');
    const [notice] = await h.db.query<{ text: string }[]>(`SELECT text FROM disbursement.notifications WHERE payment_id = $1`, [paid.paymentId]);
    expect(notice.text).toBe(`Người lo mai táng đã nhận 10.800.000 đồng hỗ trợ chi phí mai táng (trợ cấp xã hội, kỳ 08/2031) vào tài khoản ****${organised.account?.slice(-4)}.`);
    const [batch] = await h.db.query<{ payload_cipher: string }[]>('SELECT payload_cipher FROM disbursement.partner_batches WHERE batch_id = $1', [paid.batchId]);
    expect(h.app.get(AtRestCipher).decrypt(batch.payload_cipher)).toContain(`HO TRO MAI TANG TRO CAP XA HOI T08/2031 ${paid.paymentId}`);
  });

  it('re-sends a funeral support not collected at the commune (never carried over: the deceased has no next payment), once', async () => {
    const village = testCommune();
    const funeral = beneficiary(village, { componentKind: 'funeral_support', amount: '10800000', channel: 'post_office_cash', name: 'Người lo mai táng ABSENT' });
    const run = await releasedAndDone('2035-02', village, [funeral]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const [original] = await paymentOf(funeral.personRef);
    expect(original).toMatchObject({ status: 'not_collected', total: '10800000' });
    const [notice] = await h.db.query<{ text: string }[]>('SELECT text FROM disbursement.notifications WHERE payment_id = $1', [original.paymentId]);
    expect(notice.text).toContain('không được chuyển sang tháng sau. Gia đình vui lòng liên hệ UBND xã để xác nhận người nhận và được chi trả lại.');

    const organiser = { channel: 'bank', bankBin: '970436', accountNumber: account(), accountHolderName: 'Trần Văn Minh', communeCode: village };
    const request = await call<{ id: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: organiser, reason: 'con trai nhận thay' });
    expect(request.status).toBe(201);
    const approved = await call<{ status: string; resendPaymentId: string }>(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`);
    expect([approved.status, approved.body.status]).toEqual([200, 'APPROVED']);
    await eventually(async () => (await paymentOf(funeral.personRef)).find((p) => p.kind === 'resend')?.status === 'settled', 20_000, 'the re-send to settle');
    const again = await call<{ code: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: organiser, reason: 'twice' });
    expect([again.status, again.body.code]).toEqual([409, 'RESEND_NOT_ALLOWED']);

    // A later item of the same person and programme (arrears entitlement found since) carries nothing of it over.
    const later = await releasedAndDone('2035-03', village, [{ ...funeral, componentKind: undefined, amount: '40000', channel: 'bank', bankBin: '970436', account: account(), cashPointCode: undefined, name: 'Trần Văn Minh' }]);
    const [next] = (await call<{ payments: PaymentBody[] }>(h, approver, 'GET', `/payments?personRef=${funeral.personRef}&runId=${later.id}`)).body.payments;
    expect(next).toMatchObject({ carriedOverAmount: '0', total: '40000' });
  });

  it('re-sends arrears paid alone that were not collected (a decision that has stopped: no next payment carries them), once', async () => {
    const village = testCommune();
    const stopped = beneficiary(village, {
      componentKind: 'arrears_only', amount: '0', arrears: [{ month: '2035-01', amount: '180000', reason: 'BACKDATED_RATE' }], channel: 'post_office_cash', name: 'Nguyễn Văn ABSENT',
    });
    const run = await releasedAndDone('2035-05', village, [stopped]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const [original] = await paymentOf(stopped.personRef);
    expect(original).toMatchObject({ status: 'not_collected', total: '180000' });
    const [notice] = await h.db.query<{ text: string }[]>('SELECT text FROM disbursement.notifications WHERE payment_id = $1', [original.paymentId]);
    expect(notice.text).toContain('truy lĩnh');
    expect(notice.text).toContain('Vui lòng liên hệ UBND xã để được chi trả lại.');

    const counter = { channel: 'post_office_cash', accountHolderName: 'Nguyễn Văn Bình', communeCode: village, cashPointCode: `DCT-${village}-01` };
    const request = await call<{ id: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: counter, reason: 'ông Bình đã về' });
    expect(request.status).toBe(201);
    expect((await call(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`)).status).toBe(200);
    await eventually(async () => (await paymentOf(stopped.personRef)).find((p) => p.kind === 'resend')?.status === 'settled', 20_000, 'the re-send to settle');
    const again = await call<{ code: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: counter, reason: 'twice' });
    expect([again.status, again.body.code]).toEqual([409, 'RESEND_NOT_ALLOWED']);
  });

  it('pays a funeral support re-sent through the post office from the cash it kept: the treasury is not asked for it again', async () => {
    const village = testCommune();
    const funeral = beneficiary(village, { componentKind: 'funeral_support', amount: '10800000', channel: 'post_office_cash', name: 'Người lo mai táng ABSENT' });
    const run = await releasedAndDone('2035-04', village, [funeral]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const [original] = await paymentOf(funeral.personRef);
    expect(original).toMatchObject({ status: 'not_collected', total: '10800000' });

    // The commune confirms the son as payee, paid at the same cash point.
    const son = { channel: 'post_office_cash', accountHolderName: 'Trần Văn Minh', communeCode: village, cashPointCode: `DCT-${village}-01` };
    const request = await call<{ id: string }>(h, operator, 'POST', `/payments/${original.paymentId}/resend`, { destination: son, reason: 'con trai nhận thay' });
    expect(request.status).toBe(201);
    expect((await call(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`)).status).toBe(200);
    await eventually(async () => (await paymentOf(funeral.personRef)).find((p) => p.kind === 'resend')?.status === 'settled', 20_000, 'the re-send to settle');

    const funding = await call<{ rows: { channel: string; resent: string; heldByPostOffice: string; total: string; toTransfer: string }[] }>(h, operator, 'GET', `/runs/${run.id}/funding`);
    expect(funding.body.rows.find((r) => r.channel === 'post_office_cash')).toMatchObject({ resent: '10800000', heldByPostOffice: '10800000', total: '21600000', toTransfer: '10800000' });
  });

  it('keeps a batch open while a payment of it has no outcome, whatever the partner says of its report', async () => {
    const village = testCommune();
    const [kept, left] = [beneficiary(village), beneficiary(village)];
    const adapter = h.app.get(BankAdapter);
    const fetchOutcomes = adapter.fetchOutcomes.bind(adapter);
    let leftOut: string | undefined;
    // Only a payment of this test's run is left out: a batch of an earlier test may still be polled (watched for returns).
    const ours = async () =>
      new Set((await h.db.query<{ payment_id: string }[]>('SELECT payment_id FROM disbursement.payments WHERE person_ref = ANY($1)', [[kept.personRef, left.personRef]])).map((p) => p.payment_id));
    // A bank whose status report leaves one payment out and still calls itself complete.
    const partial = jest.spyOn(adapter, 'fetchOutcomes').mockImplementation(async (batch) => {
      const report = await fetchOutcomes(batch);
      if (leftOut === undefined) {
        const mine = await ours();
        leftOut = report.outcomes.find((o) => o.outcome === 'settled' && mine.has(o.paymentId))?.paymentId;
      }
      // Its bytes differ from the full report it sends later (the digest a poll records is of this one).
      return { ...report, outcomes: report.outcomes.filter((o) => o.paymentId !== leftOut), ...(report.statusReportSha256 && { statusReportSha256: `partial-${report.statusReportSha256}` }) };
    });
    const run = await releasedAndDone('2031-04', village, [kept, left]);
    const statuses = async () => h.db.query<{ status: string }[]>('SELECT status FROM disbursement.payments WHERE run_id = $1 ORDER BY status', [run.id]);
    const batchOf = async () => (await h.db.query<{ status: string; complete: boolean }[]>('SELECT status, outcomes_complete_at IS NOT NULL AS complete FROM disbursement.partner_batches WHERE run_id = $1', [run.id]))[0];
    try {
      await eventually(async () => (await statuses()).some((p) => p.status === 'settled'), 15_000, 'one payment to settle');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect((await statuses()).map((p) => p.status)).toEqual(['sent', 'settled']);
      expect(await batchOf()).toEqual({ status: 'ACKNOWLEDGED', complete: false });
      // Said on the batch, which GET /batches?withError=true lists for an operator.
      const withError = await call<{ batches: { lastError: string | null }[] }>(h, operator, 'GET', `/batches?runId=${run.id}&withError=true`);
      expect(withError.body.batches.map((b) => b.lastError)).toEqual([expect.stringMatching(/but 1 payment\(s\) of it have none/)]);
    } finally {
      partial.mockRestore();
    }
    // The whole report on the next poll: the batch completes, and the run with it.
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    expect((await statuses()).map((p) => p.status)).toEqual(['settled', 'settled']);
    expect((await call<{ batches: unknown[] }>(h, operator, 'GET', `/batches?runId=${run.id}&withError=true`)).body.batches).toEqual([]);
  });

  // ISO 20022 lets a bank refuse an acknowledged file as a whole (GrpSts RJCT, insufficient funds at execution) without
  // a status per payment; the adapter reads it as `refused` (unit specs). Before, the poller recorded nothing: the
  // payments stayed sent and the run never completed, without a word.
  it('rejects every payment of a file the bank refuses as a whole after acknowledging it, and completes the run', async () => {
    const village = testCommune();
    const [one, two] = [beneficiary(village), beneficiary(village)];
    const adapter = h.app.get(BankAdapter);
    const fetchOutcomes = adapter.fetchOutcomes.bind(adapter);
    // Only this month's file: batches of earlier tests are still watched for returns.
    const refusing = jest.spyOn(adapter, 'fetchOutcomes').mockImplementation(async (batch) =>
      batch.month !== '2036-05'
        ? fetchOutcomes(batch)
        : { outcomes: [], complete: true, refused: { reasonCode: 'AM04', occurredOn: '2036-05-06', detail: 'insufficient funds', duplicate: false }, statusReportSha256: 'refused-at-execution' },
    );
    try {
      const run = await releasedAndDone('2036-05', village, [one, two]);
      await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
      for (const person of [one, two]) expect((await paymentOf(person.personRef))[0]).toMatchObject({ status: 'rejected', reasonCode: 'AM04' });
    } finally {
      refusing.mockRestore();
    }
  });

  it('settles every payment of a file the bank reports settled as a whole (GrpSts ACSC, no status per payment), and completes the run', async () => {
    const village = testCommune();
    const [one, two] = [beneficiary(village), beneficiary(village)];
    const adapter = h.app.get(BankAdapter);
    const fetchOutcomes = adapter.fetchOutcomes.bind(adapter);
    const settling = jest.spyOn(adapter, 'fetchOutcomes').mockImplementation(async (batch) =>
      batch.month !== '2036-08' ? fetchOutcomes(batch) : { outcomes: [], complete: true, settledOn: '2036-08-06', statusReportSha256: 'settled-as-a-whole' },
    );
    try {
      const run = await releasedAndDone('2036-08', village, [one, two]);
      await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
      for (const person of [one, two]) expect((await paymentOf(person.personRef))[0]).toMatchObject({ status: 'settled', outcomeOn: '2036-08-06' });
    } finally {
      settling.mockRestore();
    }
  });

  // A partner's callback (poll-now) and the scheduled poll of the same batch used to run together: both asked the bank
  // and read its report, and the second waited on the first's row locks to find nothing left to change. Now a poll that
  // finds another at work on the batch leaves it to that one.
  it('asks the partner about a batch one poll at a time, the callback and the scheduled polls alike', async () => {
    const village = testCommune();
    const adapter = h.app.get(BankAdapter);
    const fetchOutcomes = adapter.fetchOutcomes.bind(adapter);
    let inFlight = 0;
    let most = 0;
    // The bank keeps the first look at this file waiting (a slow answer) until the test lets it go.
    let letGo = () => undefined as void;
    const slowAnswer = new Promise<void>((resolve) => (letGo = resolve));
    let first = true;
    const slow = jest.spyOn(adapter, 'fetchOutcomes').mockImplementation(async (batch) => {
      if (batch.month !== '2036-10') return fetchOutcomes(batch);
      most = Math.max(most, (inFlight += 1));
      try {
        if (first) {
          first = false;
          await slowAnswer;
        }
        return await fetchOutcomes(batch);
      } finally {
        inFlight -= 1;
      }
    });
    try {
      const run = await releasedAndDone('2036-10', village, [beneficiary(village), beneficiary(village)]);
      await eventually(async () => inFlight === 1, 15_000, 'a poll to ask the bank about the file');
      // Three more looks while that one waits, as callbacks arriving together would ask: each leaves it to the one at work.
      const poller = h.app.get(OutcomePoller);
      const [batch] = await h.db.query<{ batch_id: string }[]>('SELECT batch_id FROM disbursement.partner_batches WHERE run_id = $1', [run.id]);
      const looks = await Promise.all([poller.poll(batch.batch_id), poller.poll(batch.batch_id), poller.poll(batch.batch_id)]);
      expect(looks).toEqual([{ status: 'BUSY', changed: 0 }, { status: 'BUSY', changed: 0 }, { status: 'BUSY', changed: 0 }]);
      letGo();
      // Nothing is lost: that poll and the scheduled ones after it read the rest, and every payment gets its outcome.
      await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
      expect(most).toBe(1);
    } finally {
      letGo();
      slow.mockRestore();
    }
  });

  it('leaves an acknowledged file the bank then refuses as a duplicate to a person, its payments still sent', async () => {
    const village = testCommune();
    const person = beneficiary(village);
    const adapter = h.app.get(BankAdapter);
    const fetchOutcomes = adapter.fetchOutcomes.bind(adapter);
    const duplicate = jest.spyOn(adapter, 'fetchOutcomes').mockImplementation(async (batch) =>
      batch.month !== '2036-06'
        ? fetchOutcomes(batch)
        : { outcomes: [], complete: false, refused: { reasonCode: 'AM05', occurredOn: '2036-06-06', duplicate: true }, statusReportSha256: 'refused-as-duplicate' },
    );
    try {
      const run = await releasedAndDone('2036-06', village, [person]);
      type Batch = { status: string; cameFrom: string | null; detail: string | null };
      const attention = async () => (await call<{ batches: Batch[] }>(h, operator, 'GET', `/batches?status=ATTENTION&runId=${run.id}`)).body.batches;
      await eventually(async () => (await attention()).length === 1, 20_000, 'the batch to need attention');
      expect((await attention())[0]).toMatchObject({ cameFrom: 'ACKNOWLEDGED', detail: expect.stringContaining('AM05') });
      expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['sent']);
    } finally {
      duplicate.mockRestore();
    }
  });

  it('watches again a file the bank took at an attempt that timed out here and then refused as a duplicate: its payments get their outcomes', async () => {
    const village = testCommune();
    const person = beneficiary(village);
    const adapter = h.app.get(BankAdapter);
    const send = adapter.send.bind(adapter);
    let attempt = 0;
    // Attempt 1 reaches the bank, which takes the file, and times out here; attempt 2, the same file, is refused as a
    // duplicate by a bank that does not replay its first answer (and every later attempt would be).
    const timedOut = jest.spyOn(adapter, 'send').mockImplementation(async (batch) => {
      if (batch.month !== '2036-07') return send(batch);
      attempt++;
      if (attempt === 1) {
        await send(batch);
        throw new PartnerUnavailableError('POST /pain001 failed: The operation was aborted due to timeout');
      }
      return { kind: 'attention', detail: 'the bank refuses the file as a duplicate (AM05): it may hold it from an earlier attempt; check with the bank', ack: '' };
    });
    try {
      const run = await releasedAndDone('2036-07', village, [person]);
      type Batch = { batchId: string; status: string; cameFrom: string | null };
      const attention = async () => (await call<{ batches: Batch[] }>(h, operator, 'GET', `/batches?status=ATTENTION&runId=${run.id}`)).body.batches;
      await eventually(async () => (await attention()).length === 1, 30_000, 'the batch to need attention');
      const [batch] = await attention();
      expect(batch).toMatchObject({ cameFrom: 'SENDING' });
      expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['queued']);
      // The bank confirms it holds the file: watched again, its outcomes are read and the run completes.
      expect(await call(h, operator, 'POST', `/batches/${batch.batchId}/watch-again`, { reason: 'ngân hàng xác nhận đã nhận tệp ở lần gửi đầu' })).toMatchObject({
        status: 200,
        body: { status: 'ACKNOWLEDGED' },
      });
      await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
      expect((await paymentOf(person.personRef)).map((p) => p.status)).toEqual(['settled']);
    } finally {
      timedOut.mockRestore();
    }
  });

  it('stops polling a batch the partner no longer knows; a person watches it again, or declares it lost once the partner confirms it paid nothing', async () => {
    const outcomes = h.app.get(JobDispatcher).queues().find((q) => q.name === 'disbursement-outcomes');
    if (!outcomes) throw new Error('no outcomes queue');
    const village = testCommune();
    const run = await releasedAndDone('2031-04', village, [beneficiary(village, { channel: 'post_office_account' })], () => outcomes.pause());
    const batchStatus = async () =>
      (await h.db.query<{ status: string }[]>('SELECT status FROM disbursement.partner_batches WHERE run_id = $1', [run.id]))[0]?.status;
    await eventually(async () => (await batchStatus()) === 'ACKNOWLEDGED', 15_000, 'the batch to be acknowledged');
    await fetch(`${h.config.POST_OFFICE_URL}/admin/reset`, { method: 'POST' });
    await outcomes.resume();
    await eventually(async () => (await batchStatus()) === 'ATTENTION', 15_000, 'the batch to need attention');
    const [payment] = await h.db.query<{ status: string }[]>('SELECT status FROM disbursement.payments WHERE run_id = $1', [run.id]);
    expect(payment.status).toBe('sent');
    expect((await call<{ status: string }>(h, operator, 'GET', `/runs/${run.id}`)).body.status).toBe('SENT');

    // Never sent again from here (the partner took it once). Watched again, it is still unknown: back to a person.
    const [batch] = (await call<{ batches: { batchId: string }[] }>(h, operator, 'GET', `/batches?runId=${run.id}`)).body.batches;
    expect(await call(h, operator, 'POST', `/batches/${batch.batchId}/send-again`, { reason: 'thử lại' })).toMatchObject({ status: 409, body: { code: 'INVALID_BATCH_STATE' } });
    expect(await call(h, operator, 'POST', `/batches/${batch.batchId}/watch-again`, { reason: 'bưu điện nói đã có danh sách' })).toMatchObject({ status: 200, body: { status: 'ACKNOWLEDGED' } });
    await eventually(async () => (await batchStatus()) === 'ATTENTION', 15_000, 'the batch to need attention again');

    // The post office confirms it lost the list and paid nothing: an approver declares it lost; its payment is
    // rejected (re-sendable with four eyes) and the run completes.
    expect((await call(h, operator, 'POST', `/batches/${batch.batchId}/declare-lost`, { reason: 'bưu điện xác nhận mất danh sách' })).status).toBe(403);
    expect(await call(h, approver, 'POST', `/batches/${batch.batchId}/declare-lost`, { reason: 'bưu điện xác nhận mất danh sách' })).toMatchObject({
      status: 200,
      body: { status: 'REJECTED' },
    });
    expect(await h.db.query('SELECT status, reason_code FROM disbursement.payments WHERE run_id = $1', [run.id])).toEqual([{ status: 'rejected', reason_code: 'BATCH_LOST' }]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 15_000);
    expect(await call(h, approver, 'POST', `/batches/${batch.batchId}/declare-lost`, { reason: 'again' })).toMatchObject({ status: 409, body: { code: 'INVALID_BATCH_STATE' } });
  });

  // A batch watched for returns for more than 24.8 days (RETURN_WATCH_MS set to a month, as returns may come weeks
  // later; or a batch acknowledged, complete, then lost, watched again once settled with the partner a month on):
  // its watched time, in milliseconds, no longer fit the int it was cast to, every poll failed with "integer out of
  // range", and the batch was never FINAL, its run never COMPLETED.
  it('ends a batch whose outcomes were complete more than 24.8 days ago', async () => {
    const village = testCommune();
    const run = await releasedAndDone('2031-05', village, [beneficiary(village, { channel: 'post_office_account' })]);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 30_000);
    const [batch] = await h.db.query<{ batch_id: string }[]>('SELECT batch_id FROM disbursement.partner_batches WHERE run_id = $1', [run.id]);
    await h.db.query(
      `UPDATE disbursement.partner_batches SET status = 'ACKNOWLEDGED', outcomes_complete_at = now() - interval '30 days' WHERE batch_id = $1`,
      [batch.batch_id],
    );
    expect((await h.app.get(OutcomePoller).poll(batch.batch_id)).status).toBe('FINAL');
  });
});
