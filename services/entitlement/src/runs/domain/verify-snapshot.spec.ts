import { verifySnapshot } from './verify-snapshot';

const declared = { chunkCount: 3, countsByProgramme: { social_assistance: 2500, social_pension: 400 }, checksum: 'a'.repeat(64) };
const received = { chunkCount: 3, minChunkNo: 0, maxChunkNo: 2, countsByProgramme: { social_assistance: 2500, social_pension: 400 }, checksum: 'a'.repeat(64) };

describe('verifySnapshot: what was received against what was declared', () => {
  it('accepts an exact match', () => {
    expect(verifySnapshot(declared, received)).toEqual([]);
  });

  it('accepts an empty snapshot declared empty', () => {
    const empty = { chunkCount: 0, countsByProgramme: {}, checksum: 'e'.repeat(64) };
    expect(verifySnapshot(empty, { chunkCount: 0, minChunkNo: -1, maxChunkNo: -1, countsByProgramme: {}, checksum: 'e'.repeat(64) })).toEqual([]);
  });

  it('names every difference: a lost chunk, counts per programme, the checksum', () => {
    const lost = { chunkCount: 2, minChunkNo: 0, maxChunkNo: 1, countsByProgramme: { social_assistance: 1500, meritorious: 1 }, checksum: 'b'.repeat(64) };
    expect(verifySnapshot(declared, lost)).toEqual([
      'received 2 chunks (numbered 0..1), declared 3',
      'meritorious: received 1 items, declared 0',
      'social_assistance: received 1500 items, declared 2500',
      'social_pension: received 0 items, declared 400',
      `checksum of the items received ${'b'.repeat(64)} differs from the declared ${'a'.repeat(64)}`,
    ]);
  });

  it('refuses chunks numbered with a gap even when their number matches', () => {
    expect(verifySnapshot(declared, { ...received, minChunkNo: 0, maxChunkNo: 3 })).toEqual(['received 3 chunks (numbered 0..3), declared 3']);
  });
});
