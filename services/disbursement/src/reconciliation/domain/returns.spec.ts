import type { EvidenceLine, PaymentEvidence } from './classify';
import { statementOutcomes, unreturnedDebits } from './returns';

const payment = (over: Partial<PaymentEvidence> = {}): PaymentEvidence => ({
  paymentId: 'P1',
  channel: 'bank',
  status: 'settled',
  total: 1_500_000n,
  month: '2026-11',
  outcomeOn: '2026-11-05',
  lines: [],
  ...over,
});
const debit = (amount: bigint | null = 1_500_000n, id = 'L1'): EvidenceLine => ({ id, kind: 'debit', amount, bookingDate: '2026-11-05', reason: null });
const credit = (amount = 1_500_000n, reason: string | null = 'AC04', id = 'L2'): EvidenceLine => ({ id, kind: 'credit', amount, bookingDate: '2026-11-12', reason });
const reversal = (kind: 'debit_reversal' | 'credit_reversal', amount = 1_500_000n, id = 'L9'): EvidenceLine => ({ id, kind, amount, bookingDate: '2026-11-14', reason: null });
const found = 'found on a bank statement';
const settled = { paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-05', detail: found };
const returned = (reasonCode = 'AC04') => ({ paymentId: 'P1', outcome: 'returned', reasonCode, occurredOn: '2026-11-12', detail: found });

describe('statementOutcomes', () => {
  const cases: [string, PaymentEvidence, object[]][] = [
    ['a settled payment debited and returned in full', payment({ lines: [debit(), credit()] }), [returned()]],
    ['a payment the bank never reported settled: settled on the day of its debit, then returned', payment({ status: 'sent', outcomeOn: null, lines: [debit(), credit(1_500_000n, 'MD07')] }), [settled, returned('MD07')]],
    ['a return of part of the amount (a fee kept) is a return all the same', payment({ lines: [debit(), credit(1_490_000n)] }), [returned()]],
    ['a return whose debit was never matched (batch booking without ids)', payment({ lines: [credit()] }), [returned()]],
    ['sent, its debit never matched: settled on the day of the return', payment({ status: 'sent', outcomeOn: null, lines: [credit()] }), [{ ...settled, occurredOn: '2026-11-12' }, returned()]],
    ['a return beside a second debit', payment({ lines: [debit(), debit(1_500_000n, 'L3'), credit()] }), [returned()]],
    ['a credit without a return reason is not a return', payment({ lines: [debit(), credit(1_500_000n, null)] }), []],
    ['a debit alone', payment({ lines: [debit()] }), []],
    ['already returned: nothing new', payment({ status: 'returned', lines: [debit(), credit()] }), []],
    ['a return the bank reversed is no return', payment({ lines: [debit(), credit(), reversal('credit_reversal')] }), []],
    ['a debit reversed is no return', payment({ status: 'sent', outcomeOn: null, lines: [debit(), reversal('debit_reversal')] }), []],
    ['rejected by the bank, debited and returned: not an outcome (an exception)', payment({ status: 'rejected', lines: [debit(), credit()] }), []],
  ];

  it.each(cases)('%s', (_name, evidence, outcomes) => {
    expect(statementOutcomes(evidence, '2026-11-20')).toEqual(outcomes);
  });

  it('dates a return booked without a date today', () => {
    expect(statementOutcomes(payment({ lines: [{ ...credit(), bookingDate: null }] }), '2026-11-20')).toEqual([{ ...returned(), occurredOn: '2026-11-20' }]);
  });
});

describe('unreturnedDebits', () => {
  const cases: [string, EvidenceLine[], string[]][] = [
    ['no line', [], []],
    ['a debit', [debit()], ['L1']],
    ['a debit returned in full', [debit(), credit()], []],
    ['a debit returned less a fee (the payee got nothing; the fee is finance\'s amount_mismatch)', [debit(), credit(1_490_000n)], []],
    ['two debits, one returned less a fee', [debit(), debit(1_500_000n, 'L3'), credit(1_490_000n)], ['L3']],
    ['two debits, one returned in full and one less a fee, in any order', [debit(), debit(1_500_000n, 'L3'), credit(1_490_000n), credit(1_500_000n, 'AC04', 'L4')], []],
    ['a debit credited back without a return reason', [debit(), credit(1_500_000n, null)], ['L1']],
    ['two debits, one returned', [debit(), debit(1_500_000n, 'L3'), credit()], ['L3']],
    ['two debits, both returned', [debit(), debit(1_500_000n, 'L3'), credit(), credit(1_500_000n, 'AC04', 'L4')], []],
    ['a return without its debit on a statement', [credit()], []],
    ['a debit of a batch-booked entry that does not add up (its amount not known), with a return', [debit(null), credit()], ['L1']],
    ['a debit returned, the return reversed: the money is with the payee', [debit(), credit(), reversal('credit_reversal')], ['L1']],
    ['a second debit the bank reversed', [debit(), debit(1_500_000n, 'L3'), reversal('debit_reversal')], ['L1']],
    ['a debit reversed', [debit(), reversal('debit_reversal')], []],
    ['a reversal of another amount gives back no debit', [debit(), reversal('debit_reversal', 1_400_000n)], ['L1']],
    ['post office lines are no debits', [{ id: 'L5', kind: 'paid', amount: 1_500_000n, bookingDate: '2026-11-12', reason: null }], []],
  ];

  it.each(cases)('%s', (_name, lines, unreturned) => {
    expect(unreturnedDebits(lines).map((l) => l.id)).toEqual(unreturned);
  });
});
