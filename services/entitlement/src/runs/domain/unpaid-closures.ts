/**
 * A run disbursement closed before release (cancelled, rejected at its preview, halted on its control totals), so
 * nothing of it is paid. Entitlement hears of it twice, on two topics, in either order: RunClosedUnpaid, and the
 * completion of the snapshot of a run of the month requested after it (closedRunIds). Both are applied alike
 * (RunClosuresService.closeUnpaid); whichever comes second changes nothing.
 */
export interface UnpaidClosure {
  readonly runId: string;
  readonly month: string;
  /** Of the event that told it: a run not seen here yet is created under it (cancelled, its snapshot then ignored). */
  readonly correlationId: string;
  /** Why the run no longer stands, kept as its haltedReason. */
  readonly reason: string;
}

/** As RunClosedUnpaid tells it: how the run ended, by whom and why. */
export function toldClosure(
  closed: { readonly runId: string; readonly month: string; readonly status: string; readonly reason: string; readonly closedBy: string },
  correlationId: string,
): UnpaidClosure {
  return { runId: closed.runId, month: closed.month, correlationId, reason: `${closed.status} in disbursement by ${closed.closedBy}: ${closed.reason}` };
}

/**
 * The closures a run's snapshot completion names: the runs of its month disbursement had closed unpaid when the run
 * was requested. Each once, and never the run itself (it was open then): a contract slip must not cancel the run
 * about to be priced. How each ended is not told: RunClosedUnpaid, when it comes, finds the run cancelled already.
 */
export function namedClosures(
  completed: { readonly runId: string; readonly month: string; readonly closedRunIds?: readonly string[] },
  correlationId: string,
): UnpaidClosure[] {
  return [...new Set(completed.closedRunIds ?? [])]
    .filter((runId) => runId !== completed.runId)
    .map((runId) => ({ runId, month: completed.month, correlationId, reason: `closed unpaid in disbursement before run ${completed.runId} of the month was requested` }));
}
