import type { EntityManager } from 'typeorm';
import type { Programme } from '@benefits/contracts';
import { select, selectOne } from '../../common/sql';
import { reissuedPaymentId } from '../../payments/domain/payment-id';
import { holdsFuneralSupport, onlyFuneralSupport, UNKNOWN_FUNERAL_PAYEE } from '../../payments/funeral';
import { paysArrearsOnly } from '../../payments/arrears-only';
import type { PreparationNotes } from '../run.entity';
import { batchGroupKeySql } from '../../execution/batch-planner';

/** What preparation built: its notes for the preview, and the items left out that entitlement must be told of. */
export interface Instructions {
  readonly notes: PreparationNotes;
  /** Items already paid or in flight in another run that held arrears or one-offs (RunItemsLeftOut). */
  readonly leftOut: readonly { personRef: string; programme: Programme }[];
}

/**
 * Builds a run's payment instructions from what it received, set-based (a few statements whatever the size).
 * One payment per person and programme, paid to the person's destination (for a deceased person: the funeral
 * organiser eligibility named), made of obligation lines:
 *  - regular: the month's components (none for an item of arrears only), unless that (programme, month, person) is already paid or in flight in
 *    another run (then the person is left out: "already paid"; those whose item held arrears or one-offs are returned,
 *    for entitlement to owe them again in a later run);
 *  - arrears: entitlement's arrears lines for earlier months;
 *  - repay: an unpaid line of an earlier payment paid again — entitlement's UNPAID_CARRY_OVER arrears, or a
 *    post-office payment not collected and carried over — at most once per line (the obligation guard).
 * Must run under the preparation lock (the caller holds it), so the NOT EXISTS checks cannot race; the unique
 * index of payment_lines is the backstop that aborts the whole preparation rather than pay twice.
 */
export async function buildInstructions(tx: EntityManager, runId: string, month: string): Promise<Instructions> {
  await tx.query('ANALYZE disbursement.run_entitlements, disbursement.run_destinations');
  // A funeral support without a destination (readiness let it through, see readiness.ts) becomes a payment held
  // for its payee: shown on the preview, rejected at release with PAYEE_MISSING, re-sendable to the organiser.
  await tx.query(
    `CREATE TEMP TABLE prep_candidates ON COMMIT DROP AS
     SELECT e.payment_id, e.programme, e.person_ref, e.components_total AS amount, e.components, e.arrears,
            COALESCE(d.channel, 'post_office_cash') AS channel, d.bank_bin, d.account_cipher, d.account_hash, d.account_masked,
            COALESCE(d.holder_name, $3) AS holder_name, d.masked_national_id, COALESCE(d.commune_code, '') AS commune_code, d.cash_point_code,
            d.address, d.last_month_owed, CASE WHEN d.person_ref IS NULL THEN 'PAYEE_MISSING' ELSE d.problem END AS problem
       FROM disbursement.run_entitlements e
       LEFT JOIN disbursement.run_destinations d ON d.run_id = e.run_id AND d.person_ref = e.person_ref
      WHERE e.run_id = $1 AND e.amount > 0 AND (d.person_ref IS NOT NULL OR ${onlyFuneralSupport('e.components')})
        AND NOT EXISTS (SELECT 1 FROM disbursement.payment_lines l
                         WHERE l.kind = 'regular' AND l.programme = e.programme AND l.month = $2 AND l.person_ref = e.person_ref
                           AND l.origin_ref = '' AND l.voided_at IS NULL)`,
    [runId, month, UNKNOWN_FUNERAL_PAYEE],
  );
  await reissueCancelledIds(tx);
  // Fresh rows: without statistics the planner would guess one row and choose nested loops over a million.
  await tx.query('ANALYZE prep_candidates');
  await tx.query(
    `CREATE TEMP TABLE prep_lines (payment_id text, kind text, source text, programme text, month text, person_ref uuid, amount bigint, origin_ref text)
     ON COMMIT DROP`,
  );
  // No regular line for an item of arrears only (amount 0): it pays no month of its own, and such a line would make
  // the person's payment of this month in another run of it "already paid" (eligibility sends a stopped decision's
  // item with the run that pays the person, but a month may have several runs).
  await tx.query(
    `INSERT INTO prep_lines SELECT payment_id, 'regular', 'regular', programme, $1, person_ref, amount, '' FROM prep_candidates WHERE NOT ${paysArrearsOnly('amount')}`,
    [month],
  );
  await tx.query(
    `INSERT INTO prep_lines
     SELECT c.payment_id, 'arrears', 'arrears', c.programme, a.value->>'month', c.person_ref, (a.value->>'amount')::bigint,
            $1 || ':' || (a.value->>'reason') || ':' || a.ordinality
       FROM prep_candidates c CROSS JOIN LATERAL jsonb_array_elements(c.arrears) WITH ORDINALITY AS a(value, ordinality)
      WHERE a.value->>'reason' <> 'UNPAID_CARRY_OVER' AND (a.value->>'amount')::bigint > 0`,
    [month],
  );
  const unpaidArrears = await countUnpaidArrears(tx);
  // Entitlement's arrears for a month not collected (UNPAID_CARRY_OVER: what is owed for the month, summed) are paid
  // ONCE, as the re-payment of every line of that month that payments not collected held and nothing paid again yet
  // (its own payment's, and arrears for it a later payment carried): one repay line per such payment, so that neither
  // the carry-over below nor a later run or re-send pays any of them again. Each line takes what it held, oldest
  // first and up to what is owed; the latest takes the rest (a rate entered since owes more than was held).
  // What entitlement owes does not count what disbursement pays again of the month on its own (`uncounted`): a
  // carry-over (entitlement counts a payment's own month and its own arrears only) or a re-send (of a funeral support
  // or arrears paid alone: entitlement owes a payment not collected again whatever its re-sends did, whenever it hears
  // of their outcome, arrears-history.ts standingPayments), in flight or paid, unless it came back not collected
  // itself. That is not owed twice. A repay line of entitlement's own UNPAID_CARRY_OVER is counted there already, in
  // flight or not. A rejected or returned payment is not entitlement's to owe again (disbursement
  // re-sends it): its lines are left to the re-send. Every such line already paid again: what is owed beyond what is
  // uncounted (a rate entered since) is paid as arrears of the month, under a key of its own (UNPAID_REST); nothing
  // beyond, the arrears are dropped (counted on the preview).
  // What was uncounted is subtracted once only (`absorbed`): where an earlier payment's UNPAID_CARRY_OVER for the
  // month was cut down by it (dropped, or paid less), entitlement counts that earlier line whole as paid (its carrier
  // not collected excepted, see arrears-history.ts carriedUnpaid), so what it owes now already leaves the uncounted
  // money out by that much. Subtracting it again would leave later arrears of the month unpaid (a rate entered since,
  // carried by a payment not collected: paid again as 0).
  await tx.query(
    `WITH u AS (
       SELECT c.payment_id, c.programme, c.person_ref, a.value->>'month' AS month, sum((a.value->>'amount')::bigint) AS owed
         FROM prep_candidates c CROSS JOIN LATERAL jsonb_array_elements(c.arrears) AS a(value)
        WHERE a.value->>'reason' = 'UNPAID_CARRY_OVER'
        GROUP BY 1, 2, 3, 4),
     absorbed AS (
       SELECT u.payment_id, u.month, COALESCE(sum(n.owed - n.paid), 0) AS absorbed
         FROM u
         JOIN LATERAL (
           SELECT (SELECT COALESCE(sum((a.value->>'amount')::bigint), 0) FROM jsonb_array_elements(e.arrears) AS a(value)
                    WHERE a.value->>'reason' = 'UNPAID_CARRY_OVER' AND a.value->>'month' = u.month) AS owed,
                  (SELECT COALESCE(sum(l.amount), 0) FROM disbursement.payment_lines l
                    WHERE l.payment_id = p.payment_id AND l.month = u.month AND l.voided_at IS NULL
                      AND (l.source = 'unpaid_arrears' OR (l.source = 'arrears' AND l.origin_ref = p.month || '${UNPAID_REST}'))) AS paid
             FROM disbursement.payments p
             JOIN disbursement.run_entitlements e ON e.run_id = p.run_id AND e.programme = p.programme AND e.person_ref = p.person_ref
            WHERE p.person_ref = u.person_ref AND p.programme = u.programme AND p.kind = 'regular' AND p.run_id <> $2::uuid
              AND p.status NOT IN ('not_collected', 'cancelled')
              -- A re-send not collected carries the line for entitlement now (its own lines are paid again above).
              AND NOT EXISTS (SELECT 1 FROM disbursement.payments s
                               WHERE s.person_ref = p.person_ref AND s.programme = p.programme AND s.month = p.month
                                 AND s.resend_of = p.payment_id AND s.status = 'not_collected')) n ON true
        GROUP BY u.payment_id, u.month),
     unpaid AS (
       SELECT u.payment_id, u.programme, u.person_ref, u.month, u.owed, l.payment_id AS origin, p.created_at, sum(l.amount) AS held,
              r.status AS repaid_by,
              COALESCE(r.source IN ('carry_over', 'resend') AND r.status <> 'not_collected', false) AS uncounted
         FROM u
         JOIN disbursement.payment_lines l ON l.programme = u.programme AND l.person_ref = u.person_ref AND l.month = u.month AND l.voided_at IS NULL
         JOIN disbursement.payments p ON p.payment_id = l.payment_id AND p.status = 'not_collected'
         LEFT JOIN LATERAL (
           SELECT q.status, r.source FROM disbursement.payment_lines r JOIN disbursement.payments q ON q.payment_id = r.payment_id
            WHERE r.kind = 'repay' AND r.programme = u.programme AND r.month = u.month AND r.person_ref = u.person_ref
              AND r.origin_ref = l.payment_id AND r.voided_at IS NULL LIMIT 1) r ON true
        GROUP BY u.payment_id, u.programme, u.person_ref, u.month, u.owed, l.payment_id, p.created_at, r.status, r.source),
     open AS (
       SELECT o.*,
              o.owed - COALESCE(sum(held) FILTER (WHERE uncounted) OVER (PARTITION BY o.payment_id, o.month), 0) + COALESCE(b.absorbed, 0) AS due
         FROM unpaid o LEFT JOIN absorbed b ON b.payment_id = o.payment_id AND b.month = o.month),
     allotted AS (
       SELECT o.*,
              COALESCE(sum(held) OVER (PARTITION BY payment_id, month ORDER BY created_at, origin ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS held_before,
              row_number() OVER (PARTITION BY payment_id, month ORDER BY created_at DESC, origin DESC) = 1 AS latest
         FROM open o WHERE repaid_by IS NULL),
     rest AS (
       SELECT DISTINCT payment_id, programme, person_ref, month, due FROM open o
        WHERE NOT EXISTS (SELECT 1 FROM allotted a WHERE a.payment_id = o.payment_id AND a.month = o.month))
     INSERT INTO prep_lines
     SELECT payment_id, 'repay', 'unpaid_arrears', programme, month, person_ref,
            CASE WHEN latest THEN GREATEST(due - held_before, 0) ELSE GREATEST(LEAST(held, due - held_before), 0) END, origin
       FROM allotted
     UNION ALL
     SELECT payment_id, 'arrears', 'arrears', programme, month, person_ref, due, $1 || '${UNPAID_REST}' FROM rest WHERE due > 0`,
    [month, runId],
  );
  // Post-office payments not collected: every line of them is carried into this run, once; the lines of one month
  // (its regular amount, arrears for it, an earlier carry of it) as one re-payment of that month; whether or not the
  // post office kept the money (carried_over_next, balance_disposition: the funding report asks the treasury for
  // what it did not keep). Into a payment to a deceased person's funeral payee, no month after the death
  // (last_month_owed): sent before the death was known, it was never owed, and stays unpaid. A funeral support
  // not collected is re-sent instead (a deceased person has no later item to carry it): the re-send's lines have the
  // key checked here (repay, origin = the unpaid payment), so whichever comes first pays it, and only once.
  await tx.query(
    `INSERT INTO prep_lines
     SELECT c.payment_id, 'repay', 'carry_over', l.programme, l.month, l.person_ref, sum(l.amount), l.payment_id
       FROM prep_candidates c
       JOIN disbursement.payments p ON p.person_ref = c.person_ref AND p.programme = c.programme AND p.month < $1
                                   AND p.status = 'not_collected'
       JOIN disbursement.payment_lines l ON l.payment_id = p.payment_id AND l.voided_at IS NULL
      WHERE (c.last_month_owed IS NULL OR l.month <= c.last_month_owed)
        AND NOT EXISTS (SELECT 1 FROM disbursement.payment_lines r
                         WHERE r.kind = 'repay' AND r.programme = l.programme AND r.month = l.month AND r.person_ref = l.person_ref
                           AND r.origin_ref = l.payment_id AND r.voided_at IS NULL)
        AND NOT EXISTS (SELECT 1 FROM prep_lines q
                         WHERE q.kind = 'repay' AND q.programme = l.programme AND q.month = l.month AND q.person_ref = l.person_ref
                           AND q.origin_ref = l.payment_id)
      GROUP BY c.payment_id, l.programme, l.month, l.person_ref, l.payment_id`,
    [month],
  );
  // A payment with nothing left to pay (an item of arrears only whose months were all paid again already) is not made:
  // a bank refuses a whole file for one transfer of 0. Its item is left out like one already paid.
  await tx.query('DELETE FROM prep_candidates c WHERE NOT EXISTS (SELECT 1 FROM prep_lines l WHERE l.payment_id = c.payment_id AND l.amount > 0)');
  await tx.query('DELETE FROM prep_lines l WHERE NOT EXISTS (SELECT 1 FROM prep_candidates c WHERE c.payment_id = l.payment_id)');
  await tx.query('ANALYZE prep_lines');
  await tx.query(
    `INSERT INTO disbursement.payments (payment_id, run_id, kind, resend_of, programme, month, person_ref, amount, arrears_amount,
            carried_over_amount, total, components, channel, bank_bin, account_cipher, account_hash, account_masked, holder_name,
            masked_national_id, commune_code, cash_point_code, address, destination_problem, status)
     SELECT c.payment_id, $1, 'regular', NULL, c.programme, $2, c.person_ref, c.amount, COALESCE(s.arrears, 0), COALESCE(s.carried, 0),
            c.amount + COALESCE(s.arrears, 0) + COALESCE(s.carried, 0), c.components, c.channel, c.bank_bin, c.account_cipher,
            c.account_hash, c.account_masked, c.holder_name, c.masked_national_id, c.commune_code, c.cash_point_code, c.address, c.problem, 'pending'
       FROM prep_candidates c
       LEFT JOIN (SELECT payment_id,
                         sum(amount) FILTER (WHERE source = 'arrears') AS arrears,
                         sum(amount) FILTER (WHERE source IN ('carry_over', 'unpaid_arrears')) AS carried
                    FROM prep_lines GROUP BY payment_id) s USING (payment_id)
      ORDER BY ${WRITE_ORDER}`,
    [runId, month],
  );
  await tx.query(
    `INSERT INTO disbursement.payment_lines (payment_id, kind, source, programme, month, person_ref, amount, origin_ref)
     SELECT l.payment_id, l.kind, l.source, l.programme, l.month, l.person_ref, l.amount, l.origin_ref
       FROM prep_lines l JOIN prep_candidates c USING (payment_id) ORDER BY ${WRITE_ORDER}`,
  );
  await tx.query(
    `INSERT INTO disbursement.payment_status_changes (payment_id, from_status, to_status, changed_by)
     SELECT payment_id, NULL, 'pending', 'system' FROM prep_candidates`,
  );
  const leftOut = await select<{ personRef: string; programme: Programme }>(
    tx,
    `SELECT e.person_ref AS "personRef", e.programme FROM disbursement.run_entitlements e
      WHERE e.run_id = $1 AND e.amount > 0 AND (jsonb_array_length(e.arrears) > 0 OR ${holdsFuneralSupport('e.components')})
        AND NOT EXISTS (SELECT 1 FROM prep_candidates c WHERE c.person_ref = e.person_ref AND c.programme = e.programme)
      ORDER BY 1, 2`,
    [runId],
  );
  const counts = await selectOne<{ payable: number; candidates: number; unpaid: number; carried: number }>(
    tx,
    `SELECT (SELECT count(*)::int FROM disbursement.run_entitlements WHERE run_id = $1 AND amount > 0) AS payable,
            (SELECT count(*)::int FROM prep_candidates) AS candidates,
            (SELECT count(DISTINCT (payment_id, month))::int FROM prep_lines WHERE source = 'unpaid_arrears' OR origin_ref = $2 || '${UNPAID_REST}') AS unpaid,
            (SELECT count(*)::int FROM prep_lines WHERE source = 'carry_over') AS carried`,
    [runId, month],
  );
  await tx.query('DROP TABLE prep_candidates, prep_lines');
  const { payable, candidates, unpaid, carried } = counts ?? { payable: 0, candidates: 0, unpaid: 0, carried: 0 };
  return { notes: { alreadyPaid: payable - candidates, droppedArrearsLines: unpaidArrears - unpaid, carriedOverLines: carried }, leftOut };
}

/**
 * The order a run's payments and their lines are written in: that of their batches (batch-planner.ts), so that a
 * batch's rows lie together on disk. Everything after preparation reads and updates payments batch by batch (the
 * planning, the partner file, "sent", each outcome): written in the order entitlement sent them, the 2,000 payments
 * of a batch were on some 1,800 pages, more than PostgreSQL's buffers hold at a large run.
 */
const WRITE_ORDER = `c.channel, ${batchGroupKeySql('c')}, c.payment_id`;

/**
 * The origin key's suffix (after the run's month) of the arrears line that pays what entitlement owes for an unpaid
 * month beyond the lines of it already paid again: one per person, programme, month owed and run month.
 */
const UNPAID_REST = ':UNPAID_CARRY_OVER:rest';

/** The months of entitlement's arrears for unpaid payments, per payment: each is paid as one re-payment line, or dropped. */
async function countUnpaidArrears(tx: EntityManager): Promise<number> {
  const row = await selectOne<{ n: number }>(
    tx,
    `SELECT count(DISTINCT (c.payment_id, a.value->>'month'))::int AS n FROM prep_candidates c CROSS JOIN LATERAL jsonb_array_elements(c.arrears) AS a(value)
      WHERE a.value->>'reason' = 'UNPAID_CARRY_OVER'`,
  );
  return row?.n ?? 0;
}

/**
 * A payment id can already exist for a payment of a cancelled or rejected run (the same obligation, never sent):
 * the new instruction gets the next reissued id, still derived from the original, never random.
 */
async function reissueCancelledIds(tx: EntityManager): Promise<void> {
  const taken = await select<{ payment_id: string }>(
    tx,
    'SELECT c.payment_id FROM prep_candidates c JOIN disbursement.payments p ON p.payment_id = c.payment_id',
  );
  for (const { payment_id: original } of taken) {
    for (let n = 1; ; n++) {
      const candidate = reissuedPaymentId(original, n);
      const exists = await select(tx, 'SELECT 1 FROM disbursement.payments WHERE payment_id = $1', [candidate]);
      if (exists.length > 0) continue;
      await tx.query('UPDATE prep_candidates SET payment_id = $2 WHERE payment_id = $1', [original, candidate]);
      break;
    }
  }
}
