import type { PartnerOutcome, Payout } from '../channel-adapter';

/** A line of the post office's settlement report (báo cáo kết quả chi trả), as far as outcomes need it. */
export interface SettlementLine {
  paymentId: string;
  outcome: 'PENDING' | 'PAID' | 'NOT_COLLECTED' | 'REJECTED';
  paidOn?: string;
  /** Paid: at the payment point or at home, which point, and the proxy who received it if not the beneficiary. */
  how?: 'at_point' | 'at_home';
  point?: string;
  proxyReceiver?: string;
  reason?: string;
  carriedOver?: string;
  /** What became of the money not paid out: returned to the department or kept for next month. */
  balance?: 'kept' | 'returned';
}

export interface SettlementReport {
  status: 'IN_PROGRESS' | 'FINAL';
  reportedAt: string;
  lines: SettlementLine[];
}

/**
 * PAID settled (with how it was paid out); NOT_COLLECTED with its reason and the amount carried over; REJECTED with its
 * code; PENDING open. NOT_COLLECTED counts only on the FINAL report: on an interim one it says the first payout session
 * missed the person, who may still be paid at home before the report closes. Taken as final, it left the payment
 * not_collected when the FINAL report said PAID (settled applies only to a payment in flight), and the next month's
 * run carried the money over: paid twice.
 */
export function outcomesFromSettlement(report: SettlementReport): { outcomes: PartnerOutcome[]; complete: boolean } {
  const reportedOn = report.reportedAt.slice(0, 10);
  const outcomes: PartnerOutcome[] = [];
  for (const line of report.lines) {
    const occurredOn = line.paidOn ?? reportedOn;
    if (line.outcome === 'PAID') outcomes.push({ paymentId: line.paymentId, outcome: 'settled', occurredOn, ...payoutOf(line) });
    else if (line.outcome === 'REJECTED') outcomes.push({ paymentId: line.paymentId, outcome: 'rejected', reasonCode: line.reason ?? 'MS03', occurredOn, ...balanceOf(line) });
    else if (line.outcome === 'NOT_COLLECTED' && report.status === 'FINAL') {
      outcomes.push({
        paymentId: line.paymentId,
        outcome: 'not_collected',
        reasonCode: (line.reason ?? 'absent').toUpperCase(),
        occurredOn,
        carriedOver: line.carriedOver ?? '0',
        ...balanceOf(line),
      });
    }
  }
  return { outcomes, complete: report.status === 'FINAL' };
}

function balanceOf(line: SettlementLine): { balance?: 'kept' | 'returned' } {
  return line.balance === 'kept' || line.balance === 'returned' ? { balance: line.balance } : {};
}

function payoutOf(line: SettlementLine): { payout?: Payout } {
  if (line.how !== 'at_point' && line.how !== 'at_home') return {};
  return { payout: { how: line.how, ...(line.point && { point: line.point }), ...(line.proxyReceiver && { receivedBy: line.proxyReceiver }) } };
}
