import { classifyPayment, type DueFacts, type EvidenceLine, type PaymentEvidence } from './classify';

const due: DueFacts = { today: '2026-11-10', graceDays: 2, bankStatementThrough: null, bankDaysUncovered: [], batchReportFinal: false };
/** Statements of the 8th and the 10th on record that do not chain: the 9th's is missing (imported after the 10th's, it arrives). */
const ninthMissing: DueFacts = { ...due, bankStatementThrough: '2026-11-10', bankDaysUncovered: [{ first: '2026-11-09', last: '2026-11-09' }] };
const bank = (over: Partial<PaymentEvidence> = {}): PaymentEvidence => ({
  paymentId: 'P1',
  channel: 'bank',
  status: 'settled',
  total: 1_500_000n,
  month: '2026-11',
  outcomeOn: '2026-11-05',
  lines: [],
  ...over,
});
const postOffice = (over: Partial<PaymentEvidence> = {}) => bank({ channel: 'post_office_cash', outcomeOn: '2026-11-12', ...over });
const line = (kind: EvidenceLine['kind'], amount: bigint | null = 1_500_000n, id = 'L1', reason: string | null = null): EvidenceLine => ({ id, kind, amount, bookingDate: '2026-11-05', reason });
/** A reversal (camt RvslInd) booked on the 7th, under the bank's entry reference R-<id>. */
const reversal = (kind: 'debit_reversal' | 'credit_reversal', id: string, amount: bigint | null = 1_500_000n): EvidenceLine => ({ id, kind, amount, bookingDate: '2026-11-07', reason: null, ref: `R-${id}` });

describe('classifyPayment', () => {
  const cases: [string, PaymentEvidence, DueFacts, string, string | null][] = [
    ['a settled payment debited once for its amount', bank({ lines: [line('debit')] }), due, 'matched', null],
    ['a debit then a return for the whole amount', bank({ status: 'returned', lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'MD07')] }), due, 'returned', null],
    ['a return seen before our record knew it (still settled here)', bank({ lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04')] }), due, 'returned', null],
    ['a debit of another amount', bank({ lines: [line('debit', 1_501_000n)] }), due, 'amount_mismatch', 'amount_mismatch'],
    ['a debit in a batch-booked entry that does not add up to its payments (its amount not known)', bank({ lines: [line('debit', null)] }), due, 'amount_mismatch', 'amount_mismatch'],
    ['a return in a batch-booked entry that does not add up to its payments', bank({ lines: [line('debit'), line('credit', null, 'L2', 'AC04')] }), due, 'amount_mismatch', 'amount_mismatch'],
    ['two debits, one of them of an amount not known', bank({ lines: [line('debit'), line('debit', null, 'L2')] }), due, 'duplicate_debit', 'duplicate_debit'],
    ['a return of part of the amount', bank({ lines: [line('debit'), line('credit', 500_000n, 'L2', 'AC04')] }), due, 'amount_mismatch', 'amount_mismatch'],
    ['a return of the whole amount to a payment the bank never reported settled', bank({ status: 'sent', outcomeOn: null, lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04')] }), due, 'returned', null],
    ['money credited back without a return reason (a correction?)', bank({ lines: [line('debit'), line('credit', 1_500_000n, 'L2')] }), due, 'outcome_mismatch', 'outcome_mismatch'],
    ['two debits for one payment', bank({ lines: [line('debit'), line('debit', 1_500_000n, 'L2')] }), due, 'duplicate_debit', 'duplicate_debit'],
    ['a debit for a payment the bank rejected', bank({ status: 'rejected', lines: [line('debit')] }), due, 'unexpected_debit', 'unexpected_debit'],
    ['a rejected payment with no debit', bank({ status: 'rejected', outcomeOn: '2026-11-05' }), due, 'rejected', null],
    ['settled, no debit, still within the grace days', bank({ outcomeOn: '2026-11-09' }), due, 'awaiting', null],
    ['settled, no debit, past the grace days', bank({ outcomeOn: '2026-11-05' }), due, 'missing', 'missing'],
    ['settled, no debit, the day is covered by an end-of-day statement', bank({ outcomeOn: '2026-11-09' }), { ...due, bankStatementThrough: '2026-11-09' }, 'missing', 'missing'],
    // A later day's statement imported before the day's own: not covered until it arrives, as it would be in order.
    ['settled, no debit, a later statement on record but the day between missing', bank({ outcomeOn: '2026-11-09' }), ninthMissing, 'awaiting', null],
    ['settled, no debit, the day before the gap covered', bank({ outcomeOn: '2026-11-08' }), ninthMissing, 'missing', 'missing'],
    ['settled, no debit, the day missing past the grace days', bank({ outcomeOn: '2026-11-09' }), { ...ninthMissing, today: '2026-11-12' }, 'missing', 'missing'],
    ['returned by the bank\'s notification, the day of the return missing between two statements', bank({ status: 'returned', outcomeOn: '2026-11-09', lines: [line('debit')] }), ninthMissing, 'awaiting', null],
    ['sent, no outcome yet', bank({ status: 'sent', outcomeOn: null }), due, 'awaiting', null],
    ['a pending payment of a run never released', bank({ status: 'pending', outcomeOn: null }), due, 'not_sent', null],
    ['a cancelled payment that was debited anyway', bank({ status: 'cancelled', outcomeOn: null, lines: [line('debit')] }), due, 'unexpected_debit', 'unexpected_debit'],
    // A return the bank notified (camt.054, recorded by the outcome poller) is money back only once a statement books it.
    ['returned by the bank\'s notification, its credit not on a statement yet', bank({ status: 'returned', outcomeOn: '2026-11-09', lines: [line('debit')] }), due, 'awaiting', null],
    ['returned by the bank\'s notification, the day covered by a statement without its credit', bank({ status: 'returned', outcomeOn: '2026-11-09', lines: [line('debit')] }), { ...due, bankStatementThrough: '2026-11-09' }, 'missing', 'missing'],
    ['returned by the bank\'s notification, no credit past the grace days', bank({ status: 'returned', outcomeOn: '2026-11-05', lines: [line('debit')] }), due, 'missing', 'missing'],
    ['a return credited twice for one debit', bank({ status: 'returned', lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04'), line('credit', 1_500_000n, 'L3', 'AC04')] }), due, 'outcome_mismatch', 'outcome_mismatch'],
    ['a return beside a credit without a reason', bank({ status: 'returned', lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04'), line('credit', 1_500_000n, 'L3')] }), due, 'outcome_mismatch', 'outcome_mismatch'],
    // Reversals (RvslInd): the undoing of an earlier entry of the payment, never a fresh debit or credit.
    ['a debit, then a second debit the bank reversed', bank({ lines: [line('debit'), line('debit', 1_500_000n, 'L2'), reversal('debit_reversal', 'L3')] }), due, 'matched', null],
    ['a debit reversed: the money came back, the payment was not paid', bank({ lines: [line('debit'), reversal('debit_reversal', 'L2')] }), due, 'reversal', 'reversal'],
    ['a debit reversed, the payment still within the grace days', bank({ outcomeOn: '2026-11-09', lines: [line('debit'), reversal('debit_reversal', 'L2')] }), due, 'reversal', 'reversal'],
    // The bank gave the money back by reversing its debit, and notified it as a return (camt.054 RtrInf): as recorded.
    ['a debit reversed, our record returned', bank({ status: 'returned', lines: [line('debit'), { ...reversal('debit_reversal', 'L2'), reason: 'AC04' }] }), due, 'returned', null],
    ['a debit reversed for a payment the bank rejected', bank({ status: 'rejected', lines: [line('debit'), reversal('debit_reversal', 'L2')] }), due, 'rejected', null],
    ['a debit reversed, then debited again', bank({ lines: [line('debit'), reversal('debit_reversal', 'L2'), line('debit', 1_500_000n, 'L3')] }), due, 'matched', null],
    ['a return the bank reversed, the payment settled', bank({ lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04'), reversal('credit_reversal', 'L3')] }), due, 'matched', null],
    ['a return the bank reversed, our record returned', bank({ status: 'returned', lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04'), reversal('credit_reversal', 'L3')] }), due, 'reversal', 'reversal'],
    ['a reversal of a debit on no statement of the payment', bank({ lines: [line('debit'), reversal('debit_reversal', 'L2', 1_400_000n)] }), due, 'reversal', 'reversal'],
    ['a reversal of a return on no statement of the payment', bank({ lines: [line('debit'), reversal('credit_reversal', 'L2')] }), due, 'reversal', 'reversal'],
    ['a cancelled payment debited, the debit reversed', bank({ status: 'cancelled', outcomeOn: null, lines: [line('debit'), reversal('debit_reversal', 'L2')] }), due, 'not_sent', null],
    ['post office: paid as recorded', postOffice({ lines: [line('paid')] }), due, 'matched', null],
    ['post office: not collected as recorded', postOffice({ status: 'not_collected', lines: [line('not_collected', 1_500_000n, 'L1', 'absent')] }), due, 'not_collected', null],
    ['post office: rejected as recorded', postOffice({ channel: 'post_office_account', status: 'rejected', lines: [line('rejected')] }), due, 'rejected', null],
    ['post office: the report says paid, our record not collected', postOffice({ status: 'not_collected', lines: [line('paid')] }), due, 'outcome_mismatch', 'outcome_mismatch'],
    ['post office: paid another amount', postOffice({ lines: [line('paid', 1_400_000n)] }), due, 'amount_mismatch', 'amount_mismatch'],
    ['post office: paid twice (two lists)', postOffice({ lines: [line('paid'), line('paid', 1_500_000n, 'L2')] }), due, 'duplicate_debit', 'duplicate_debit'],
    ['post office: one report says it both paid and not collected', postOffice({ lines: [line('paid'), line('not_collected', 1_500_000n, 'L2', 'ABSENT')] }), due, 'outcome_mismatch', 'outcome_mismatch'],
    ['post office: not collected, then paid, on the same report', postOffice({ status: 'not_collected', lines: [line('not_collected', 1_500_000n, 'L1', 'ABSENT'), line('paid', 1_500_000n, 'L2')] }), due, 'outcome_mismatch', 'outcome_mismatch'],
    ['post office: no line before the 20th', postOffice({ status: 'sent', outcomeOn: null }), due, 'awaiting', null],
    ['post office: no line on the final report', postOffice({ status: 'sent', outcomeOn: null }), { ...due, batchReportFinal: true }, 'missing', 'missing'],
    ['post office: no line, past the 20th and the grace days', postOffice({ status: 'sent', outcomeOn: null }), { ...due, today: '2026-11-23' }, 'missing', 'missing'],
  ];

  it.each(cases)('%s', (_name, payment, facts, recon, exceptionKind) => {
    const result = classifyPayment(payment, facts);
    expect(result.recon).toBe(recon);
    expect(result.exception?.kind ?? null).toBe(exceptionKind);
  });

  it('raises a missing return on the debit it should have paid back, apart from a missing debit resolved before', () => {
    expect(classifyPayment(bank({ status: 'returned', outcomeOn: '2026-11-05', lines: [line('debit')] }), due).exception).toEqual({
      kind: 'missing',
      reported: null,
      lineId: 'L1',
      detail: 'returned on 2026-11-05 by the bank\'s word, its credit on no statement since',
    });
    expect(classifyPayment(bank({ status: 'returned', lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'AC04'), line('credit', 1_500_000n, 'L3', 'AC04')] }), due).exception).toMatchObject({
      lineId: 'L3',
      reported: 3_000_000n,
    });
  });

  it('tells finance which entry a reversal undid, and what it means for the payment', () => {
    expect(classifyPayment(bank({ lines: [{ ...line('debit'), ref: 'D-1' }, reversal('debit_reversal', 'L2')] }), due).exception).toEqual({
      kind: 'reversal',
      reported: 1_500_000n,
      lineId: 'L2',
      detail: 'the bank reversed its debit D-1 of 1500000 đồng (2026-11-05) by entry R-L2 on 2026-11-07: the money came back, so the payment was not paid, although the bank reported it settled',
    });
    expect(
      classifyPayment(bank({ status: 'returned', lines: [line('debit'), { ...line('credit', 1_500_000n, 'L2', 'AC04'), ref: 'C-2' }, reversal('credit_reversal', 'L3')] }), due).exception,
    ).toEqual({
      kind: 'reversal',
      reported: 1_500_000n,
      lineId: 'L3',
      detail: 'the bank reversed the return C-2 of 1500000 đồng (2026-11-05) by entry R-L3 on 2026-11-07: the money did not come back, so the payment is not returned, although our record says returned',
    });
    expect(classifyPayment(bank({ lines: [line('debit'), reversal('credit_reversal', 'L2')] }), due).exception).toEqual({
      kind: 'reversal',
      reported: 1_500_000n,
      lineId: 'L2',
      detail: 'entry R-L2 on 2026-11-07 reverses a credit of 1500000 đồng that is on no statement of this payment: taken neither as money in nor out',
    });
  });

  it('does not let a reversal of an entry not on record hide what else is wrong with the payment (paid twice)', () => {
    // Resolved as "a reversal of a bank fee", a reversal exception alone would leave the second debit unseen.
    expect(classifyPayment(bank({ lines: [line('debit'), line('debit', 1_500_000n, 'L2'), reversal('debit_reversal', 'L3', 45_000n)] }), due).exception).toEqual({
      kind: 'duplicate_debit',
      reported: 3_000_000n,
      lineId: 'L2',
      detail:
        'debited 2 times: 1500000 + 1500000 đồng for one payment of 1500000; besides, entry R-L3 on 2026-11-07 reverses a debit of 45000 đồng that is on no statement of this payment: taken neither as money in nor out',
    });
  });

  it('keeps the return reason and the figures finance needs', () => {
    expect(classifyPayment(bank({ lines: [line('debit'), line('credit', 1_500_000n, 'L2', 'MD07')] }), due)).toEqual({ recon: 'returned', reason: 'MD07' });
    expect(classifyPayment(bank({ lines: [line('debit'), line('debit', 1_500_000n, 'L2')] }), due).exception).toEqual({
      kind: 'duplicate_debit',
      reported: 3_000_000n,
      lineId: 'L2',
      detail: 'debited 2 times: 1500000 + 1500000 đồng for one payment of 1500000',
    });
    expect(classifyPayment(bank({ lines: [line('debit', null)] }), due).exception).toEqual({
      kind: 'amount_mismatch',
      reported: null,
      lineId: 'L1',
      detail: 'debited in a batch-booked entry that does not add up to the payments it names: what went to this one is not known',
    });
    expect(classifyPayment(bank({ lines: [line('debit'), line('debit', null, 'L2')] }), due).exception).toMatchObject({ reported: null, detail: 'debited 2 times: 1500000 + ? đồng for one payment of 1500000' });
    // A third debit (after finance resolved the second as "the bank will reverse it") is an exception of its own line.
    expect(classifyPayment(bank({ lines: [line('debit'), line('debit', 1_500_000n, 'L2'), line('debit', 1_500_000n, 'L3')] }), due).exception).toMatchObject({
      kind: 'duplicate_debit',
      lineId: 'L3',
      reported: 4_500_000n,
    });
  });
});
