import { buildCamt053, buildCamt054, vietnamDate, type StatementEntry } from '@benefits/iso20022';
import { mintToken } from '@benefits/testing';
import { beneficiary, preparedRun, release, testCommune, waitForStatus, type Beneficiary } from './support/fixtures';
import { call, eventually, startHarness, user, type Harness, type User } from './support/harness';

jest.setTimeout(120_000);

interface ImportBody {
  fileId: string;
  kind: string;
  duplicate: boolean;
  lines: number;
  newLines: number;
  matched: number;
  unmatched: number;
  problems: string[];
  runIds: string[];
}
interface ReconBody {
  status: string;
  ready: boolean;
  unexplained: number;
  byClass: Record<string, { count: number; amount: string }>;
  exceptions: { open: number; assigned: number; resolved: number; byKind: Record<string, number> };
  preparedBy: string | null;
  signedOffBy: string | null;
  changedSincePrepared: boolean;
  statements: { kind: string; problems: string[] }[];
}
interface ExceptionBody {
  id: string;
  runId: string | null;
  kind: string;
  paymentId: string | null;
  fileId: string | null;
  expectedAmount: string | null;
  reportedAmount: string | null;
  status: string;
  detail: string;
  resolution: string | null;
  line: { kind: string; amount: string; endToEndId: string | null } | null;
  history?: { action: string; actor: string; note: string | null }[];
}

/**
 * Reconciliation against the real PostgreSQL, Redis and Kafka and the in-process bank and post office: a run paid,
 * its statements made not to reconcile on purpose (a line dropped, an amount altered, a debit duplicated), then
 * imported, matched, explained and signed off by two finance officers.
 */
describe('reconciliation: statements, matching, exceptions, four-eyes sign-off', () => {
  let h: Harness;
  let operator: User;
  let approver: User;
  let preparer: User;
  let signer: User;

  beforeAll(async () => {
    h = await startHarness();
    [operator, approver, preparer, signer] = await Promise.all([
      user(['operator'], 'operator'),
      user(['approver'], 'approver'),
      user(['finance'], 'finance-preparer'),
      user(['finance'], 'finance-signer'),
    ]);
  });
  afterAll(() => h?.close());

  const commune = testCommune();
  const settled = beneficiary(commune);
  const doubled = beneficiary(commune);
  const altered = beneficiary(commune);
  const dropped = beneficiary(commune);
  const rejected = beneficiary(commune, { account: '5550000001' });
  const returned = beneficiary(commune, { account: '5550000099' });
  const poAccount = beneficiary(commune, { channel: 'post_office_account' });
  const cash = beneficiary(commune, { channel: 'post_office_cash', name: 'Lê Văn Tám' });
  const absent = beneficiary(commune, { channel: 'post_office_cash', name: 'Trần Văn ABSENT' });
  const people = [settled, doubled, altered, dropped, rejected, returned, poAccount, cash, absent];
  let runId: string;
  let statementXml: string;
  const paymentIdOf = new Map<Beneficiary, string>();

  /** A fresh token for the same person: a token takes one four-eyes decision only. */
  const fresh = async (who: User): Promise<User> => ({ id: who.id, token: await mintToken({ sub: who.id, name: who.id, roles: ['finance'] }) });
  const recon = async () => (await call<ReconBody>(h, preparer, 'GET', `/runs/${runId}/reconciliation`)).body;
  type ExceptionsPage = { exceptions: ExceptionBody[]; nextCursor?: string };
  const exceptions = async (query = `runId=${runId}`) => (await call<ExceptionsPage>(h, preparer, 'GET', `/reconciliation/exceptions?${query}`)).body.exceptions;
  const today = () => vietnamDate(new Date());
  /** A camt.054 of our account with these entries. */
  const camt054 = (msgId: string, entries: StatementEntry[]) =>
    buildCamt054({ msgId, createdAt: new Date().toISOString(), reports: [{ id: msgId, createdAt: new Date().toISOString(), account: h.config.DEBTOR_ACCOUNT, balances: [], entries }] });
  /** A debit of no payment of ours (a bank fee, another account's booking). */
  const stray = (ref: string): StatementEntry => ({ amount: '45000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: today(), valueDate: today(), accountServicerRef: ref, details: [{ endToEndId: 'BANKFEE' }] });
  const upload = async (body: string | Buffer, contentType = 'application/xml', who: User = preparer) => {
    const response = await fetch(`${h.url}/statements?fileName=test.xml`, { method: 'POST', headers: { authorization: `Bearer ${who.token}`, 'content-type': contentType }, body });
    return { status: response.status, body: (await response.json()) as ImportBody & { code?: string; message?: string } };
  };

  it('imports the bank statement and the post-office reports of a paid run and classifies every payment', async () => {
    const run = await preparedRun(h, operator, '2031-06', commune, people);
    runId = run.id;
    expect((await call(h, approver, 'POST', `/runs/${runId}/approve`)).status).toBe(200);
    await release(h, approver, runId);
    await waitForStatus(h, operator, runId, ['COMPLETED'], 45_000);
    for (const b of people) {
      const [payment] = (await call<{ payments: { paymentId: string }[] }>(h, approver, 'GET', `/payments?personRef=${b.personRef}`)).body.payments;
      paymentIdOf.set(b, payment.paymentId);
    }
    await eventually(async () => (await call<{ payments: { status: string }[] }>(h, approver, 'GET', `/payments?personRef=${returned.personRef}`)).body.payments[0]?.status === 'returned', 15_000, 'the return');

    // The bank's reporting goes wrong on purpose; its ledger (and so its balances) stays true.
    const faults = {
      dropLine: { endToEndId: paymentIdOf.get(dropped) },
      alterAmount: { endToEndId: paymentIdOf.get(altered), delta: '1000' },
      duplicateDebit: { endToEndId: paymentIdOf.get(doubled) },
    };
    expect((await fetch(`${h.bankUrl}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) })).status).toBe(200);

    const today = vietnamDate(new Date());
    statementXml = await (await fetch(`${h.bankUrl}/camt053?date=${today}&account=${h.config.DEBTOR_ACCOUNT}`)).text();
    const bank = await upload(statementXml);
    expect(bank.status).toBe(201);
    expect(bank.body).toMatchObject({ kind: 'camt.053', duplicate: false, runIds: [runId] });
    // 5 debits reported (one dropped, one doubled) and 1 return; the balances show the report does not add up.
    expect(bank.body.matched).toBe(6);
    expect(bank.body.problems.join()).toMatch(/but the closing balance is/);

    const postOffice = await call<ImportBody[]>(h, preparer, 'POST', '/statements/fetch', { source: 'post_office', runId });
    expect(postOffice.status).toBe(201);
    expect(postOffice.body.map((f) => f.kind)).toEqual(['post_office_settlement', 'post_office_settlement']);

    const view = await recon();
    const counts = Object.fromEntries(Object.entries(view.byClass).map(([k, v]) => [k, v.count]));
    expect(counts).toEqual({ matched: 3, returned: 1, rejected: 1, not_collected: 1, duplicate_debit: 1, amount_mismatch: 1, missing: 1 });
    expect(view.byClass.matched.amount).toBe('2250000');
    // The statement that does not add up is named with its problem beside the run's figures, and is an exception too.
    expect(view).toMatchObject({ status: 'open', ready: false, unexplained: 3, exceptions: { open: 4, byKind: { duplicate_debit: 1, amount_mismatch: 1, missing: 1, statement_problem: 1 } } });
    expect(view.statements.find((f) => f.kind === 'camt.053')?.problems.join()).toMatch(/but the closing balance is/);

    const found = await exceptions();
    expect(found.find((e) => e.kind === 'statement_problem')).toMatchObject({ paymentId: null, fileId: bank.body.fileId, status: 'open' });
    expect(found.find((e) => e.kind === 'statement_problem')?.detail).toMatch(/^camt\.053 .* does not add up: .*but the closing balance is/);
    const of = (b: Beneficiary) => found.find((e) => e.paymentId === paymentIdOf.get(b));
    expect(of(doubled)).toMatchObject({ kind: 'duplicate_debit', expectedAmount: '750000', reportedAmount: '1500000', status: 'open' });
    expect(of(altered)).toMatchObject({ kind: 'amount_mismatch', expectedAmount: '750000', reportedAmount: '751000', line: { kind: 'debit', amount: '751000' } });
    expect(of(dropped)).toMatchObject({ kind: 'missing', reportedAmount: null, line: null });
    expect(JSON.stringify(found)).not.toContain(dropped.account);

    // Page by page (one exception a page), finance sees the same queue, each exception once, then no nextCursor.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await call<ExceptionsPage>(h, preparer, 'GET', `/reconciliation/exceptions?runId=${runId}&limit=1${cursor ? `&cursor=${cursor}` : ''}`)).body;
      paged.push(...page.exceptions.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor && paged.length <= found.length);
    expect(paged).toEqual(found.map((e) => e.id));
    expect(await call(h, preparer, 'GET', `/reconciliation/exceptions?cursor=${Buffer.from('["exceptions","x"]').toString('base64url')}`)).toMatchObject({
      status: 422,
      body: { code: 'INVALID_CURSOR', details: { field: 'cursor' } },
    });
  });

  it('changes nothing when the same file is imported again, and refuses unreadable and hostile files with the reason', async () => {
    const before = await recon();
    const again = await upload(statementXml);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true });
    // The bank renders the same statement again (another creation time, the same entries): still the same statement.
    const reissued = await (await fetch(`${h.bankUrl}/camt053?date=${vietnamDate(new Date())}&account=${h.config.DEBTOR_ACCOUNT}`)).text();
    expect(reissued).not.toBe(statementXml);
    expect((await upload(reissued)).body).toMatchObject({ duplicate: true });
    // Its MsgId with other content: refused, a corrected statement needs a new id.
    const tampered = statementXml.replace(/(<Ntry>[\s\S]*?<Amt Ccy="VND">)(\d+)/, (_m, head: string, amount: string) => `${head}${BigInt(amount) + 1n}`);
    const reused = await upload(tampered);
    expect(reused.status).toBe(409);
    expect(reused.body).toMatchObject({ code: 'STATEMENT_ID_REUSED' });
    expect(await recon()).toEqual(before);

    const broken = await upload('<Document><BkToCstmrStmt><GrpHdr>');
    expect(broken.status).toBe(422);
    expect(broken.body).toMatchObject({ code: 'STATEMENT_MALFORMED' });
    expect(broken.body.message).toMatch(/malformed XML/);
    const xxe = await upload('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>');
    expect(xxe.status).toBe(422);
    expect(xxe.body.message).toMatch(/DOCTYPE and ENTITY declarations are not allowed/);
    expect((await upload('{"batchId":"X"}', 'application/json')).status).toBe(415);
    expect((await upload(statementXml, 'application/xml', operator)).status).toBe(403);
    expect(await recon()).toEqual(before);
  });

  it('matches a debit without our id by amount and account, of a payment sent by its booking day, and raises an entry that matches nothing', async () => {
    const monthBefore = vietnamDate(new Date(Date.now() - 31 * 86_400_000));
    const notification = buildCamt054({
      msgId: `C54-TEST-${runId.slice(0, 8)}`,
      createdAt: new Date().toISOString(),
      reports: [
        {
          id: 'NTF-1',
          createdAt: new Date().toISOString(),
          account: h.config.DEBTOR_ACCOUNT,
          balances: [],
          entries: [
            // Last month's debit to the same account, repeated: booked before the dropped payment was sent, not its.
            { amount: '750000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: monthBefore, valueDate: monthBefore, accountServicerRef: `REPEAT-${runId}`, details: [{ creditorAccount: dropped.account }] },
            // The dropped payment, reported late by a bank that does not carry EndToEndIds back.
            { amount: '750000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: vietnamDate(new Date()), valueDate: vietnamDate(new Date()), accountServicerRef: `LATE-${runId}`, details: [{ creditorAccount: dropped.account }] },
            { amount: '123000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: vietnamDate(new Date()), valueDate: vietnamDate(new Date()), accountServicerRef: `FEE-${runId}`, details: [{ endToEndId: 'BANKFEE' }] },
          ],
        },
      ],
    });
    const imported = await upload(notification);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ kind: 'camt.054', matched: 1, unmatched: 2 });

    const view = await recon();
    expect(view.byClass.matched.count).toBe(4);
    expect(view.byClass.missing).toBeUndefined();
    const cleared = (await exceptions(`runId=${runId}&status=resolved`)).find((e) => e.kind === 'missing');
    expect(cleared).toMatchObject({ paymentId: paymentIdOf.get(dropped), resolution: 'cleared by a later statement: the payment is now matched' });
    // An entry of no payment, imported while the run is reconciled, is among the run's exceptions: it may be its money.
    const stray = (await exceptions()).find((e) => e.line?.endToEndId === 'BANKFEE');
    expect(stray).toMatchObject({ kind: 'unmatched_entry', reportedAmount: '123000', paymentId: null, runId: null, status: 'open' });
    expect(stray?.detail).toMatch(/debit of 123000 đồng .* matches no payment/);
    expect((await exceptions()).find((e) => e.kind === 'unmatched_entry' && e.line?.amount === '750000')?.detail).toMatch(`on ${monthBefore} (bank REPEAT-`);
  });

  it('is signed off by a second finance officer once every exception is explained, never by the one who prepared it', async () => {
    const incomplete = await call<{ code: string; details: { openExceptions: number } }>(h, preparer, 'POST', `/runs/${runId}/reconciliation/prepare`);
    expect(incomplete.status).toBe(409);
    // The entry of no payment and the statement that does not add up hold it up as the payments' exceptions do.
    expect(incomplete.body).toMatchObject({ code: 'RECONCILIATION_INCOMPLETE', details: { openExceptions: 5 } });

    const open = (await exceptions(`runId=${runId}&status=open`)).filter((e) => e.kind !== 'missing');
    expect(open.map((e) => e.kind).sort()).toEqual(['amount_mismatch', 'duplicate_debit', 'statement_problem', 'unmatched_entry', 'unmatched_entry']);
    for (const e of open) {
      expect((await call(h, preparer, 'POST', `/reconciliation/exceptions/${e.id}/assign`, { assignee: signer.id })).status).toBe(200);
      const resolved = await call<ExceptionBody>(h, signer, 'POST', `/reconciliation/exceptions/${e.id}/resolve`, { resolution: `Ngân hàng xác nhận và điều chỉnh bút toán (${e.kind})` });
      expect(resolved.body).toMatchObject({ status: 'resolved' });
    }
    const mismatch = open.find((e) => e.kind === 'amount_mismatch');
    const history = (await call<ExceptionBody>(h, preparer, 'GET', `/reconciliation/exceptions/${mismatch?.id}`)).body.history;
    expect(history?.map((c) => [c.action, c.actor])).toEqual([['raised', 'system'], ['assigned', preparer.id], ['resolved', signer.id]]);

    const prepared = await call<ReconBody>(h, preparer, 'POST', `/runs/${runId}/reconciliation/prepare`);
    expect(prepared.status).toBe(200);
    expect(prepared.body).toMatchObject({ status: 'prepared', ready: true, preparedBy: preparer.id });

    const self = await call<{ code: string }>(h, await fresh(preparer), 'POST', `/runs/${runId}/reconciliation/sign-off`);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES');

    // Reopened after it was prepared: what was prepared is no longer what would be signed.
    expect((await call(h, preparer, 'POST', `/reconciliation/exceptions/${open[0].id}/reopen`, { note: 'Chưa thấy bút toán điều chỉnh' })).status).toBe(200);
    expect((await recon()).changedSincePrepared).toBe(true);
    const stale = await call<{ code: string }>(h, await fresh(signer), 'POST', `/runs/${runId}/reconciliation/sign-off`);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('RECONCILIATION_CHANGED');

    await call(h, signer, 'POST', `/reconciliation/exceptions/${open[0].id}/resolve`, { resolution: 'Bút toán điều chỉnh ngày hôm sau, GD 88123' });
    expect((await call(h, preparer, 'POST', `/runs/${runId}/reconciliation/prepare`)).status).toBe(200);

    // A notification imported after the preparation: a batch-booked debit whose transactions do not add up to it,
    // neither of them ours. Its entries and its sum are exceptions the run waits for.
    const late = await upload(camt054(`C54-LATE-${runId.slice(0, 8)}`, [
      { amount: '300000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: today(), valueDate: today(), accountServicerRef: `BATCH-${runId}`, details: [{ endToEndId: 'OTHER-1', amount: '100000' }, { endToEndId: 'OTHER-2', amount: '190000' }] },
    ]));
    expect(late.body).toMatchObject({ unmatched: 2, problems: [`entry BATCH-${runId}: its transactions add up to 290000, the entry says 300000`] });
    expect(await recon()).toMatchObject({ ready: false, changedSincePrepared: true, exceptions: { open: 3, byKind: { unmatched_entry: 2, statement_problem: 1 } } });
    const moved = await call<{ code: string }>(h, await fresh(signer), 'POST', `/runs/${runId}/reconciliation/sign-off`);
    expect(moved.status).toBe(409);
    expect(moved.body.code).toBe('RECONCILIATION_CHANGED');
    expect((await call<{ code: string }>(h, preparer, 'POST', `/runs/${runId}/reconciliation/prepare`)).body.code).toBe('RECONCILIATION_INCOMPLETE');
    for (const e of await exceptions(`runId=${runId}&status=open`)) {
      expect(e).toMatchObject({ runId: null, fileId: late.body.fileId });
      await call(h, signer, 'POST', `/reconciliation/exceptions/${e.id}/resolve`, { resolution: 'Bút toán của tài khoản khác, ngân hàng đã hoàn' });
    }

    expect((await call(h, preparer, 'POST', `/runs/${runId}/reconciliation/prepare`)).status).toBe(200);
    const signed = await call<ReconBody>(h, await fresh(signer), 'POST', `/runs/${runId}/reconciliation/sign-off`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed_off', preparedBy: preparer.id, signedOffBy: signer.id, changedSincePrepared: false });

    // A statement imported after the sign-off does not reopen it (nor do its exceptions count for it).
    expect((await upload(camt054(`C54-AFTER-${runId.slice(0, 8)}`, [stray(`AFTER-${runId}`)]))).body).toMatchObject({ unmatched: 1 });
    expect(await recon()).toEqual(signed.body);
  });

  const laterCommune = testCommune();
  const neverSettled = beneficiary(laterCommune);
  const partReturned = beneficiary(laterCommune);
  const batchReturned = beneficiary(laterCommune);
  const refused = beneficiary(laterCommune, { account: '5550000001' });
  let laterRunId: string;
  const corrected = { channel: 'bank', bankBin: '970436', accountNumber: '7770002468', accountHolderName: 'Nguyễn Thị Lan', communeCode: laterCommune };
  const paymentOf = async (b: Beneficiary) => (await call<{ payments: { paymentId: string; status: string }[] }>(h, approver, 'GET', `/payments?personRef=${b.personRef}`)).body.payments[0];
  const entry = (kind: 'DBIT' | 'CRDT', ref: string, amount: string, bookingDate: string, details: StatementEntry['details']): StatementEntry => ({
    amount,
    creditDebit: kind,
    status: 'BOOK',
    bookingDate,
    valueDate: bookingDate,
    accountServicerRef: `${ref}-${laterRunId}`,
    details,
  });

  it("records a return found on a statement as the payment's outcome: never reported settled, of part of the amount, or of a debit never matched", async () => {
    const run = await preparedRun(h, operator, '2031-07', laterCommune, [neverSettled, partReturned, batchReturned, refused]);
    laterRunId = run.id;
    expect((await call(h, approver, 'POST', `/runs/${laterRunId}/approve`)).status).toBe(200);
    await release(h, approver, laterRunId);
    await waitForStatus(h, operator, laterRunId, ['COMPLETED'], 45_000);
    const [unsettled, part, batched] = await Promise.all([neverSettled, partReturned, batchReturned].map(paymentOf));
    // The entry of no payment imported after the first run's sign-off, before this release, is none of this run's.
    expect(await exceptions(`runId=${laterRunId}`)).toEqual([]);

    // The bank never sent the ACSC of one payment: here it is still sent.
    await h.db.query(`UPDATE disbursement.payments SET status = 'sent', outcome_on = NULL WHERE payment_id = $1`, [unsettled.paymentId]);
    const returnDay = vietnamDate(new Date(Date.now() + 86_400_000));
    const imported = await upload(
      camt054(`C54-RET-${laterRunId.slice(0, 8)}`, [
        entry('DBIT', 'D1', '750000', today(), [{ endToEndId: unsettled.paymentId, amount: '750000' }]),
        entry('CRDT', 'R1', '750000', returnDay, [{ endToEndId: unsettled.paymentId, amount: '750000', returnReason: 'AC04' }]),
        entry('DBIT', 'D2', '750000', today(), [{ endToEndId: part.paymentId, amount: '750000' }]),
        // Returned less the bank's fee.
        entry('CRDT', 'R2', '739000', returnDay, [{ endToEndId: part.paymentId, amount: '739000', returnReason: 'AC06' }]),
        // Booked in a batch without our ids (so matched to nothing), and returned with our id.
        entry('DBIT', 'D3', '750000', today(), [{ amount: '750000' }]),
        entry('CRDT', 'R3', '750000', returnDay, [{ endToEndId: batched.paymentId, amount: '750000', returnReason: 'AC04' }]),
      ]),
    );
    expect(imported.body).toMatchObject({ matched: 5, unmatched: 1, runIds: [laterRunId] });

    expect((await Promise.all([neverSettled, partReturned, batchReturned].map(paymentOf))).map((p) => p.status)).toEqual(['returned', 'returned', 'returned']);
    // Settled first, on the day of its debit, then returned: entitlement is told both, as of a pain.002 and a camt.054
    // (it had been told of the settlement the bank reported, before our record lost it).
    const told = await h.db.query<{ outcomes: { paymentId: string; outcome: string; reasonCode?: string; occurredOn: string }[] }[]>(
      `SELECT envelope::jsonb -> 'payload' -> 'outcomes' AS outcomes FROM disbursement.outbox WHERE type = 'PaymentOutcomesRecorded' AND key = $1 ORDER BY id`,
      [laterRunId],
    );
    const toldOf = (paymentId: string) => told.flatMap((e) => e.outcomes).filter((o) => o.paymentId === paymentId).map((o) => [o.outcome, o.reasonCode ?? null, o.occurredOn]);
    expect(toldOf(unsettled.paymentId)).toEqual([['settled', null, today()], ['settled', null, today()], ['returned', 'AC04', returnDay]]);
    expect(toldOf(part.paymentId).at(-1)).toEqual(['returned', 'AC06', returnDay]);
    expect(toldOf(batched.paymentId).at(-1)).toEqual(['returned', 'AC04', returnDay]);
    // The part kept by the bank is finance's: an exception of its own.
    expect((await exceptions(`runId=${laterRunId}&kind=amount_mismatch`)).map((e) => [e.paymentId, e.reportedAmount, e.status])).toEqual([[part.paymentId, '739000', 'open']]);

    // The money is back: the payment can be paid again.
    const resend = await call<{ status: string }>(h, operator, 'POST', `/payments/${unsettled.paymentId}/resend`, { destination: corrected, reason: 'Ngân hàng trả lại: tài khoản đã đóng' });
    expect(resend.status).toBe(201);
    expect(resend.body.status).toBe('PENDING');
  });

  it('refuses a re-send while a statement shows the payment debited and not given back, or an exception on it is open (a return less a fee: until finance resolves it)', async () => {
    const rejected = await paymentOf(refused);
    expect(rejected.status).toBe('rejected');
    // Requested after the bank's RJCT AC01 …
    const request = await call<{ id: string }>(h, operator, 'POST', `/payments/${rejected.paymentId}/resend`, { destination: corrected, reason: 'Số tài khoản đã sửa' });
    expect(request.status).toBe(201);
    // … then the statement shows the money left all the same.
    await upload(camt054(`C54-RJCT-${laterRunId.slice(0, 8)}`, [entry('DBIT', 'D4', '750000', today(), [{ endToEndId: rejected.paymentId, amount: '750000' }])]));
    const [unexpected] = await exceptions(`runId=${laterRunId}&kind=unexpected_debit`);
    expect(unexpected).toMatchObject({ paymentId: rejected.paymentId, status: 'open' });
    const approve = () => call<{ code: string; message: string; status: string }>(h, approver, 'POST', `/payments/resends/${request.body.id}/approve`);
    const debited = await approve();
    expect(debited.status).toBe(409);
    expect(debited.body).toMatchObject({
      code: 'RESEND_NOT_ALLOWED',
      message: `Payment ${rejected.paymentId} cannot be re-sent: a bank statement shows it debited (750000 đồng on ${today()}) and not returned in full, so the money may have reached the payee`,
    });

    // The bank gives the money back; finance has still to explain the debit.
    await upload(camt054(`C54-RTRN-${laterRunId.slice(0, 8)}`, [entry('CRDT', 'R4', '750000', today(), [{ endToEndId: rejected.paymentId, amount: '750000', returnReason: 'AC01' }])]));
    const open = await approve();
    expect(open.status).toBe(409);
    expect(open.body.message).toBe(`Payment ${rejected.paymentId} cannot be re-sent while its reconciliation exception ${unexpected.id} (unexpected_debit) is open: finance resolves it first`);
    await call(h, signer, 'POST', `/reconciliation/exceptions/${unexpected.id}/resolve`, { resolution: 'Ngân hàng ghi nợ nhầm rồi hoàn lại, GD 99812' });
    const approved = await approve();
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');

    // Returned less a fee: the payee got nothing, and the fee the bank kept is finance's (amount_mismatch). Once
    // finance resolves it, the payment is paid again (in full): it never stays with disbursement for good.
    const part = await paymentOf(partReturned);
    const [mismatch] = await exceptions(`runId=${laterRunId}&kind=amount_mismatch`);
    const resendPart = () => call<{ message: string; status: string }>(h, operator, 'POST', `/payments/${part.paymentId}/resend`, { destination: corrected, reason: 'thử lại' });
    expect((await resendPart()).body.message).toBe(
      `Payment ${part.paymentId} cannot be re-sent while its reconciliation exception ${mismatch.id} (amount_mismatch) is open: finance resolves it first`,
    );
    await call(h, signer, 'POST', `/reconciliation/exceptions/${mismatch.id}/resolve`, { resolution: 'Phí trả lại 11.000 đ ngân hàng giữ, hạch toán chi phí' });
    const allowed = await resendPart();
    expect(allowed.status).toBe(201);
    expect(allowed.body.status).toBe('PENDING');
  });

  it('keeps a second line under a booking reference already on record as a problem of its file, not dropped without a word', async () => {
    // A bank without AcctSvcrRef that numbers its entries afresh in each statement: the same NtryRef on two days.
    const entryRef = `E1-${runId.slice(0, 8)}`;
    const entry = (amount: string, endToEndId: string): StatementEntry => ({ entryRef, amount, creditDebit: 'DBIT', status: 'BOOK', bookingDate: today(), valueDate: today(), accountServicerRef: '', details: [{ endToEndId }] });
    const first = await upload(camt054(`C54-DAY1-${runId.slice(0, 8)}`, [entry('111000', 'OTHER-1')]));
    const again = await upload(camt054(`C54-DAY1B-${runId.slice(0, 8)}`, [entry('111000', 'OTHER-1')]));
    const second = await upload(camt054(`C54-DAY2-${runId.slice(0, 8)}`, [entry('222000', 'OTHER-2')]));
    expect([first.status, again.status, second.status]).toEqual([201, 201, 201]);
    // Of no run (this run is signed off already): listed by kind.
    const problems = await exceptions('kind=statement_problem');
    // The same entry in a second file is the same line: nothing to say. Another line under its reference is.
    expect(problems.filter((e) => e.fileId === again.body.fileId)).toEqual([]);
    expect(problems.find((e) => e.fileId === second.body.fileId)?.detail).toMatch(`entry ${entryRef}: its booking reference is already on record for another line`);
  });
  it("finds what a post office's settlement report gets wrong: a line left out, an amount that differs, a payment reported paid twice", async () => {
    const village = testCommune();
    const [left, wrong, twice, right] = ['Lê Văn Một', 'Lê Văn Hai', 'Lê Văn Ba', 'Lê Văn Bốn'].map((name) => beneficiary(village, { channel: 'post_office_cash', name }));
    const run = await preparedRun(h, operator, '2031-07', village, [left, wrong, twice, right]);
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    await release(h, approver, run.id);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 45_000);
    const idOf = async (b: Beneficiary) => (await call<{ payments: { paymentId: string }[] }>(h, approver, 'GET', `/payments?personRef=${b.personRef}`)).body.payments[0].paymentId;
    const faults = { dropLine: { paymentId: await idOf(left) }, alterAmount: { paymentId: await idOf(wrong), delta: '-50000' }, duplicateLine: { paymentId: await idOf(twice) } };
    const setFaults = (body: object) => fetch(`${h.config.POST_OFFICE_URL}/admin/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await setFaults(faults)).status).toBe(200);
    try {
      const imported = await call<ImportBody[]>(h, preparer, 'POST', '/statements/fetch', { source: 'post_office', runId: run.id });
      expect(imported.status).toBe(201);
      const found = await exceptions(`runId=${run.id}`);
      const of = async (b: Beneficiary) => {
        const paymentId = await idOf(b);
        return found.find((e) => e.paymentId === paymentId);
      };
      expect(await of(left)).toMatchObject({ kind: 'missing', status: 'open' });
      expect(await of(wrong)).toMatchObject({ kind: 'amount_mismatch', expectedAmount: '750000', reportedAmount: '700000' });
      expect(await of(twice)).toMatchObject({ kind: 'duplicate_debit', reportedAmount: '1500000' });
      expect(await of(right)).toBeUndefined();
    } finally {
      await setFaults({});
    }
  });

  it('reconciles a batch-booked debit that gives no amount per payment by its total, and holds the payments up when the total is not theirs', async () => {
    const village = testCommune();
    const people = ['Võ Văn Một', 'Võ Văn Hai', 'Võ Văn Ba', 'Võ Văn Bốn'].map((name) => beneficiary(village, { name }));
    const run = await preparedRun(h, operator, '2031-07', village, people);
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(200);
    await release(h, approver, run.id);
    await waitForStatus(h, operator, run.id, ['COMPLETED'], 45_000);
    const ids = await Promise.all(people.map(async (b) => (await call<{ payments: { paymentId: string }[] }>(h, approver, 'GET', `/payments?personRef=${b.personRef}`)).body.payments[0].paymentId));
    // ISO 20022 lets a bank list the transactions of a batch booking without the amount of each.
    const batch = (ref: string, amount: string, endToEndIds: string[]): StatementEntry => ({
      amount,
      creditDebit: 'DBIT',
      status: 'BOOK',
      bookingDate: today(),
      valueDate: today(),
      accountServicerRef: `${ref}-${run.id}`,
      details: endToEndIds.map((endToEndId) => ({ endToEndId })),
    });
    const whole = await upload(camt054(`C54-BB1-${run.id.slice(0, 8)}`, [batch('BB1', '1500000', [ids[0], ids[1]])]));
    expect(whole.body).toMatchObject({ matched: 2, unmatched: 0, problems: [] });
    const short = await upload(camt054(`C54-BB2-${run.id.slice(0, 8)}`, [batch('BB2', '1400000', [ids[2], ids[3]])]));
    expect(short.body).toMatchObject({ matched: 2, problems: [`entry BB2-${run.id}: its 1400000 đồng is not what the payments its 2 transactions name add up to (1500000)`] });

    const found = await exceptions(`runId=${run.id}`);
    const mismatches = found.filter((e) => e.kind === 'amount_mismatch');
    expect(mismatches.map((e) => e.paymentId).sort()).toEqual([ids[2], ids[3]].sort());
    expect(mismatches[0]).toMatchObject({ expectedAmount: '750000', reportedAmount: null, line: { amount: null } });
    expect(found.filter((e) => e.kind === 'statement_problem').map((e) => e.fileId)).toEqual([short.body.fileId]);
    const classes = (await call<ReconBody>(h, preparer, 'GET', `/runs/${run.id}/reconciliation`)).body.byClass;
    expect(classes).toMatchObject({ matched: { count: 2, amount: '1500000' }, amount_mismatch: { count: 2, amount: '1500000' } });
  });

  it("reports a statement day missing between two of an account's statements, naming the account masked and the day, and nothing once the days chain", async () => {
    // An account of its own, so that no other statement is on record for it.
    const account = `8${Date.now()}`.slice(0, 12);
    const statement = (date: string, opening: string, closing: string, entries: StatementEntry[] = []) =>
      buildCamt053({
        msgId: `C53-${account}-${date}`,
        createdAt: new Date().toISOString(),
        reports: [
          {
            id: `S-${date}`,
            createdAt: new Date().toISOString(),
            account,
            balances: [
              { type: 'OPBD', amount: opening, creditDebit: 'CRDT', date },
              { type: 'CLBD', amount: closing, creditDebit: 'CRDT', date },
            ],
            entries,
          },
        ],
      });
    const first = await upload(statement('2031-01-05', '10000000', '10000000'));
    const third = await upload(statement('2031-01-07', '9000000', '9000000'));
    expect([first.body.problems, third.body.problems]).toEqual([
      [],
      [`account ********${account.slice(-4)}: the statement of 2031-01-07 opens at 9000000, but the one before it on record (2031-01-05) closed at 10000000: the statement of 2031-01-06 is missing, or a booking of -1000000 đồng is on none`],
    ]);
    const problem = (await exceptions('kind=statement_problem')).find((e) => e.fileId === third.body.fileId);
    expect(problem).toMatchObject({ status: 'open', detail: expect.stringContaining('the statement of 2031-01-06 is missing') });
    expect(problem?.detail).not.toContain(account);
    const fee: StatementEntry = { amount: '1000000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: '2031-01-06', valueDate: '2031-01-06', accountServicerRef: `FEE-${account}`, details: [{ endToEndId: 'BANKFEE' }] };
    const second = await upload(statement('2031-01-06', '10000000', '9000000', [fee]));
    expect(second.body.problems).toEqual([]);
    // The missing day arrived: the gap the third day's file said is resolved by the system, naming the statement; kept.
    const cleared = (await exceptions('kind=statement_problem')).find((e) => e.fileId === third.body.fileId);
    expect(cleared).toMatchObject({ status: 'resolved', resolvedBy: 'system', resolution: expect.stringContaining(`cleared by statement file ${second.body.fileId}`) });
    expect(cleared?.resolution).toContain(`account ********${account.slice(-4)} on 2031-01-06`);
    expect(cleared?.resolution).not.toContain(account);
  });

  it('is the whole province\'s: a token limited to communes reads and changes none of it (403 SCOPE_FORBIDDEN)', async () => {
    // A statement holds every commune's payments, and its exceptions with them.
    const communeFinance = await user(['finance'], 'finance-commune', undefined, [commune]);
    const get = (who: User, path: string) => fetch(`${h.url}${path}`, { headers: { authorization: `Bearer ${who.token}` } });
    for (const path of ['/reconciliation/exceptions', '/statements']) {
      const refused = await get(communeFinance, path);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ code: 'SCOPE_FORBIDDEN' });
    }
    expect((await fetch(`${h.url}/statements?fileName=x.xml`, { method: 'POST', headers: { authorization: `Bearer ${communeFinance.token}`, 'content-type': 'application/xml' }, body: '<x/>' })).status).toBe(403);
    expect((await get(preparer, '/reconciliation/exceptions')).status).toBe(200);
  });
});
