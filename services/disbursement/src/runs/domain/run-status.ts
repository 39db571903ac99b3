/**
 * The life of a payment run. Inputs arrive while REQUESTED; the preview is shown when PREVIEW_READY; four eyes
 * approve it; release sends it: RELEASING while a job plans its partner batches (minutes at national scale, so not
 * inside the approver's request), RELEASED once they are planned and queued; SENT when every partner batch is
 * acknowledged; COMPLETED when every payment is final. A re-send approved after that pays again from the run
 * (payments/resend.service.ts): the run goes back to RELEASED, and on to SENT and COMPLETED as its first batches did,
 * so that a run reads COMPLETED only while none of its money is moving. Nothing outside the service hears of a run
 * completing (no event), so completing twice counts nothing twice.
 */
export const RUN_STATUSES = ['REQUESTED', 'HALTED', 'PREVIEW_READY', 'APPROVED', 'REJECTED', 'CANCELLED', 'RELEASING', 'RELEASED', 'SENT', 'COMPLETED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const NEXT: Record<RunStatus, readonly RunStatus[]> = {
  REQUESTED: ['PREVIEW_READY', 'HALTED', 'CANCELLED'],
  PREVIEW_READY: ['APPROVED', 'REJECTED', 'CANCELLED'],
  APPROVED: ['RELEASING', 'CANCELLED'],
  RELEASING: ['RELEASED'],
  RELEASED: ['SENT'],
  SENT: ['COMPLETED'],
  HALTED: [],
  REJECTED: [],
  CANCELLED: [],
  COMPLETED: ['RELEASED'],
};

export class InvalidRunTransitionError extends Error {
  readonly code = 'INVALID_RUN_STATE';
  constructor(
    readonly from: RunStatus,
    readonly to: RunStatus,
  ) {
    super(`A run that is ${from} cannot become ${to}`);
  }
}

export function canTransition(from: RunStatus, to: RunStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertTransition(from: RunStatus, to: RunStatus): void {
  if (!canTransition(from, to)) throw new InvalidRunTransitionError(from, to);
}

/** Approved or later: the beneficiary list is frozen; registry edits go to the next run; re-sends need four eyes. */
export function isFrozen(status: RunStatus): boolean {
  return ['APPROVED', 'RELEASING', 'RELEASED', 'SENT', 'COMPLETED'].includes(status);
}

/** Money may have left: the run can no longer be cancelled. */
export function isReleased(status: RunStatus): boolean {
  return ['RELEASED', 'SENT', 'COMPLETED'].includes(status);
}
