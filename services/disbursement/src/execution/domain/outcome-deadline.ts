import { addDays } from '../../reconciliation/domain/classify';
import { isOverdue, postOfficeReportDueDate } from '../../reports/domain/due-dates';

/** A batch the partner acknowledged, as its deadline needs it (dates are Vietnamese calendar dates, YYYY-MM-DD). */
export interface AcknowledgedBatch {
  readonly channel: 'bank' | 'post_office_account' | 'post_office_cash';
  /** The payment month of its run (YYYY-MM). */
  readonly month: string;
  readonly acknowledgedOn: string;
}

export interface OutcomeDeadlineSettings {
  readonly OUTCOME_OVERDUE_DAYS: number;
  readonly RECON_GRACE_DAYS: number;
}

/**
 * The last day a partner may take to give every outcome of a batch it acknowledged. A bank answers each payment
 * within a day or two (a pending status, PDNG, a few days at most): OUTCOME_OVERDUE_DAYS after its acknowledgement.
 * The post office reports its list by its settlement report of the month, due by the 19th (due-dates.ts), read with
 * the RECON_GRACE_DAYS reconciliation allows it; a list acknowledged after that (a late run, a re-send) gets
 * OUTCOME_OVERDUE_DAYS from its acknowledgement, like a bank's file.
 */
export function outcomesDueBy(batch: AcknowledgedBatch, settings: OutcomeDeadlineSettings): { dueBy: string; why: string } {
  const partner = batch.channel === 'bank' ? 'the bank' : 'the post office';
  const fromAcknowledgement = {
    dueBy: addDays(batch.acknowledgedOn, settings.OUTCOME_OVERDUE_DAYS),
    why: `OUTCOME_OVERDUE_DAYS (${settings.OUTCOME_OVERDUE_DAYS}) after ${partner} acknowledged it on ${batch.acknowledgedOn}`,
  };
  if (batch.channel === 'bank') return fromAcknowledgement;
  const reportDue = postOfficeReportDueDate(batch.month);
  const byReport = {
    dueBy: addDays(reportDue, settings.RECON_GRACE_DAYS),
    why: `the post office's settlement report of ${batch.month} is due by ${reportDue}, and RECON_GRACE_DAYS (${settings.RECON_GRACE_DAYS}) more`,
  };
  return byReport.dueBy >= fromAcknowledgement.dueBy ? byReport : fromAcknowledgement;
}

/**
 * What a batch says (its lastError) once it is past due with `awaiting` payments still without an outcome (queued in
 * it or sent): left unsaid, a batch the partner went quiet on was polled for ever, its payments sent and its run
 * never done, with nothing on GET /batches. Undefined while it is not past due, or nothing awaits.
 */
export function overdueOutcomes(batch: AcknowledgedBatch, awaiting: number, today: string, settings: OutcomeDeadlineSettings): string | undefined {
  const { dueBy, why } = outcomesDueBy(batch, settings);
  if (awaiting === 0 || !isOverdue(dueBy, today)) return undefined;
  return `${awaiting} payment(s) of the batch still have no outcome, due by ${dueBy} (${why}): still polling; check with the partner`;
}
