/**
 * How a sandbox decides the fate of a payment into an account: by the account number and the creditor name, so a
 * test (or a person at a demo) picks the outcome by picking the data. The same table serves the bank and the post
 * office's account payments. Documented in infra/sandboxes/README.md.
 */
export type AccountOutcome =
  | { kind: 'settle' }
  /** Settles, but only after the "late" delay: the partner is slow, not wrong. */
  | { kind: 'late' }
  | { kind: 'reject'; reason: 'AC01' | 'AC04' | 'AC06' | 'BE01' | 'MD07' | 'MS03' }
  /** Settles, then the money comes back later (a CRDT with RtrInf/Rsn/Cd). */
  | { kind: 'return'; reason: 'AC04' | 'MD07' };

export interface AccountRule {
  suffix: string;
  outcome: AccountOutcome;
  meaning: string;
}

export const ACCOUNT_RULES: readonly AccountRule[] = [
  { suffix: '0001', outcome: { kind: 'reject', reason: 'AC01' }, meaning: 'incorrect account number' },
  { suffix: '0003', outcome: { kind: 'reject', reason: 'MS03' }, meaning: 'rejected, reason not specified' },
  { suffix: '0004', outcome: { kind: 'reject', reason: 'AC04' }, meaning: 'closed account' },
  { suffix: '0005', outcome: { kind: 'late' }, meaning: 'settled, but only after the late delay' },
  { suffix: '0006', outcome: { kind: 'reject', reason: 'AC06' }, meaning: 'blocked account' },
  { suffix: '0007', outcome: { kind: 'reject', reason: 'MD07' }, meaning: 'account holder deceased' },
  { suffix: '0098', outcome: { kind: 'return', reason: 'MD07' }, meaning: 'settled, then returned: holder deceased' },
  { suffix: '0099', outcome: { kind: 'return', reason: 'AC04' }, meaning: 'settled, then returned: account closed' },
];

/** Creditor names containing this word (after folding to upper-case ASCII) fail the name check. */
export const NAME_MISMATCH_MARKER = 'MISMATCH';

/** VietQR convention: an account number is 6 to 19 digits. */
const ACCOUNT_NUMBER = /^\d{6,19}$/;

/** `asciiName` is the creditor name already folded to upper-case ASCII. */
export function accountOutcome(account: string, asciiName: string): AccountOutcome {
  if (!ACCOUNT_NUMBER.test(account)) return { kind: 'reject', reason: 'AC01' };
  const rule = ACCOUNT_RULES.find((r) => account.endsWith(r.suffix));
  if (rule && rule.outcome.kind === 'reject') return rule.outcome;
  // The account exists and is open: now the bank compares the holder's name.
  if (asciiName.includes(NAME_MISMATCH_MARKER)) return { kind: 'reject', reason: 'BE01' };
  return rule?.outcome ?? { kind: 'settle' };
}
