import { decimal, dong, formatDecimal, formatDong, InvalidAmountError, max, multiply, sum } from './dong';

describe('money in whole đồng', () => {
  it.each([
    [500000n, '2.5', 1250000n],
    [500000n, '1.5', 750000n],
    [360000n, '2.5', 900000n],
    [540000n, '1.0', 540000n],
    [540000n, '3', 1620000n],
    [333333n, '1.5', 500000n], // 499,999.5 rounds half up
    [333331n, '1.5', 499997n], // 499,996.5 rounds half up
    [100n, '0.25', 25n],
  ])('%s × %s = %s', (amount, factor, expected) => {
    expect(multiply(amount, factor)).toBe(expected);
  });

  it('parses whole đồng from numbers and strings and refuses fractions', () => {
    expect(dong('1250000')).toBe(1250000n);
    expect(dong(2789000)).toBe(2789000n);
    expect(() => dong('1250000.50')).toThrow(InvalidAmountError);
    expect(() => dong(0.1 + 0.2)).toThrow(/whole number/);
    expect(() => dong('12e5')).toThrow(InvalidAmountError);
  });

  it('keeps decimals exact', () => {
    expect(decimal('2.5')).toEqual({ units: 25n, scale: 1 });
    expect(formatDecimal(decimal('2.50'))).toBe('2.5');
    expect(formatDecimal(decimal('2.0'))).toBe('2');
    expect(formatDecimal(decimal('0.05'))).toBe('0.05');
    expect(() => decimal('-1')).toThrow(InvalidAmountError);
  });

  it('formats amounts with thousands separators', () => {
    expect(formatDong(1250000n)).toBe('1,250,000');
    expect(formatDong(0n)).toBe('0');
    expect(formatDong(-540000n)).toBe('-540,000');
    expect(formatDong(5000000000000n)).toBe('5,000,000,000,000');
  });

  it('sums and compares without losing a đồng', () => {
    expect(sum([9007199254740993n, 1n])).toBe(9007199254740994n);
    expect(max(500000n, 540000n)).toBe(540000n);
  });
});
