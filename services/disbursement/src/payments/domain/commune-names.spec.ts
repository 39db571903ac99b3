import { communeNameOf } from './commune-names';

describe('communeNameOf(code, month)', () => {
  it.each([
    ['30313', '2026-11', 'Xã Mỹ Hòa Hưng', 'Xã'],
    ['30307', '2026-11', 'Phường Long Xuyên', 'Phường'],
    ['31078', '2025-07', 'Đặc khu Phú Quốc', 'Đặc khu'],
    // The code of phường Long Xuyên named phường Mỹ Hòa before the 2025 merger.
    ['30307', '2025-06', 'Phường Mỹ Hòa', 'Phường'],
  ])('%s in %s is %s (%s)', (code, month, communeName, communeKind) => {
    expect(communeNameOf(code, month)).toEqual({ communeName, communeKind });
  });

  it.each([
    ['a made-up test commune', '93456'],
    ['a code gone in the merger', '30280'],
    ['no commune (the post-office account list)', null],
  ])('has no name for %s, without an error', (_what, code) => {
    expect(communeNameOf(code, '2026-11')).toEqual({ communeName: null, communeKind: null });
  });
});
