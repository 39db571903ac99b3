import type { ArrearsLine } from '../../domain';
import { controlTotals, outputLines } from './run-items';

const arrears = (month: string, difference: bigint): ArrearsLine => ({
  personRef: 'A',
  recipientRef: 'A',
  month,
  programme: 'social_pension',
  owed: difference,
  paid: 0n,
  difference,
  reason: 'LATE_DECISION',
  explanation: [],
});

describe('outputLines and controlTotals', () => {
  it('sends arrears alone with one zero component that says so; the amount is components plus arrears', () => {
    const [line] = outputLines('A', '2026-11', [], [arrears('2026-10', 540_000n), arrears('2026-09', 540_000n)], []);
    expect(line.item).toEqual({
      personRef: 'A',
      programme: 'social_pension',
      components: [{ programme: 'social_pension', groupCode: 'ARREARS', kind: 'arrears_only', amount: '0', text: 'nothing is owed for 2026-11 under social_pension: arrears for earlier months only' }],
      arrears: [
        { month: '2026-09', amount: '540000', reason: 'LATE_DECISION' },
        { month: '2026-10', amount: '540000', reason: 'LATE_DECISION' },
      ],
      amount: '1080000',
    });
  });

  it('sends nothing for a programme with nothing to pay', () => {
    expect(outputLines('A', '2026-11', [], [], [])).toEqual([]);
  });

  it('adds up count and total per programme', () => {
    expect(
      controlTotals([
        { programme: 'social_assistance', count: 2, total: 1_350_000n },
        { programme: 'social_pension', count: 1, total: 540_000n },
        { programme: 'social_assistance', count: 1, total: 810_000n },
      ]),
    ).toEqual({ social_assistance: { count: 3, total: '2160000' }, social_pension: { count: 1, total: '540000' } });
  });
});
