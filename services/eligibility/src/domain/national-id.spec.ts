import { checkNationalId, maskAccount, maskNationalId } from './national-id';

describe('checkNationalId', () => {
  it('accepts a well-formed number that agrees with the record', () => {
    // 079 Hồ Chí Minh, G=3 female born 2000-2099, YY=03.
    expect(checkNationalId('079303001234', { sex: 'female', dateOfBirth: '2003-07-01' })).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it.each([
    ['07920300123', ['WRONG_LENGTH']],
    ['0792030012345', ['WRONG_LENGTH']],
    ['07920300123A', ['NOT_DIGITS']],
    ['079 203 001 23', ['NOT_DIGITS', 'WRONG_LENGTH']],
    ['', ['WRONG_LENGTH']],
  ])('rejects %j', (id, codes) => {
    const check = checkNationalId(id);
    expect(check.valid).toBe(false);
    expect(check.errors.map((issue) => issue.code)).toEqual(codes);
  });

  it.each([
    // G: 0/1 male/female 1900-1999, 2/3 2000-2099, 4/5 2100-2199 (Circular 07/2016/TT-BCA Art.7).
    ['089050001234', 'male', '1950-01-01', []],
    ['089150001234', 'female', '1950-01-01', []],
    ['091210001234', 'female', '2010-01-01', ['SEX_MISMATCH']],
    ['091010001234', 'male', '2010-01-01', ['CENTURY_MISMATCH']],
    ['091211001234', 'male', '2010-01-01', ['BIRTH_YEAR_MISMATCH']],
    ['091400001234', 'male', '2100-06-01', []],
    ['091500001234', 'female', '2100-06-01', []],
    ['091300001234', 'male', '1900-06-01', ['SEX_MISMATCH', 'CENTURY_MISMATCH']],
  ] as const)('%s for a %s born %s warns %j', (id, sex, dateOfBirth, codes) => {
    const check = checkNationalId(id, { sex, dateOfBirth });
    expect(check.valid).toBe(true);
    expect(check.warnings.map((issue) => issue.code)).toEqual(codes);
  });

  it('warns, without rejecting, on a province code outside the 63 birth-registration codes', () => {
    const check = checkNationalId('003050001234');
    expect(check.valid).toBe(true);
    expect(check.warnings.map((issue) => issue.code)).toEqual(['UNKNOWN_PROVINCE_CODE']);
  });
});

describe('masking for logs and screens', () => {
  it.each([
    ['079203001234', '079*******34'],
    ['12345', '*****'],
    ['123456', '123*56'],
  ])('maskNationalId(%j) = %j', (id, masked) => {
    expect(maskNationalId(id)).toBe(masked);
  });

  it.each([
    ['0123456789', '******6789'],
    ['9704490012345678', '************5678'],
    ['1234', '****'],
  ])('maskAccount(%j) = %j', (account, masked) => {
    expect(maskAccount(account)).toBe(masked);
  });
});
