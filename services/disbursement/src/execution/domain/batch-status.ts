import type { Channel } from '@benefits/contracts';

/**
 * A partner batch: PLANNED at release; SENDING once its payload is stored (from then on only those bytes are
 * ever sent); ACKNOWLEDGED by the partner; FINAL when no outcome can change any more. REJECTED: the partner
 * refused the whole file (nothing of it is paid). ATTENTION: the partner says the id was used for other content,
 * answered a send with what its contract does not name (neither taken nor refused), or no longer knows a batch it
 * acknowledged — a person must look, nothing is assumed.
 */
export type BatchStatus = 'PLANNED' | 'SENDING' | 'ACKNOWLEDGED' | 'REJECTED' | 'ATTENTION' | 'FINAL';
export type Partner = 'bank' | 'post_office';

export const PARTNERS: readonly Partner[] = ['bank', 'post_office'];

export function partnerOf(channel: Channel): Partner {
  return channel === 'bank' ? 'bank' : 'post_office';
}

/** The batch was accepted and its payments are with the partner. */
export function isAcknowledged(status: BatchStatus): boolean {
  return status === 'ACKNOWLEDGED' || status === 'FINAL';
}

/** Nothing more will be sent for this batch. */
export function isSettledForSending(status: BatchStatus): boolean {
  return isAcknowledged(status) || status === 'REJECTED';
}
