/**
 * A snapshot's parts: the person-id space cut into `count` ranges of equal width, each built by a thread of its own.
 * The register's ids are random (UUID v4), so equal widths hold about as many persons each. A range is given as the
 * id before its first (`after`, where its cursor starts) and its last id, both as UUID text.
 */
export interface PersonIdRange {
  readonly after: string;
  readonly last: string;
}

/** The 32 bits of the first group of a UUID: the cut points fall on it, the rest of the id is all 0s or all fs. */
const SPACE = 2 ** 32;

export function personIdRanges(count: number): PersonIdRange[] {
  if (!Number.isInteger(count) || count < 1 || count > 256) throw new RangeError(`part count ${count}: must be an integer from 1 to 256`);
  const start = (part: number) => Math.floor((part * SPACE) / count);
  const lastOf = (group: number) => `${group.toString(16).padStart(8, '0')}-ffff-ffff-ffff-ffffffffffff`;
  return Array.from({ length: count }, (_, part) => ({
    after: part === 0 ? '00000000-0000-0000-0000-000000000000' : lastOf(start(part) - 1),
    last: lastOf(start(part + 1) - 1),
  }));
}
