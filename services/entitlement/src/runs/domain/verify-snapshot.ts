/** What eligibility declared in EligibilitySnapshotCompleted. */
export interface Declared {
  readonly chunkCount: number;
  readonly countsByProgramme: Readonly<Record<string, number>>;
  readonly checksum: string;
}

/** What entitlement staged from the chunks it received. */
export interface Received {
  readonly chunkCount: number;
  readonly minChunkNo: number;
  readonly maxChunkNo: number;
  readonly countsByProgramme: Readonly<Record<string, number>>;
  readonly checksum: string;
}

/**
 * Every difference between what was declared and what was received; empty when the run may be calculated.
 * Chunks must be numbered 0..chunkCount-1 without gaps; items per programme and the checksum must match exactly.
 */
export function verifySnapshot(declared: Declared, received: Received): string[] {
  const differences: string[] = [];
  const gapless = received.chunkCount === 0 || (received.minChunkNo === 0 && received.maxChunkNo === received.chunkCount - 1);
  if (received.chunkCount !== declared.chunkCount || !gapless) {
    const numbers = received.chunkCount === 0 ? 'none' : `numbered ${received.minChunkNo}..${received.maxChunkNo}`;
    differences.push(`received ${received.chunkCount} chunks (${numbers}), declared ${declared.chunkCount}`);
  }
  const programmes = [...new Set([...Object.keys(declared.countsByProgramme), ...Object.keys(received.countsByProgramme)])].sort();
  for (const programme of programmes) {
    const want = declared.countsByProgramme[programme] ?? 0;
    const got = received.countsByProgramme[programme] ?? 0;
    if (want !== got) differences.push(`${programme}: received ${got} items, declared ${want}`);
  }
  if (received.checksum !== declared.checksum) differences.push(`checksum of the items received ${received.checksum} differs from the declared ${declared.checksum}`);
  return differences;
}
