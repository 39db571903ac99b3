import { NoRateTableError, type EntitlementInput, type EntitlementItem } from '../../domain';
import { ncc, sa, seedBook } from '../../domain/test-factory';
import { CachedCalculator, inputsKey, itemsKey } from './calculator';

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

  it('prices alike two households fostering a child each, and stores each with its own child and family', () => {
    const fostering = (caredForRef: string, family: string) => [sa('CARE_FOSTER_CHILD_4_16_OR_ELDERLY', { family, caredForRef })];
    const [first, second, elderly] = [fostering('child-1', 'CARE_FOSTER_CHILD'), fostering('child-2', 'CARE_FOSTER_CHILD'), fostering('child-1', 'CARE_FOSTER_ELDERLY')];
    expect(itemsKey(second)).toBe(itemsKey(first));
    expect(itemsKey(elderly)).toBe(itemsKey(first));
    expect(inputsKey(second)).not.toBe(inputsKey(first));
    expect(inputsKey(elderly)).not.toBe(inputsKey(first));
  });

  it('stores apart items that differ in any field (a new field of EntitlementItem must be added here)', () => {
    const full: Required<EntitlementItem> = {
      programme: 'meritorious',
      groupCode: 'NCC_WAR_INVALID',
      family: 'NCC_WAR_INVALID',
      children: 2,
      injuryRate: 81,
      especiallySevere: true,
      seniorityYears: 3,
      recipientRef: 'household-1',
      caredForRef: 'person-1',
    };
    const other: Required<EntitlementItem> = {
      programme: 'social_assistance',
      groupCode: 'SA_SINGLE_PARENT_POOR',
      family: 'SA_SINGLE_PARENT_POOR',
      children: 3,
      injuryRate: 61,
      especiallySevere: false,
      seniorityYears: 4,
      recipientRef: 'household-2',
      caredForRef: 'person-2',
    };
    for (const field of Object.keys(full) as (keyof EntitlementItem)[]) {
      expect([field, inputsKey([{ ...full, [field]: other[field] }])]).not.toEqual([field, inputsKey([full])]);
    }
    expect(inputsKey([sa('SA_HIV_POOR_NO_INCOME'), full])).toBe(inputsKey([full, sa('SA_HIV_POOR_NO_INCOME')]));
  });

  describe('a care allowance listed twice for one person cared for is never priced as a household caring for two', () => {
    const care = (caredForRef: string) => sa('CARE_FOSTER_CHILD_U4', { caredForRef });

    it('pays a valid household after an invalid one of the same shape', () => {
      const calculator = new CachedCalculator();
      expect(() => calculator.calculate({ personRef: 'P1', items: [care('C1'), care('C1')] }, '2026-11', book)).toThrow();
      expect(calculator.calculate({ personRef: 'P2', items: [care('C2'), care('C3')] }, '2026-11', book).total).toBe(2_700_000n);
    });

    it('refuses the invalid one after a valid household of the same shape was priced', () => {
      const calculator = new CachedCalculator();
      expect(calculator.calculate({ personRef: 'P2', items: [care('C2'), care('C3')] }, '2026-11', book).total).toBe(2_700_000n);
      expect(() => calculator.calculate({ personRef: 'P1', items: [care('C1'), care('C1')] }, '2026-11', book)).toThrow();
    });
  });
});
