import type { EntitlementItem } from '@benefits/contracts';
import { checkEntitlementItem } from './entitlement-check';

const item = (overrides: Partial<EntitlementItem> = {}): EntitlementItem => ({
  personRef: '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f',
  programme: 'social_assistance',
  components: [
    { programme: 'social_assistance', groupCode: 'SA_ELDERLY_80', kind: 'monthly', amount: '750000', text: '500,000 × 1.5' },
    { programme: 'social_assistance', groupCode: 'SA_CARE', kind: 'care', amount: '500000', text: 'care' },
  ],
  arrears: [{ month: '2026-07', amount: '60000', reason: 'BACKDATED_RATE' }],
  amount: '1310000',
  ...overrides,
});
const run = { month: '2026-11', programmes: ['social_assistance' as const] };

describe('an entitlement item must add up', () => {
  it('accepts components + arrears = amount, and returns the components total', () => {
    expect(checkEntitlementItem(item(), run)).toEqual({ componentsTotal: 1_250_000n, arrearsTotal: 60_000n, problems: [] });
  });

  it.each<[string, Partial<EntitlementItem>, string]>([
    ['the amount is one đồng more', { amount: '1310001' }, 'amount 1,310,001 is not components 1,250,000 + arrears 60,000'],
    ['the programme is outside the scope', { programme: 'meritorious' }, 'programme meritorious is outside the run\'s scope'],
    [
      'a component is of another programme',
      { components: [{ programme: 'meritorious', groupCode: 'X', kind: 'monthly', amount: '1250000', text: '' }] },
      'a component is not of programme social_assistance',
    ],
    ['arrears are for the run month itself', { arrears: [{ month: '2026-11', amount: '60000', reason: 'X' }] }, 'arrears for 2026-11 are not for a month before 2026-11'],
  ])('refuses an item when %s', (_case, overrides, problem) => {
    expect(checkEntitlementItem(item(overrides), run).problems).toContain(problem);
  });
});
