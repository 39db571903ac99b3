import { canonicalJson, payloadHash } from './canonical';

describe('canonical payload and its hash', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: 1, c: 2 }], x: null } }, '{"z":{"x":null,"y":[3,{"c":2,"d":1}]}}'],
    [{ a: undefined, b: 'đồng' }, '{"b":"đồng"}'],
    [[1, undefined, 'x'], '[1,null,"x"]'],
    ['500000', '"500000"'],
    [null, 'null'],
    [JSON.parse('{"b":1,"__proto__":{"x":1}}'), '{"__proto__":{"x":1},"b":1}'],
    [{ a: 3, 10: 1, 9: 2 }, '{"9":2,"10":1,"a":3}'],
    [{ a: { c: 1, b: 2 }, b: [{ e: 1, d: 2 }] }, '{"a":{"b":2,"c":1},"b":[{"d":2,"e":1}]}'],
  ])('%j is written as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same hash whatever the key order, and another hash for another value', () => {
    const hash = payloadHash({ beneficiaryId: 'B-1', amountDong: '500000' });
    expect(payloadHash({ amountDong: '500000', beneficiaryId: 'B-1' })).toBe(hash);
    expect(payloadHash({ amountDong: '500001', beneficiaryId: 'B-1' })).not.toBe(hash);
    expect(payloadHash([1, 2])).not.toBe(payloadHash([2, 1]));
  });

  it('is the sha256 hex of the canonical text', () => {
    // sha256('{"a":1}')
    expect(payloadHash({ a: 1 })).toBe('015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});
