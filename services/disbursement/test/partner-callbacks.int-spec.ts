import { beneficiary, preparedRun, release, testCommune, waitForStatus } from './support/fixtures';
import { call, eventually, startHarness, user, type Harness, type User } from './support/harness';

jest.setTimeout(90_000);

/**
 * Partners' callbacks against the real PostgreSQL, Redis and Kafka: with polling made rare (10 minutes), a run still
 * completes in seconds because the bank's pain.002 and the post office's final report, posted back, trigger a look at
 * their batch at once. The callback's content is not trusted: an unknown batch or a forged report changes nothing.
 */
describe('partner callbacks: outcomes looked at as soon as the partner says they are ready', () => {
  let h: Harness;
  let operator: User;
  let approver: User;

  beforeAll(async () => {
    h = await startHarness({ OUTCOME_POLL_INTERVAL_MS: '600000' });
    operator = await user(['operator'], 'operator');
    approver = await user(['approver'], 'approver');
  });
  afterAll(() => h?.close());

  const post = (path: string, body: string, type: string) => fetch(`${h.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('completes a run from the callbacks alone, and ignores callbacks for batches it is not waiting for', async () => {
    const commune = testCommune();
    const run = await preparedRun(h, operator, '2031-09', commune, [beneficiary(commune), beneficiary(commune), beneficiary(commune, { channel: 'post_office_cash', name: 'Lê Văn Tám' })]);
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    await release(h, approver, run.id);
    await waitForStatus(h, operator, run.id, ['SENT', 'COMPLETED'], 30_000);

    const batches = await h.db.query<{ batch_id: string; partner: string }[]>('SELECT batch_id, partner FROM disbursement.partner_batches WHERE run_id = $1 ORDER BY partner', [run.id]);
    expect(batches.map((b) => b.partner)).toEqual(['bank', 'post_office']);
    const [bank, postOffice] = batches;

    // What the partners would post back once their outcomes are decided (the sandboxes answer after ~100 ms).
    const pain002 = await eventually(async () => {
      const xml = await (await fetch(`${h.bankUrl}/pain002/${bank.batch_id}`)).text();
      return xml.includes('<GrpSts>PDNG</GrpSts>') || !xml.includes('ACSC') ? undefined : xml;
    }, 10_000, 'the bank to decide');
    expect((await post('/partners/bank/status-reports', pain002, 'application/xml')).status).toBe(202);
    expect((await post('/partners/post-office/settlement-reports', JSON.stringify({ batchId: postOffice.batch_id }), 'application/json')).status).toBe(202);

    await waitForStatus(h, operator, run.id, ['COMPLETED'], 15_000);
    // Its statuses all final, the bank batch is watched for returns every RETURN_POLL_INTERVAL_MS (300 ms here), not at
    // the ten-minute outcome poll: it is FINAL as soon as RETURN_WATCH_MS (1.5 s) is over.
    const statusOf = async (batchId: string) => (await h.db.query<{ status: string }[]>('SELECT status FROM disbursement.partner_batches WHERE batch_id = $1', [batchId]))[0].status;
    await eventually(async () => (await statusOf(bank.batch_id)) === 'FINAL' || undefined, 10_000, 'the bank batch to be final after its return watch');

    // Nothing is taken from the body: an unknown batch is answered alike and looked at by nobody; garbage is refused.
    expect((await post('/partners/post-office/settlement-reports', JSON.stringify({ batchId: 'NO-SUCH-BATCH' }), 'application/json')).status).toBe(202);
    expect((await post('/partners/post-office/settlement-reports', JSON.stringify({ lines: [] }), 'application/json')).status).toBe(400);
    expect((await post('/partners/bank/status-reports', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document>&e;</Document>', 'application/xml')).status).toBe(400);
  });
});
