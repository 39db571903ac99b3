import type { ControlTotals, Programme } from '@benefits/contracts';
import { dong, formatDong } from '@benefits/money';

/** What the run received and what its producers declared, as preparation sees it. */
export interface ReadinessFacts {
  readonly declaredChunkCount: number;
  readonly declaredTotals: ControlTotals;
  readonly entitlementChunks: readonly number[];
  readonly received: ReadonlyMap<Programme, { count: number; total: bigint }>;
  readonly anomalies: readonly { kind: string; detail: string }[];
  /** Persons with a non-zero amount and no destination received (funeral support only aside). */
  readonly payableWithoutDestination: number;
  /** Persons owed only funeral support and with no destination received: their payment is held, never the run. */
  readonly funeralWithoutDestination: number;
  /** From RunDestinationsCompleted, when eligibility sent one. */
  readonly destinationsDeclared?: { chunkCount: number; count: number };
  readonly destinationChunks: readonly number[];
  readonly destinationCount: number;
  /** Since EntitlementCompleted. */
  readonly waitedMs: number;
  readonly graceMs: number;
}

export type Readiness = { kind: 'ready' } | { kind: 'wait'; reason: string } | { kind: 'halt'; reasons: string[] };

/**
 * The control totals: the run goes on only when what was received equals what was declared, count and total per
 * programme, every chunk exactly once, nothing anomalous, and every payable person with a destination. Any
 * difference halts the run with every reason found; nothing beyond the declaration is accepted.
 * A missing destination halts because it means lost data — except for a deceased person owed only funeral support,
 * whose payee eligibility may not know (a death reported long ago, a run of other communes): one death must not stop
 * a province's run, so that payment alone is held (PAYEE_MISSING) for an operator to re-send to the organiser.
 */
export function decideReadiness(facts: ReadinessFacts): Readiness {
  const reasons = [
    ...chunkProblems('entitlement', facts.declaredChunkCount, facts.entitlementChunks),
    ...totalsProblems(facts.declaredTotals, facts.received),
    ...facts.anomalies.map((a) => `${a.kind}: ${a.detail}`),
  ];
  const declared = facts.destinationsDeclared;
  if (declared) reasons.push(...destinationsProblems(declared, facts.destinationChunks, facts.destinationCount));
  const missing = facts.payableWithoutDestination;
  if (missing > 0 && (declared || facts.waitedMs >= facts.graceMs)) {
    reasons.push(`${missing} payable ${missing === 1 ? 'person has' : 'persons have'} no payment destination`);
  }
  if (reasons.length > 0) return { kind: 'halt', reasons };
  const waiting = missing + facts.funeralWithoutDestination;
  if (waiting > 0 && !declared && facts.waitedMs < facts.graceMs) return { kind: 'wait', reason: `${waiting} payable persons still without a destination` };
  return { kind: 'ready' };
}

/** How the destinations received differ from eligibility's declaration (RunDestinationsCompleted): chunks, then count. */
export function destinationsProblems(declared: { chunkCount: number; count: number }, chunks: readonly number[], count: number): string[] {
  const problems = chunkProblems('destinations', declared.chunkCount, chunks);
  if (declared.count !== count) problems.push(`destinations: ${declared.count} declared, ${count} received`);
  return problems;
}

function chunkProblems(stream: string, declared: number, received: readonly number[]): string[] {
  const got = new Set(received);
  const missing: number[] = [];
  for (let n = 0; n < declared; n++) if (!got.has(n)) missing.push(n);
  const extra = [...got].filter((n) => n >= declared).sort((a, b) => a - b);
  const problems: string[] = [];
  if (missing.length > 0) problems.push(`${stream}: chunk(s) ${short(missing)} of ${declared} declared never arrived`);
  if (extra.length > 0) problems.push(`${stream}: chunk(s) ${short(extra)} arrived beyond the ${declared} declared`);
  return problems;
}

function totalsProblems(declared: ControlTotals, received: ReadonlyMap<Programme, { count: number; total: bigint }>): string[] {
  const problems: string[] = [];
  const programmes = new Set<Programme>([...(Object.keys(declared) as Programme[]), ...received.keys()]);
  for (const programme of [...programmes].sort()) {
    const want = declared[programme];
    const got = received.get(programme) ?? { count: 0, total: 0n };
    if (!want) {
      problems.push(`${programme}: ${got.count} items received, none declared`);
      continue;
    }
    if (want.count !== got.count || dong(want.total) !== got.total) {
      problems.push(
        `${programme}: declared ${want.count} items totalling ${formatDong(dong(want.total))} đồng, ` +
          `received ${got.count} totalling ${formatDong(got.total)} đồng`,
      );
    }
  }
  return problems;
}

function short(numbers: number[]): string {
  return numbers.length <= 10 ? numbers.join(', ') : `${numbers.slice(0, 10).join(', ')} … (${numbers.length})`;
}
