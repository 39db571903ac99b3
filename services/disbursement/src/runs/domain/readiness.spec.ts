import type { Programme } from '@benefits/contracts';
import { decideReadiness, type ReadinessFacts } from './readiness';

const facts = (overrides: Partial<ReadinessFacts> = {}): ReadinessFacts => ({
  declaredChunkCount: 2,
  declaredTotals: { social_assistance: { count: 3, total: '2250000' }, meritorious: { count: 1, total: '2789000' } },
  entitlementChunks: [0, 1],
  received: new Map<Programme, { count: number; total: bigint }>([
    ['social_assistance', { count: 3, total: 2_250_000n }],
    ['meritorious', { count: 1, total: 2_789_000n }],
  ]),
  anomalies: [],
  payableWithoutDestination: 0,
  funeralWithoutDestination: 0,
  destinationChunks: [0],
  destinationCount: 4,
  waitedMs: 0,
  graceMs: 60_000,
  ...overrides,
});

describe('control totals: the run goes on only when received equals declared', () => {
  it('is ready when everything adds up and every payable person has a destination', () => {
    expect(decideReadiness(facts())).toEqual({ kind: 'ready' });
    expect(decideReadiness(facts({ destinationsDeclared: { chunkCount: 1, count: 4 } }))).toEqual({ kind: 'ready' });
  });

  it.each<[string, Partial<ReadinessFacts>, string]>([
    [
      'a total differs by one đồng',
      { received: new Map([['social_assistance', { count: 3, total: 2_249_999n }], ['meritorious', { count: 1, total: 2_789_000n }]]) },
      'social_assistance: declared 3 items totalling 2,250,000 đồng, received 3 totalling 2,249,999 đồng',
    ],
    [
      'a count differs',
      { received: new Map([['social_assistance', { count: 2, total: 2_250_000n }], ['meritorious', { count: 1, total: 2_789_000n }]]) },
      'social_assistance: declared 3 items totalling 2,250,000 đồng, received 2 totalling 2,250,000 đồng',
    ],
    [
      'a programme arrived that was not declared',
      {
        received: new Map([
          ['social_assistance', { count: 3, total: 2_250_000n }],
          ['meritorious', { count: 1, total: 2_789_000n }],
          ['social_pension', { count: 1, total: 500_000n }],
        ]),
      },
      'social_pension: 1 items received, none declared',
    ],
    [
      'a declared programme never arrived',
      { received: new Map([['social_assistance', { count: 3, total: 2_250_000n }]]) },
      'meritorious: declared 1 items totalling 2,789,000 đồng, received 0 totalling 0 đồng',
    ],
    ['a chunk is missing', { entitlementChunks: [0] }, 'entitlement: chunk(s) 1 of 2 declared never arrived'],
    ['a chunk beyond the declaration', { entitlementChunks: [0, 1, 2] }, 'entitlement: chunk(s) 2 arrived beyond the 2 declared'],
    ['an anomaly was recorded', { anomalies: [{ kind: 'DUPLICATE_ITEM', detail: '1 person(s) twice' }] }, 'DUPLICATE_ITEM: 1 person(s) twice'],
    [
      'destinations declared but fewer received',
      { destinationsDeclared: { chunkCount: 1, count: 5 } },
      'destinations: 5 declared, 4 received',
    ],
    [
      'destinations declared complete and a payable person has none',
      { destinationsDeclared: { chunkCount: 1, count: 4 }, payableWithoutDestination: 1 },
      '1 payable person has no payment destination',
    ],
    ['no destination after the grace period', { payableWithoutDestination: 2, waitedMs: 60_000 }, '2 payable persons have no payment destination'],
  ])('halts when %s', (_case, overrides, reason) => {
    const decision = decideReadiness(facts(overrides));
    expect(decision.kind).toBe('halt');
    expect(decision.kind === 'halt' && decision.reasons).toContain(reason);
  });

  it('waits for missing destinations while no completion was declared and the grace period runs', () => {
    expect(decideReadiness(facts({ payableWithoutDestination: 2, waitedMs: 59_999 }))).toEqual({ kind: 'wait', reason: '2 payable persons still without a destination' });
  });

  it('never halts for a deceased person owed only funeral support who has no destination: that payment alone is held', () => {
    expect(decideReadiness(facts({ destinationsDeclared: { chunkCount: 1, count: 4 }, funeralWithoutDestination: 1 }))).toEqual({ kind: 'ready' });
    expect(decideReadiness(facts({ funeralWithoutDestination: 1, waitedMs: 60_000 }))).toEqual({ kind: 'ready' });
    // Until eligibility has declared its destinations (or the grace period ran out), the payee may still arrive.
    expect(decideReadiness(facts({ funeralWithoutDestination: 1, waitedMs: 10 }))).toEqual({ kind: 'wait', reason: '1 payable persons still without a destination' });
    // A regular item without destination still halts, whatever else.
    const decision = decideReadiness(facts({ destinationsDeclared: { chunkCount: 1, count: 4 }, payableWithoutDestination: 1, funeralWithoutDestination: 1 }));
    expect(decision).toEqual({ kind: 'halt', reasons: ['1 payable person has no payment destination'] });
  });

  it('lists every reason at once', () => {
    const decision = decideReadiness(facts({ entitlementChunks: [1], anomalies: [{ kind: 'INVALID_ITEM', detail: 'x' }] }));
    expect(decision.kind === 'halt' && decision.reasons).toHaveLength(2);
  });
});
