import { buildCamt053, buildCamt054, type AccountReport } from '@benefits/iso20022';
import { readStatementFile, contentAsReadBefore, StatementFormatError, type StatementLine } from './statement-file';

const report = (over: Partial<AccountReport> = {}): AccountReport => ({
  id: 'STMT-1',
  createdAt: '2026-11-05T23:59:00+07:00',
  account: '1234567890',
  balances: [
    { type: 'OPBD', amount: '10000000', creditDebit: 'CRDT', date: '2026-11-05' },
    { type: 'CLBD', amount: '7500000', creditDebit: 'CRDT', date: '2026-11-05' },
  ],
  entries: [
    {
      amount: '3000000',
      creditDebit: 'DBIT',
      status: 'BOOK',
      bookingDate: '2026-11-05',
      valueDate: '2026-11-05',
      accountServicerRef: 'B1',
      details: [
        { endToEndId: 'PA', amount: '1000000' },
        { endToEndId: 'PB', amount: '2000000' },
      ],
    },
    { amount: '500000', creditDebit: 'DBIT', status: 'BOOK', bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: 'B2', details: [{ creditorAccount: '0123456789' }] },
    { amount: '1000000', creditDebit: 'CRDT', status: 'BOOK', bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: 'B3', details: [{ endToEndId: 'PA', amount: '1000000', returnReason: 'MD07' }] },
    { amount: '9000000', creditDebit: 'DBIT', status: 'PDNG', bookingDate: '2026-11-05', valueDate: '2026-11-06', accountServicerRef: 'B4', details: [] },
  ],
  ...over,
});
const camt053 = (r: AccountReport = report()) => Buffer.from(buildCamt053({ msgId: 'C53-1', createdAt: '2026-11-05T23:59:00+07:00', reports: [r] }));

describe('readStatementFile', () => {
  it('reads a camt.053 into one line per booked transaction, batch-booked entries split, pending ones left out', () => {
    const file = readStatementFile(camt053());
    expect(file.kind).toBe('camt.053');
    expect(file.messageId).toBe('C53-1');
    expect(file.problems).toEqual([]);
    // The balances, signed, for the next and the previous day's statement of the account to chain to.
    expect(file.coverage).toEqual([{ source: 'bank', account: '1234567890', date: '2026-11-05', final: true, opening: '10000000', closing: '7500000' }]);
    expect(file.lines.map((l) => [l.bookingRef, l.txIndex, l.kind, l.amount, l.endToEndId, l.reason, l.creditorAccount])).toEqual([
      ['B1', 0, 'debit', '1000000', 'PA', null, null],
      ['B1', 1, 'debit', '2000000', 'PB', null, null],
      ['B2', 0, 'debit', '500000', null, null, '0123456789'],
      ['B3', 0, 'credit', '1000000', 'PA', 'MD07', null],
    ]);
  });

  it('reads a reversal (RvslInd) as the undoing of an entry, never as a fresh debit or credit', () => {
    // B5 gives back the debit B2 (a CRDT reversal), B6 takes back the return B3 (a DBIT reversal).
    const entries = [
      ...report().entries,
      { amount: '500000', creditDebit: 'CRDT' as const, reversal: true as const, status: 'BOOK' as const, bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: 'B5', details: [{ endToEndId: 'PC' }] },
      { amount: '1000000', creditDebit: 'DBIT' as const, reversal: true as const, status: 'BOOK' as const, bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: 'B6', details: [{ endToEndId: 'PA', returnReason: 'MD07' }] },
    ];
    const file = readStatementFile(camt053(report({ entries, balances: [report().balances[0], { type: 'CLBD', amount: '7000000', creditDebit: 'CRDT', date: '2026-11-05' }] })));
    expect(file.problems).toEqual([]);
    expect(file.lines.filter((l) => l.bookingRef > 'B4').map((l) => [l.bookingRef, l.kind, l.amount, l.endToEndId])).toEqual([
      ['B5', 'debit_reversal', '500000', 'PC'],
      ['B6', 'credit_reversal', '1000000', 'PA'],
    ]);
  });

  it('reports a statement whose balances do not add up (a line dropped or altered)', () => {
    const file = readStatementFile(camt053(report({ balances: [report().balances[0], { type: 'CLBD', amount: '7000000', creditDebit: 'CRDT', date: '2026-11-05' }] })));
    expect(file.problems).toEqual(['statement STMT-1 of account ******7890 on 2026-11-05: opening 10000000 + entries -2500000 = 7500000, but the closing balance is 7000000']);
  });

  it('reports a batch-booked entry whose transactions do not add up to it', () => {
    const entries = report().entries.slice();
    entries[0] = { ...entries[0], amount: '3100000' };
    const file = readStatementFile(camt053(report({ entries, balances: [report().balances[0], { type: 'CLBD', amount: '7400000', creditDebit: 'CRDT', date: '2026-11-05' }] })));
    expect(file.problems).toEqual(['entry B1: its transactions add up to 3000000, the entry says 3100000']);
  });

  it('reports an entry of one payment whose transaction gives another amount than the entry booked, and takes the booked one', () => {
    // The account moved by the entry's 1,499,990 đồng (the balances add up with it); the transaction says the payment's
    // 1,500,000. Read from the transaction, the payment would be matched while 10 đồng went elsewhere.
    const entries = report().entries.slice();
    entries[1] = { ...entries[1], amount: '499990', details: [{ endToEndId: 'PC', amount: '500000' }] };
    const file = readStatementFile(camt053(report({ entries, balances: [report().balances[0], { type: 'CLBD', amount: '7500010', creditDebit: 'CRDT', date: '2026-11-05' }] })));
    expect(file.problems).toEqual(['entry B2: its transactions add up to 500000, the entry says 499990']);
    expect(file.lines.find((l) => l.bookingRef === 'B2')).toMatchObject({ amount: '499990', endToEndId: 'PC' });
  });

  it('reads a batch-booked entry without the amount of each transaction as lines of amounts not known yet, with the entry\'s amount', () => {
    const entries = report().entries.slice();
    entries[0] = { ...entries[0], details: [{ endToEndId: 'PA' }, { endToEndId: 'PB' }] };
    const file = readStatementFile(camt053(report({ entries })));
    expect(file.problems).toEqual([]);
    expect(file.lines.map((l) => [l.bookingRef, l.txIndex, l.amount, l.entryAmount, l.endToEndId])).toEqual([
      ['B1', 0, null, '3000000', 'PA'],
      ['B1', 1, null, '3000000', 'PB'],
      ['B2', 0, '500000', null, null],
      ['B3', 0, '1000000', null, 'PA'],
    ]);
  });

  it("reads the content as the import hashed it before partnerContent (entryAmount left out where null): a statement imported then is found again, not refused", () => {
    // The import hashes this to know a re-rendered statement (another creation time) it has already; lines read
    // before entryAmount existed had no such key.
    const file = readStatementFile(camt053(report()));
    const withoutEntryAmount = (line: StatementLine) => Object.fromEntries(Object.entries(line).filter(([key]) => key !== 'entryAmount'));
    // Nor had coverage its balances.
    const coverage = file.coverage.map(({ source, account, date, final }) => ({ source, account, date, final }));
    const before = JSON.stringify([file.kind, file.messageId, file.lines.map(withoutEntryAmount), coverage, file.problems]);
    expect(contentAsReadBefore(file)).toBe(before);
    const entries = report().entries.slice();
    entries[0] = { ...entries[0], details: [{ endToEndId: 'PA' }, { endToEndId: 'PB' }] };
    expect(contentAsReadBefore(readStatementFile(camt053(report({ entries }))))).toContain('"entryAmount":"3000000"');
  });

  describe('content: what the partner sent, by which the import knows a statement it has already under other bytes', () => {
    const dtTm = (xml: string) => xml.replace(/<BookgDt>\s*<Dt>2026-11-05<\/Dt>/g, '<BookgDt><DtTm>2026-11-05T17:30:00Z</DtTm>');

    it('is the same for a statement the bank renders again with other creation times, another layout and namespace prefix', () => {
      const first = readStatementFile(camt053());
      const again = buildCamt053({ msgId: 'C53-1', createdAt: '2026-11-07T08:00:00+07:00', reports: [report({ createdAt: '2026-11-07T08:00:00+07:00' })] })
        .replace(/>\s+</g, '><')
        .replace(/<(\/?)([A-Za-z])/g, '<$1b:$2')
        .replace('xmlns=', 'xmlns:b=');
      expect(readStatementFile(Buffer.from(again)).content).toBe(first.content);
    });

    it('holds none of what the import derives (problem texts, days read from date-times, lines left out), only what the bank wrote', () => {
      // A later wording of a problem, or another reading of a date-time, must not make the same statement a new one.
      const unbalanced = report({ balances: [report().balances[0], { type: 'CLBD', amount: '7000000', creditDebit: 'CRDT', date: '2026-11-05' }] });
      const file = readStatementFile(Buffer.from(dtTm(camt053(unbalanced).toString())));
      expect(file.problems).not.toEqual([]);
      expect(file.content).not.toContain('closing balance');
      expect(file.content).not.toContain('******');
      expect(file.content).toContain('2026-11-05T17:30:00Z');
      // The pending entry is what the bank sent too, though it is no line.
      expect(file.content).toContain('PDNG');
    });

    it('differs for a statement of the same id that says something else: an amount, an entry, a balance', () => {
      const first = readStatementFile(camt053()).content;
      const entries = report().entries.slice();
      entries[1] = { ...entries[1], amount: '500001' };
      expect(readStatementFile(camt053(report({ entries }))).content).not.toBe(first);
      expect(readStatementFile(camt053(report({ entries: report().entries.slice(1) }))).content).not.toBe(first);
      expect(readStatementFile(camt053(report({ balances: [report().balances[0], { type: 'CLBD', amount: '7500001', creditDebit: 'CRDT', date: '2026-11-05' }] }))).content).not.toBe(first);
      expect(readStatementFile(Buffer.from(dtTm(camt053().toString()))).content).not.toBe(first);
    });

    it("is the same for a post-office report sent again with its fields in another order, and not for another line", () => {
      const body = {
        batchId: 'PO-3',
        month: '2026-11',
        kind: 'account',
        status: 'FINAL',
        reportedAt: '2026-11-19T09:00:00+07:00',
        lines: [{ paymentId: 'PA', total: '1000000', outcome: 'PAID', paidOn: '2026-11-11' }],
        totals: {
          listed: { count: 1, amount: '1000000' },
          paid: { count: 1, amount: '1000000' },
          notCollected: { count: 0, amount: '0' },
          rejected: { count: 0, amount: '0' },
          pending: { count: 0, amount: '0' },
        },
      };
      const { lines, ...rest } = body;
      const first = readStatementFile(Buffer.from(JSON.stringify(body))).content;
      expect(readStatementFile(Buffer.from(JSON.stringify({ lines: [{ outcome: 'PAID', paidOn: '2026-11-11', total: '1000000', paymentId: 'PA' }], ...rest }, null, 2))).content).toBe(first);
      expect(readStatementFile(Buffer.from(JSON.stringify({ ...body, lines: [{ ...lines[0], paidOn: '2026-11-12' }] }))).content).not.toBe(first);
    });
  });

  // Vietnam is UTC+7: a bank's date-time of 17:30Z on 5 November is 6 November there, the day the bank booked.
  it('reads a booking and balance date-time with its offset as the Vietnamese day: the lines and the day covered', () => {
    const xml = camt053()
      .toString()
      .replace(/<BookgDt>\s*<Dt>2026-11-05<\/Dt>/g, '<BookgDt><DtTm>2026-11-05T17:30:00Z</DtTm>')
      .replace(/<Dt>\s*<Dt>2026-11-05<\/Dt>/g, '<Dt><DtTm>2026-11-05T17:30:00Z</DtTm>');
    const file = readStatementFile(Buffer.from(xml));
    expect(file.coverage.map((c) => c.date)).toEqual(['2026-11-06']);
    expect(file.lines.map((l) => l.bookingDate)).toEqual(['2026-11-06', '2026-11-06', '2026-11-06', '2026-11-06']);
  });

  it.each([
    ['a UTC time of 00:30 the next day in Vietnam', '2026-11-30T17:30:00Z', '2026-12-01'],
    ['a UTC time of 23:30 in Vietnam', '2026-11-30T16:30:00Z', '2026-11-30'],
    ['23:30 with +07:00', '2026-11-30T23:30:00+07:00', '2026-11-30'],
    ['23:30 with +0700', '2026-11-30T23:30:00+0700', '2026-11-30'],
    ['a local time without offset (Vietnamese time)', '2026-11-30T23:30:00', '2026-11-30'],
  ])('takes the day of a statement with no closing balance nor entry from its creation time, %s, as the Vietnamese day', (_case, createdAt, day) => {
    const file = readStatementFile(camt053(report({ createdAt, balances: [], entries: [] })));
    expect(file.coverage.map((c) => c.date)).toEqual([day]);
    expect(file.problems).toEqual([`statement STMT-1 of account ******7890 on ${day}: opening or closing balance missing`]);
  });

  it.each(['', 'yesterday', 'yesterdayZ'])('leaves the day of such a statement unknown when its creation time is none (%p)', (createdAt) => {
    const file = readStatementFile(camt053(report({ createdAt, balances: [], entries: [] })));
    expect(file.coverage).toEqual([]);
    expect(file.problems).toEqual(['statement STMT-1 of account ******7890 on an unknown day: opening or closing balance missing']);
  });

  it('reads a camt.054 notification (no balances, covers no day)', () => {
    const xml = buildCamt054({ msgId: 'C54-1', createdAt: '2026-11-05T10:00:00+07:00', reports: [report({ balances: [] })] });
    const file = readStatementFile(Buffer.from(xml));
    expect(file.kind).toBe('camt.054');
    expect(file.coverage).toEqual([]);
    expect(file.lines).toHaveLength(4);
  });

  it('reads the post office settlement report, checks its totals, and leaves pending lines, and interim not collected ones, for a later report', () => {
    const body = {
      batchId: 'PO-1',
      month: '2026-11',
      kind: 'cash_point',
      status: 'IN_PROGRESS',
      reportedAt: '2026-11-12T09:00:00+07:00',
      lines: [
        { paymentId: 'PA', total: '1000000', outcome: 'PAID', paidOn: '2026-11-11' },
        { paymentId: 'PB', total: '2000000', outcome: 'NOT_COLLECTED', reason: 'absent', carriedOver: '2000000' },
        { paymentId: 'PC', total: '500000', outcome: 'PENDING' },
      ],
      totals: {
        listed: { count: 3, amount: '3500000' },
        paid: { count: 1, amount: '1000000' },
        notCollected: { count: 1, amount: '2000000' },
        rejected: { count: 0, amount: '0' },
        pending: { count: 1, amount: '400000' },
      },
    };
    const file = readStatementFile(Buffer.from(JSON.stringify(body)));
    expect(file.kind).toBe('post_office_settlement');
    expect(file.coverage).toEqual([{ source: 'post_office', account: 'PO-1', date: '2026-11-12', final: false }]);
    // PB missed a first session: an interim report's not collected is no outcome (the final report may say paid at home).
    expect(file.lines.map((l) => [l.account, l.bookingRef, l.kind, l.amount, l.reason, l.bookingDate])).toEqual([['PO-1', 'PA', 'paid', '1000000', null, '2026-11-11']]);
    expect(file.problems).toEqual(['report PO-1: totals.pending says 1 for 400000, its lines 1 for 500000']);
    const final = readStatementFile(Buffer.from(JSON.stringify({ ...body, status: 'FINAL' })));
    expect(final.lines.map((l) => [l.bookingRef, l.kind, l.reason])).toEqual([
      ['PA', 'paid', null],
      ['PB', 'not_collected', 'absent'],
    ]);
  });

  it('keeps a payment the post office reports twice as two lines, the second to be explained as a duplicate', () => {
    const line = { paymentId: 'PA', total: '1000000', outcome: 'PAID', paidOn: '2026-11-11' };
    const body = {
      batchId: 'PO-2',
      month: '2026-11',
      kind: 'account',
      status: 'FINAL',
      reportedAt: '2026-11-19T09:00:00+07:00',
      lines: [line, line],
      totals: {
        listed: { count: 2, amount: '2000000' },
        paid: { count: 2, amount: '2000000' },
        notCollected: { count: 0, amount: '0' },
        rejected: { count: 0, amount: '0' },
        pending: { count: 0, amount: '0' },
      },
    };
    expect(readStatementFile(Buffer.from(JSON.stringify(body))).lines.map((l) => [l.bookingRef, l.txIndex, l.kind])).toEqual([
      ['PA', 0, 'paid'],
      ['PA', 1, 'paid'],
    ]);
  });

  it.each([
    ['an XXE attempt', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document>&e;</Document>', /DOCTYPE and ENTITY/],
    ['broken XML', '<Document><BkToCstmrStmt>', /malformed XML/],
    ['XML that is no statement', '<Document><CstmrCdtTrfInitn/></Document>', /neither a camt.053/],
    ['a statement entry in another currency', camt053().toString().replace('Ccy="VND">3000000<', 'Ccy="USD">3000000<'), /currency "USD" is not VND/],
    ['JSON that is no settlement report', '{"batchId":"PO-1"}', /settlement report: status: Invalid option/],
    ['a report amount with decimals', JSON.stringify({ batchId: 'B', month: '2026-11', kind: 'account', status: 'FINAL', reportedAt: '2026-11-12', lines: [{ paymentId: 'P', total: '1.5', outcome: 'PAID' }], totals: {} }), /lines.0.total: whole đồng/],
    ['neither', 'hello', /not a camt.053\/camt.054/],
  ])('refuses %s with the reason', (_name, content, reason) => {
    const read = () => readStatementFile(Buffer.from(content));
    expect(read).toThrow(StatementFormatError);
    expect(read).toThrow(reason);
  });
});
