import type { Batch, BatchItem } from './batch';
import type { BalancePolicy } from './config';
import type { NotCollectedReason, PaymentOutcome } from './outcomes';

/**
 * The settlement report (báo cáo kết quả chi trả): per payment what happened, the amount carried over to next
 * month, and what becomes of the money not paid out: returned to the agency or kept by the post office for next
 * month. Totals are bigint sums; paid + returned + kept + pending always equals the list total.
 */
export type Disposition = 'kept' | 'returned';

export interface SettlementLine {
  paymentId: string;
  beneficiaryCode: string;
  fullName: string;
  maskedId: string;
  total: string;
  outcome: 'PENDING' | PaymentOutcome['outcome'];
  paidOn?: string;
  how?: 'at_point' | 'at_home';
  point?: string;
  proxyReceiver?: string;
  reason?: string;
  /** Still owed to the beneficiary next month (not collected for a reason other than death). */
  carriedOver: string;
  balance?: Disposition;
}

interface CountAndAmount {
  count: number;
  amount: string;
}

export interface SettlementReport {
  batchId: string;
  month: string;
  kind: Batch['kind'];
  communeCode?: string;
  pointCode?: string;
  status: 'IN_PROGRESS' | 'FINAL';
  reportedAt: string;
  lines: SettlementLine[];
  totals: {
    listed: CountAndAmount;
    paid: CountAndAmount;
    notCollected: CountAndAmount;
    rejected: CountAndAmount;
    pending: CountAndAmount;
    carriedOver: string;
    balanceReturned: string;
    balanceKept: string;
  };
}

/** Who moved away or died will not collect here next month: that money goes back whatever the policy. */
const ALWAYS_RETURNED: readonly NotCollectedReason[] = ['deceased', 'moved_away'];

export function settlementReport(
  batch: Batch,
  outcomes: ReadonlyMap<string, PaymentOutcome>,
  policy: BalancePolicy,
  reportedAt: string,
): SettlementReport {
  const lines = batch.items.map((item) => line(item, outcomes.get(item.paymentId), policy));
  const tally = (keep: (l: SettlementLine) => boolean): CountAndAmount => {
    const selected = lines.filter(keep);
    return { count: selected.length, amount: sum(selected.map((l) => l.total)) };
  };
  return {
    batchId: batch.batchId,
    month: batch.month,
    kind: batch.kind,
    communeCode: batch.communeCode,
    pointCode: batch.pointCode,
    status: lines.some((l) => l.outcome === 'PENDING') ? 'IN_PROGRESS' : 'FINAL',
    reportedAt,
    lines,
    totals: {
      listed: tally(() => true),
      paid: tally((l) => l.outcome === 'PAID'),
      notCollected: tally((l) => l.outcome === 'NOT_COLLECTED'),
      rejected: tally((l) => l.outcome === 'REJECTED'),
      pending: tally((l) => l.outcome === 'PENDING'),
      carriedOver: sum(lines.map((l) => l.carriedOver)),
      balanceReturned: tally((l) => l.balance === 'returned').amount,
      balanceKept: tally((l) => l.balance === 'kept').amount,
    },
  };
}

function line(item: BatchItem, outcome: PaymentOutcome | undefined, policy: BalancePolicy): SettlementLine {
  const base = {
    paymentId: item.paymentId,
    beneficiaryCode: item.beneficiaryCode,
    fullName: item.fullName,
    maskedId: item.maskedId,
    total: item.total,
    carriedOver: '0',
  };
  if (!outcome) return { ...base, outcome: 'PENDING' };
  if (outcome.outcome === 'PAID') return { ...base, ...outcome };
  if (outcome.outcome === 'REJECTED') return { ...base, outcome: 'REJECTED', reason: outcome.reason, balance: 'returned' };
  const returned = ALWAYS_RETURNED.includes(outcome.reason) || policy === 'returned';
  return {
    ...base,
    outcome: 'NOT_COLLECTED',
    reason: outcome.reason,
    carriedOver: outcome.reason === 'deceased' ? '0' : item.total,
    balance: returned ? 'returned' : 'kept',
  };
}

function sum(amounts: string[]): string {
  return amounts.reduce((total, amount) => total + BigInt(amount), 0n).toString();
}
