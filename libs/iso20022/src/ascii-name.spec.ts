import { toAscii, toAsciiName } from './ascii-name';

describe('toAsciiName', () => {
  it.each([
    ['Nguyễn Văn Đức', 'NGUYEN VAN DUC'],
    ['Trần Thị Ánh Nguyệt', 'TRAN THI ANH NGUYET'],
    ['Lê Hữu Ước', 'LE HUU UOC'],
    ['Đặng Ngọc Ơn', 'DANG NGOC ON'],
    ['  Phạm   Thị\tHằng ', 'PHAM THI HANG'],
    ['Hồ Thị Mỹ Dung', 'HO THI MY DUNG'],
    ['Vũ Quốc Việt & con', 'VU QUOC VIET CON'],
    ['NGUYEN VAN A', 'NGUYEN VAN A'],
    // Legacy-encoded data: the eth Ð/ð (U+00D0, U+00F0) in place of Đ/đ.
    ['\u00D0ặng Văn \u00D0ức', 'DANG VAN DUC'],
    ['Nguyễn Văn \u00F0ức', 'NGUYEN VAN DUC'],
  ])('%s → %s', (name, expected) => {
    expect(toAsciiName(name)).toBe(expected);
  });
});

describe('toAscii', () => {
  it('keeps case and the characters a narrative needs', () => {
    expect(toAscii('Trợ cấp xã hội T11/2026')).toBe('Tro cap xa hoi T11/2026');
  });

  it('replaces what banks do not accept by a space', () => {
    expect(toAscii('Chi trả <tháng> 11 — đợt 2')).toBe('Chi tra thang 11 dot 2');
  });
});
