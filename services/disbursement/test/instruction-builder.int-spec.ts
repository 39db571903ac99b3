import { randomUUID } from 'node:crypto';
import { DataSource, type QueryRunner } from 'typeorm';
import { migrate } from '@benefits/platform';
import { disbursementDatabase } from '../src/database';
import { buildInstructions } from '../src/runs/preparation/instruction-builder';

jest.setTimeout(60_000);

/**
 * The preparation's SQL (buildInstructions) on a real PostgreSQL database of its own, from a ledger written row by
 * row: the states a month can be left in by partners answering after the next run was prepared, which a whole run
 * through the sandboxes cannot set up at will. Each case runs in a transaction rolled back at its end.
 */
describe('payment instructions from the ledger: an unpaid month is paid again once', () => {
  const database = `disbursement_builder_${randomUUID().slice(0, 8)}`;
  const url = `postgres://postgres@127.0.0.1:5432/${database}`;
  let db: DataSource;
  let tx: QueryRunner;
  const PROGRAMME = 'social_assistance';
  const COMPONENTS = JSON.stringify([{ kind: 'standard_x_coefficient', groupCode: 'SA_ELDERLY_80_NO_PENSION', amount: '500000' }]);
  let person: string;
  const id = (name: string) => `${name}${person.slice(0, 8).toUpperCase()}`;

  beforeAll(async () => {
    await migrate(disbursementDatabase({ DATABASE_URL: url }));
    db = new DataSource({ type: 'postgres', url });
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = new DataSource({ type: 'postgres', url: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.destroy();
  });
  beforeEach(async () => {
    person = randomUUID();
    tx = db.createQueryRunner();
    await tx.startTransaction();
  });
  afterEach(async () => {
    await tx.rollbackTransaction();
    await tx.release();
  });

  const run = async (month: string, status: string) => {
    const runId = randomUUID();
    await tx.query(
      `INSERT INTO disbursement.runs (id, month, province_code, programmes, scope_key, status, requested_by, correlation_id)
       VALUES ($1, $2, '91', ARRAY['social_assistance'], $3, $4, 'op', 'c')`,
      [runId, month, `91|social_assistance|${runId}`, status],
    );
    return runId;
  };
  const payment = async (p: { id: string; runId: string; month: string; status: string; channel?: string; carried?: number; amount: number; total: number }) =>
    tx.query(
      `INSERT INTO disbursement.payments (payment_id, run_id, kind, programme, month, person_ref, amount, arrears_amount, carried_over_amount, total,
              components, channel, holder_name, commune_code, cash_point_code, status, carried_over_next, created_at)
       VALUES ($1, $2, 'regular', $3, $4, $5, $6, $7::bigint - $6::bigint, 0, $7, $8::jsonb, $9, 'Nguyễn Văn An', '30742', 'CP1', $10, $11, $12::timestamptz)`,
      [p.id, p.runId, PROGRAMME, p.month, person, p.amount, p.total, COMPONENTS, p.channel ?? 'post_office_cash', p.status, p.carried ?? null, `${p.month}-05T00:00:00Z`],
    );
  const line = async (l: { paymentId: string; kind: string; month: string; amount: number; origin?: string; source?: string }) =>
    tx.query(
      `INSERT INTO disbursement.payment_lines (payment_id, kind, source, programme, month, person_ref, amount, origin_ref) VALUES ($1, $2, $8, $3, $4, $5, $6, $7)`,
      [l.paymentId, l.kind, PROGRAMME, l.month, person, l.amount, l.origin ?? '', l.source ?? l.kind],
    );
  /** The next run of the month, with entitlement's item for the person (its arrears) and their destination; prepared. */
  const prepare = async (month: string, item: { amount: number; month: number; arrears: { month: string; amount: string; reason: string }[] }, lastMonthOwed: string | null = null, paymentId = id('PNEXT')) => {
    const runId = await run(month, 'REQUESTED');
    await tx.query(
      `INSERT INTO disbursement.run_entitlements (run_id, programme, person_ref, amount, components_total, components, arrears, payment_id, chunk_no)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, 0)`,
      [runId, PROGRAMME, person, item.amount, item.month, item.month > 0 ? COMPONENTS : '[]', JSON.stringify(item.arrears), paymentId],
    );
    await tx.query(
      `INSERT INTO disbursement.run_destinations (run_id, person_ref, channel, holder_name, commune_code, cash_point_code, last_month_owed, chunk_no)
       VALUES ($1, $2, 'post_office_cash', 'Nguyễn Văn An', '30742', 'CP1', $3, 0)`,
      [runId, person, lastMonthOwed],
    );
    const built = await buildInstructions(tx.manager, runId, month);
    const lines = await tx.query(
      `SELECT kind, source, month, amount::text, origin_ref FROM disbursement.payment_lines WHERE payment_id = $1 ORDER BY month, source, origin_ref`,
      [paymentId],
    );
    return { built, lines: lines as { kind: string; source: string; month: string; amount: string; origin_ref: string }[] };
  };
  const paidFor = (lines: { month: string; amount: string }[], month: string) => lines.filter((l) => l.month === month).reduce((s, l) => s + Number(l.amount), 0);

  /**
   * March's 500,000 at the commune (P), not collected; April's run, prepared before that was known, carried 200,000
   * of arrears for March (a decision recorded late) beside April's 500,000 (Q), not collected either.
   */
  const marchOnTwoPayments = async () => {
    await payment({ id: id('PMARCH'), runId: await run('2026-03', 'COMPLETED'), month: '2026-03', status: 'not_collected', carried: 500000, amount: 500000, total: 500000 });
    await line({ paymentId: id('PMARCH'), kind: 'regular', month: '2026-03', amount: 500000 });
    await payment({ id: id('QAPRIL'), runId: await run('2026-04', 'COMPLETED'), month: '2026-04', status: 'not_collected', carried: 700000, amount: 500000, total: 700000 });
    await line({ paymentId: id('QAPRIL'), kind: 'regular', month: '2026-04', amount: 500000 });
    await line({ paymentId: id('QAPRIL'), kind: 'arrears', month: '2026-03', amount: 200000, origin: '2026-04:LATE_DECISION:1' });
  };

  /** March's 500,000 (P) not collected; April's payment (Q, its own 500,000) paid March again by a repay line of `source`. */
  const marchPaidAgainInApril = async (aprilStatus: string, source: 'carry_over' | 'unpaid_arrears') => {
    await payment({ id: id('PMARCH'), runId: await run('2026-03', 'COMPLETED'), month: '2026-03', status: 'not_collected', carried: 500000, amount: 500000, total: 500000 });
    await line({ paymentId: id('PMARCH'), kind: 'regular', month: '2026-03', amount: 500000 });
    await payment({ id: id('QAPRIL'), runId: await run('2026-04', 'COMPLETED'), month: '2026-04', status: aprilStatus, amount: 500000, total: 1000000 });
    await line({ paymentId: id('QAPRIL'), kind: 'regular', month: '2026-04', amount: 500000 });
    await line({ paymentId: id('QAPRIL'), kind: 'repay', source: source, month: '2026-03', amount: 500000, origin: id('PMARCH') });
  };

  it('pays March once, what entitlement owes for it (700,000), as the re-payment of both payments that held a line of it', async () => {
    await marchOnTwoPayments();
    const { lines } = await prepare('2026-05', {
      amount: 500000 + 700000 + 500000,
      month: 500000,
      arrears: [
        { month: '2026-03', amount: '700000', reason: 'UNPAID_CARRY_OVER' },
        { month: '2026-04', amount: '500000', reason: 'UNPAID_CARRY_OVER' },
      ],
    });
    expect(paidFor(lines, '2026-03')).toBe(700000);
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([
      { kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '500000', origin_ref: id('PMARCH') },
      { kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '200000', origin_ref: id('QAPRIL') },
    ]);
    expect(paidFor(lines, '2026-04')).toBe(500000);
  });

  it('gives what entitlement owes beyond the lines held (a rate entered since) to the latest line', async () => {
    await marchOnTwoPayments();
    const { lines } = await prepare('2026-05', { amount: 500000 + 740000, month: 500000, arrears: [{ month: '2026-03', amount: '740000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month === '2026-03').map((l) => [l.origin_ref, l.amount])).toEqual([
      [id('PMARCH'), '500000'],
      [id('QAPRIL'), '240000'],
    ]);
    // April's line of Q, owed again by nobody here, is carried over as the post office kept it.
    expect(lines.filter((l) => l.month === '2026-04')).toEqual([{ kind: 'repay', source: 'carry_over', month: '2026-04', amount: '500000', origin_ref: id('QAPRIL') }]);
  });

  it('does not owe twice what a re-send still in flight pays again of the month', async () => {
    // Q (arrears for March only, not collected) is being re-sent: entitlement, not knowing it yet, owes March whole.
    await marchOnTwoPayments();
    await payment({ id: id('RESEND'), runId: await run('2026-04', 'COMPLETED'), month: '2026-04', status: 'sent', amount: 0, total: 200000 });
    await line({ paymentId: id('RESEND'), kind: 'repay', source: 'resend', month: '2026-03', amount: 200000, origin: id('QAPRIL') });
    const { lines } = await prepare('2026-05', { amount: 500000 + 700000, month: 500000, arrears: [{ month: '2026-03', amount: '700000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([{ kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '500000', origin_ref: id('PMARCH') }]);
  });

  it('pays what a rate entered since owes beyond what its own re-payment of the month holds, as arrears of the month, once', async () => {
    // March not collected; entitlement owed it again in April (UNPAID_CARRY_OVER), paid as the re-payment of March's
    // line. Then a rate of 540,000 for March is entered: entitlement counts its own April arrears line, in flight or
    // collected, and owes the 40,000 alone.
    const rest = [{ kind: 'arrears', source: 'arrears', month: '2026-03', amount: '40000', origin_ref: '2026-05:UNPAID_CARRY_OVER:rest' }];
    for (const status of ['sent', 'settled']) {
      await marchPaidAgainInApril(status, 'unpaid_arrears');
      const { built, lines } = await prepare('2026-05', { amount: 500000 + 40000, month: 500000, arrears: [{ month: '2026-03', amount: '40000', reason: 'UNPAID_CARRY_OVER' }] });
      expect(lines.filter((l) => l.month === '2026-03')).toEqual(rest);
      expect(built.notes.droppedArrearsLines).toBe(0);
      await tx.rollbackTransaction();
      await tx.startTransaction();
    }
  });

  it('leaves out of a second run of the month a person its first run paid, rest of an unpaid month included: not paid twice, the run not refused', async () => {
    // May's first run paid March's 40,000 (a rate entered since) as UNPAID_REST, still in flight. A second run of May
    // (another rate entered meanwhile: 560,000) gets entitlement's 20,000 more for March, under the same key as the
    // first run's rest (one per person, programme, month owed and run month). The person already has May's payment:
    // the item is left out (told to entitlement, which owes it again in June), and the run is prepared.
    await marchPaidAgainInApril('settled', 'unpaid_arrears');
    const first = await prepare('2026-05', { amount: 500000 + 40000, month: 500000, arrears: [{ month: '2026-03', amount: '40000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(paidFor(first.lines, '2026-03')).toBe(40000);
    const second = await prepare('2026-05', { amount: 20000, month: 0, arrears: [{ month: '2026-03', amount: '20000', reason: 'UNPAID_CARRY_OVER' }] }, null, id('PSECOND'));
    expect(second.lines).toEqual([]);
    expect(second.built).toEqual({ notes: { alreadyPaid: 1, droppedArrearsLines: 0, carriedOverLines: 0 }, leftOut: [{ personRef: person, programme: PROGRAMME }] });
  });

  it('pays nothing again of a month its own carry-over paid and entitlement never heard of (UNPAID_REST)', async () => {
    // March not collected, learnt after entitlement priced April: April's payment carried March over on
    // disbursement's own (source carry_over) and settled. Entitlement counts no carried_over line: in May it owes
    // March's 500,000 again as UNPAID_CARRY_OVER. Before: all of March's lines were paid again, so the rest
    // (500,000 - nothing in flight) went out as arrears beside the 500,000 April paid: March paid twice.
    await marchPaidAgainInApril('settled', 'carry_over');
    const may = await prepare('2026-05', { amount: 500000 + 500000, month: 500000, arrears: [{ month: '2026-03', amount: '500000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(may.lines.filter((l) => l.month === '2026-03')).toEqual([]);
    await tx.rollbackTransaction();
    await tx.startTransaction();
    // A rate entered since (540,000): only the 40,000 beyond what the carry-over paid.
    await marchPaidAgainInApril('settled', 'carry_over');
    const rated = await prepare('2026-05', { amount: 500000 + 540000, month: 500000, arrears: [{ month: '2026-03', amount: '540000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(rated.lines.filter((l) => l.month === '2026-03')).toEqual([{ kind: 'arrears', source: 'arrears', month: '2026-03', amount: '40000', origin_ref: '2026-05:UNPAID_CARRY_OVER:rest' }]);
  });

  /**
   * March not collected, carried into April on disbursement's own (carry_over); entitlement, not counting that, owed
   * March again in May (UNPAID_CARRY_OVER 500): dropped, the carry-over had paid it, and entitlement counts May's
   * line as paid from then on. A rate of 540,000 entered after May was priced: June pays 40,000 for March
   * (BACKDATED_RATE, beside March's unpaid 500,000 fully counted), and June is not collected. In July entitlement owes
   * March's 40,000 again (UNPAID_CARRY_OVER).
   */
  const absorbedByMay = async (aprilStatus: string) => {
    await marchPaidAgainInApril(aprilStatus, 'carry_over');
    const may = await run('2026-05', 'COMPLETED');
    await tx.query(
      `INSERT INTO disbursement.run_entitlements (run_id, programme, person_ref, amount, components_total, components, arrears, payment_id, chunk_no)
       VALUES ($1, $2, $3, 1000000, 500000, $4::jsonb, $5::jsonb, $6, 0)`,
      [may, PROGRAMME, person, COMPONENTS, JSON.stringify([{ month: '2026-03', amount: '500000', reason: 'UNPAID_CARRY_OVER' }]), id('RMAY')],
    );
    await payment({ id: id('RMAY'), runId: may, month: '2026-05', status: 'settled', amount: 500000, total: 500000 });
    await line({ paymentId: id('RMAY'), kind: 'regular', month: '2026-05', amount: 500000 });
    await payment({ id: id('SJUNE'), runId: await run('2026-06', 'COMPLETED'), month: '2026-06', status: 'not_collected', carried: 580000, amount: 540000, total: 580000 });
    await line({ paymentId: id('SJUNE'), kind: 'regular', month: '2026-06', amount: 540000 });
    await line({ paymentId: id('SJUNE'), kind: 'arrears', month: '2026-03', amount: 40000, origin: '2026-06:BACKDATED_RATE:1' });
  };

  it('does not subtract again what its own carry-over paid once entitlement counted it (a dropped UNPAID_CARRY_OVER)', async () => {
    // Before: owed 40,000 less the 500,000 carried (already left out of it by May's line) - the 40,000 paid again as 0.
    await absorbedByMay('settled');
    const { lines } = await prepare('2026-07', { amount: 540000 + 40000, month: 540000, arrears: [{ month: '2026-03', amount: '40000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([{ kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '40000', origin_ref: id('SJUNE') }]);
  });

  it('pays what a dropped UNPAID_CARRY_OVER left to a carry-over that was then not collected', async () => {
    // April (the carry-over) not collected after May was prepared: May's 500,000 counted by entitlement reached nobody.
    await absorbedByMay('not_collected');
    const { lines } = await prepare('2026-07', { amount: 540000 + 40000, month: 540000, arrears: [{ month: '2026-03', amount: '40000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([
      { kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '500000', origin_ref: id('QAPRIL') },
      { kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '40000', origin_ref: id('SJUNE') },
    ]);
  });

  /** March paid (500,000); April's arrears-only payment Q (200,000 for March) not collected and re-sent (`resent`). */
  const marchArrearsResent = async (resent: string) => {
    await payment({ id: id('PMARCH'), runId: await run('2026-03', 'COMPLETED'), month: '2026-03', status: 'settled', amount: 500000, total: 500000 });
    await line({ paymentId: id('PMARCH'), kind: 'regular', month: '2026-03', amount: 500000 });
    const april = await run('2026-04', 'COMPLETED');
    await payment({ id: id('QAPRIL'), runId: april, month: '2026-04', status: 'not_collected', carried: 200000, amount: 0, total: 200000 });
    await line({ paymentId: id('QAPRIL'), kind: 'arrears', month: '2026-03', amount: 200000, origin: '2026-04:LATE_DECISION:1' });
    await payment({ id: id('RESEND'), runId: april, month: '2026-04', status: resent, amount: 0, total: 200000 });
    await line({ paymentId: id('RESEND'), kind: 'repay', source: 'resend', month: '2026-03', amount: 200000, origin: id('QAPRIL') });
  };

  it('pays nothing beyond when a re-send paid the month again (entitlement owes a payment not collected whatever its re-sends did)', async () => {
    // Entitlement owes March's 200,000 carried by Q (not collected): the re-send paid it, in flight or settled.
    for (const resent of ['sent', 'settled']) {
      await marchArrearsResent(resent);
      const { built, lines } = await prepare('2026-05', { amount: 500000 + 200000, month: 500000, arrears: [{ month: '2026-03', amount: '200000', reason: 'UNPAID_CARRY_OVER' }] });
      expect(lines.filter((l) => l.month === '2026-03')).toEqual([]);
      expect(built.notes.droppedArrearsLines).toBe(1);
      await tx.rollbackTransaction();
      await tx.startTransaction();
    }
  });

  it('pays a rate entered since beyond what a re-send with its outcome paid, once', async () => {
    // A rate raising March by 20,000 entered after Q was re-sent and the re-send settled: entitlement owes 220,000
    // (UNPAID_CARRY_OVER), whenever it heard of the re-send. Before: nothing, the 20,000 lost (entitlement counting
    // its 220,000 paid); and, had another line of March been left to pay, 220,000 on it: the re-send's 200,000 twice.
    await marchArrearsResent('settled');
    const { lines } = await prepare('2026-05', { amount: 500000 + 220000, month: 500000, arrears: [{ month: '2026-03', amount: '220000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([{ kind: 'arrears', source: 'arrears', month: '2026-03', amount: '20000', origin_ref: '2026-05:UNPAID_CARRY_OVER:rest' }]);
  });

  it('takes what a re-send paid off a line of the month left to pay, not only off the rest', async () => {
    // May paid March's 20,000 (a rate entered since) beside the re-send, and May came back not collected: June owes
    // 220,000 for March (Q's 200,000 and May's 20,000, both not collected). The re-send paid Q's: June pays May's 20,000.
    await marchArrearsResent('settled');
    await payment({ id: id('RMAY'), runId: await run('2026-05', 'COMPLETED'), month: '2026-05', status: 'not_collected', carried: 520000, amount: 500000, total: 520000 });
    await line({ paymentId: id('RMAY'), kind: 'regular', month: '2026-05', amount: 500000 });
    await line({ paymentId: id('RMAY'), kind: 'arrears', month: '2026-03', amount: 20000, origin: '2026-05:UNPAID_CARRY_OVER:rest' });
    const { lines } = await prepare('2026-06', {
      amount: 500000 + 220000 + 500000,
      month: 500000,
      arrears: [
        { month: '2026-03', amount: '220000', reason: 'UNPAID_CARRY_OVER' },
        { month: '2026-05', amount: '500000', reason: 'UNPAID_CARRY_OVER' },
      ],
    });
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([{ kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '20000', origin_ref: id('RMAY') }]);
  });

  it('pays again what a re-send that came back not collected held', async () => {
    await marchArrearsResent('not_collected');
    const { lines } = await prepare('2026-05', { amount: 500000 + 220000, month: 500000, arrears: [{ month: '2026-03', amount: '220000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month === '2026-03')).toEqual([{ kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '220000', origin_ref: id('RESEND') }]);
  });

  it('leaves a payment the bank rejected to its re-send: entitlement owes only what was not collected', async () => {
    // Q refused by the bank: entitlement counts it as with disbursement, and owes March's 500,000 not collected (P's).
    await payment({ id: id('PMARCH'), runId: await run('2026-03', 'COMPLETED'), month: '2026-03', status: 'not_collected', carried: 500000, amount: 500000, total: 500000 });
    await line({ paymentId: id('PMARCH'), kind: 'regular', month: '2026-03', amount: 500000 });
    await payment({ id: id('QAPRIL'), runId: await run('2026-04', 'COMPLETED'), month: '2026-04', status: 'rejected', channel: 'bank', amount: 500000, total: 700000 });
    await line({ paymentId: id('QAPRIL'), kind: 'regular', month: '2026-04', amount: 500000 });
    await line({ paymentId: id('QAPRIL'), kind: 'arrears', month: '2026-03', amount: 200000, origin: '2026-04:LATE_DECISION:1' });
    const { lines } = await prepare('2026-05', { amount: 1000000, month: 500000, arrears: [{ month: '2026-03', amount: '500000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines.filter((l) => l.month !== '2026-05')).toEqual([{ kind: 'repay', source: 'unpaid_arrears', month: '2026-03', amount: '500000', origin_ref: id('PMARCH') }]);
    // Nothing paid Q again: it can still be re-sent (ResendService refuses a payment some repay line names).
    expect(await tx.query(`SELECT 1 FROM disbursement.payment_lines WHERE kind = 'repay' AND origin_ref = $1`, [id('QAPRIL')])).toEqual([]);
  });

  it('carries the arrears a payment not collected held, whether or not the post office kept the money (a payee who died)', async () => {
    // March at the commune: March's 500,000 and 300,000 for January; not collected, the payee deceased, the post
    // office returned the money (carried 0). April pays the funeral payee: March again (UNPAID_CARRY_OVER) and January.
    await payment({ id: id('PMARCH'), runId: await run('2026-03', 'COMPLETED'), month: '2026-03', status: 'not_collected', carried: 0, amount: 500000, total: 800000 });
    await line({ paymentId: id('PMARCH'), kind: 'regular', month: '2026-03', amount: 500000 });
    await line({ paymentId: id('PMARCH'), kind: 'arrears', month: '2026-01', amount: 300000, origin: '2026-03:LATE_DECISION:1' });
    const { lines } = await prepare('2026-04', { amount: 500000, month: 0, arrears: [{ month: '2026-03', amount: '500000', reason: 'UNPAID_CARRY_OVER' }] }, '2026-03');
    expect(lines.map((l) => [l.month, l.source, l.amount])).toEqual([
      ['2026-01', 'carry_over', '300000'],
      ['2026-03', 'unpaid_arrears', '500000'],
    ]);
  });

  it('makes no payment of nothing: arrears only, every month of them already paid again', async () => {
    // March not collected and already carried into April's payment; a stopped decision's item owes March again.
    await payment({ id: id('PMARCH'), runId: await run('2026-03', 'COMPLETED'), month: '2026-03', status: 'not_collected', carried: 500000, amount: 500000, total: 500000 });
    await line({ paymentId: id('PMARCH'), kind: 'regular', month: '2026-03', amount: 500000 });
    await payment({ id: id('QAPRIL'), runId: await run('2026-04', 'RELEASED'), month: '2026-04', status: 'sent', amount: 0, total: 500000 });
    await line({ paymentId: id('QAPRIL'), kind: 'repay', source: 'carry_over', month: '2026-03', amount: 500000, origin: id('PMARCH') });
    const { built, lines } = await prepare('2026-05', { amount: 500000, month: 0, arrears: [{ month: '2026-03', amount: '500000', reason: 'UNPAID_CARRY_OVER' }] });
    expect(lines).toEqual([]);
    expect(await tx.query('SELECT 1 FROM disbursement.payments WHERE payment_id = $1', [id('PNEXT')])).toEqual([]);
    expect(built.notes.droppedArrearsLines).toBe(1);
    expect(built.leftOut).toEqual([{ personRef: person, programme: PROGRAMME }]);
  });

  it("writes a run's payments and lines batch by batch, so that a batch's rows lie together on disk", async () => {
    const runId = await run('2026-05', 'REQUESTED');
    // Payment ids in the order entitlement sent them; each person's destination puts them in another batch group.
    const items = [
      { paymentId: id('P1'), programme: 'social_assistance', channel: 'post_office_cash', bin: null, point: 'CP1' },
      { paymentId: id('P2'), programme: 'meritorious', channel: 'bank', bin: '970436', point: null },
      { paymentId: id('P3'), programme: 'social_assistance', channel: 'post_office_account', bin: null, point: null },
      { paymentId: id('P4'), programme: 'social_assistance', channel: 'bank', bin: '970436', point: null },
      { paymentId: id('P5'), programme: 'social_assistance', channel: 'bank', bin: '970415', point: null },
      { paymentId: id('P6'), programme: 'social_assistance', channel: 'bank', bin: '970436', point: null },
    ];
    for (const item of items) {
      const personRef = randomUUID();
      await tx.query(
        `INSERT INTO disbursement.run_entitlements (run_id, programme, person_ref, amount, components_total, components, arrears, payment_id, chunk_no)
         VALUES ($1, $2, $3, 500000, 500000, $4::jsonb, '[]'::jsonb, $5, 0)`,
        [runId, item.programme, personRef, COMPONENTS, item.paymentId],
      );
      await tx.query(
        `INSERT INTO disbursement.run_destinations (run_id, person_ref, channel, bank_bin, holder_name, commune_code, cash_point_code, chunk_no)
         VALUES ($1, $2, $3, $4, 'Nguyễn Văn An', '30742', $5, 0)`,
        [runId, personRef, item.channel, item.bin, item.point],
      );
    }
    await buildInstructions(tx.manager, runId, '2026-05');
    const onDisk = async (table: string) =>
      ((await tx.query(`SELECT t.payment_id FROM disbursement.${table} t JOIN disbursement.payments p USING (payment_id) WHERE p.run_id = $1 ORDER BY t.ctid`, [runId])) as { payment_id: string }[]).map(
        (row) => row.payment_id,
      );
    // Bank by BIN and paying department (970415/health, 970436/health, 970436/home_affairs), then post-office accounts, then cash points.
    const batchOrder = [id('P5'), id('P4'), id('P6'), id('P2'), id('P3'), id('P1')];
    expect(await onDisk('payments')).toEqual(batchOrder);
    expect(await onDisk('payment_lines')).toEqual(batchOrder);
  });
});
