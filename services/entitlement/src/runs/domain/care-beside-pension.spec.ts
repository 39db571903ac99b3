import { sa, seedBook, sp } from '../../domain/test-factory';
import type { PaymentRow, PersonHistory, TerminationRow } from './arrears-history';
import { calculateBatch, type BatchInput } from './calculate-batch';
import { CachedCalculator } from './calculator';

const book = seedBook();
const row = (programme: PaymentRow['programme'], amount: bigint, outcome: PaymentRow['outcome']): PaymentRow => ({
  paymentId: `PAY-${programme}`,
  runId: 'R-2025-09',
  programme,
  month: '2025-09',
  amount,
  outcome,
  occurredOn: '2025-09-25',
  receivedAt: '2025-09-25T00:00:00.000Z',
});

describe('the run after a care allowance ended beside a social pension not collected', () => {
  it('owes the pension not collected as UNPAID_CARRY_OVER (disbursement then repays it once) or recovers the care allowance: not neither', () => {
    // 2025-09: care allowance 1,250,000 received, the social pension 500,000 not collected. The foster child died in
    // August; an earlier recovery raised 750,000 of it. October's run looks at 2025-09 again (not collected).
    const inputs = [sp(), sa('CARE_FOSTER_CHILD_U4', { caredForRef: 'C1' })];
    const died: TerminationRow = { programme: 'social_assistance', groupCode: 'CARE_FOSTER_CHILD_U4', caredForRef: 'C1', lastDayPaid: '2025-08-10', reasonCode: 'CARED_FOR_DECEASED' };
    const history: PersonHistory = {
      payments: [row('social_assistance', 1_250_000n, 'settled'), row('social_pension', 500_000n, 'not_collected')],
      lines: [
        { runId: 'R-2025-09', programme: 'social_assistance', month: '2025-09', amount: 1_250_000n, inputs },
        { runId: 'R-2025-09', programme: 'social_pension', month: '2025-09', amount: 500_000n, inputs },
      ],
      arrears: [],
      recoveries: [{ programme: 'social_assistance', month: '2025-09', recipientRef: 'A', amount: 750_000n }],
      terminations: [died],
    };
    const input: BatchInput = {
      runMonth: '2025-10',
      programmes: ['social_assistance', 'social_pension'],
      provinceCode: '91',
      book,
      calculate: new CachedCalculator().calculate,
      persons: [{ personRef: 'A', items: [sp()], windows: [], problems: [] }],
      candidates: new Map([['A', [{ month: '2025-09', programme: 'social_pension', owed: false }]]]),
      lastKnown: new Map(),
      histories: new Map([['A', history]]),
      oneOffs: [],
    };
    const result = calculateBatch(input);
    const owed = result.arrears.map((a) => [a.month, a.programme, a.difference, a.reason]);
    const recovered = result.recoveries.map((r) => [r.month, r.programme, r.amount]);
    // Either way, 500,000 of the care allowance is not the pension: it is recovered, or the pension is owed.
    expect({ owed, recovered }).toEqual({ owed: [['2025-09', 'social_pension', 500_000n, 'UNPAID_CARRY_OVER']], recovered: [['2025-09', 'social_assistance', 500_000n]] });
  });
});
