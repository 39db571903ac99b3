import { Ledger, type NewLine } from './ledger';

const DAY1 = Date.parse('2026-11-05T03:00:00Z');
const DAY2 = Date.parse('2026-11-06T03:00:00Z');
const line = (at: number, creditDebit: 'CRDT' | 'DBIT', amount: string, account = 'A1'): NewLine => ({
  at,
  account,
  creditDebit,
  amount,
  msgId: 'M',
  pmtInfId: 'P',
  instrId: 'I',
  endToEndId: 'E',
});

describe('Ledger', () => {
  it('computes opening and closing balances per business day in Vietnamese time', () => {
    const ledger = new Ledger(1000n, 'REF');
    ledger.book(line(DAY1, 'DBIT', '300'));
    ledger.book(line(DAY1, 'DBIT', '200', 'A2'));
    ledger.book(line(DAY2, 'CRDT', '50'));
    // 18:00 UTC is already the next day in Vietnam.
    ledger.book(line(Date.parse('2026-11-05T18:00:00Z'), 'DBIT', '10'));
    expect(ledger.day('A1', '2026-11-05')).toMatchObject({ opening: 1000n, closing: 700n });
    expect(ledger.day('A1', '2026-11-06')).toMatchObject({ opening: 700n, closing: 740n });
    // In booking-time order, whatever the order they were booked in.
    expect(ledger.day('A1', '2026-11-06').lines.map((l) => l.amount)).toEqual(['10', '50']);
    expect(ledger.accounts()).toEqual(['A1', 'A2']);
  });

  it('hands out unique references and lists lines booked after an instant', () => {
    const ledger = new Ledger(0n, 'SBX');
    const first = ledger.book(line(DAY1, 'DBIT', '1'));
    const second = ledger.book(line(DAY2, 'DBIT', '1'));
    expect([first.accountServicerRef, second.accountServicerRef]).toEqual(['SBX00000001', 'SBX00000002']);
    expect(ledger.bookedAfter(DAY1).map((l) => l.seq)).toEqual([2]);
    expect(ledger.day('A1', '2026-11-06').closing).toBe(-2n);
  });

  it('lists what was booked after an instant in booking-time order, of one account or all', () => {
    const ledger = new Ledger(0n, 'SBX');
    for (const [hour, account] of [[1, 'A1'], [3, 'A2'], [2, 'A1'], [5, 'A1'], [4, 'A2']] as const) {
      ledger.book(line(DAY1 + hour * 3_600_000, 'DBIT', String(hour), account));
    }
    expect(ledger.bookedAfter(DAY1 + 2 * 3_600_000).map((l) => l.amount)).toEqual(['3', '4', '5']);
    expect(ledger.bookedAfter(DAY1 + 2 * 3_600_000, 'A1').map((l) => l.amount)).toEqual(['5']);
    expect(ledger.bookedAfter(Number.NEGATIVE_INFINITY).map((l) => l.amount)).toEqual(['1', '2', '3', '4', '5']);
    expect(ledger.bookedAfter(DAY1 + 5 * 3_600_000)).toEqual([]);
  });

  it('lists only the credits (returns) or only the debits when asked, in booking-time order', () => {
    const ledger = new Ledger(0n, 'SBX');
    for (const [hour, creditDebit] of [[1, 'DBIT'], [4, 'CRDT'], [2, 'CRDT'], [3, 'DBIT'], [5, 'DBIT']] as const) {
      ledger.book(line(DAY1 + hour * 3_600_000, creditDebit, String(hour)));
    }
    expect(ledger.bookedAfter(Number.NEGATIVE_INFINITY, undefined, 'CRDT').map((l) => l.amount)).toEqual(['2', '4']);
    expect(ledger.bookedAfter(DAY1 + 2 * 3_600_000, 'A1', 'CRDT').map((l) => l.amount)).toEqual(['4']);
    expect(ledger.bookedAfter(DAY1 + 2 * 3_600_000, undefined, 'DBIT').map((l) => l.amount)).toEqual(['3', '5']);
    ledger.reset();
    expect(ledger.bookedAfter(Number.NEGATIVE_INFINITY, undefined, 'CRDT')).toEqual([]);
  });
});
