import { createHash, type Hash } from 'node:crypto';

/** What the checksum of EligibilitySnapshotCompleted covers of each item: every item of every chunk. */
export interface ChecksumItem {
  readonly decisionId: string;
  readonly groupCode: string;
}

/**
 * The checksum of EligibilitySnapshotCompleted: sha256 (lower-case hex) over the lines `${decisionId}:${groupCode}\n`
 * of every item of every chunk, in ascending order of the lines (JavaScript string order, which for these ASCII
 * lines is byte order). The producer computes it over what it froze, the consumer over what it received.
 */
export function snapshotChecksum(items: Iterable<ChecksumItem>): string {
  const lines = [...items].map(checksumLine).sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line);
  return hash.digest('hex');
}

/** The same checksum, fed item by item in ascending line order (e.g. from an ordered database cursor). */
export class SnapshotChecksum {
  private readonly hash: Hash = createHash('sha256');
  private last: string | undefined;

  add(item: ChecksumItem): void {
    const line = checksumLine(item);
    if (this.last !== undefined && line < this.last) throw new Error('SnapshotChecksum: items must come in ascending order');
    this.last = line;
    this.hash.update(line);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

function checksumLine(item: ChecksumItem): string {
  return `${item.decisionId}:${item.groupCode}\n`;
}
