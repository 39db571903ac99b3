import { ncc, sa, seedBook, sp } from '../../domain/test-factory';
import type { PaymentRow, PersonHistory } from './arrears-history';
import { calculateBatch, type BatchInput } from './calculate-batch';
import { CachedCalculator } from './calculator';
import { toPersonInputs, type PersonInput } from './snapshot-input';

const book = seedBook();
const base: BatchInput = {
  runMonth: '2026-11',
  programmes: ['social_assistance', 'social_pension', 'meritorious'],
  provinceCode: '91',
  book,
  calculate: new CachedCalculator().calculate,
  persons: [],
  candidates: new Map(),
  lastKnown: new Map(),
  histories: new Map(),
  oneOffs: [],
};
const person = (personRef: string, items: PersonInput['items'], windows: PersonInput['windows'] = []): PersonInput => ({ personRef, items, windows, problems: [] });
const paid = (month: string, amount: bigint, outcome: PaymentRow['outcome'] = 'settled', programme: PaymentRow['programme'] = 'social_pension'): PaymentRow => ({
  paymentId: `PAY-${month}`,
  runId: `R-${month}`,
  programme,
  month,
  amount,
  outcome,
  occurredOn: `${month}-10`,
  receivedAt: `${month}-10T00:00:00.000Z`,
});
const history = (parts: Partial<PersonHistory>): PersonHistory => ({ payments: [], lines: [], arrears: [], recoveries: [], ...parts });

describe('calculateBatch: the month, the arrears and the one-offs of a batch of persons', () => {
  it('pays the months of a decision signed late in the same item, month by month', () => {
    const result = calculateBatch({ ...base, persons: [person('A', [sa('SA_DISABLED_SEVERE')], [{ programme: 'social_assistance', from: '2026-06', afterSuspension: false }])] });
    expect(result.lines[0].item).toEqual({
      personRef: 'A',
      programme: 'social_assistance',
      components: [expect.objectContaining({ kind: 'standard_x_coefficient', amount: '810000' })],
      arrears: [
        { month: '2026-06', amount: '750000', reason: 'LATE_DECISION' },
        { month: '2026-07', amount: '810000', reason: 'LATE_DECISION' },
        { month: '2026-08', amount: '810000', reason: 'LATE_DECISION' },
        { month: '2026-09', amount: '810000', reason: 'LATE_DECISION' },
        { month: '2026-10', amount: '810000', reason: 'LATE_DECISION' },
      ],
      amount: String(810_000 + 750_000 + 4 * 810_000),
    });
  });

  it('prices each month of a late decision in the band eligibility decided for it, and skips a month it was not payable', () => {
    // An orphan who turned 4 in March 2026, decision signed in January and typed in late: in May's run the item is the
    // 4-16 band (1.5), January and February were under 4 (2.5); April the child lived outside the province.
    const arrearsMonths = JSON.stringify([
      { month: '2026-01', groupCode: 'SA_CHILD_NO_SUPPORT_U4' },
      { month: '2026-02', groupCode: 'SA_CHILD_NO_SUPPORT_U4' },
      { month: '2026-04', owed: false },
    ]);
    const persons = toPersonInputs(
      [{ personRef: 'A', decisionId: 'D1', programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16', attributes: { family: 'SA_CHILD_NO_SUPPORT', arrearsFrom: '2026-01', arrearsMonths } }],
      '2026-05',
    );
    const result = calculateBatch({ ...base, runMonth: '2026-05', persons });
    expect(result.lines[0].item.arrears).toEqual([
      { month: '2026-01', amount: '1250000', reason: 'LATE_DECISION' },
      { month: '2026-02', amount: '1250000', reason: 'LATE_DECISION' },
      { month: '2026-03', amount: '750000', reason: 'LATE_DECISION' },
    ]);
    expect(result.lines[0].item.amount).toBe(String(750_000 + 2 * 1_250_000 + 750_000));
  });

  it('reports a snapshot item whose months of arrears cannot be read, and pays it nothing', () => {
    const bad = (arrearsMonths: string) =>
      toPersonInputs([{ personRef: 'A', decisionId: 'D1', programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16', attributes: { arrearsFrom: '2026-01', arrearsMonths } }], '2026-05')[0].problems;
    expect(bad('not json')).toHaveLength(1);
    expect(bad(JSON.stringify([{ month: '2026-05', groupCode: 'SA_CHILD_NO_SUPPORT_U4' }]))[0].message).toMatch(/arrearsMonths: month "2026-05"/);
    expect(bad(JSON.stringify([{ month: '2026-02' }]))[0].message).toMatch(/needs its groupCode/);
  });

  it('pays the months of a care allowance recorded late beside the person\'s own allowance, already paid for them', () => {
    const own = sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80');
    const care = sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' });
    const line = (month: string) => ({ runId: `R-${month}`, programme: 'social_assistance' as const, month, amount: 750_000n, inputs: [own] });
    const result = calculateBatch({
      ...base,
      runMonth: '2026-07',
      persons: [person('A', [own, care], [{ programme: 'social_assistance', from: '2026-05', afterSuspension: false, item: care }])],
      lastKnown: new Map([['A', new Map([['social_assistance' as const, '2026-06']])]]),
      histories: new Map([['A', history({ payments: [paid('2026-05', 750_000n, 'settled', 'social_assistance'), paid('2026-06', 750_000n, 'settled', 'social_assistance')], lines: [line('2026-05'), line('2026-06')] })]]),
    });
    expect(result.lines[0].item.arrears).toEqual([
      { month: '2026-05', amount: '1250000', reason: 'LATE_DECISION' },
      { month: '2026-06', amount: '1250000', reason: 'LATE_DECISION' },
    ]);
    expect(result.recoveries).toEqual([]);
  });

  it('re-prices a month with the items its arrears were paid for: a care allowance recorded late is not recovered when Decree 335 reaches the month', () => {
    // July: her own allowance paid 750,000 by July's run; a foster-care allowance recorded late paid 1,250,000 as July
    // arrears by August's run. November's run looks at July again (540,000 from July, entered in October): both items
    // are owed at the new level (810,000 + 1,350,000), 160,000 more than paid; nothing is to be recovered.
    const own = sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80');
    const care = sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' });
    const result = calculateBatch({
      ...base,
      persons: [person('A', [own, care])],
      candidates: new Map([['A', [{ month: '2026-07', programme: 'social_assistance' as const, owed: false }]]]),
      histories: new Map([
        [
          'A',
          history({
            payments: [paid('2026-07', 750_000n, 'settled', 'social_assistance')],
            lines: [{ runId: 'R-2026-07', programme: 'social_assistance', month: '2026-07', amount: 750_000n, inputs: [own], pricedAt: '2026-06-25T00:00:00.000Z' }],
            arrears: [
              {
                programme: 'social_assistance', month: '2026-07', recipientRef: 'A', amount: 1_250_000n, carrierUnpaid: false, carrierReceived: true,
                inputs: [own, care], pricedAt: '2026-07-25T00:00:00.000Z',
              },
            ],
          }),
        ],
      ]),
    });
    expect(result.recoveries).toEqual([]);
    expect(result.arrears.map((a) => [a.month, a.owed, a.paid, a.difference, a.reason])).toEqual([['2026-07', 2_160_000n, 2_000_000n, 160_000n, 'BACKDATED_RATE']]);
    // The arrears line keeps the items it priced the month with, for the run after.
    expect(result.arrears[0].inputs).toEqual([own, care]);
  });

  it("owes a resumed decision's own months only: a couple's care allowance its spouse was paid meanwhile is not owed again", () => {
    // Eligibility dates the resumption of his own allowance (arrearsFrom July) and sends none for his care allowance:
    // the wife held the couple's one care allowance while he was suspended. Nothing of July-October was paid to him.
    const own = sa('SA_DISABLED_SEVERE');
    const care = sa('CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M');
    const result = calculateBatch({
      ...base,
      persons: [person('H', [own, care], [{ programme: 'social_assistance', from: '2026-07', afterSuspension: true, item: own }])],
    });
    expect(result.lines[0].item.arrears).toEqual(
      ['2026-07', '2026-08', '2026-09', '2026-10'].map((month) => ({ month, amount: '810000', reason: 'RESUMED_AFTER_SUSPENSION' })),
    );
    expect(result.lines[0].item.components.map((c) => c.groupCode)).toEqual(['SA_DISABLED_SEVERE', 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M']);
  });

  it('settles a backdated amendment by the difference only: the amended item ends, the amending one is owed from its month', () => {
    const severe = sa('SA_DISABLED_SEVERE');
    const especiallySevere = sa('SA_DISABLED_ESPECIALLY_SEVERE');
    const line = (month: string) => ({ runId: `R-${month}`, programme: 'social_assistance' as const, month, amount: 750_000n, inputs: [severe], pricedAt: `${month}-05T00:00:00.000Z` });
    const result = calculateBatch({
      ...base,
      runMonth: '2026-07',
      persons: [person('A', [especiallySevere], [{ programme: 'social_assistance', from: '2026-05', afterSuspension: false, item: especiallySevere }])],
      lastKnown: new Map([['A', new Map([['social_assistance' as const, '2026-06']])]]),
      histories: new Map([
        [
          'A',
          history({
            payments: [paid('2026-05', 750_000n, 'settled', 'social_assistance'), paid('2026-06', 750_000n, 'settled', 'social_assistance')],
            lines: [line('2026-05'), line('2026-06')],
            terminations: [{ programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE', lastDayPaid: '2026-04-30', terminatedAt: '2026-06-20T00:00:00.000Z' }],
          }),
        ],
      ]),
    });
    // 500,000 × 2.0 = 1,000,000 owed a month, 750,000 (× 1.5) paid: 250,000 each, and no recovery of what was paid.
    expect(result.lines[0].item.arrears).toEqual([
      { month: '2026-05', amount: '250000', reason: 'LATE_DECISION' },
      { month: '2026-06', amount: '250000', reason: 'LATE_DECISION' },
    ]);
    expect(result.recoveries).toEqual([]);
  });

  it('carries a payment that was not collected into this run', () => {
    const result = calculateBatch({
      ...base,
      persons: [person('A', [sp('SP_75_PLUS')])],
      candidates: new Map([['A', [{ month: '2026-10', programme: 'social_pension' as const, owed: false }]]]),
      histories: new Map([['A', history({ payments: [paid('2026-10', 540_000n, 'not_collected')] })]]),
    });
    expect(result.lines[0].item.arrears).toEqual([{ month: '2026-10', amount: '540000', reason: 'UNPAID_CARRY_OVER' }]);
    expect(result.lines[0].total).toBe(1_080_000n);
  });

  it('pays the difference for a month calculated and paid before a backdated table', () => {
    const result = calculateBatch({
      ...base,
      persons: [person('A', [sp('SP_75_PLUS')])],
      candidates: new Map([['A', [{ month: '2026-08', programme: 'social_pension' as const, owed: false }]]]),
      histories: new Map([['A', history({ payments: [paid('2026-08', 500_000n)], lines: [{ runId: 'R-2026-08', programme: 'social_pension', month: '2026-08', amount: 500_000n, inputs: [sp('SP_75_PLUS')] }] })]]),
    });
    expect(result.arrears.map((a) => [a.month, a.owed, a.paid, a.difference, a.reason])).toEqual([['2026-08', 540_000n, 500_000n, 40_000n, 'BACKDATED_RATE']]);
  });

  it('records an overpayment as a recovery, never a negative payment', () => {
    const result = calculateBatch({
      ...base,
      persons: [person('A', [sp('SP_75_PLUS')])],
      candidates: new Map([['A', [{ month: '2026-08', programme: 'social_pension' as const, owed: false }]]]),
      histories: new Map([['A', history({ payments: [paid('2026-08', 600_000n)] })]]),
    });
    expect(result.recoveries).toEqual([expect.objectContaining({ month: '2026-08', amount: 60_000n, reason: 'OVERPAID' })]);
    expect(result.lines[0].total).toBe(540_000n);
  });

  it('reports a past month that still has no table, without paying or recovering anything for it', () => {
    const result = calculateBatch({
      ...base,
      persons: [person('A', [ncc('NCC_MARTYR_RELATIVE_1')])],
      candidates: new Map([['A', [{ month: '2026-08', programme: 'meritorious' as const, owed: false }]]]),
      histories: new Map([['A', history({ payments: [paid('2026-08', 2_789_000n, 'settled', 'meritorious')] })]]),
    });
    expect(result.lines).toEqual([]);
    expect(result.recoveries).toEqual([]);
    expect(result.exceptions.map((e) => [e.month, e.kind])).toEqual([
      ['2026-11', 'UNPRICED'],
      ['2026-08', 'ARREARS_UNPRICED'],
    ]);
  });

  it('looks again at a month an earlier run left unpriced, without reporting it twice', () => {
    const result = calculateBatch({
      ...base,
      runMonth: '2026-12',
      persons: [person('A', [ncc('NCC_MARTYR_RELATIVE_1')])],
      candidates: new Map([['A', [{ month: '2026-11', programme: 'meritorious' as const, owed: true }]]]),
    });
    expect(result.exceptions.map((e) => [e.month, e.kind])).toEqual([['2026-12', 'UNPRICED']]);
  });

  it('asks for arrearsFrom when a resumption has no earlier month, and still pays the month', () => {
    const result = calculateBatch({ ...base, persons: [person('A', [sp('SP_75_PLUS')], [{ programme: 'social_pension', afterSuspension: true }])] });
    expect(result.exceptions).toEqual([expect.objectContaining({ kind: 'ARREARS_UNKNOWN', programme: 'social_pension' })]);
    expect(result.lines[0].total).toBe(540_000n);
  });

  describe('a decision stopped before the run month (arrearsOnly: a child who turned 16 in September)', () => {
    const stopped = (arrearsMonths: object[]) =>
      toPersonInputs(
        [{
          personRef: 'A', decisionId: 'D1', programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16',
          attributes: { family: 'SA_CHILD_NO_SUPPORT', arrearsOnly: true, arrearsFrom: '2026-06', arrearsMonths: JSON.stringify(arrearsMonths) },
        }],
        '2026-11',
      );
    const child = { ...sa('SA_CHILD_NO_SUPPORT_4_16'), family: 'SA_CHILD_NO_SUPPORT' };
    const line = (month: string) => ({ runId: `R-${month}`, programme: 'social_assistance' as const, month, amount: 750_000n, inputs: [child], pricedAt: `${month}-01T00:00:00.000Z` });
    const paidMonths = ['2026-07', '2026-08', '2026-09'];

    it('is paid the Decree 335 arrears of the months paid at 500,000, and nothing for the run month', () => {
      const result = calculateBatch({
        ...base,
        persons: stopped([{ month: '2026-10', owed: false }]),
        candidates: new Map([['A', paidMonths.map((month) => ({ month, programme: 'social_assistance' as const, owed: false }))]]),
        histories: new Map([['A', history({ payments: paidMonths.map((m) => paid(m, 750_000n, 'settled', 'social_assistance')), lines: paidMonths.map(line) })]]),
      });
      // 540,000 × 1.5 = 810,000 owed, 750,000 paid: 60,000 a month.
      expect(result.lines.map((l) => l.item)).toEqual([
        {
          personRef: 'A',
          programme: 'social_assistance',
          components: [expect.objectContaining({ kind: 'arrears_only', amount: '0' })],
          arrears: paidMonths.map((month) => ({ month, amount: '60000', reason: 'BACKDATED_RATE' })),
          amount: '180000',
        },
      ]);
      expect(result.exceptions).toEqual([]);
      expect(result.recoveries).toEqual([]);
    });

    it('owes a month an earlier run left unpriced only while the decision was payable', () => {
      const result = calculateBatch({
        ...base,
        persons: stopped([{ month: '2026-10', owed: false }]),
        candidates: new Map([['A', [
          { month: '2026-09', programme: 'social_assistance' as const, owed: true, unpriced: true },
          { month: '2026-10', programme: 'social_assistance' as const, owed: true, unpriced: true },
        ]]]),
      });
      expect(result.lines[0].item.arrears).toEqual([{ month: '2026-09', amount: '810000', reason: 'BACKDATED_RATE' }]);
    });

    it('a move away recorded late: the months paid after it are neither paid a backdated rate nor re-priced', () => {
      // Paid July to October at 750,000; the move to another province on 15 August was recorded in November, so
      // eligibility sends the decision with September and October not owed. Only July and August get Decree 335's 60,000.
      const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
      const result = calculateBatch({
        ...base,
        persons: stopped([{ month: '2026-09', owed: false }, { month: '2026-10', owed: false }]),
        candidates: new Map([['A', months.map((month) => ({ month, programme: 'social_assistance' as const, owed: false }))]]),
        histories: new Map([['A', history({ payments: months.map((m) => paid(m, 750_000n, 'settled', 'social_assistance')), lines: months.map(line) })]]),
      });
      expect(result.lines[0].item.arrears).toEqual([
        { month: '2026-07', amount: '60000', reason: 'BACKDATED_RATE' },
        { month: '2026-08', amount: '60000', reason: 'BACKDATED_RATE' },
      ]);
      expect(result.recoveries).toEqual([]);
    });

    it('an amended decision and its amending one, both stopped: a month is priced with the amending decision, whichever comes first', () => {
      // A poor single parent: one child until the decision was amended from 1 July (two children, recorded 20 August);
      // the amending decision was terminated from 1 September. July was paid 500,000 for one child before the amendment.
      const item = (decisionId: string, children: number, arrearsFrom: string, notOwed: string[]) => ({
        personRef: 'A', decisionId, programme: 'social_assistance' as const, groupCode: 'SA_SINGLE_PARENT_POOR',
        attributes: { family: 'SA_SINGLE_PARENT_POOR', children, arrearsOnly: true, arrearsFrom, arrearsMonths: JSON.stringify(notOwed.map((month) => ({ month, owed: false }))) },
      });
      const amended = item('D1', 1, '2026-06', ['2026-07', '2026-08', '2026-09', '2026-10']);
      const amending = item('D2', 2, '2026-07', ['2026-09', '2026-10']);
      const one = { ...sa('SA_SINGLE_PARENT_POOR', { children: 1 }), family: 'SA_SINGLE_PARENT_POOR' };
      const terminations = [
        { programme: 'social_assistance' as const, groupCode: 'SA_SINGLE_PARENT_POOR', lastDayPaid: '2026-06-30', terminatedAt: '2026-08-20T02:00:00.000Z', reasonCode: 'AMENDED', amendingFamily: 'SA_SINGLE_PARENT_POOR' },
        { programme: 'social_assistance' as const, groupCode: 'SA_SINGLE_PARENT_POOR', lastDayPaid: '2026-08-31', terminatedAt: '2026-09-02T02:00:00.000Z' },
      ];
      const julyOf = (order: (typeof amended)[]) =>
        calculateBatch({
          ...base,
          persons: toPersonInputs(order, '2026-11'),
          candidates: new Map([['A', [{ month: '2026-07', programme: 'social_assistance' as const, owed: false }]]]),
          histories: new Map([['A', history({
            payments: [paid('2026-07', 500_000n, 'settled', 'social_assistance')],
            lines: [{ runId: 'R-2026-07', programme: 'social_assistance', month: '2026-07', amount: 500_000n, inputs: [one], pricedAt: '2026-06-25T00:00:00.000Z' }],
            terminations,
          })]]),
        }).lines[0]?.item.arrears;
      // Two children at 540,000 (Decree 335), less the 500,000 paid.
      expect(julyOf([amended, amending])).toEqual([expect.objectContaining({ month: '2026-07', amount: '580000' })]);
      expect(julyOf([amending, amended])).toEqual([expect.objectContaining({ month: '2026-07', amount: '580000' })]);
    });

    it('pays nothing when the ledger names no month, and its window examines none by itself', () => {
      const result = calculateBatch({ ...base, persons: stopped([{ month: '2026-10', owed: false }]) });
      expect(result.lines).toEqual([]);
      expect(result.exceptions).toEqual([]);
    });

    it('is refused without arrearsFrom', () => {
      const [input] = toPersonInputs([{ personRef: 'A', decisionId: 'D1', programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_4_16', attributes: { arrearsOnly: true } }], '2026-11');
      expect(input.problems[0].message).toMatch(/arrearsOnly needs arrearsFrom/);
    });
  });

  it('pays a one-off with the person\'s item, or in an item of its own when the person is not in the snapshot', () => {
    const funeral = (personRef: string) => ({ id: personRef, personRef, programme: 'social_assistance' as const, kind: 'funeral_support', amount: 10_800_000n, text: 'funeral' });
    const result = calculateBatch({ ...base, persons: [person('A', [sa('SA_DISABLED_SEVERE')])], oneOffs: [funeral('A'), funeral('Z')] });
    expect(result.lines.map((l) => [l.personRef, l.item.components.map((c) => c.kind), l.item.amount])).toEqual([
      ['A', ['standard_x_coefficient', 'funeral_support'], '11610000'],
      ['Z', ['funeral_support'], '10800000'],
    ]);
  });

  describe('a month paid under one of social assistance and the social pension, owed now under the other', () => {
    const months = ['2026-07', '2026-08', '2026-09', '2026-10'];
    const pricedThen = (item: PersonInput['items'][number]) =>
      months.map((m) => ({ runId: `R-${m}`, programme: item.programme, month: m, amount: 500_000n, inputs: [item], pricedAt: `${m}-01T00:00:00.000Z` }));
    const paidAs = (programme: PaymentRow['programme']) => months.map((m) => ({ ...paid(m, 500_000n, 'settled', programme), paymentId: `PAY-${m}-${programme}` }));

    it('an 80-year-old paid 500,000 of social assistance, whose social pension (540,000) is recorded late from July: 40,000 a month, nothing recovered', () => {
      const saItem = sa('SA_ELDERLY_80_NO_PENSION');
      const spItem = sp('SP_75_PLUS');
      const result = calculateBatch({
        ...base,
        persons: [person('A', [saItem, spItem], [{ programme: 'social_pension', from: '2026-07', afterSuspension: false, item: spItem }])],
        lastKnown: new Map([['A', new Map([['social_assistance' as const, '2026-10']])]]),
        histories: new Map([['A', history({ payments: paidAs('social_assistance'), lines: pricedThen(saItem) })]]),
      });
      expect(result.arrears.map((a) => [a.month, a.programme, a.difference])).toEqual(months.map((m) => [m, 'social_pension', 40_000n]));
      expect(result.recoveries).toEqual([]);
    });

    it('paid the social pension of 500,000, a higher social assistance (1,080,000) recorded late from July: 580,000 a month, nothing recovered', () => {
      const saItem = sa('SA_ELDERLY_POOR_NO_SUPPORT_80');
      const spItem = sp('SP_75_PLUS');
      const result = calculateBatch({
        ...base,
        persons: [person('A', [saItem, spItem], [{ programme: 'social_assistance', from: '2026-07', afterSuspension: false, item: saItem }])],
        lastKnown: new Map([['A', new Map([['social_pension' as const, '2026-10']])]]),
        histories: new Map([['A', history({ payments: paidAs('social_pension'), lines: pricedThen(spItem) })]]),
      });
      expect(result.arrears.map((a) => [a.month, a.programme, a.difference])).toEqual(months.map((m) => [m, 'social_assistance', 580_000n]));
      expect(result.recoveries).toEqual([]);
    });
  });

  describe('two runs of the same month for different programmes (a run covers the programmes its snapshot declared)', () => {
    // A martyr's relative also on social assistance; the June meritorious payment was not collected. November has a
    // run for social assistance and the social pension (the Department of Health's) and one for meritorious service.
    const own = sa('SA_ELDERLY_POOR_NO_SUPPORT_60_80');
    const merit = ncc('NCC_MARTYR_RELATIVE_1');
    const june = { runId: 'R-2026-06', programme: 'meritorious' as const, month: '2026-06', amount: 2_789_000n, inputs: [merit] };
    const ledger = {
      candidates: new Map([['A', [{ month: '2026-06', programme: 'meritorious' as const, owed: false }]]]),
      histories: new Map([['A', history({ payments: [paid('2026-06', 2_789_000n, 'not_collected', 'meritorious')], lines: [june] })]]),
    };

    it('leaves a meritorious month out of the social assistance run: disbursement refuses an item outside its scope', () => {
      const result = calculateBatch({ ...base, ...ledger, programmes: ['social_assistance', 'social_pension'], persons: [person('A', [own])] });
      expect(result.lines.map((l) => l.programme)).toEqual(['social_assistance']);
      expect(result.arrears).toEqual([]);
      expect(result.recoveries).toEqual([]);
    });

    it('carries it in the meritorious run', () => {
      const result = calculateBatch({ ...base, ...ledger, programmes: ['meritorious'], persons: [person('A', [merit])] });
      expect(result.arrears.map((a) => [a.month, a.programme, a.difference, a.reason])).toEqual([['2026-06', 'meritorious', 2_789_000n, 'UNPAID_CARRY_OVER']]);
    });
  });

  it('pays Decree 335 on a month paid only as arrears before it was entered (a late decision: July paid by September\'s run at 500,000)', () => {
    // Social pension signed in August from July; September's run (priced 2026-08-25) paid July and August as arrears,
    // 500,000 each. Decree 335 (540,000 from July, entered 2026-10-05): November's run owes 40,000 for each.
    const arrearsOf = (month: string) => ({
      programme: 'social_pension' as const, month, recipientRef: 'A', amount: 500_000n, carrierUnpaid: false, carrierReceived: true,
      reason: 'LATE_DECISION', inputs: [sp()], pricedAt: '2026-08-25T00:00:00.000Z',
    });
    const result = calculateBatch({
      ...base,
      persons: [person('A', [sp()])],
      candidates: new Map([['A', ['2026-07', '2026-08'].map((month) => ({ month, programme: 'social_pension' as const, owed: false }))]]),
      histories: new Map([['A', history({ arrears: [arrearsOf('2026-07'), arrearsOf('2026-08')] })]]),
    });
    expect(result.arrears.map((a) => [a.month, a.owed, a.paid, a.difference, a.reason])).toEqual([
      ['2026-07', 540_000n, 500_000n, 40_000n, 'BACKDATED_RATE'],
      ['2026-08', 540_000n, 500_000n, 40_000n, 'BACKDATED_RATE'],
    ]);
  });
});
