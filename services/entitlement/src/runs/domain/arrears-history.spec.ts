import { sa, seedBook, sp } from '../../domain/test-factory';
import { arrearsHistory, examination, latestEntries, latestOutcomes, type PaymentRow, type PersonHistory } from './arrears-history';
import type { PersonInput } from './snapshot-input';

const person: PersonInput = { personRef: 'P1', items: [sp('SP_75_PLUS')], windows: [], problems: [] };
const payment = (month: string, amount: bigint, outcome: PaymentRow['outcome'] = 'settled', extra: Partial<PaymentRow> = {}): PaymentRow => ({
  paymentId: `PAY-${month}`,
  runId: `R-${month}`,
  programme: 'social_pension',
  month,
  amount,
  outcome,
  occurredOn: `${month}-10`,
  receivedAt: `${month}-10T08:00:00.000Z`,
  ...extra,
});
const empty: PersonHistory = { payments: [], lines: [], arrears: [], recoveries: [] };

describe('examination: which past months of a person are looked at again', () => {
  it('takes the months the ledger names and those a late decision says are owed, before the run month only', () => {
    const exam = examination(
      [{ programme: 'social_assistance', from: '2026-08', afterSuspension: false }],
      [{ month: '2026-05', programme: 'social_pension', owed: false }, { month: '2026-11', programme: 'social_pension', owed: false }],
      new Map(),
      '2026-11',
    );
    expect(exam.months).toEqual(['2026-05', '2026-08', '2026-09', '2026-10']);
    expect([...(exam.owed.get('social_assistance') ?? [])]).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(exam.suspended.size).toBe(0);
  });

  it('after a suspension lifted with arrears: every month since the last one paid, marked suspended', () => {
    const exam = examination([{ programme: 'social_pension', afterSuspension: true }], [], new Map([['social_pension', '2026-12']]), '2027-03');
    expect(exam.months).toEqual(['2027-01', '2027-02']);
    expect([...exam.suspended]).toEqual(['2027-01', '2027-02']);
  });

  it('says so when a resumption has no earlier month to start from', () => {
    expect(examination([{ programme: 'social_pension', afterSuspension: true }], [], new Map(), '2027-03').unknown).toEqual(['social_pension']);
  });

  it('treats a month left unpriced by an earlier run as owed under today\'s items', () => {
    const exam = examination([], [{ month: '2026-09', programme: 'meritorious', owed: true }], new Map(), '2026-11');
    expect([...(exam.owed.get('meritorious') ?? [])]).toEqual(['2026-09']);
  });
});

describe('arrearsHistory: the history computeArrears reads', () => {
  const exam = { months: ['2026-07'], suspended: new Set<string>(), owed: new Map() };

  it('takes a month\'s eligibility from the run that calculated it, and only its own amount from a payment carrying arrears', () => {
    const history = arrearsHistory(person, '91', '2026-11', exam, {
      ...empty,
      payments: [payment('2026-07', 700_000n)],
      lines: [{ runId: 'R-2026-07', programme: 'social_pension', month: '2026-07', amount: 500_000n, inputs: [sp('SP_75_PLUS')] }],
    });
    expect(history.months).toEqual([{ month: '2026-07', entitlement: { personRef: 'P1', provinceCode: '91', items: [sp('SP_75_PLUS')] }, suspended: false }]);
    expect(history.payments).toEqual([{ month: '2026-07', programme: 'social_pension', recipientRef: 'P1', amount: 500_000n, status: 'settled', settledOn: '2026-07-10' }]);
  });

  it('carries over only a payment not collected; a rejected or returned one stays with disbursement, which re-sends it', () => {
    const later = { occurredOn: '2026-07-20', receivedAt: '2026-07-20T08:00:00.000Z' };
    const notCollected = arrearsHistory(person, '91', '2026-11', exam, { ...empty, payments: [payment('2026-07', 500_000n), payment('2026-07', 500_000n, 'not_collected', later)] });
    expect(notCollected.payments).toEqual([expect.objectContaining({ status: 'unpaid', amount: 500_000n })]);
    const returned = arrearsHistory(person, '91', '2026-11', exam, { ...empty, payments: [payment('2026-07', 500_000n, 'returned', later)] });
    expect(returned.payments).toEqual([expect.objectContaining({ status: 'settled', amount: 500_000n })]);
  });

  it('takes the month\'s own amount from the lines disbursement reported, when it did', () => {
    const history = arrearsHistory(person, '91', '2026-11', exam, { ...empty, payments: [payment('2026-07', 620_000n, 'settled', { regular: 540_000n })] });
    expect(history.payments).toEqual([expect.objectContaining({ amount: 540_000n })]);
  });

  it('does not count arrears whose carrying payment came back unpaid; counts recoveries already raised', () => {
    const history = arrearsHistory(person, '91', '2026-11', exam, {
      ...empty,
      payments: [payment('2026-07', 500_000n)],
      arrears: [
        { programme: 'social_pension', month: '2026-07', recipientRef: 'P1', amount: 40_000n, carrierUnpaid: true },
        { programme: 'social_pension', month: '2026-07', recipientRef: 'P1', amount: 10_000n, carrierUnpaid: false },
      ],
      recoveries: [{ programme: 'social_pension', month: '2026-07', recipientRef: 'P1', amount: 5_000n }],
    });
    expect(history.adjustments.map((a) => [a.kind, a.amount])).toEqual([
      ['arrears', 10_000n],
      ['recovery', 5_000n],
    ]);
  });

  it('leaves out a programme-month whose eligibility is unknown: never a recovery from missing information', () => {
    const other: PersonInput = { ...person, items: [sa('SA_DISABLED_SEVERE')] };
    const history = arrearsHistory(other, '91', '2026-11', exam, { ...empty, payments: [payment('2026-07', 500_000n)] });
    expect(history.payments).toEqual([]);
    expect(history.months[0].entitlement.items).toEqual([]);
  });

  it('settles care allowances against the person\'s own payment', () => {
    const carer: PersonInput = { ...person, items: [sa('CARE_FOSTER_CHILD_U4', { recipientRef: 'H1' })], windows: [] };
    const history = arrearsHistory(carer, '91', '2026-11', { ...exam, owed: new Map([['social_assistance', new Set(['2026-07'])]]) }, empty);
    expect(history.months[0].entitlement.items).toEqual([sa('CARE_FOSTER_CHILD_U4')]);
  });
});

describe('latestOutcomes and latestEntries', () => {
  it('keeps one outcome per payment, month and programme', () => {
    expect(latestOutcomes([payment('2026-07', 1n), payment('2026-08', 1n, 'settled', { paymentId: 'PAY-2026-07' })])).toHaveLength(2);
  });

  it('finds, per month of the horizon, when the last table covering it entered the book', () => {
    const entries = latestEntries(seedBook(), '2026-11', 6);
    expect(entries.map((e) => e.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(entries.find((e) => e.month === '2026-06')?.latestEntry).toBe('2025-07-01T00:00:00.000Z');
    expect(entries.find((e) => e.month === '2026-07')?.latestEntry).toBe('2026-10-05T00:00:00.000Z');
  });
});
