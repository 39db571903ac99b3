import { base32, isPaymentIdSafe, paymentId, resendPaymentId } from './payment-id';

const person = '6f1c2f0e-8a47-4a3b-9b64-1b7f4c1d2e3f';
const components = [
  { kind: 'monthly', groupCode: 'SA_ELDERLY_80', amount: '750000' },
  { kind: 'care', groupCode: 'SA_CARE', amount: '500000' },
];

describe('payment id', () => {
  it('encodes base32 as RFC 4648 (test vectors)', () => {
    const cases: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [input, expected] of cases) expect(base32(Buffer.from(input))).toBe(expected);
  });

  it('is 35 characters, EndToEndId-safe and starts with P', () => {
    const id = paymentId('social_assistance', '2026-11', person, components);
    expect(id).toHaveLength(35);
    expect(id.startsWith('P')).toBe(true);
    expect(isPaymentIdSafe(id)).toBe(true);
  });

  it('is the same for the same obligation, whatever the order of components or the case of the person ref', () => {
    const a = paymentId('social_assistance', '2026-11', person, components);
    const b = paymentId('social_assistance', '2026-11', person.toUpperCase(), [...components].reverse());
    expect(a).toBe(b);
  });

  it.each([
    ['programme', () => paymentId('social_pension', '2026-11', person, components)],
    ['month', () => paymentId('social_assistance', '2026-12', person, components)],
    ['person', () => paymentId('social_assistance', '2026-11', '00000000-0000-4000-8000-000000000000', components)],
    ['amount', () => paymentId('social_assistance', '2026-11', person, [{ ...components[0], amount: '750001' }, components[1]])],
    ['arrears', () => paymentId('social_assistance', '2026-11', person, components, [{ month: '2026-07', amount: '40000', reason: 'BACKDATED_RATE' }])],
  ])('changes with the %s', (_what, other) => {
    expect(other()).not.toBe(paymentId('social_assistance', '2026-11', person, components));
  });

  it('derives one re-send id per original, distinct from it', () => {
    const original = paymentId('social_assistance', '2026-11', person, components);
    expect(resendPaymentId(original)).toBe(resendPaymentId(original));
    expect(resendPaymentId(original)).not.toBe(original);
    expect(resendPaymentId(original).startsWith('R')).toBe(true);
    expect(isPaymentIdSafe(resendPaymentId(original))).toBe(true);
  });
});
