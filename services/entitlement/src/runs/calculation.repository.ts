import { Injectable } from '@nestjs/common';
import { dong, type Dong } from '@benefits/money';
import type { EntityManager } from 'typeorm';
import type { EntitlementItem, Month, Programme } from '../domain';
import { continuingItemOf, type LedgerCandidate, type PastArrearsRow, type PastLineRow, type PastRecoveryRow, type PaymentRow, type PersonHistory, type TerminationRow } from './domain/arrears-history';
import type { SnapshotItem } from './domain/snapshot-input';
import { paymentRow, regularOf, type PaymentRecordRow } from './payment-rows';
import type { RunRow } from './snapshot.repository';

/** A page of a run's persons (see SnapshotRepository.createPages), with the run it belongs to. */
export interface PageRow extends RunRow {
  readonly page_no: number;
  readonly first_person: string;
  readonly last_person: string;
}

interface PersonRow {
  readonly person_ref: string;
}

/**
 * Run `alias` stands: neither closed unpaid in disbursement (CANCELLED) nor halted here (HALTED: on its snapshot, or
 * its calculation failing). What a run that does not stand priced or scheduled is as if it never was.
 */
const stands = (alias: string) => `${alias}.status NOT IN ('CANCELLED', 'HALTED')`;

/**
 * Whether disbursement left the item of this run, person and programme out (RunItemsLeftOut: already paid by another
 * run of the month): what the run scheduled in it (arrears, one-offs) is not scheduled after all.
 */
const leftOut = (runId: string, personRef: string, programme: string) =>
  `EXISTS (SELECT 1 FROM entitlement.run_items_left_out x WHERE x.run_id = ${runId} AND x.person_ref = ${personRef} AND x.programme = ${programme})`;

/**
 * Whether one-off `o` is held by a run that was not cancelled, in an item not left out. Each claim is the one-off's
 * next attempt (how many of its runs let it go): two runs claiming it at once conflict on the same attempt, and only
 * one gets it.
 */
const HELD_BY_A_RUN = `EXISTS (SELECT 1 FROM entitlement.one_off_schedules s JOIN entitlement.runs r ON r.run_id = s.run_id
                                WHERE s.one_off_id = o.id AND ${stands('r')} AND NOT ${leftOut('s.run_id', 'o.person_ref', 'o.programme')})`;

/** The latest outcome of a payment (alias `p`) first, as latestOutcomes orders them: on one day, a return only ever follows a settlement. */
const LATEST_FIRST = `p.occurred_on DESC, p.outcome = 'returned' DESC, p.received_at DESC`;

/** Arrears line `a` is scheduled: its run was not cancelled (r) and its item not left out. */
const SCHEDULED_ARREARS = `${stands('r')} AND NOT ${leftOut('a.run_id', 'a.person_ref', 'a.programme')}`;

/**
 * The reads of a calculation batch: one statement per question for the whole batch of persons (never one per
 * person), each on an index that starts with person_ref. A province without payment history answers from empty
 * index ranges. A run disbursement closed before release (CANCELLED: RunClosedUnpaid), or one halted here (HALTED),
 * is as if it never ran: none of these questions reads its lines, arrears, exceptions or one-off claims, so what it
 * scheduled is owed again. So is
 * an item disbursement left out of a run (RunItemsLeftOut): its arrears and one-off claims no longer count.
 */
@Injectable()
export class CalculationRepository {
  /**
   * The first page not done of the oldest run being calculated that no other worker holds, locked for this batch
   * (workers and replicas skip it meanwhile), with its run. The run row itself is not locked: pages go side by side.
   */
  async claimPage(tx: EntityManager): Promise<PageRow | undefined> {
    const rows: PageRow[] = await tx.query(
      `SELECT p.page_no, p.first_person, p.last_person,
              r.run_id, r.month, r.status, r.correlation_id, r.declared, r.book_watermark, r.next_chunk_no
         FROM entitlement.run_pages p JOIN entitlement.runs r ON r.run_id = p.run_id
        WHERE NOT p.done AND r.status = 'CALCULATING'
        ORDER BY r.created_at, p.page_no LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
    );
    return rows[0];
  }

  /** The staged items of a page's persons, in person order: one index range. */
  async pageItems(tx: EntityManager, page: PageRow): Promise<SnapshotItem[]> {
    return this.stagedItems(tx, `run_id = $1 AND person_ref BETWEEN $2 AND $3 ORDER BY person_ref`, [page.run_id, page.first_person, page.last_person]);
  }

  async markDone(tx: EntityManager, page: PageRow): Promise<void> {
    await tx.query(`UPDATE entitlement.run_pages SET done = true WHERE run_id = $1 AND page_no = $2`, [page.run_id, page.page_no]);
  }

  /**
   * The oldest run still calculating whose pages are all done, locked: the caller completes it. A worker that
   * finds it completed by another meanwhile (after waiting for its lock) gets nothing.
   */
  async lockFinishedRun(tx: EntityManager): Promise<RunRow | undefined> {
    const [candidate]: { run_id: string }[] = await tx.query(
      `SELECT r.run_id FROM entitlement.runs r
        WHERE r.status = 'CALCULATING' AND NOT EXISTS (SELECT 1 FROM entitlement.run_pages p WHERE p.run_id = r.run_id AND NOT p.done)
        ORDER BY r.created_at LIMIT 1`,
    );
    return candidate ? this.lockIfAllDone(tx, candidate.run_id) : undefined;
  }

  /** The run, locked, if it is still calculating and every page of it is done. */
  private async lockIfAllDone(tx: EntityManager, runId: string): Promise<RunRow | undefined> {
    const [run]: RunRow[] = await tx.query(
      `SELECT run_id, month, status, correlation_id, declared, book_watermark, next_chunk_no FROM entitlement.runs WHERE run_id = $1 FOR UPDATE`,
      [runId],
    );
    if (run?.status !== 'CALCULATING') return undefined;
    const [open]: { count: number }[] = await tx.query(`SELECT count(*)::int AS count FROM entitlement.run_pages WHERE run_id = $1 AND NOT done`, [runId]);
    return open.count === 0 ? run : undefined;
  }

  private async stagedItems(tx: EntityManager, where: string, params: unknown[]): Promise<SnapshotItem[]> {
    const rows: { person_ref: string; decision_id: string; programme: Programme; group_code: string; attributes: Record<string, unknown> }[] = await tx.query(
      `SELECT person_ref, decision_id, programme, group_code, attributes FROM entitlement.snapshot_items WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({ personRef: r.person_ref, decisionId: r.decision_id, programme: r.programme, groupCode: r.group_code, attributes: r.attributes }));
  }

  /**
   * The months whose last rate table entered the book after the month was first paid or calculated: only their
   * payments can be owed a difference. Two index lookups per month; none of them in a steady month.
   */
  async backdated(tx: EntityManager, entries: readonly { month: Month; latestEntry: string }[]): Promise<{ month: Month; latestEntry: string }[]> {
    if (entries.length === 0) return [];
    const rows: { month: string; latest: Date }[] = await tx.query(
      `SELECT b.month, b.latest FROM unnest($1::character(7)[], $2::timestamptz[]) AS b(month, latest)
        WHERE b.latest > least(
                (SELECT min(p.occurred_on)::timestamptz FROM entitlement.payments_received p WHERE p.month = b.month),
                (SELECT min(r.book_watermark) FROM entitlement.runs r WHERE r.month = b.month AND r.status IN ('CALCULATING', 'COMPLETED')))`,
      [entries.map((e) => e.month), entries.map((e) => e.latestEntry)],
    );
    return rows.map((r) => ({ month: r.month, latestEntry: r.latest.toISOString() }));
  }

  /**
   * Past months to look at again, for the persons of a batch (a range in person order: index range scans, not one
   * probe per person): payments whose latest outcome is unpaid; settled payments of months a rate table entered
   * later covers, and months paid only as arrears (settled) priced before that table, unless a run already priced or
   * corrected them with that table; months an earlier run left
   * unpriced and no arrears have settled since; months a termination left owed in another programme (owed_elsewhere)
   * that no run since has paid arrears for; months of a late decision or a resumption whose arrears disbursement left
   * out (RunItemsLeftOut) and no run has scheduled since (the snapshot names those months once only: the window of
   * the first run after the decision or resumption was recorded). Rows of persons outside the batch are dropped by the
   * caller.
   */
  async candidates(
    tx: EntityManager,
    range: { first: string; last: string },
    runMonth: Month,
    backdated: readonly { month: Month; latestEntry: string }[],
  ): Promise<Map<string, LedgerCandidate[]>> {
    const rows: (PersonRow & { programme: Programme; month: string; owed: boolean; higher_ended: boolean; resumed: boolean; unpriced: boolean })[] = await tx.query(
      `SELECT person_ref, programme, month, false AS owed, false AS higher_ended, false AS resumed, false AS unpriced FROM (
         SELECT DISTINCT ON (p.payment_id, p.month, p.programme) p.person_ref, p.programme, p.month, p.outcome
           FROM entitlement.payments_received p
          WHERE p.person_ref BETWEEN $1 AND $2 AND p.month < $3
            AND p.payment_id IN (SELECT u.payment_id FROM entitlement.payments_received u
                                  WHERE u.person_ref BETWEEN $1 AND $2 AND u.outcome = 'not_collected')
          ORDER BY p.payment_id, p.month, p.programme, ${LATEST_FIRST}) latest
        WHERE outcome = 'not_collected'
       UNION
       SELECT p.person_ref, p.programme, p.month, false, false, false, false
         FROM entitlement.payments_received p
         JOIN unnest($4::character(7)[], $5::timestamptz[]) AS b(month, latest) ON b.month = p.month
        WHERE p.person_ref BETWEEN $1 AND $2 AND p.month >= $6 AND p.month < $3 AND p.outcome = 'settled'
          AND NOT EXISTS (SELECT 1 FROM entitlement.entitlement_lines l JOIN entitlement.runs r ON r.run_id = l.run_id
                           WHERE l.person_ref = p.person_ref AND l.programme = p.programme AND l.month = p.month
                             AND l.calculation_id IS NOT NULL AND r.book_watermark >= b.latest AND ${stands('r')}
                             AND NOT ${leftOut('l.run_id', 'l.person_ref', 'l.programme')})
          AND NOT EXISTS (SELECT 1 FROM entitlement.arrears_lines a JOIN entitlement.runs r ON r.run_id = a.run_id
                           WHERE a.person_ref = p.person_ref AND a.programme = p.programme AND a.month = p.month AND r.book_watermark >= b.latest
                             AND ${SCHEDULED_ARREARS})
       UNION
       -- A month paid only as arrears (a late decision, a resumption), priced before the table: no payment is of it.
       SELECT a.person_ref, a.programme, a.month, false, false, false, false
         FROM entitlement.arrears_lines a JOIN entitlement.runs r ON r.run_id = a.run_id
         JOIN unnest($4::character(7)[], $5::timestamptz[]) AS b(month, latest) ON b.month = a.month
        WHERE a.person_ref BETWEEN $1 AND $2 AND a.month >= $6 AND a.month < $3 AND r.book_watermark < b.latest AND ${SCHEDULED_ARREARS}
          AND EXISTS (SELECT 1 FROM entitlement.payments_received p
                       WHERE p.run_id = a.run_id AND p.person_ref = a.person_ref AND p.programme = a.programme AND p.outcome = 'settled')
          AND NOT EXISTS (SELECT 1 FROM entitlement.entitlement_lines l JOIN entitlement.runs lr ON lr.run_id = l.run_id
                           WHERE l.person_ref = a.person_ref AND l.programme = a.programme AND l.month = a.month
                             AND l.calculation_id IS NOT NULL AND lr.book_watermark >= b.latest AND ${stands('lr')}
                             AND NOT ${leftOut('l.run_id', 'l.person_ref', 'l.programme')})
          AND NOT EXISTS (SELECT 1 FROM entitlement.arrears_lines a2 JOIN entitlement.runs r2 ON r2.run_id = a2.run_id
                           WHERE a2.person_ref = a.person_ref AND a2.programme = a.programme AND a2.month = a.month AND r2.book_watermark >= b.latest
                             AND ${stands('r2')} AND NOT ${leftOut('a2.run_id', 'a2.person_ref', 'a2.programme')})
       UNION
       SELECT e.person_ref, e.programme, e.month, true, false, false, true
         FROM entitlement.run_exceptions e JOIN entitlement.runs er ON er.run_id = e.run_id AND ${stands('er')}
        WHERE e.person_ref BETWEEN $1 AND $2 AND e.month < $3 AND e.kind IN ('UNPRICED', 'ARREARS_UNPRICED')
          AND NOT EXISTS (SELECT 1 FROM entitlement.arrears_lines a JOIN entitlement.runs r ON r.run_id = a.run_id
                           WHERE a.person_ref = e.person_ref AND a.programme = e.programme AND a.month = e.month AND ${SCHEDULED_ARREARS})
       UNION
       SELECT o.person_ref, o.programme, o.month, false, true, false, false
         FROM entitlement.owed_elsewhere o
        WHERE o.person_ref BETWEEN $1 AND $2 AND o.month < $3
          AND NOT EXISTS (SELECT 1 FROM entitlement.arrears_lines a JOIN entitlement.runs r ON r.run_id = a.run_id
                           WHERE a.person_ref = o.person_ref AND a.programme = o.programme AND a.month = o.month
                             AND r.created_at > o.recorded_at AND ${SCHEDULED_ARREARS})
       UNION
       SELECT x.person_ref, x.programme, m.month, true, false, bool_or(m.reason = 'RESUMED_AFTER_SUSPENSION'), false
         FROM entitlement.run_items_left_out x CROSS JOIN LATERAL jsonb_to_recordset(x.arrears) AS m(month text, reason text)
        WHERE x.person_ref BETWEEN $1 AND $2 AND m.month < $3 AND m.reason IN ('LATE_DECISION', 'RESUMED_AFTER_SUSPENSION')
          AND NOT EXISTS (SELECT 1 FROM entitlement.arrears_lines a JOIN entitlement.runs r ON r.run_id = a.run_id
                           WHERE a.person_ref = x.person_ref AND a.programme = x.programme AND a.month = m.month AND ${SCHEDULED_ARREARS})
        GROUP BY x.person_ref, x.programme, m.month`,
      [
        range.first,
        range.last,
        runMonth,
        backdated.map((b) => b.month),
        backdated.map((b) => b.latestEntry),
        backdated.length > 0 ? backdated.map((b) => b.month).sort()[0] : runMonth,
      ],
    );
    return groupBy(rows, (r) => ({ month: r.month, programme: r.programme, owed: r.owed, ...(r.higher_ended && { higherEnded: true }), ...(r.resumed && { resumed: true }), ...(r.unpriced && { unpriced: true }) }));
  }

  /** Whether any one-off (funeral support) waits for a run of this month: if not, batches need not look. */
  async oneOffsPending(tx: EntityManager, runMonth: Month): Promise<boolean> {
    const [row]: { pending: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM entitlement.one_offs o WHERE o.month <= $1 AND NOT ${HELD_BY_A_RUN}) AS pending`,
      [runMonth],
    );
    return row.pending;
  }

  /** Per person and programme, the last month before the run that was paid or calculated. */
  async lastKnown(tx: EntityManager, persons: readonly string[], runMonth: Month): Promise<Map<string, Map<Programme, Month>>> {
    const rows: (PersonRow & { programme: Programme; month: string })[] = await tx.query(
      `SELECT person_ref, programme, max(month) AS month FROM (
         SELECT person_ref, programme, month FROM entitlement.payments_received WHERE person_ref = ANY($1::uuid[]) AND month < $2
         UNION ALL
         SELECT l.person_ref, l.programme, l.month FROM entitlement.entitlement_lines l JOIN entitlement.runs r ON r.run_id = l.run_id
          WHERE l.person_ref = ANY($1::uuid[]) AND l.month < $2 AND l.calculation_id IS NOT NULL AND ${stands('r')}) known
       GROUP BY person_ref, programme`,
      [persons, runMonth],
    );
    const result = new Map<string, Map<Programme, Month>>();
    for (const row of rows) result.set(row.person_ref, (result.get(row.person_ref) ?? new Map<Programme, Month>()).set(row.programme, row.month));
    return result;
  }

  /** Payments, earlier lines (with the items they were calculated from), arrears and recoveries of some months. */
  async histories(tx: EntityManager, persons: readonly string[], months: readonly Month[]): Promise<Map<string, PersonHistory>> {
    const params = [persons, months];
    const payments: (PersonRow & PaymentRecordRow)[] =
      await tx.query(
        `SELECT p.payment_id, p.run_id, p.person_ref, p.programme, p.month, p.amount::text, p.outcome, p.occurred_on::text, p.received_at, p.resend_of, ${regularOf('p')}
           FROM entitlement.payments_received p WHERE p.person_ref = ANY($1::uuid[]) AND p.month = ANY($2::character(7)[])`,
        params,
      );
    const lines: (PersonRow & { run_id: string; programme: Programme; month: string; amount: string; inputs: EntitlementItem[] | null; priced_at: Date })[] =
      await tx.query(
        `SELECT l.run_id, l.person_ref, l.programme, l.month, l.amount::text, c.inputs, r.created_at AS priced_at
           FROM entitlement.entitlement_lines l LEFT JOIN entitlement.calculations c ON c.id = l.calculation_id
           JOIN entitlement.runs r ON r.run_id = l.run_id AND ${stands('r')}
          WHERE l.person_ref = ANY($1::uuid[]) AND l.month = ANY($2::character(7)[])`,
        params,
      );
    // The latest outcome of the payment that carried each line (its run's, for the person and programme; a re-send
    // too), as standingPayments counts them. A payment a re-send replaced was rejected or returned: neither unpaid nor
    // received. One not collected stays unpaid whatever its re-sends did (disbursement counts them, as a carry-over),
    // and what they settled is received.
    const arrears: (PersonRow & {
      programme: Programme;
      month: string;
      recipient_ref: string;
      amount: string;
      reason: string;
      carrier_unpaid: boolean;
      carrier_received: boolean;
      inputs: EntitlementItem[] | null;
      priced_at: Date;
    })[] =
      await tx.query(
        `SELECT a.person_ref, a.programme, a.month, a.recipient_ref, a.amount::text, a.reason, a.inputs, r.created_at AS priced_at,
                coalesce(carrier.unpaid, false) AS carrier_unpaid, coalesce(carrier.received, false) AS carrier_received
           FROM entitlement.arrears_lines a JOIN entitlement.runs r ON r.run_id = a.run_id
           CROSS JOIN LATERAL (
             SELECT bool_or(latest.outcome = 'not_collected') AS unpaid, bool_or(latest.outcome = 'settled') AS received
               FROM (SELECT DISTINCT ON (p.payment_id, p.month) p.outcome FROM entitlement.payments_received p
                      WHERE p.run_id = a.run_id AND p.person_ref = a.person_ref AND p.programme = a.programme
                      ORDER BY p.payment_id, p.month, ${LATEST_FIRST}) latest) carrier
          WHERE a.person_ref = ANY($1::uuid[]) AND a.month = ANY($2::character(7)[]) AND ${SCHEDULED_ARREARS}`,
        params,
      );
    const recoveries: (PersonRow & { programme: Programme; month: string; recipient_ref: string; amount: string })[] = await tx.query(
      `SELECT person_ref, programme, month, recipient_ref, amount::text FROM entitlement.recoveries
        WHERE person_ref = ANY($1::uuid[]) AND month = ANY($2::character(7)[])`,
      params,
    );
    const result = new Map<string, { payments: PaymentRow[]; lines: PastLineRow[]; arrears: PastArrearsRow[]; recoveries: PastRecoveryRow[]; terminations?: TerminationRow[] }>();
    const of = (person: string) => {
      let history = result.get(person);
      if (!history) result.set(person, (history = { payments: [], lines: [], arrears: [], recoveries: [] }));
      return history;
    };
    for (const p of payments) of(p.person_ref).payments.push(paymentRow(p));
    for (const l of lines) {
      of(l.person_ref).lines.push({ runId: l.run_id, programme: l.programme, month: l.month, amount: dong(l.amount), inputs: l.inputs ?? [], pricedAt: l.priced_at.toISOString() });
    }
    for (const a of arrears) {
      of(a.person_ref).arrears.push({
        programme: a.programme,
        month: a.month,
        recipientRef: a.recipient_ref,
        amount: dong(a.amount),
        carrierUnpaid: a.carrier_unpaid,
        carrierReceived: a.carrier_received,
        reason: a.reason,
        ...(a.inputs && { inputs: a.inputs }),
        pricedAt: a.priced_at.toISOString(),
      });
    }
    for (const r of recoveries) of(r.person_ref).recoveries.push({ programme: r.programme, month: r.month, recipientRef: r.recipient_ref, amount: dong(r.amount) });
    // Terminated decisions: their items are left out of the months after their last day paid (arrearsHistory).
    const terminations: (PersonRow & {
      programme: Programme;
      group_code: string;
      last_day_paid: string;
      terminated_at: Date;
      reason_code: string;
      cared_for_ref: string | null;
      amending_group_code: string | null;
      continuing_inputs: EntitlementItem[] | null;
    })[] = await tx.query(
      // An amended decision, with the items of the first line that priced its amending decision: a later month's,
      // priced after the amendment was recorded, holding an item of the amending group (for the same person cared for).
      `SELECT t.person_ref, t.programme, t.group_code, t.last_day_paid::text, t.terminated_at, t.reason_code, t.cared_for_ref, t.amending_group_code,
              continuing.inputs AS continuing_inputs
         FROM entitlement.terminations t
         LEFT JOIN LATERAL (
           SELECT c.inputs FROM entitlement.entitlement_lines l
             JOIN entitlement.runs r ON r.run_id = l.run_id AND ${stands('r')}
             JOIN entitlement.calculations c ON c.id = l.calculation_id
            WHERE t.amending_group_code IS NOT NULL AND l.person_ref = t.person_ref AND l.programme = t.programme
              AND l.month > to_char(t.last_day_paid, 'YYYY-MM') AND r.created_at > t.terminated_at
              AND c.inputs @> jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('family', t.amending_group_code, 'caredForRef', t.cared_for_ref)))
            ORDER BY l.month, r.created_at LIMIT 1) continuing ON true
        WHERE t.person_ref = ANY($1::uuid[])
        ORDER BY t.terminated_at`,
      [persons],
    );
    for (const t of terminations.filter((row) => result.has(row.person_ref))) {
      const history = of(t.person_ref);
      const termination: TerminationRow = {
        programme: t.programme,
        groupCode: t.group_code,
        lastDayPaid: t.last_day_paid,
        terminatedAt: t.terminated_at.toISOString(),
        reasonCode: t.reason_code,
        ...(t.cared_for_ref && { caredForRef: t.cared_for_ref }),
        ...(t.amending_group_code && { amendingFamily: t.amending_group_code }),
      };
      const continuingItem = t.amending_group_code ? continuingItemOf(termination, t.continuing_inputs ?? []) : undefined;
      history.terminations = [...(history.terminations ?? []), continuingItem ? { ...termination, continuingItem } : termination];
    }
    return result;
  }

  /**
   * Claims the one-offs not held by any run (never claimed, or their run cancelled since), of a month up to the run's,
   * for these persons (or for everyone when `persons` is null) into this run. The claim is a row per one-off and
   * attempt (HELD_BY_A_RUN): a second run can never claim the same one while the first holds it.
   * `communes`: a run requested for some communes claims only their one-offs, and those of no known commune.
   * A person who already has a line of the one-off's programme in this run (a death recorded after their page was
   * done) is left for the next run: the one-off cannot join that line any more, and a second line for the same
   * person and programme would fail the run's key (the run would never complete).
   */
  async claimOneOffs(
    tx: EntityManager,
    run: { runId: string; month: Month },
    persons: readonly string[] | null,
    programmes: readonly Programme[],
    communes: readonly string[] | null = null,
  ): Promise<{ id: string; personRef: string; programme: Programme; kind: string; amount: Dong; text: string }[]> {
    const rows: { id: string; person_ref: string; programme: Programme; kind: string; amount: string; explanation: string[] }[] = await tx.query(
      `WITH claimed AS (
         INSERT INTO entitlement.one_off_schedules (one_off_id, attempt, run_id)
         SELECT o.id, (SELECT count(*) FROM entitlement.one_off_schedules s JOIN entitlement.runs r ON r.run_id = s.run_id
                        WHERE s.one_off_id = o.id AND (NOT ${stands('r')} OR ${leftOut('s.run_id', 'o.person_ref', 'o.programme')})), $1::uuid
           FROM entitlement.one_offs o
          WHERE ($2::uuid[] IS NULL OR o.person_ref = ANY($2::uuid[])) AND o.programme = ANY($3::text[]) AND o.month <= $4
            AND ($5::text[] IS NULL OR o.commune_code IS NULL OR o.commune_code = ANY($5::text[]))
            AND NOT ${HELD_BY_A_RUN}
            AND NOT EXISTS (SELECT 1 FROM entitlement.entitlement_lines l WHERE l.run_id = $1 AND l.person_ref = o.person_ref AND l.programme = o.programme)
         ON CONFLICT (one_off_id, attempt) DO NOTHING RETURNING one_off_id)
       SELECT o.id::text, o.person_ref, o.programme, o.kind, o.amount::text, o.explanation
         FROM entitlement.one_offs o JOIN claimed c ON c.one_off_id = o.id ORDER BY o.person_ref`,
      [run.runId, persons, programmes, run.month, communes],
    );
    return rows.map((r) => ({ id: r.id, personRef: r.person_ref, programme: r.programme, kind: r.kind, amount: dong(r.amount), text: r.explanation[0] ?? r.kind }));
  }
}

function groupBy<R extends PersonRow, V>(rows: readonly R[], value: (row: R) => V): Map<string, V[]> {
  const result = new Map<string, V[]>();
  for (const row of rows) {
    const list = result.get(row.person_ref);
    if (list) list.push(value(row));
    else result.set(row.person_ref, [value(row)]);
  }
  return result;
}
