import type { EntitlementItem } from '../../domain';
import { sa, seedBook, sp } from '../../domain/test-factory';
import type { PastArrearsRow, PastLineRow, PastRecoveryRow, PaymentRow } from '../../runs/domain/arrears-history';
import { recoveriesAfterTermination, type Termination, type TerminationHistory } from './termination-recoveries';

/** 2.0 × 500,000 = 1,000,000 and 1.5 × 500,000 = 750,000 (Decree 76/2024 level, months of 2025). */
const HIGHER = 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY';
const LOWER = 'SA_ELDERLY_POOR_NO_SUPPORT_60_80';

const payment = (month: string, amount: bigint, outcome: PaymentRow['outcome'] = 'settled', extra: Partial<PaymentRow> = {}): PaymentRow => ({
  paymentId: `PAY-${month}`,
  runId: `R-${month}`,
  programme: 'social_assistance',
  month,
  amount,
  outcome,
  occurredOn: `${month}-05`,
  receivedAt: `${month}-05T00:00:00.000Z`,
  ...extra,
});
const line = (month: string, amount: bigint, inputs: readonly EntitlementItem[]): PastLineRow => ({ runId: `R-${month}`, programme: 'social_assistance', month, amount, inputs });
const termination = (groupCode: string, lastDayPaid = '2025-03-20'): Termination => ({
  programme: 'social_assistance',
  groupCode,
  lastDayPaid,
  decisionNumber: '12/QĐ-UBND',
  reasonCode: 'NO_LONGER_ELIGIBLE',
});

interface Case {
  readonly name: string;
  readonly terminated: string;
  readonly lastDayPaid?: string;
  readonly payments: readonly PaymentRow[];
  readonly lines: readonly PastLineRow[];
  readonly arrears?: readonly PastArrearsRow[];
  readonly recoveries?: readonly PastRecoveryRow[];
  /** [month, owed, paid, amount, reason] */
  readonly expected: readonly [string, bigint, bigint, bigint, string][];
  readonly notExamined?: readonly string[];
  readonly terminatedAt?: string;
  readonly dateOfDeath?: string;
}

const recovered = (month: string, amount: bigint): PastRecoveryRow => ({ programme: 'social_assistance', month, recipientRef: 'P1', amount });
const both = [sa(HIGHER), sa(LOWER)];
const threeMonths = (amount: bigint) => ['2025-03', '2025-04', '2025-05'].map((m) => payment(m, amount));
const threeLines = (amount: bigint, inputs: readonly EntitlementItem[]) => ['2025-03', '2025-04', '2025-05'].map((m) => line(m, amount, inputs));

const CASES: readonly Case[] = [
  {
    name: 'the only decision terminated: the whole regular part of each later month',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, [sa(HIGHER)]),
    expected: [
      ['2025-04', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE'],
      ['2025-05', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE'],
    ],
  },
  {
    name: 'two social-assistance groups, the higher one terminated: the difference (the lower one is still owed)',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    expected: [
      ['2025-04', 750_000n, 1_000_000n, 250_000n, 'OVERPAID'],
      ['2025-05', 750_000n, 1_000_000n, 250_000n, 'OVERPAID'],
    ],
  },
  {
    name: 'two social-assistance groups, the lower one terminated: nothing (the higher one still applies)',
    terminated: LOWER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    expected: [],
  },
  {
    name: 'the month of the last day paid is still owed, even when that day is its last',
    terminated: HIGHER,
    lastDayPaid: '2025-04-30',
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    expected: [['2025-05', 750_000n, 1_000_000n, 250_000n, 'OVERPAID']],
  },
  {
    name: 'nothing paid after the last day paid: nothing (not collected, rejected and returned payments are not received)',
    terminated: HIGHER,
    payments: [
      payment('2025-03', 1_000_000n),
      payment('2025-04', 1_000_000n, 'not_collected'),
      payment('2025-05', 1_000_000n, 'rejected'),
      payment('2025-06', 1_000_000n, 'returned'),
    ],
    lines: [...threeLines(1_000_000n, [sa(HIGHER)]), line('2025-06', 1_000_000n, [sa(HIGHER)])],
    expected: [],
  },
  {
    name: 'a month paid only through arrears lines (no stored inputs): nothing recorded, reported not examined',
    terminated: HIGHER,
    payments: [payment('2025-03', 1_000_000n), payment('2025-05', 1_000_000n), payment('2025-06', 2_000_000n, 'settled', { regular: 1_000_000n })],
    lines: [line('2025-03', 1_000_000n, both), line('2025-05', 1_000_000n, both), line('2025-06', 1_000_000n, both)],
    arrears: [{ programme: 'social_assistance', month: '2025-04', recipientRef: 'P1', amount: 1_000_000n, carrierUnpaid: false, carrierReceived: true }],
    expected: [
      ['2025-05', 750_000n, 1_000_000n, 250_000n, 'OVERPAID'],
      ['2025-06', 750_000n, 1_000_000n, 250_000n, 'OVERPAID'],
    ],
    notExamined: ['2025-04'],
  },
  {
    // April: the own allowance paid 750,000 by April's run, a foster-care allowance recorded late paid 1,250,000 as
    // April arrears, with the items it priced April with. The own decision ends in March: only its 750,000 is recovered.
    name: 'an item paid as arrears stays owed: only the terminated decision is recovered',
    terminated: LOWER,
    payments: [payment('2025-04', 750_000n)],
    lines: [line('2025-04', 750_000n, [sa(LOWER)])],
    arrears: [
      {
        programme: 'social_assistance', month: '2025-04', recipientRef: 'P1', amount: 1_250_000n, carrierUnpaid: false, carrierReceived: true,
        inputs: [sa(LOWER), sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' })],
      },
    ],
    expected: [['2025-04', 1_250_000n, 2_000_000n, 750_000n, 'OVERPAID']],
  },
  {
    name: 'a payment whose run kept no items for the month (a line of arrears only): not examined',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: [line('2025-03', 1_000_000n, both), line('2025-04', 0n, []), line('2025-05', 1_000_000n, both)],
    expected: [['2025-05', 750_000n, 1_000_000n, 250_000n, 'OVERPAID']],
    notExamined: ['2025-04'],
  },
  {
    name: 'recoveries already raised count: a redelivered or later examination recovers nothing twice',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    recoveries: [{ programme: 'social_assistance', month: '2025-04', recipientRef: 'P1', amount: 250_000n }],
    expected: [['2025-05', 750_000n, 1_000_000n, 250_000n, 'OVERPAID']],
  },
  {
    name: 'arrears paid later for a month count as paid: they are recovered with it',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    arrears: [{ programme: 'social_assistance', month: '2025-05', recipientRef: 'P1', amount: 100_000n, carrierUnpaid: false, carrierReceived: true }],
    expected: [
      ['2025-04', 750_000n, 1_000_000n, 250_000n, 'OVERPAID'],
      ['2025-05', 750_000n, 1_100_000n, 350_000n, 'OVERPAID'],
    ],
  },
  {
    name: 'two decisions of the same group priced together (a successor decision): one is still owed, nothing recovered',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, [sa(HIGHER), sa(HIGHER)]),
    expected: [],
  },
  {
    name: 'a month priced after the termination was recorded (a successor decision of the same group): nothing',
    terminated: HIGHER,
    terminatedAt: '2025-05-02T08:00:00.000Z',
    payments: threeMonths(1_000_000n),
    lines: [
      line('2025-03', 1_000_000n, both),
      { ...line('2025-04', 1_000_000n, both), pricedAt: '2025-04-01T00:00:00.000Z' },
      { ...line('2025-05', 1_000_000n, [sa(HIGHER), sa(LOWER)]), pricedAt: '2025-05-03T00:00:00.000Z' },
    ],
    expected: [['2025-04', 750_000n, 1_000_000n, 250_000n, 'OVERPAID']],
  },
  {
    name: 'a payment returned by the bank after its recovery was raised: the recovery is given back by a reversing entry, never more than was recovered',
    terminated: HIGHER,
    payments: [...threeMonths(1_000_000n), payment('2025-05', 1_000_000n, 'returned', { occurredOn: '2025-05-20', receivedAt: '2025-05-20T00:00:00.000Z' })],
    lines: threeLines(1_000_000n, both),
    recoveries: [recovered('2025-04', 250_000n), recovered('2025-05', 250_000n)],
    expected: [['2025-05', 750_000n, -250_000n, -250_000n, 'REVERSED']],
  },
  {
    name: 'returned, then re-sent and settled: recovered again, as before the return',
    terminated: HIGHER,
    payments: [
      ...threeMonths(1_000_000n),
      payment('2025-05', 1_000_000n, 'returned', { occurredOn: '2025-05-20', receivedAt: '2025-05-20T00:00:00.000Z' }),
      payment('2025-05', 1_000_000n, 'settled', { paymentId: 'PAY-2025-05-R', occurredOn: '2025-06-10', receivedAt: '2025-06-10T00:00:00.000Z' }),
    ],
    lines: threeLines(1_000_000n, both),
    recoveries: [recovered('2025-04', 250_000n), recovered('2025-05', 250_000n), recovered('2025-05', -250_000n)],
    expected: [['2025-05', 750_000n, 1_000_000n, 250_000n, 'OVERPAID']],
  },
  {
    name: 'arrears recovered with their month, whose carrying payment came back since: that part of the recovery is given back',
    terminated: HIGHER,
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    arrears: [{ programme: 'social_assistance', month: '2025-05', recipientRef: 'P1', amount: 100_000n, carrierUnpaid: false, carrierReceived: false }],
    recoveries: [recovered('2025-04', 250_000n), recovered('2025-05', 350_000n)],
    expected: [['2025-05', 750_000n, 650_000n, -100_000n, 'REVERSED']],
  },
  {
    name: 'the months after a recorded death are the death\'s (recoveriesAfterDeath): the termination neither recovers nor gives back there',
    terminated: HIGHER,
    dateOfDeath: '2025-04-10',
    payments: threeMonths(1_000_000n),
    lines: threeLines(1_000_000n, both),
    recoveries: [recovered('2025-05', 1_000_000n)],
    expected: [['2025-04', 750_000n, 1_000_000n, 250_000n, 'OVERPAID']],
  },
];

describe('recoveriesAfterTermination: a decision terminated with a last day paid in the past', () => {
  const book = seedBook();

  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ended = { ...termination(c.terminated, c.lastDayPaid), ...(c.terminatedAt && { terminatedAt: c.terminatedAt }) };
    const history: TerminationHistory = {
      personRef: 'P1',
      termination: ended,
      terminations: [ended],
      payments: c.payments,
      lines: c.lines,
      arrears: c.arrears ?? [],
      recoveries: c.recoveries ?? [],
      ...(c.dateOfDeath && { dateOfDeath: c.dateOfDeath }),
    };
    const result = recoveriesAfterTermination(history, book, '91');
    expect(result.recoveries.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual(c.expected);
    expect(result.notExamined).toEqual(c.notExamined ?? []);
    for (const r of result.recoveries) expect(r).toMatchObject({ personRef: 'P1', recipientRef: 'P1', programme: 'social_assistance' });
  });

  it('explains each recovery from the termination, then the month re-priced', () => {
    const ended = termination(HIGHER);
    const [first] = recoveriesAfterTermination(
      { personRef: 'P1', termination: ended, terminations: [ended], payments: threeMonths(1_000_000n), lines: threeLines(1_000_000n, both), arrears: [], recoveries: [] },
      book,
      '91',
    ).recoveries;
    expect(first.explanation[0]).toBe('decision 12/QĐ-UBND terminated, last day paid 2025-03-20 (reason NO_LONGER_ELIGIBLE): from 2025-04 it is not owed');
    expect(first.explanation).toContain('2025-04 social_assistance to P1: owed 750,000');
    expect(first.explanation[first.explanation.length - 1]).toBe('to recover 250,000 (OVERPAID)');
  });

  it('leaves out every recorded termination: a second one recovers what the first left owed', () => {
    const first = termination(HIGHER);
    const second = { ...termination(LOWER, '2025-04-15'), decisionNumber: '13/QĐ-UBND' };
    const result = recoveriesAfterTermination(
      {
        personRef: 'P1',
        termination: second,
        terminations: [first, second],
        payments: threeMonths(1_000_000n),
        lines: threeLines(1_000_000n, both),
        arrears: [],
        recoveries: [
          { programme: 'social_assistance', month: '2025-04', recipientRef: 'P1', amount: 250_000n },
          { programme: 'social_assistance', month: '2025-05', recipientRef: 'P1', amount: 250_000n },
        ],
      },
      book,
      '91',
    );
    expect(result.recoveries.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual([['2025-05', 0n, 750_000n, 750_000n, 'NOT_ELIGIBLE']]);
  });

  it('the higher social assistance terminated beside a social pension: the assistance is recovered, the pension is owed instead', () => {
    // 2025-08 to 2025-10: social assistance 2.0 × 500,000 = 1,000,000 paid, the social pension 500,000 not (only the higher).
    const ended = termination(HIGHER, '2025-08-20');
    const months = ['2025-08', '2025-09', '2025-10'];
    const result = recoveriesAfterTermination(
      {
        personRef: 'P1',
        termination: ended,
        terminations: [ended],
        payments: months.map((m) => payment(m, 1_000_000n)),
        lines: months.map((m) => line(m, 1_000_000n, [sa(HIGHER), sp()])),
        arrears: [],
        recoveries: [],
      },
      book,
      '91',
    );
    expect(result.recoveries.map((r) => [r.month, r.programme, r.owed, r.paid, r.amount, r.reason])).toEqual([
      ['2025-09', 'social_assistance', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE'],
      ['2025-10', 'social_assistance', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE'],
    ]);
    expect(result.owedElsewhere.map((l) => [l.month, l.programme, l.owed, l.paid, l.difference])).toEqual([
      ['2025-09', 'social_pension', 500_000n, 0n, 500_000n],
      ['2025-10', 'social_pension', 500_000n, 0n, 500_000n],
    ]);
    expect(result.recoveries[0].explanation).toContain('owed instead: social_pension 500,000, paid as arrears by the next run');
  });

  it('a social pension paid meanwhile for a month (arrears, or a payment) is not owed again there', () => {
    const ended = termination(HIGHER, '2025-08-20');
    const months = ['2025-08', '2025-09', '2025-10', '2025-11'];
    const result = recoveriesAfterTermination(
      {
        personRef: 'P1',
        termination: ended,
        terminations: [ended],
        payments: [...months.map((m) => payment(m, 1_000_000n)), { ...payment('2025-11', 500_000n), paymentId: 'PAY-SP', programme: 'social_pension' }],
        lines: months.map((m) => line(m, 1_000_000n, [sa(HIGHER), sp()])),
        arrears: [{ programme: 'social_pension', month: '2025-09', recipientRef: 'P1', amount: 500_000n, carrierUnpaid: false, carrierReceived: true }],
        recoveries: [],
      },
      book,
      '91',
    );
    expect(result.recoveries.map((r) => r.month)).toEqual(['2025-09', '2025-10', '2025-11']);
    expect(result.owedElsewhere.map((l) => [l.month, l.programme, l.difference])).toEqual([['2025-10', 'social_pension', 500_000n]]);
  });

  it('a foster child died: the care allowance for that child is recovered, the one for the other child and her own are still owed', () => {
    // Her own 1.5 × 500,000 = 750,000 and 2.5 × 500,000 = 1,250,000 for each child under 4 she fosters.
    const care = (caredForRef: string) => sa('CARE_FOSTER_CHILD_U4', { caredForRef });
    const ended: Termination = { ...termination('CARE_FOSTER_CHILD_U4', '2025-03-10'), caredForRef: 'C1', decisionNumber: '7/QĐ-UBND', reasonCode: 'CARED_FOR_DECEASED' };
    const result = recoveriesAfterTermination(
      {
        personRef: 'P1',
        termination: ended,
        terminations: [ended],
        payments: threeMonths(3_250_000n),
        lines: threeLines(3_250_000n, [sa(LOWER), care('C1'), care('C2')]),
        arrears: [],
        recoveries: [],
      },
      book,
      '91',
    );
    expect(result.recoveries.map((r) => [r.month, r.owed, r.paid, r.amount, r.reason])).toEqual([
      ['2025-04', 2_000_000n, 3_250_000n, 1_250_000n, 'OVERPAID'],
      ['2025-05', 2_000_000n, 3_250_000n, 1_250_000n, 'OVERPAID'],
    ]);
    expect(result.recoveries[0].explanation[0]).toBe(
      'decision 7/QĐ-UBND: the person cared for died on 2025-03-10 (reason CARED_FOR_DECEASED): from 2025-04 the care allowance for them is not owed',
    );
  });

  it('a care decision terminated for one of two foster children: the allowance for that child, at its own band', () => {
    // Her own 750,000; 2.5 × 500,000 for the child under 4 (C1), 1.5 × 500,000 for the child of 4 to 16 (C2), whose
    // decision is terminated: its 750,000 is recovered, not the younger child's 1,250,000 of the same register group.
    const family = 'CARE_FOSTER_CHILD';
    const inputs = [sa(LOWER), sa('CARE_FOSTER_CHILD_U4', { family, caredForRef: 'C1' }), sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { family, caredForRef: 'C2' })];
    const ended: Termination = { ...termination(family, '2025-03-31'), caredForRef: 'C2' };
    const result = recoveriesAfterTermination(
      { personRef: 'P1', termination: ended, terminations: [ended], payments: threeMonths(2_750_000n), lines: threeLines(2_750_000n, inputs), arrears: [], recoveries: [] },
      book,
      '91',
    );
    expect(result.recoveries.map((r) => [r.month, r.owed, r.paid, r.amount])).toEqual([
      ['2025-04', 2_000_000n, 2_750_000n, 750_000n],
      ['2025-05', 2_000_000n, 2_750_000n, 750_000n],
    ]);
  });
});
