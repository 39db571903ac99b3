import { computeArrears } from '../../domain';
import { ncc, sa, seedBook, sp } from '../../domain/test-factory';
import { arrearsHistory, examination, latestEntries, latestOutcomes, receivedHistory, standingPayments, withoutTerminated, type Examination, type PaymentRow, type PersonHistory } from './arrears-history';
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

  it('owes a month whose arrears disbursement left out under today\'s items, marked suspended when a resumption owed it', () => {
    const exam = examination([], [{ month: '2026-08', programme: 'social_pension', owed: true, resumed: true }, { month: '2026-09', programme: 'social_pension', owed: true }], new Map(), '2026-11');
    expect(exam.months).toEqual(['2026-08', '2026-09']);
    expect([...(exam.owed.get('social_pension') ?? [])]).toEqual(['2026-08', '2026-09']);
    expect([...exam.suspended]).toEqual(['2026-08']);
  });

  it('treats a month left unpriced by an earlier run as owed under today\'s items', () => {
    const exam = examination([], [{ month: '2026-09', programme: 'meritorious', owed: true, unpriced: true }], new Map(), '2026-11');
    expect([...(exam.owed.get('meritorious') ?? [])]).toEqual(['2026-09']);
    expect(exam.unpriced?.get('2026-09')).toEqual(['meritorious']);
    const history = arrearsHistory({ ...person, items: [ncc('NCC_WAR_INVALID', { injuryRate: 81 })] }, '91', '2026-11', exam, empty);
    expect(history.months).toEqual([expect.objectContaining({ month: '2026-09', unpriced: ['meritorious'] })]);
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
        { programme: 'social_pension', month: '2026-07', recipientRef: 'P1', amount: 40_000n, carrierUnpaid: true, carrierReceived: false },
        { programme: 'social_pension', month: '2026-07', recipientRef: 'P1', amount: 10_000n, carrierUnpaid: false, carrierReceived: true },
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

describe('arrears of a month carried by a payment that came back not collected (disbursement carries its lines over)', () => {
  // July 2026: its own post-office payment (500,000) not collected; August paid it again (UNPAID_CARRY_OVER 500,000,
  // settled). October paid Decree 335/2026's 40,000 for July in its payment, which came back not collected too:
  // disbursement carries that payment's lines, the 40,000 for July among them, into November's payment. November
  // looks at July again (its own payment is still not collected).
  const july = { months: ['2026-07'], suspended: new Set<string>(), owed: new Map() };
  const line = { runId: 'R-2026-07', programme: 'social_pension' as const, month: '2026-07', amount: 500_000n, inputs: [sp('SP_75_PLUS')] };
  const arrears = (amount: bigint, carrierUnpaid: boolean) => ({ programme: 'social_pension' as const, month: '2026-07', recipientRef: 'P1', amount, carrierUnpaid, carrierReceived: !carrierUnpaid });
  const settle = (history: PersonHistory) => {
    const result = computeArrears(arrearsHistory(person, '91', '2026-11', july, history), seedBook());
    return [...result.lines.map((l) => ['arrears', l.difference, l.reason]), ...result.recoveries.map((r) => ['recovery', r.amount, r.reason])];
  };

  it('owes the 40,000 again only as UNPAID_CARRY_OVER: disbursement pays it as the re-payment of the line carried over, not a second time', () => {
    const history = { ...empty, lines: [line], payments: [payment('2026-07', 500_000n, 'not_collected')], arrears: [arrears(500_000n, false), arrears(40_000n, true)] };
    // As BACKDATED_RATE it would be paid as fresh arrears beside the carry-over of the same 40,000 (80,000 for 40,000 owed).
    expect(settle(history)).toEqual([['arrears', 40_000n, 'UNPAID_CARRY_OVER']]);
  });

  it("knows nothing of disbursement's own carry-over: a month carried into a later payment that settled is owed again whole", () => {
    // July's own payment not collected, learnt after August was priced: disbursement carried July's 500,000 into
    // August's payment (a carried_over line), which settled. Entitlement counts a payment's own month and its own
    // arrears only, so November owes July whole again (540,000 by today's book, 500,000 of it paid by August), as
    // UNPAID_CARRY_OVER: disbursement must not pay that as fresh money (instruction-builder.ts, UNPAID_REST
    // subtracts what its own carry-over paid, leaving the 40,000).
    const august = payment('2026-08', 1_000_000n, 'settled', { regular: 500_000n });
    const history = { ...empty, lines: [line], payments: [payment('2026-07', 500_000n, 'not_collected'), august], arrears: [] };
    expect(settle(history)).toEqual([['arrears', 540_000n, 'UNPAID_CARRY_OVER']]);
  });

  it('a month whose own payment settled, looked at again for a later table: the carried arrears are owed as UNPAID_CARRY_OVER', () => {
    // July settled at 500,000; October's 40,000 for it went with a payment not collected, carried over by disbursement.
    // Another table covering July, entered later, makes a run look at July again.
    const settled = { ...empty, lines: [line], payments: [payment('2026-07', 500_000n)], arrears: [arrears(40_000n, true)] };
    expect(settle(settled)).toEqual([['arrears', 40_000n, 'UNPAID_CARRY_OVER']]);
  });
});

describe('a rejected or returned payment that disbursement re-sent (the same run, month and programme)', () => {
  // July 2026 paid 500,000 to an account that returned it; disbursement re-sent it, in the same run, to a fixed one.
  const july = { months: ['2026-07'], suspended: new Set<string>(), owed: new Map() };
  const line = { runId: 'R-2026-07', programme: 'social_pension' as const, month: '2026-07', amount: 500_000n, inputs: [sp('SP_75_PLUS')] };
  const returned = payment('2026-07', 500_000n, 'returned', { regular: 500_000n, occurredOn: '2026-07-12' });
  const resend = (outcome: PaymentRow['outcome'], extra: Partial<PaymentRow> = {}) =>
    payment('2026-07', 500_000n, outcome, { paymentId: 'RESEND-2026-07', resendOf: 'PAY-2026-07', regular: 500_000n, occurredOn: '2026-07-20', receivedAt: '2026-07-20T08:00:00.000Z', ...extra });
  const settle = (payments: PaymentRow[]) => computeArrears(arrearsHistory(person, '91', '2026-11', july, { ...empty, payments, lines: [line] }), seedBook());

  it('counts the month paid once, by the re-send: no overpayment recovered, nothing owed twice', () => {
    const history = arrearsHistory(person, '91', '2026-11', july, { ...empty, payments: [returned, resend('settled')], lines: [line] });
    expect(history.payments).toEqual([expect.objectContaining({ amount: 500_000n, status: 'settled', settledOn: '2026-07-20' })]);
    expect(settle([returned, resend('settled')])).toEqual(settle([payment('2026-07', 500_000n)]));
  });

  it('without the link both would count: the month paid twice, and 500,000 asked back (the hazard)', () => {
    const unlinked = resend('settled', { resendOf: undefined });
    expect(settle([returned, unlinked]).recoveries.map((r) => r.paid)).toEqual([1_000_000n]);
  });

  it('a re-send not collected is carried over; one still without an outcome leaves the original with disbursement', () => {
    expect(arrearsHistory(person, '91', '2026-11', july, { ...empty, payments: [returned, resend('not_collected')], lines: [line] }).payments).toEqual([
      expect.objectContaining({ status: 'unpaid', amount: 500_000n }),
    ]);
    expect(arrearsHistory(person, '91', '2026-11', july, { ...empty, payments: [returned], lines: [line] }).payments).toEqual([
      expect.objectContaining({ status: 'settled', amount: 500_000n }),
    ]);
  });

  it('what reached the person, for recoveries: the re-send once it settled', () => {
    expect(receivedHistory({ ...empty, payments: [returned, resend('settled')] }).payments.map((p) => p.paymentId)).toEqual(['RESEND-2026-07']);
  });

  describe('of a payment not collected (a funeral support, arrears paid alone): disbursement counts it, as a carry-over', () => {
    // July's 500,000 (with the funeral support) not collected at the commune, re-sent to the organiser; Decree 335/2026
    // (540,000 from July) entered since. What July is owed must not hang on whether the re-send's outcome reached this
    // ledger before the run priced it: disbursement cannot tell which, and takes what the re-send paid off the
    // UNPAID_CARRY_OVER. Counted here too, once heard, the 40,000 owed was BACKDATED_RATE (paid as fresh arrears) or,
    // priced just before, UNPAID_CARRY_OVER 540,000 less the re-send's 500,000: the same month paid one way or the other.
    const notCollected = payment('2026-07', 500_000n, 'not_collected', { regular: 500_000n, occurredOn: '2026-07-12' });
    const owed = (payments: PaymentRow[]) => settle(payments).lines.map((l) => [l.difference, l.reason]);

    it('owes July the same, UNPAID_CARRY_OVER, whether or not the re-send has an outcome here', () => {
      expect(owed([notCollected])).toEqual([[540_000n, 'UNPAID_CARRY_OVER']]);
      expect(owed([notCollected, resend('settled')])).toEqual([[540_000n, 'UNPAID_CARRY_OVER']]);
      expect(owed([notCollected, resend('not_collected')])).toEqual([[540_000n, 'UNPAID_CARRY_OVER']]);
      expect(owed([notCollected, resend('rejected'), resend('settled', { paymentId: 'RESEND-2', resendOf: 'RESEND-2026-07', occurredOn: '2026-07-25' })])).toEqual([
        [540_000n, 'UNPAID_CARRY_OVER'],
      ]);
    });

    it('a returned payment is still paid once by the last of its re-sends, the first of them refused', () => {
      const refused = resend('rejected');
      const again = resend('settled', { paymentId: 'RESEND-2', resendOf: 'RESEND-2026-07', occurredOn: '2026-07-25' });
      expect(standingPayments([returned, refused, again]).map((p) => p.paymentId)).toEqual(['RESEND-2']);
      expect(owed([returned, refused, again])).toEqual(owed([payment('2026-07', 500_000n, 'settled', { regular: 500_000n })]));
    });

    it('still counts what reached the person, for recoveries', () => {
      expect(receivedHistory({ ...empty, payments: [notCollected, resend('settled')] }).payments.map((p) => p.paymentId)).toEqual(['RESEND-2026-07']);
    });
  });
});

describe('a terminated decision in the months a run looks at again (never a recovery paid back)', () => {
  // July 2026 was paid 1,000,000 (2.0 × 500,000, the higher of two groups), before Decree 335/2026 (540,000 from
  // 2026-07, entered 2026-10-05). The decision of the higher group was then terminated with its last day paid on
  // 2026-06-30, and 250,000 recovered (the lower group, 1.5 × 500,000, was still owed). November re-examines July.
  const HIGHER = 'SA_DISABLED_SEVERE_CHILD_OR_ELDERLY';
  const LOWER = 'SA_ELDERLY_POOR_NO_SUPPORT_60_80';
  const july = { months: ['2026-07'], suspended: new Set<string>(), owed: new Map() };
  const terminated = { programme: 'social_assistance' as const, groupCode: HIGHER, lastDayPaid: '2026-06-30' };
  const paidJuly = (inputs = [sa(HIGHER), sa(LOWER)]): PersonHistory => ({
    ...empty,
    payments: [payment('2026-07', 1_000_000n, 'settled', { programme: 'social_assistance', occurredOn: '2026-07-05' })],
    lines: [{ runId: 'R-2026-07', programme: 'social_assistance', month: '2026-07', amount: 1_000_000n, inputs }],
  });
  const recovered = (amount: bigint) => [{ programme: 'social_assistance' as const, month: '2026-07', recipientRef: 'P1', amount }];
  const today = (items = [sa(LOWER)], exam: Examination = july) => ({ person: { ...person, items }, exam });
  const settle = (history: PersonHistory, { person: who, exam } = today()) => {
    const result = computeArrears(arrearsHistory(who, '91', '2026-11', exam, history), seedBook());
    return [...result.lines.map((l) => ['arrears', l.owed, l.paid, l.difference, l.reason]), ...result.recoveries.map((r) => ['recovery', r.owed, r.paid, r.amount, r.reason])];
  };

  it('without the termination the month would pay the recovery back as arrears (the hazard)', () => {
    expect(settle({ ...paidJuly(), recoveries: recovered(250_000n) })).toEqual([['arrears', 1_080_000n, 750_000n, 330_000n, 'BACKDATED_RATE']]);
  });

  it('leaves the terminated item out after its last day paid: only the lower group\'s increase is owed', () => {
    expect(settle({ ...paidJuly(), recoveries: recovered(250_000n), terminations: [terminated] })).toEqual([['arrears', 810_000n, 750_000n, 60_000n, 'BACKDATED_RATE']]);
  });

  it('keeps the item in the month of the last day paid', () => {
    const history = { ...paidJuly(), terminations: [{ ...terminated, lastDayPaid: '2026-07-31' }] };
    expect(settle(history)).toEqual([['arrears', 1_080_000n, 1_000_000n, 80_000n, 'BACKDATED_RATE']]);
  });

  it('the only decision terminated: nothing is owed, so a recovery not raised yet is raised, and one raised is not paid back', () => {
    const only = paidJuly([sa(HIGHER)]);
    expect(settle({ ...only, terminations: [terminated] }, today([]))).toEqual([['recovery', 0n, 1_000_000n, 1_000_000n, 'NOT_ELIGIBLE']]);
    expect(settle({ ...only, recoveries: recovered(1_000_000n), terminations: [terminated] }, today([]))).toEqual([]);
  });

  it('a successor decision of the same group, owed for the month by the snapshot, is paid again (at today\'s rate)', () => {
    const successor = today([sa(HIGHER)], { ...july, owed: new Map([['social_assistance', new Set(['2026-07'])]]) });
    const history = { ...paidJuly([sa(HIGHER)]), recoveries: recovered(1_000_000n), terminations: [terminated] };
    expect(settle(history, successor)).toEqual([['arrears', 1_080_000n, 0n, 1_080_000n, 'BACKDATED_RATE']]);
  });

  it('the higher social assistance terminated beside a social pension: the pension is owed as arrears, and says why', () => {
    const history = { ...paidJuly([sa(HIGHER), sp('SP_75_PLUS')]), recoveries: recovered(1_000_000n), terminations: [terminated] };
    const exam = examination([], [{ month: '2026-07', programme: 'social_pension', owed: false, higherEnded: true }], new Map(), '2026-11');
    expect(settle(history, today([sp('SP_75_PLUS')], exam))).toEqual([['arrears', 540_000n, 0n, 540_000n, 'HIGHER_BENEFIT_ENDED']]);
  });

  it('an amended decision is continued by its amending decision: a month looked at again owes the amending item, nothing is recovered', () => {
    // Amended from July to especially severe (2.5): the first run after the amendment paid July's difference as arrears
    // (2.5 × 500,000 − 1,000,000 = 250,000); November looks at July again for Decree 335/2026's 540,000.
    const amended = { ...terminated, groupCode: 'SA_DISABLED_SEVERE', amendingFamily: 'SA_DISABLED_ESPECIALLY_SEVERE' };
    const severe = sa(HIGHER, { family: 'SA_DISABLED_SEVERE' });
    const especially = sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', { family: 'SA_DISABLED_ESPECIALLY_SEVERE' });
    const arrears = [{ programme: 'social_assistance' as const, month: '2026-07', recipientRef: 'P1', amount: 250_000n, carrierUnpaid: false, carrierReceived: true }];
    const history = { ...paidJuly([severe]), arrears, terminations: [amended] };
    expect(settle(history, today([especially]))).toEqual([['arrears', 1_350_000n, 1_250_000n, 100_000n, 'BACKDATED_RATE']]);
    // Without the link to the amending decision, July would be owed nothing and all of it recovered.
    expect(settle({ ...history, terminations: [{ ...amended, amendingFamily: undefined }] }, today([especially]))).toEqual([['recovery', 0n, 1_250_000n, 1_250_000n, 'NOT_ELIGIBLE']]);
  });

  describe('the amending decision itself no longer in the snapshot (terminated since)', () => {
    // As above; the especially severe decision then ended itself, after the runs of August and September paid it.
    const amended = {
      ...terminated,
      groupCode: 'SA_DISABLED_SEVERE',
      terminatedAt: '2026-07-20T03:00:00.000Z',
      amendingFamily: 'SA_DISABLED_ESPECIALLY_SEVERE',
    };
    const severe = sa(HIGHER, { family: 'SA_DISABLED_SEVERE' });
    const especially = sa('SA_DISABLED_ESPECIALLY_SEVERE_CHILD_OR_ELDERLY', { family: 'SA_DISABLED_ESPECIALLY_SEVERE' });
    const arrears = [{ programme: 'social_assistance' as const, month: '2026-07', recipientRef: 'P1', amount: 250_000n, carrierUnpaid: false, carrierReceived: true }];
    const paid = { ...paidJuly([severe]), lines: [{ ...paidJuly().lines[0], inputs: [severe], pricedAt: '2026-07-01T00:00:00.000Z' }], arrears };
    const ended = (lastDayPaid: string) => ({
      programme: 'social_assistance' as const,
      groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
      lastDayPaid,
      terminatedAt: '2026-10-20T03:00:00.000Z',
      reasonCode: 'NO_LONGER_ELIGIBLE',
    });

    it('prices July with the amending item a later run priced: only the increase is owed, nothing recovered', () => {
      const history = { ...paid, terminations: [ended('2026-09-30'), { ...amended, continuingItem: especially }] };
      expect(settle(history, today([]))).toEqual([['arrears', 1_350_000n, 1_250_000n, 100_000n, 'BACKDATED_RATE']]);
    });

    it('the amending decision ended before July as well: nothing is owed, and what was paid is recovered', () => {
      const history = { ...paid, terminations: [{ ...amended, continuingItem: especially }, ended('2026-06-30')] };
      expect(settle(history, today([]))).toEqual([['recovery', 0n, 1_250_000n, 1_250_000n, 'NOT_ELIGIBLE']]);
      // Never priced by any run: its end still tells that nothing is owed.
      expect(settle({ ...paid, terminations: [amended, ended('2026-06-30')] }, today([]))).toEqual([['recovery', 0n, 1_250_000n, 1_250_000n, 'NOT_ELIGIBLE']]);
    });

    it('never priced by any run and not in the snapshot: July is left out, never a recovery from missing information', () => {
      expect(settle({ ...paid, terminations: [amended, ended('2026-09-30')] }, today([]))).toEqual([]);
      expect(withoutTerminated(paid.lines[0], [amended])).toBeUndefined();
    });

    it('an amendment of the amending decision: each month is priced with the decision in force then', () => {
      // Especially severe from July, then amended back to severe from September: July still owes the especially severe item.
      const reamended = { ...ended('2026-08-31'), reasonCode: 'AMENDED', amendingFamily: 'SA_DISABLED_SEVERE', continuingItem: severe };
      const line = (month: string) => ({ month, inputs: [severe], pricedAt: '2026-07-01T00:00:00.000Z' });
      expect(withoutTerminated(line('2026-07'), [reamended, { ...amended, continuingItem: especially }])).toEqual([especially]);
      expect(withoutTerminated(line('2026-09'), [reamended, { ...amended, continuingItem: especially }])).toEqual([severe]);
    });
  });

  it('withoutTerminated drops one item per termination of an earlier month, never another decision\'s item of the same group', () => {
    const line = (month: string, inputs: ReturnType<typeof sa>[]) => ({ month, inputs });
    expect(withoutTerminated(line('2026-07', [sa(HIGHER), sa(HIGHER), sa(LOWER)]), [terminated])).toEqual([sa(HIGHER), sa(LOWER)]);
    expect(withoutTerminated(line('2026-06', [sa(HIGHER), sa(LOWER)]), [terminated])).toEqual([sa(HIGHER), sa(LOWER)]);
    expect(withoutTerminated(line('2026-07', [sp('SP_75_PLUS')]), [terminated])).toEqual([sp('SP_75_PLUS')]);
  });

  it('leaves a line priced after the termination was recorded as it is: an item of that group there is a successor\'s', () => {
    const recorded = { ...terminated, terminatedAt: '2026-08-10T03:00:00.000Z' };
    const before = { month: '2026-07', inputs: [sa(HIGHER), sa(LOWER)], pricedAt: '2026-07-01T00:00:00.000Z' };
    const after = { month: '2026-09', inputs: [sa(HIGHER)], pricedAt: '2026-09-01T00:00:00.000Z' };
    expect(withoutTerminated(before, [recorded])).toEqual([sa(LOWER)]);
    expect(withoutTerminated(after, [recorded])).toEqual([sa(HIGHER)]);
  });

  it('matches a termination on the register\'s group (the item\'s family), whatever band of age the month had', () => {
    const elderly = (band: string) => sa(band, { family: 'SA_ELDERLY_POOR_NO_SUPPORT' });
    const ended = { programme: 'social_assistance' as const, groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', lastDayPaid: '2026-06-30' };
    expect(withoutTerminated({ month: '2026-07', inputs: [elderly('SA_ELDERLY_POOR_NO_SUPPORT_60_80'), sa(HIGHER)] }, [ended])).toEqual([sa(HIGHER)]);
    expect(withoutTerminated({ month: '2026-08', inputs: [elderly('SA_ELDERLY_POOR_NO_SUPPORT_80')] }, [ended])).toEqual([]);
    // Two families share a band: a foster child's decision terminated is not the fostered elderly person's.
    const elderlyCare = sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { family: 'CARE_FOSTER_ELDERLY', caredForRef: 'E1' });
    expect(withoutTerminated({ month: '2026-07', inputs: [elderlyCare] }, [{ ...ended, groupCode: 'CARE_FOSTER_CHILD' }])).toEqual([elderlyCare]);
  });

  it('a care allowance ended by a death drops the item held for that person only, however late the line was priced', () => {
    const care = (caredForRef: string) => sa('CARE_FOSTER_CHILD_U4', { caredForRef });
    const died = {
      programme: 'social_assistance' as const,
      groupCode: 'CARE_FOSTER_CHILD',
      lastDayPaid: '2026-06-10',
      terminatedAt: '2026-08-10T03:00:00.000Z',
      caredForRef: 'C2',
      reasonCode: 'CARED_FOR_DECEASED',
    };
    const inputs = [sa(LOWER), care('C1'), care('C2')];
    expect(withoutTerminated({ month: '2026-07', inputs, pricedAt: '2026-09-01T00:00:00.000Z' }, [died])).toEqual([sa(LOWER), care('C1')]);
    expect(withoutTerminated({ month: '2026-06', inputs }, [died])).toEqual(inputs);
    // Terminated by an operator: the same person cared for in a line priced later is a new decision's, and stays.
    const terminated = { ...died, reasonCode: 'NO_LONGER_ELIGIBLE' };
    expect(withoutTerminated({ month: '2026-07', inputs, pricedAt: '2026-07-01T00:00:00.000Z' }, [terminated])).toEqual([sa(LOWER), care('C1')]);
    expect(withoutTerminated({ month: '2026-09', inputs, pricedAt: '2026-09-01T00:00:00.000Z' }, [terminated])).toEqual(inputs);
  });
});

describe('latestOutcomes and latestEntries', () => {
  it('keeps one outcome per payment, month and programme', () => {
    expect(latestOutcomes([payment('2026-07', 1n), payment('2026-08', 1n, 'settled', { paymentId: 'PAY-2026-07' })])).toHaveLength(2);
  });

  it('takes a return for the later of a settlement and its return on the same day, recorded together, in whatever order they are read', () => {
    // The bank's statement settles and returns a payment it never reported settled in one event: same day, same receipt.
    const [settled, returned] = [payment('2026-07', 540_000n), payment('2026-07', 540_000n, 'returned')];
    expect(latestOutcomes([settled, returned]).map((p) => p.outcome)).toEqual(['returned']);
    expect(latestOutcomes([returned, settled]).map((p) => p.outcome)).toEqual(['returned']);
  });

  it('still takes the later day before the kind of outcome, and on one day a return over a settlement received after it (replayed)', () => {
    const settledLater = payment('2026-07', 540_000n, 'settled', { occurredOn: '2026-07-11' });
    expect(latestOutcomes([settledLater, payment('2026-07', 540_000n, 'returned')]).map((p) => p.outcome)).toEqual(['settled']);
    // The settlement's event parked on the dead-letter topic and replayed after the return: the payment was returned.
    const replayed = payment('2026-07', 540_000n, 'settled', { receivedAt: '2026-07-10T09:00:00.000Z' });
    expect(latestOutcomes([payment('2026-07', 540_000n, 'returned'), replayed]).map((p) => p.outcome)).toEqual(['returned']);
    const notCollectedLater = payment('2026-07', 540_000n, 'not_collected', { receivedAt: '2026-07-10T09:00:00.000Z' });
    expect(latestOutcomes([payment('2026-07', 540_000n, 'settled'), notCollectedLater]).map((p) => p.outcome)).toEqual(['not_collected']);
  });

  it('finds, per month of the horizon, when the last table covering it entered the book', () => {
    const entries = latestEntries(seedBook(), '2026-11', 6);
    expect(entries.map((e) => e.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(entries.find((e) => e.month === '2026-06')?.latestEntry).toBe('2025-07-01T00:00:00.000Z');
    expect(entries.find((e) => e.month === '2026-07')?.latestEntry).toBe('2026-10-05T00:00:00.000Z');
  });
});
