import { randomInt, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, EntitlementRunHalted, RunClosedUnpaid, RunItemsLeftOut } from '@benefits/contracts';
import { paymentId } from '../src/payments/domain/payment-id';
import type { RunPreview } from '../src/runs/run-preview.service';
import { beneficiary, consumed, preparedRun, publish, release, requestRun, runInputs, testCommune, waitForStatus, type Beneficiary, type RunBody } from './support/fixtures';
import { call, startHarness, user, type Harness, type User } from './support/harness';

jest.setTimeout(60_000);

/** Run lifecycle against the real PostgreSQL, Redis and Kafka, with the partner sandboxes in-process. */
describe('payment run: inputs over Kafka, control totals, instructions, preview, four eyes', () => {
  let h: Harness;
  let operator: User;
  let approver: User;
  const month = '2031-03';

  beforeAll(async () => {
    h = await startHarness({ AMOUNT_THRESHOLD: '2000000', SHARED_ACCOUNT_THRESHOLD: '3' });
    operator = await user(['operator'], 'operator');
    approver = await user(['approver'], 'approver');
  });
  afterAll(() => h?.close());

  const paymentsOf = (db: DataSource, runId: string) =>
    db.query<{ payment_id: string; person_ref: string; total: string; status: string }[]>(
      'SELECT payment_id, person_ref, total::text AS total, status FROM disbursement.payments WHERE run_id = $1 ORDER BY person_ref',
      [runId],
    );

  /** The RunClosedUnpaid the run's closure put in the outbox. */
  /** From the outbox table: a halt is made by whichever disbursement harness consumed the run's inputs first. */
  const closureOf = async (runId: string) => {
    const [row] = await h.db.query<{ payload: unknown }[]>(`SELECT envelope::jsonb -> 'payload' AS payload FROM disbursement.outbox WHERE type = $1 AND key = $2`, [
      RunClosedUnpaid.type,
      runId,
    ]);
    return row?.payload;
  };

  it('builds one instruction per person with a deterministic id, and a replay of every input changes nothing', async () => {
    const commune = testCommune();
    const shared = '1234567890';
    const people: Beneficiary[] = [
      beneficiary(commune),
      beneficiary(commune, { programme: 'social_assistance', amount: '2500000', arrears: [{ month: '2031-01', amount: '180000', reason: 'BACKDATED_RATE' }] }),
      beneficiary(commune, { channel: 'post_office_account' }),
      beneficiary(commune, { channel: 'post_office_cash', name: 'Lê Văn Tám' }),
      beneficiary(commune, { account: '12AB' }),
      beneficiary(commune, { account: shared }),
      beneficiary(commune, { account: shared }),
      beneficiary(commune, { account: shared }),
    ];
    const run = await requestRun(h, operator, month, commune);
    expect(run.status).toBe('REQUESTED');
    expect(h.outbox.runRequests.find((e) => e.key === run.id)?.envelope.payload).toEqual({
      runId: run.id,
      month,
      scope: { provinceCode: '91', programmes: ['social_assistance', 'social_pension'], communeCodes: [commune] },
      requestedBy: operator.id,
    });
    const notPaid = [{ programme: 'social_assistance' as const, kind: 'INVALID_ITEM', code: 'INVALID_ITEM', persons: 2 }];
    const inputs = runInputs(h, run.id, month, people, { notPaid });
    await publish(h, inputs);
    await waitForStatus(h, operator, run.id, ['PREVIEW_READY']);

    const payments = await paymentsOf(h.db, run.id);
    expect(payments).toHaveLength(people.length);
    for (const b of people) {
      const expected = paymentId(b.programme, month, b.personRef, [{ kind: 'monthly', groupCode: 'SA_TEST', amount: b.amount }], b.arrears);
      expect(payments.find((p) => p.person_ref === b.personRef)?.payment_id).toBe(expected);
    }
    expect(payments.find((p) => p.person_ref === people[1].personRef)?.total).toBe('2680000');

    const preview = await call<RunPreview>(h, approver, 'GET', `/runs/${run.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.body.totals).toEqual({ count: 8, total: String(750000 * 7 + 2680000) });
    // Beside what is paid, the persons entitlement could not pay, as it declared them.
    expect(preview.body.notPaidByEntitlement).toEqual(notPaid);
    // Of the totals, what the release will send and what it holds back (the unreadable account), adding up.
    expect(preview.body.held).toEqual([{ problem: 'ACCOUNT_INVALID', count: 1, total: expect.any(String) }]);
    expect(BigInt(preview.body.toBeSent.total) + BigInt(preview.body.held[0].total)).toBe(BigInt(preview.body.totals.total));
    expect(preview.body.toBeSent.count).toBe(7);
    // Home Affairs' operators see the run's figures, and none of its persons: all are on social assistance.
    const homeAffairs = await call<RunPreview>(h, await user(['operator'], 'home-affairs', ['meritorious']), 'GET', `/runs/${run.id}/preview`);
    expect(homeAffairs.body.totals).toEqual(preview.body.totals);
    expect(preview.body.exceptions.invalidAccount.count).toBeGreaterThan(0);
    expect(homeAffairs.body.exceptions.invalidAccount).toEqual({ count: 0, sample: [] });
    expect(homeAffairs.body.exceptions.sharedAccounts).toMatchObject({ count: 0, sample: [] });
    expect(homeAffairs.body.changes.new).toEqual({ count: 0, sample: [] });
    expect(preview.body.byChannel.map((c) => [c.channel, c.count])).toEqual([
      ['bank', 6],
      ['post_office_account', 1],
      ['post_office_cash', 1],
    ]);
    expect(preview.body.exceptions.invalidAccount.count).toBe(1);
    expect(preview.body.exceptions.invalidAccount.sample[0].personRef).toBe(people[4].personRef);
    expect(preview.body.exceptions.amountAboveThreshold.count).toBe(1);
    expect(preview.body.exceptions.sharedAccounts.count).toBe(1);
    expect(preview.body.exceptions.sharedAccounts.sample[0]).toMatchObject({ accountMasked: '******7890', beneficiaries: 3 });
    expect(preview.body.arrears).toEqual({ count: 1, total: '180000' });
    expect(preview.body.changes.new.count).toBe(8);
    expect(JSON.stringify(preview.body)).not.toContain(shared);

    // The same messages again (a redelivery), and the same payloads under new event ids (a producer re-run).
    const rerun = runInputs(h, run.id, month, people);
    await publish(h, inputs);
    await publish(h, rerun);
    await consumed(h, rerun);
    expect(await paymentsOf(h.db, run.id)).toEqual(payments);
    const anomalies = await h.db.query(`SELECT kind FROM disbursement.run_anomalies WHERE run_id = $1`, [run.id]);
    expect(anomalies).toEqual([]);
    expect((await call<RunBody>(h, operator, 'GET', `/runs/${run.id}`)).body.status).toBe('PREVIEW_READY');
  });

  it('halts the run with a clear reason when what was received differs from what was declared', async () => {
    const commune = testCommune();
    const people = [beneficiary(commune), beneficiary(commune), beneficiary(commune)];
    const run = await requestRun(h, operator, month, commune);
    await publish(h, runInputs(h, run.id, month, people, { totals: { social_assistance: { count: 3, total: '2250001' } } }));
    const halted = await waitForStatus(h, operator, run.id, ['HALTED', 'PREVIEW_READY']);
    expect(halted.status).toBe('HALTED');
    expect(halted.haltReason).toContain('social_assistance: declared 3 items totalling 2,250,001 đồng, received 3 totalling 2,250,000 đồng');
    expect(await paymentsOf(h.db, run.id)).toEqual([]);
    const preview = await call(h, approver, 'GET', `/runs/${run.id}/preview`);
    expect(preview.status).toBe(409);
    // Entitlement is told, so that the arrears and one-offs it scheduled for this run are owed again.
    expect(await closureOf(run.id)).toEqual({ runId: run.id, month, status: 'HALTED', reason: halted.haltReason, closedBy: 'system' });
  });

  it('halts when a chunk never arrived, or a payable person has no destination', async () => {
    const commune = testCommune();
    const people = Array.from({ length: 6 }, () => beneficiary(commune));
    const lost = await requestRun(h, operator, month, commune);
    await publish(h, runInputs(h, lost.id, month, people, { drop: [1] }));
    const commune2 = testCommune();
    const others = Array.from({ length: 3 }, () => beneficiary(commune2));
    const homeless = await requestRun(h, operator, month, commune2);
    await publish(h, runInputs(h, homeless.id, month, others, { withoutDestination: [others[2].personRef] }));

    expect((await waitForStatus(h, operator, lost.id, ['HALTED', 'PREVIEW_READY'])).haltReason).toContain('entitlement: chunk(s) 1 of 2 declared never arrived');
    expect((await waitForStatus(h, operator, homeless.id, ['HALTED', 'PREVIEW_READY'])).haltReason).toContain('1 payable person has no payment destination');
  });

  it('refuses approval by the run’s creator (four eyes), accepts another approver, and records who did what', async () => {
    const commune = testCommune();
    const both = await user(['operator', 'approver'], 'both');
    const run = await preparedRun(h, both, month, commune, [beneficiary(commune)]);
    expect(run.status).toBe('PREVIEW_READY');

    const self = await call<{ code: string }>(h, both, 'POST', `/runs/${run.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.code).toBe('FOUR_EYES');
    const byOperator = await call(h, operator, 'POST', `/runs/${run.id}/approve`);
    expect(byOperator.status).toBe(403);
    const release = await call<{ code: string }>(h, approver, 'POST', `/runs/${run.id}/release`);
    expect(release.status).toBe(409);

    const approved = await call<RunBody>(h, approver, 'POST', `/runs/${run.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('APPROVED');
    const again = await call(h, approver, 'POST', `/runs/${run.id}/approve`);
    expect(again.status).toBe(409);

    const detail = await call<RunBody>(h, approver, 'GET', `/runs/${run.id}`);
    expect(detail.body.history?.map((c) => [c.from, c.to, c.by])).toEqual([
      [null, 'REQUESTED', both.id],
      ['REQUESTED', 'PREVIEW_READY', 'system'],
      ['PREVIEW_READY', 'APPROVED', approver.id],
    ]);
    expect(detail.body.history?.every((c) => !Number.isNaN(Date.parse(c.at)))).toBe(true);
    const cancelled = await call<RunBody>(h, operator, 'POST', `/runs/${run.id}/cancel`, { reason: 'test over' });
    expect(cancelled.body.status).toBe('CANCELLED');
    expect(await closureOf(run.id)).toEqual({ runId: run.id, month, status: 'CANCELLED', reason: 'test over', closedBy: operator.id });
  });

  it('refuses to approve a preview whose inputs changed after it was prepared: the approver would approve another list', async () => {
    const commune = testCommune();
    const person = beneficiary(commune);
    const run = await preparedRun(h, operator, month, commune, [person]);
    expect(run.status).toBe('PREVIEW_READY');
    // Entitlement publishes the run's chunk again, with another amount (a re-run after a rate fix, say).
    const changed = runInputs(h, run.id, month, [{ ...person, amount: '800000' }]);
    await publish(h, changed);
    await consumed(h, changed);

    const refused = await call<{ code: string; message: string }>(h, approver, 'POST', `/runs/${run.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RUN_INPUTS_CHANGED');
    expect(refused.body.message).toMatch(/CONFLICTING_CHUNK: entitlements chunk 0 arrived again with other content.*reject the run and request a new one/);
    // The completion came again with the new totals: noted too, never taken.
    const anomalies = await h.db.query<{ kind: string }[]>(`SELECT kind FROM disbursement.run_anomalies WHERE run_id = $1 ORDER BY id`, [run.id]);
    expect(anomalies.map((a) => a.kind)).toEqual(['CONFLICTING_CHUNK', 'CONFLICTING_COMPLETION']);
    expect((await call<RunBody>(h, approver, 'GET', `/runs/${run.id}`)).body.status).toBe('PREVIEW_READY');
    expect((await call<RunBody>(h, approver, 'POST', `/runs/${run.id}/reject`, { reason: 'inputs changed' })).body.status).toBe('REJECTED');
  });

  it('takes a destinations declaration that arrives after the preview and confirms what was prepared; one that differs blocks approval', async () => {
    const isDeclaration = (m: { value: string }) => (JSON.parse(m.value) as { type: string }).type === 'RunDestinationsCompleted';
    const prepareWithoutDeclaration = async () => {
      const commune = testCommune();
      const people = [beneficiary(commune), beneficiary(commune)];
      const run = await requestRun(h, operator, month, commune);
      const inputs = runInputs(h, run.id, month, people);
      // Every person has a destination: the run is prepared before eligibility's declaration arrives.
      await publish(h, inputs.filter((m) => !isDeclaration(m)));
      expect((await waitForStatus(h, operator, run.id, ['PREVIEW_READY', 'HALTED'])).status).toBe('PREVIEW_READY');
      return { run, declaration: inputs.filter(isDeclaration) };
    };
    const confirmed = await prepareWithoutDeclaration();
    await publish(h, confirmed.declaration);
    await consumed(h, confirmed.declaration);
    expect((await call(h, approver, 'POST', `/runs/${confirmed.run.id}/approve`)).status).toBe(200);

    const differing = await prepareWithoutDeclaration();
    const [declaration] = differing.declaration;
    const envelope = JSON.parse(declaration.value) as { payload: { count: number } };
    const wrong = [{ ...declaration, value: JSON.stringify({ ...envelope, eventId: randomUUID(), payload: { ...envelope.payload, count: envelope.payload.count + 1 } }) }];
    await publish(h, wrong);
    await consumed(h, wrong);
    const refused = await call<{ code: string }>(h, approver, 'POST', `/runs/${differing.run.id}/approve`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('RUN_INPUTS_CHANGED');
  });

  it('rejects a preview with its reason: the payments are cancelled and entitlement told', async () => {
    const commune = testCommune();
    const run = await preparedRun(h, operator, month, commune, [beneficiary(commune), beneficiary(commune)]);
    const rejected = await call<RunBody>(h, approver, 'POST', `/runs/${run.id}/reject`, { reason: 'amounts to check' });
    expect(rejected.body.status).toBe('REJECTED');
    expect((await paymentsOf(h.db, run.id)).map((p) => p.status)).toEqual(['cancelled', 'cancelled']);
    expect(await closureOf(run.id)).toEqual({ runId: run.id, month, status: 'REJECTED', reason: 'amounts to check', closedBy: approver.id });
    expect((await call(h, approver, 'POST', `/runs/${run.id}/approve`)).status).toBe(409);
  });

  it('never creates a second instruction for an obligation: the database guard, a second run, a cancelled run', async () => {
    const commune = testCommune();
    const people = [beneficiary(commune), beneficiary(commune)];
    const first = await preparedRun(h, operator, month, commune, people);
    const [one] = await paymentsOf(h.db, first.id);

    // The guard itself: a second active regular line for the same programme, month and person is refused.
    await expect(
      h.db.query(
        `INSERT INTO disbursement.payment_lines (payment_id, kind, source, programme, month, person_ref, amount) VALUES ('PX', 'regular', 'regular', 'social_assistance', $1, $2, 1)`,
        [month, one.person_ref],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });

    // Rejected before release: its obligations are freed, and the next run pays them (under reissued ids).
    expect((await call(h, approver, 'POST', `/runs/${first.id}/reject`, { reason: 'amounts to be checked' })).status).toBe(200);
    const newcomer = beneficiary(commune);
    const second = await preparedRun(h, operator, month, commune, [...people, newcomer]);
    const paid = await paymentsOf(h.db, second.id);
    expect(paid).toHaveLength(3);
    expect(paid.map((p) => p.payment_id)).not.toContain(one.payment_id);

    // While the second is open, a third is refused; once it is approved a run of the same month pays only the new.
    expect((await call(h, operator, 'POST', '/runs', { month, scope: { provinceCode: '91', programmes: ['social_pension', 'social_assistance'], communeCodes: [commune] } })).status).toBe(409);
    expect((await call(h, approver, 'POST', `/runs/${second.id}/approve`)).status).toBe(200);
    await release(h, approver, second.id);
    const late = beneficiary(commune);
    // Entitlement put arrears into the item of one already paid (a rate entered since): not paid by this run either.
    const withArrears = { ...people[0], arrears: [{ month: '2031-01', amount: '40000', reason: 'BACKDATED_RATE' }] };
    const third = await preparedRun(h, operator, month, commune, [withArrears, people[1], newcomer, late]);
    const thirdPayments = await paymentsOf(h.db, third.id);
    expect(thirdPayments.map((p) => p.person_ref)).toEqual([late.personRef]);
    const preview = await call<RunPreview>(h, approver, 'GET', `/runs/${third.id}/preview`);
    expect(preview.body.exceptions.alreadyPaid.count).toBe(3);
    // Entitlement is told, so that it no longer counts those arrears as scheduled: the next run owes them again.
    const told = await h.db.query<{ payload: unknown }[]>(`SELECT envelope::jsonb -> 'payload' AS payload FROM disbursement.outbox WHERE type = $1 AND key = $2`, [
      RunItemsLeftOut.type,
      third.id,
    ]);
    expect(told.map((row) => row.payload)).toEqual([{ runId: third.id, month, reason: 'ALREADY_PAID', items: [{ personRef: withArrears.personRef, programme: 'social_assistance' }] }]);
    expect(await h.db.query('SELECT 1 FROM disbursement.outbox WHERE type = $1 AND key = $2', [RunItemsLeftOut.type, second.id])).toEqual([]);
  });

  it('pays a person their month in a later run of it, though an earlier run of it paid them arrears only (no regular line of 0)', async () => {
    const commune = testCommune();
    // Eligibility sent a stopped decision's item (arrears only: Decree 335 for January); a decision recorded since pays the month.
    const arrearsOnly = beneficiary(commune, { amount: '0', componentKind: 'arrears_only', arrears: [{ month: '2031-01', amount: '40000', reason: 'BACKDATED_RATE' }] });
    const first = await preparedRun(h, operator, month, commune, [arrearsOnly]);
    expect(await paymentsOf(h.db, first.id)).toEqual([expect.objectContaining({ person_ref: arrearsOnly.personRef, total: '40000' })]);
    expect(await h.db.query(`SELECT kind, amount::text FROM disbursement.payment_lines WHERE person_ref = $1`, [arrearsOnly.personRef])).toEqual([{ kind: 'arrears', amount: '40000' }]);
    expect((await call(h, approver, 'POST', `/runs/${first.id}/approve`)).status).toBe(200);
    await release(h, approver, first.id);

    const second = await preparedRun(h, operator, month, commune, [{ ...arrearsOnly, amount: '750000', componentKind: undefined, arrears: [] }]);
    expect(await paymentsOf(h.db, second.id)).toEqual([expect.objectContaining({ person_ref: arrearsOnly.personRef, total: '750000' })]);
  });

  it('refuses a run whose scope overlaps an open run of the month, naming it: the other would leave its people out as already paid', async () => {
    // A month no other test uses: a province-wide run overlaps every commune's.
    const lonely = `${2100 + randomInt(800)}-${String(randomInt(1, 13)).padStart(2, '0')}`;
    const commune = testCommune();
    const communeRun = await requestRun(h, operator, lonely, commune);
    const provinceWide = { provinceCode: '91', programmes: ['social_assistance', 'social_pension'] };
    const refused = await call<{ code: string; details: { runId: string } }>(h, operator, 'POST', '/runs', { month: lonely, scope: provinceWide });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'RUN_ALREADY_OPEN', details: { runId: communeRun.id } });
    // No commune or no programme in common: no overlap.
    const other = await requestRun(h, operator, lonely, testCommune());
    const meritorious = await call<RunBody>(h, operator, 'POST', '/runs', { month: lonely, scope: { provinceCode: '91', programmes: ['meritorious'] } });
    expect(meritorious.status).toBe(201);
    // Once the overlapping runs are closed, the province-wide run may be requested.
    for (const run of [communeRun.id, other.id]) expect((await call(h, operator, 'POST', `/runs/${run}/cancel`, { reason: 'test' })).status).toBe(200);
    const accepted = await call<RunBody>(h, operator, 'POST', '/runs', { month: lonely, scope: provinceWide });
    expect(accepted.status).toBe(201);
    // Its request names the runs of the month closed unpaid so far, as requested (entitlement applies their closures
    // before it prices this one); not the meritorious run, still open.
    expect(h.outbox.runRequests.find((e) => e.key === accepted.body.id)?.envelope.payload).toMatchObject({ closedRunIds: [communeRun.id, other.id] });
    for (const run of [meritorious.body.id, accepted.body.id]) expect((await call(h, operator, 'POST', `/runs/${run}/cancel`, { reason: 'test' })).status).toBe(200);
  });

  it('will not release a run that left a person out as already paid by a run closed unpaid since (two communes, a move)', async () => {
    // The person moved from one commune to the other between the two runs' snapshots: both hold them.
    const lonely = `${2100 + randomInt(800)}-${String(randomInt(1, 13)).padStart(2, '0')}`;
    const [from, to] = [testCommune(), testCommune()];
    const mover = beneficiary(from);
    const stayer = beneficiary(to);
    const first = await preparedRun(h, operator, lonely, from, [mover]);
    const second = await preparedRun(h, operator, lonely, to, [{ ...mover, communeCode: to }, stayer]);
    expect((await paymentsOf(h.db, second.id)).map((p) => p.person_ref)).toEqual([stayer.personRef]);
    expect((await call(h, approver, 'POST', `/runs/${second.id}/approve`)).status).toBe(200);

    // The first is cancelled: nobody would pay the mover's month. The second is not released as prepared.
    expect((await call(h, operator, 'POST', `/runs/${first.id}/cancel`, { reason: 'sai danh sách' })).status).toBe(200);
    const refused = await call<{ code: string; message: string }>(h, approver, 'POST', `/runs/${second.id}/release`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'RUN_INPUTS_CHANGED' });
    expect(refused.body.message).toContain(`1 person(s) left out of this run as already paid by run ${first.id}, which was cancelled since`);

    // Cancelled and requested anew, the run pays both.
    expect((await call(h, operator, 'POST', `/runs/${second.id}/cancel`, { reason: 'request anew' })).status).toBe(200);
    const again = await preparedRun(h, operator, lonely, to, [{ ...mover, communeCode: to }, stayer]);
    expect((await paymentsOf(h.db, again.id)).map((p) => p.person_ref).sort()).toEqual([mover.personRef, stayer.personRef].sort());
    expect((await call(h, operator, 'POST', `/runs/${again.id}/cancel`, { reason: 'test' })).status).toBe(200);
  });

  it("lists a run's payments in pages, each payment once, and says when the list is complete", async () => {
    const commune = testCommune();
    const run = await preparedRun(h, operator, '2031-06', commune, [beneficiary(commune), beneficiary(commune), beneficiary(commune)]);
    type PaymentsPage = { payments: { paymentId: string }[]; nextCursor?: string };
    const paged: string[] = [];
    const pages: number[] = [];
    let cursor: string | undefined;
    do {
      const page = (await call<PaymentsPage>(h, operator, 'GET', `/payments?runId=${run.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
      paged.push(...page.payments.map((p) => p.paymentId));
      pages.push(page.payments.length);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 5);
    expect(pages).toEqual([2, 1]);
    expect([...paged].sort()).toEqual((await paymentsOf(h.db, run.id)).map((p) => p.payment_id).sort());
    // All on one page: no cursor, the list is complete.
    expect((await call<PaymentsPage>(h, operator, 'GET', `/payments?runId=${run.id}&limit=3`)).body).toEqual({ payments: expect.any(Array) });
    // Another list's cursor is refused naming the field; a limit over 500 too.
    const runsCursor = Buffer.from(JSON.stringify(['runs', '2031-06-01T00:00:00.000000Z', randomUUID()])).toString('base64url');
    expect(await call(h, operator, 'GET', `/payments?runId=${run.id}&cursor=${runsCursor}`)).toMatchObject({ status: 422, body: { code: 'INVALID_CURSOR', details: { field: 'cursor' } } });
    expect((await call(h, operator, 'GET', `/payments?runId=${run.id}&limit=501`)).status).toBe(400);
    expect((await call(h, operator, 'POST', `/runs/${run.id}/cancel`, { reason: 'test' })).status).toBe(200);
  });

  it('shows a user limited to communes only their communes: payments, a payment, a preview, a batch sent again', async () => {
    const [mine, theirs] = [testCommune(), testCommune()];
    const local = await user(['operator'], 'commune-operator', undefined, [mine]);
    const myRun = await preparedRun(h, operator, month, mine, [beneficiary(mine)]);
    const theirRun = await preparedRun(h, operator, month, theirs, [beneficiary(theirs, { name: 'Trần Văn Bình' })]);
    const [their] = await paymentsOf(h.db, theirRun.id);

    const listed = await call<{ payments: { paymentId: string }[] }>(h, local, 'GET', `/payments?runId=${theirRun.id}&limit=500`);
    expect(listed).toMatchObject({ status: 200, body: { payments: [] } });
    expect((await call<{ payments: unknown[] }>(h, local, 'GET', `/payments?runId=${myRun.id}`)).body.payments).toHaveLength(1);
    expect((await call(h, local, 'GET', `/payments/${their.payment_id}`)).status).toBe(404);
    expect((await call(h, operator, 'GET', `/payments/${their.payment_id}`)).status).toBe(200);
    expect((await call(h, local, 'GET', `/runs/${theirRun.id}/preview`)).body).toMatchObject({ code: 'SCOPE_FORBIDDEN' });
    expect((await call(h, local, 'GET', `/runs/${myRun.id}/preview`)).status).toBe(200);

    // Another commune's batch: refused before anything about its state is said.
    expect((await call(h, approver, 'POST', `/runs/${theirRun.id}/approve`)).status).toBe(200);
    await release(h, approver, theirRun.id);
    const [batch] = await h.db.query<{ batch_id: string }[]>('SELECT batch_id FROM disbursement.partner_batches WHERE run_id = $1', [theirRun.id]);
    expect((await call(h, local, 'POST', `/batches/${batch.batch_id}/send-again`, { reason: 'checked with the bank' })).body).toMatchObject({ code: 'SCOPE_FORBIDDEN' });
    expect((await call(h, approver, 'POST', `/runs/${myRun.id}/cancel`, { reason: 'test' })).status).toBe(200);
  });

  it('refuses a run of social assistance without the social pension, or the reverse: only the higher of the two is paid', async () => {
    const commune = testCommune();
    // Test communes are random among 10,000 codes: another test's run may have drawn this one.
    const runsOf = async () => (await h.db.query<{ n: number }[]>('SELECT count(*)::int AS n FROM disbursement.runs WHERE commune_codes @> $1::text[]', [[commune]]))[0].n;
    const before = await runsOf();
    for (const programmes of [['social_assistance'], ['social_pension', 'meritorious']]) {
      const refused = await call<{ message: string[] }>(h, operator, 'POST', '/runs', { month, scope: { provinceCode: '91', programmes, communeCodes: [commune] } });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toEqual([
        'scope.programmes must name social_assistance and social_pension together: a person entitled to both is paid only the higher, which one run decides',
      ]);
    }
    expect(await runsOf()).toBe(before);
  });

  it('halts a run that entitlement halted, with its reason', async () => {
    const commune = testCommune();
    const run = await requestRun(h, operator, month, commune);
    const halted = createEvent(EntitlementRunHalted, { runId: run.id, reason: 'snapshot checksum differs' }, { correlationId: run.id, producer: 'test' });
    await publish(h, [{ topic: halted.topic, key: halted.key, value: JSON.stringify(halted.envelope) }]);
    const done = await waitForStatus(h, operator, run.id, ['HALTED']);
    expect(done.haltReason).toBe('entitlement halted the run: snapshot checksum differs');
  });

  it('shows the queue dashboard to operators and admins only', async () => {
    expect((await fetch(`${h.url}/queues`)).status).toBe(401);
    const auditor = await user(['auditor'], 'auditor');
    expect((await fetch(`${h.url}/queues`, { headers: { authorization: `Bearer ${auditor.token}` } })).status).toBe(403);
    const page = await fetch(`${h.url}/queues`, { headers: { authorization: `Bearer ${operator.token}` } });
    expect(page.status).toBe(200);
    const api = await fetch(`${h.url}/queues/api/queues`, { headers: { authorization: `Bearer ${operator.token}` } });
    const names = ((await api.json()) as { queues: { name: string }[] }).queues.map((q) => q.name).sort();
    expect((await fetch(`${h.url}/queues`, { headers: { cookie: `queues_token=${operator.token}` } })).status).toBe(200);
    expect(names).toEqual(['disbursement-outcomes', 'disbursement-partner-batches-bank', 'disbursement-partner-batches-post_office', 'disbursement-releases', 'disbursement-runs']);
  });

  it('lets only an admin change jobs from the queue dashboard: an operator reads it', async () => {
    // The queues are the whole province's: an operator of one commune cleaning the failed batch jobs acts on every run.
    const clean = (token: string) => fetch(`${h.url}/queues/api/queues/disbursement-runs/clean/failed`, { method: 'PUT', headers: { authorization: `Bearer ${token}` } });
    const refused = await clean(operator.token);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: 'ROLE_REQUIRED' });
    const admin = await user(['admin'], 'admin');
    expect((await clean(admin.token)).status).toBe(200);
  });
});
