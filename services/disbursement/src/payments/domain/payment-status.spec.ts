import { isFinal, outcomeApplies, PAYMENT_STATUSES, reportedLineKind, resendRefusal, statusesChangedBy, type Outcome, type PaymentStatus } from './payment-status';

describe('payment outcomes', () => {
  const applies: Record<Outcome, PaymentStatus[]> = {
    settled: ['queued', 'sent'],
    rejected: ['pending', 'queued', 'sent'],
    not_collected: ['queued', 'sent'],
    returned: ['settled'],
  };

  it.each(Object.entries(applies) as [Outcome, PaymentStatus[]][])('%s changes only a payment that is %j', (outcome, from) => {
    expect(PAYMENT_STATUSES.filter((status) => outcomeApplies(status, outcome))).toEqual(from);
  });

  it.each<[Outcome[], PaymentStatus[]]>([
    [['settled'], ['queued', 'sent']],
    [['settled', 'rejected'], ['pending', 'queued', 'sent']],
    [['settled', 'returned'], ['queued', 'sent', 'settled']],
    [['returned'], ['settled']],
    [[], []],
  ])('a report of %j can only change payments that are %j', (outcomes, statuses) => {
    expect(statusesChangedBy(outcomes)).toEqual(statuses);
  });

  it('never changes a final payment, except a settled one that comes back', () => {
    expect(outcomeApplies('rejected', 'settled')).toBe(false);
    expect(outcomeApplies('returned', 'returned')).toBe(false);
    expect(outcomeApplies('not_collected', 'settled')).toBe(false);
    expect(outcomeApplies('cancelled', 'rejected')).toBe(false);
    expect(PAYMENT_STATUSES.filter(isFinal)).toEqual(['settled', 'rejected', 'returned', 'not_collected', 'cancelled']);
  });

  it('reports lines by what they pay', () => {
    expect(['regular', 'arrears', 'unpaid_arrears', 'carry_over', 'resend'].map((s) => reportedLineKind(s as never))).toEqual([
      'regular',
      'arrears',
      'arrears',
      'carried_over',
      'resent',
    ]);
  });

  it.each<[PaymentStatus, boolean, boolean]>([
    ['rejected', false, true],
    ['returned', false, true],
    ['not_collected', true, true],
    ['not_collected', false, false],
    ['settled', true, false],
    ['sent', true, false],
    ['pending', true, false],
    ['cancelled', true, false],
  ])('a %s payment (funeral support or arrears alone: %s) can be re-sent: %s', (status, funeral, resendable) => {
    expect(resendRefusal(status, funeral) === null).toBe(resendable);
  });
});
