import { personIdRanges } from './snapshot-parts';

describe('personIdRanges: the person ids each part of a snapshot builds', () => {
  it('one part covers every id after the all-zero one', () => {
    expect(personIdRanges(1)).toEqual([{ after: '00000000-0000-0000-0000-000000000000', last: 'ffffffff-ffff-ffff-ffff-ffffffffffff' }]);
  });

  it('two parts split the ids in halves, the second starting right after the first ends', () => {
    expect(personIdRanges(2)).toEqual([
      { after: '00000000-0000-0000-0000-000000000000', last: '7fffffff-ffff-ffff-ffff-ffffffffffff' },
      { after: '7fffffff-ffff-ffff-ffff-ffffffffffff', last: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
    ]);
  });

  it.each([3, 5, 7, 16])('%i parts are contiguous and end at the last id', (count) => {
    const ranges = personIdRanges(count);
    expect(ranges).toHaveLength(count);
    for (let i = 1; i < count; i++) expect(ranges[i].after).toBe(ranges[i - 1].last);
    expect(ranges[count - 1].last).toBe('ffffffff-ffff-ffff-ffff-ffffffffffff');
    for (const range of ranges) expect(range.after < range.last).toBe(true);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => personIdRanges(0)).toThrow(/part count 0/);
    expect(() => personIdRanges(1.5)).toThrow(/part count 1.5/);
  });
});
