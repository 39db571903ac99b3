import { toAsciiName } from '@benefits/iso20022';
import { accountOutcome } from '../shared/account-rules';
import { percentile } from '../shared/determinism';

/**
 * What the bank does with one credit transfer: a pure decision from the sandbox data (account number and name
 * patterns, the BIN list) and the bank's duplicate guard. Same inputs, same outcome, every time.
 */
export type TransferDecision =
  | { status: 'ACSC'; returnReason?: 'AC04' | 'MD07' }
  | { status: 'RJCT'; reason: string }
  /** Not yet: a "late" account settles in a second pass. */
  | { status: 'PDNG' };

export interface TransferFacts {
  endToEndId: string;
  creditorAgentBin: string;
  creditorAccount: string;
  creditorName: string;
}

export interface DecisionContext {
  knownBins: ReadonlySet<string>;
  /** The EndToEndId already settled (in this file or an earlier one) and not returned since. */
  alreadySettled: boolean;
  /** First pass at the outcome delay, or the second pass at the late delay. */
  pass: 'first' | 'late';
  seed: string;
  /** Extra MS03 rejections for plain accounts, picked by a seeded hash of the EndToEndId (load tests); 0 = none. */
  randomRejectPercent: number;
}

export function decideTransfer(tx: TransferFacts, ctx: DecisionContext): TransferDecision {
  // The bank's own guard against paying the same instruction twice comes before anything else.
  if (ctx.alreadySettled) return { status: 'RJCT', reason: 'AM05' };
  if (!ctx.knownBins.has(tx.creditorAgentBin)) return { status: 'RJCT', reason: 'RC01' };
  const outcome = accountOutcome(tx.creditorAccount, toAsciiName(tx.creditorName));
  switch (outcome.kind) {
    case 'reject':
      return { status: 'RJCT', reason: outcome.reason };
    case 'late':
      return ctx.pass === 'first' ? { status: 'PDNG' } : { status: 'ACSC' };
    case 'return':
      return { status: 'ACSC', returnReason: outcome.reason };
    case 'settle':
      if (percentile(ctx.seed, tx.endToEndId) < ctx.randomRejectPercent) return { status: 'RJCT', reason: 'MS03' };
      return { status: 'ACSC' };
  }
}
