import { NoRateTableError, type EntitlementInput } from '../../domain';
import { ncc, sa, seedBook } from '../../domain/test-factory';
import { CachedCalculator, itemsKey } from './calculator';

const book = seedBook();

describe('CachedCalculator: calculateMonth per distinct inputs', () => {
  it('prices equal inputs once and hands each person their own entitlement', () => {
    const calculator = new CachedCalculator();
    const spy = jest.spyOn(book, 'levelFor');
    const a = calculator.calculate({ personRef: 'A', items: [sa('SA_CHILD_NO_SUPPORT_U4')] }, '2026-11', book);
    const calls = spy.mock.calls.length;
    const b = calculator.calculate({ personRef: 'B', items: [sa('SA_CHILD_NO_SUPPORT_U4')] }, '2026-11', book);
    expect(spy.mock.calls.length).toBe(calls);
    spy.mockRestore();
    expect([a.personRef, b.personRef]).toEqual(['A', 'B']);
    expect(b.total).toBe(1_350_000n);
    expect(b.components).toBe(a.components);
  });

  it('remembers a missing table as the same error', () => {
    const calculator = new CachedCalculator();
    const input: EntitlementInput = { personRef: 'A', items: [ncc('NCC_WAR_INVALID', { injuryRate: 61 })] };
    expect(() => calculator.calculate(input, '2026-11', book)).toThrow(NoRateTableError);
    expect(() => calculator.calculate({ ...input, personRef: 'B' }, '2026-11', book)).toThrow(NoRateTableError);
  });

  it('keys on every attribute that changes the amount, not on the order of items', () => {
    expect(itemsKey([sa('SA_SINGLE_PARENT_POOR', { children: 2 }), sa('SA_HIV_POOR_NO_INCOME')])).toBe(
      itemsKey([sa('SA_HIV_POOR_NO_INCOME'), sa('SA_SINGLE_PARENT_POOR', { children: 2 })]),
    );
    expect(itemsKey([sa('SA_SINGLE_PARENT_POOR', { children: 2 })])).not.toBe(itemsKey([sa('SA_SINGLE_PARENT_POOR', { children: 3 })]));
    expect(itemsKey([ncc('NCC_WAR_INVALID', { injuryRate: 81 })])).not.toBe(itemsKey([ncc('NCC_WAR_INVALID', { injuryRate: 81, especiallySevere: true })]));
  });
});
