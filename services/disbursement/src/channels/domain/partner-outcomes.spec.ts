import type { CamtDocument, Pain002Report } from '@benefits/iso20022';
import { outcomesFromPain002, returnsFromCamt } from './bank-outcomes';
import { outcomesFromSettlement } from './post-office-outcomes';

const report = (statuses: [string, Pain002Report['transactions'][number]['status'], string?][], groupStatus: Pain002Report['groupStatus']): Pain002Report => ({
  msgId: 'R1',
  createdAt: '2026-11-05T08:00:00+07:00',
  originalMsgId: 'B1',
  originalMsgNameId: 'pain.001.001.09',
  groupStatus,
  groupReasons: [],
  transactions: statuses.map(([id, status, reason]) => ({ originalPmtInfId: 'B1', originalEndToEndId: id, status, reasons: reason ? [{ code: reason }] : [] })),
});

describe('bank outcomes', () => {
  it('reads settled and rejected payments from a pain.002; anything pending keeps the file open', () => {
    const open = outcomesFromPain002(report([['P1', 'ACSC'], ['P2', 'RJCT', 'AC01'], ['P3', 'PDNG']], 'ACCP'), '2026-11-05');
    expect(open.complete).toBe(false);
    expect(open.outcomes).toEqual([
      { paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-05' },
      { paymentId: 'P2', outcome: 'rejected', reasonCode: 'AC01', occurredOn: '2026-11-05', detail: undefined },
    ]);
    expect(outcomesFromPain002(report([['P1', 'ACSC'], ['P2', 'RJCT', 'AC01']], 'PART'), '2026-11-05').complete).toBe(true);
  });

  // ISO 20022 lets a bank refuse the file after acknowledging it without a status per payment (insufficient funds at
  // execution). Before, such a report recorded nothing and never completed: the batch was polled for ever.
  it('reads a refusal of the whole file (GrpSts RJCT) without statuses per payment as a refusal of every payment', () => {
    const refused = { ...report([], 'RJCT'), groupReasons: [{ code: 'AM04', additionalInfo: 'insufficient funds' }] };
    expect(outcomesFromPain002(refused, '2026-11-06')).toEqual({
      outcomes: [],
      complete: true,
      refused: { reasonCode: 'AM04', occurredOn: '2026-11-06', detail: 'insufficient funds', duplicate: false },
    });
    // Payments the report decides keep their own outcome; the poller rejects the rest with the file's reason.
    const partly = outcomesFromPain002({ ...report([['P1', 'RJCT', 'AC01']], 'RJCT'), groupReasons: [] }, '2026-11-06');
    expect(partly.outcomes.map((o) => `${o.paymentId} ${o.outcome} ${o.reasonCode}`)).toEqual(['P1 rejected AC01']);
    expect(partly.refused).toMatchObject({ reasonCode: 'MS03', duplicate: false });
  });

  // A bank refusing our MsgId as one it has already received (ISO 20022 DU01) after acknowledging the file holds it:
  // its payments must not be rejected (and re-sent under new ids); a person looks, as for AM05.
  it.each(['AM05', 'DUPL', 'DU01', 'DU02', 'DU03', 'DU04', 'DU05'])('reads a refusal of the file for duplication (%s) as a duplicate, not as a refusal of its payments', (code) => {
    const refused = { ...report([], 'RJCT'), groupReasons: [{ code }] };
    expect(outcomesFromPain002(refused, '2026-11-06')).toMatchObject({ complete: false, refused: { reasonCode: code, duplicate: true } });
  });

  it('does not read a transaction refused for a repeated identification (DU04, DU05) as a payment rejected: it stays open', () => {
    // The file re-sent after a timeout here to a bank that checks transactions, not the MsgId: the bank holds them.
    const read = outcomesFromPain002(report([['P1', 'RJCT', 'DU04'], ['P2', 'RJCT', 'DU05'], ['P3', 'RJCT', 'AC04']], 'PART'), '2026-11-06');
    expect(read.outcomes.map((o) => [o.paymentId, o.outcome])).toEqual([['P3', 'rejected']]);
    expect(read.complete).toBe(false);
  });

  it('reads a payment block refused as a whole (PmtInfSts RJCT) as the file refused: a file holds one block', () => {
    const refused = outcomesFromPain002(
      { ...report([], 'PART'), paymentInfoStatuses: [{ originalPmtInfId: 'B1', status: 'RJCT', reasons: [{ code: 'AM04' }] }] },
      '2026-11-06',
    );
    expect(refused).toMatchObject({ complete: true, refused: { reasonCode: 'AM04', duplicate: false } });
  });

  // formats.md: GrpSts ACSC = settled. A bank may report the file settled as a whole, without a status per payment.
  it('reads a file settled as a whole (GrpSts ACSC, or its block PmtInfSts ACSC, no status per payment) as every payment settled', () => {
    expect(outcomesFromPain002(report([], 'ACSC'), '2026-11-07')).toEqual({ outcomes: [], complete: true, settledOn: '2026-11-07' });
    const block = { ...report([], 'ACCP'), paymentInfoStatuses: [{ originalPmtInfId: 'B1', status: 'ACSC' as const, reasons: [] }] };
    expect(outcomesFromPain002(block, '2026-11-07')).toMatchObject({ complete: true, settledOn: '2026-11-07' });
    // A report that lists its payments decides each one it lists: one it leaves out is not taken for settled.
    expect(outcomesFromPain002(report([['P1', 'ACSC']], 'ACSC'), '2026-11-07')).toEqual({
      outcomes: [{ paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-07' }],
      complete: true,
    });
  });

  it.each(['AM05', 'DUPL'])('leaves a refusal for duplication (%s) after acknowledgement open, for a person: the bank holds the file', (code) => {
    const duplicate = outcomesFromPain002({ ...report([], 'RJCT'), groupReasons: [{ code }] }, '2026-11-06');
    expect(duplicate).toMatchObject({ outcomes: [], complete: false, refused: { reasonCode: code, duplicate: true } });
  });

  it('reads returns from booked camt credit entries, batch-booked or not; debits and pending credits are not returns', () => {
    const doc: CamtDocument = {
      kind: 'camt.054',
      msgId: 'N1',
      createdAt: '2026-11-08T09:00:00+07:00',
      reports: [
        {
          id: 'S1',
          createdAt: '2026-11-08T09:00:00+07:00',
          account: '1234567890',
          balances: [],
          entries: [
            { amount: '750000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: 'A1', details: [{ endToEndId: 'P1' }] },
            {
              amount: '1500000',
              creditDebit: 'CRDT',
              status: 'BOOK',
              bookingDate: '2026-11-08',
              valueDate: '2026-11-08',
              accountServicerRef: 'A2',
              details: [{ endToEndId: 'P4', amount: '750000', returnReason: 'AC04' }, { endToEndId: 'P5', amount: '750000', returnReason: 'MD07' }],
            },
            // Batch-booked without the transactions' amounts: how much each got back is the statement's to tell.
            {
              amount: '1000000',
              creditDebit: 'CRDT',
              status: 'BOOK',
              bookingDate: '2026-11-08',
              valueDate: '2026-11-08',
              accountServicerRef: 'A4',
              details: [{ endToEndId: 'P7', returnReason: 'AC04' }, { endToEndId: 'P8', returnReason: 'AC04' }],
            },
            // Pending, not booked: no money back yet (re-sent on it, the payment could be paid twice).
            {
              amount: '500000',
              creditDebit: 'CRDT',
              status: 'PDNG',
              bookingDate: '2026-11-08',
              valueDate: '2026-11-09',
              accountServicerRef: 'A3',
              details: [{ endToEndId: 'P6', amount: '500000', returnReason: 'AC04' }],
            },
          ],
        },
      ],
    };
    expect(returnsFromCamt(doc)).toEqual([
      { paymentId: 'P4', outcome: 'returned', reasonCode: 'AC04', occurredOn: '2026-11-08', amount: '750000' },
      { paymentId: 'P5', outcome: 'returned', reasonCode: 'MD07', occurredOn: '2026-11-08', amount: '750000' },
    ]);
  });
});

describe('post-office outcomes', () => {
  it('reads paid, not collected (with what is carried over) and rejected lines of a settlement report', () => {
    const result = outcomesFromSettlement({
      status: 'FINAL',
      reportedAt: '2026-11-19T10:00:00+07:00',
      lines: [
        { paymentId: 'P1', outcome: 'PAID', paidOn: '2026-11-10' },
        { paymentId: 'P2', outcome: 'NOT_COLLECTED', reason: 'absent', carriedOver: '500000' },
        { paymentId: 'P3', outcome: 'REJECTED', reason: 'AC04' },
      ],
    });
    expect(result).toEqual({
      complete: true,
      outcomes: [
        { paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-10' },
        { paymentId: 'P2', outcome: 'not_collected', reasonCode: 'ABSENT', occurredOn: '2026-11-19', carriedOver: '500000' },
        { paymentId: 'P3', outcome: 'rejected', reasonCode: 'AC04', occurredOn: '2026-11-19' },
      ],
    });
    expect(outcomesFromSettlement({ status: 'IN_PROGRESS', reportedAt: '2026-11-06T10:00:00+07:00', lines: [{ paymentId: 'P1', outcome: 'PENDING' }] })).toEqual({ complete: false, outcomes: [] });
  });

  it('applies not collected only from the FINAL report: an interim one may be followed by a payout at home', () => {
    const line = { paymentId: 'P2', outcome: 'NOT_COLLECTED', reason: 'absent', carriedOver: '500000', balance: 'kept' } as const;
    const interim = outcomesFromSettlement({
      status: 'IN_PROGRESS',
      reportedAt: '2026-11-08T10:00:00+07:00',
      lines: [{ paymentId: 'P1', outcome: 'PAID', paidOn: '2026-11-08' }, line, { paymentId: 'P3', outcome: 'REJECTED', reason: 'AC04' }],
    });
    // Paid and rejected are final whenever they are reported; the person not collected is still open.
    expect(interim).toEqual({
      complete: false,
      outcomes: [
        { paymentId: 'P1', outcome: 'settled', occurredOn: '2026-11-08' },
        { paymentId: 'P3', outcome: 'rejected', reasonCode: 'AC04', occurredOn: '2026-11-08' },
      ],
    });
    const paidAtHome = outcomesFromSettlement({ status: 'FINAL', reportedAt: '2026-11-19T10:00:00+07:00', lines: [{ paymentId: 'P2', outcome: 'PAID', paidOn: '2026-11-10', how: 'at_home' }] });
    expect(paidAtHome.outcomes).toEqual([{ paymentId: 'P2', outcome: 'settled', occurredOn: '2026-11-10', payout: { how: 'at_home' } }]);
    const stillMissing = outcomesFromSettlement({ status: 'FINAL', reportedAt: '2026-11-19T10:00:00+07:00', lines: [line] });
    expect(stillMissing.outcomes).toEqual([{ paymentId: 'P2', outcome: 'not_collected', reasonCode: 'ABSENT', occurredOn: '2026-11-19', carriedOver: '500000', balance: 'kept' }]);
  });

  it('keeps how a payment was paid out: at the point or at home, which point, and the proxy who received it', () => {
    const { outcomes } = outcomesFromSettlement({
      status: 'FINAL',
      reportedAt: '2026-11-19T10:00:00+07:00',
      lines: [
        { paymentId: 'P1', outcome: 'PAID', paidOn: '2026-11-10', how: 'at_point', point: 'DCT-30316-01' },
        { paymentId: 'P2', outcome: 'PAID', paidOn: '2026-11-11', how: 'at_home', point: 'DCT-30316-01', proxyReceiver: 'NGUOI NHAN THAY (GIAY UY QUYEN)' },
      ],
    });
    expect(outcomes.map((o) => o.payout)).toEqual([
      { how: 'at_point', point: 'DCT-30316-01' },
      { how: 'at_home', point: 'DCT-30316-01', receivedBy: 'NGUOI NHAN THAY (GIAY UY QUYEN)' },
    ]);
  });

  it('keeps what became of the money not paid out: returned, or kept by the post office for next month', () => {
    const { outcomes } = outcomesFromSettlement({
      status: 'FINAL',
      reportedAt: '2026-11-19T10:00:00+07:00',
      lines: [
        { paymentId: 'P2', outcome: 'NOT_COLLECTED', reason: 'absent', carriedOver: '500000', balance: 'kept' },
        { paymentId: 'P3', outcome: 'NOT_COLLECTED', reason: 'deceased', carriedOver: '0', balance: 'returned' },
        { paymentId: 'P4', outcome: 'REJECTED', reason: 'AC04', balance: 'returned' },
      ],
    });
    expect(outcomes.map((o) => [o.paymentId, o.outcome, o.balance])).toEqual([
      ['P2', 'not_collected', 'kept'],
      ['P3', 'not_collected', 'returned'],
      ['P4', 'rejected', 'returned'],
    ]);
  });
});
