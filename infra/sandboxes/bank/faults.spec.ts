import { applyFaults, faultsFromList, type FaultableLine } from './faults';

const line = (endToEndId: string, creditDebit: 'CRDT' | 'DBIT' = 'DBIT', amount = '100'): FaultableLine => ({
  endToEndId,
  creditDebit,
  amount,
  accountServicerRef: `R-${endToEndId}-${creditDebit}`,
});
const lines = [line('E0', 'CRDT'), line('E1'), line('E2'), line('E3'), line('E4')];

describe('applyFaults', () => {
  it('changes nothing without faults', () => {
    expect(applyFaults(lines, {})).toEqual(lines);
  });

  it('spoils three different debits, earliest first, and never a credit by default', () => {
    const result = applyFaults(lines, faultsFromList('drop-line,alter-amount,duplicate-debit'));
    expect(result.map((l) => `${l.endToEndId}:${l.amount}:${l.accountServicerRef}`)).toEqual([
      'E0:100:R-E0-CRDT',
      'E2:1100:R-E2-DBIT',
      'E3:100:R-E3-DBIT',
      'E3:100:R-E3-DBITD',
      'E4:100:R-E4-DBIT',
    ]);
  });

  it('targets a named EndToEndId and keeps an altered amount positive', () => {
    const result = applyFaults(lines, { alterAmount: { endToEndId: 'E4', delta: '-500' }, dropLine: { endToEndId: 'E0' } });
    expect(result.map((l) => `${l.endToEndId}:${l.amount}`)).toEqual(['E1:100', 'E2:100', 'E3:100', 'E4:1']);
  });

  it('does nothing when the named line is not on this statement', () => {
    expect(applyFaults(lines, { duplicateDebit: { endToEndId: 'NOPE' } })).toEqual(lines);
  });
});

describe('faultsFromList', () => {
  it('reads the BANK_FAULTS list', () => {
    expect(faultsFromList(' drop-line , duplicate-debit ')).toEqual({ dropLine: {}, duplicateDebit: {} });
    expect(faultsFromList('')).toEqual({});
  });

  it('names an unknown fault', () => {
    expect(() => faultsFromList('drop-everything')).toThrow(/unknown fault "drop-everything"/);
  });
});
