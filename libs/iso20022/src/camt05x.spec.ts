import { buildCamt053, buildCamt054, parseCamt05x, type AccountReport } from './camt05x';
import { Iso20022Error } from './errors';

const statement: AccountReport = {
  id: 'STMT-1',
  createdAt: '2026-11-05T23:59:00.000+07:00',
  account: '1234567890',
  currency: 'VND',
  balances: [
    { type: 'OPBD', amount: '10000000', creditDebit: 'CRDT', date: '2026-11-05' },
    { type: 'CLBD', amount: '8500000', creditDebit: 'CRDT', date: '2026-11-05' },
  ],
  entries: [
    {
      amount: '3000000',
      creditDebit: 'DBIT',
      status: 'BOOK',
      bookingDate: '2026-11-05',
      valueDate: '2026-11-05',
      accountServicerRef: 'REF1',
      details: [
        { msgId: 'MSG-1', pmtInfId: 'P1', instrId: 'I1', endToEndId: 'E1', amount: '1500000' },
        { msgId: 'MSG-1', pmtInfId: 'P1', instrId: 'I2', endToEndId: 'E2', amount: '1500000' },
      ],
    },
    {
      amount: '1500000',
      creditDebit: 'CRDT',
      status: 'BOOK',
      bookingDate: '2026-11-05',
      valueDate: '2026-11-05',
      accountServicerRef: 'REF2',
      details: [{ endToEndId: 'E1', amount: '1500000', creditorAccount: '0123456789', returnReason: 'MD07' }],
    },
  ],
};

describe('camt.053 / camt.054', () => {
  it('round-trips a statement with balances, a batch-booked debit and a return', () => {
    const xml = buildCamt053({ msgId: 'C53-1', createdAt: '2026-11-05T23:59:00.000+07:00', reports: [statement] });
    expect(xml).toContain('<Cd>OPBD</Cd>');
    expect(xml).toContain('<SubFmlyCd>RRTN</SubFmlyCd>');
    expect(parseCamt05x(xml)).toEqual({ kind: 'camt.053', msgId: 'C53-1', createdAt: '2026-11-05T23:59:00.000+07:00', reports: [statement] });
  });

  it('writes a notification without balances', () => {
    const xml = buildCamt054({ msgId: 'C54-1', createdAt: '2026-11-05T10:00:00.000+07:00', reports: [statement] });
    const doc = parseCamt05x(xml);
    expect(doc.kind).toBe('camt.054');
    expect(doc.reports[0]?.balances).toEqual([]);
    expect(doc.reports[0]?.entries).toEqual(statement.entries);
  });

  it('reads an older camt.053.001.02 from a bank: Sts as text, DtTm dates, decimals, no TxDtls', () => {
    const xml = `<?xml version="1.0"?>
      <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
        <GrpHdr><MsgId>B1</MsgId><CreDtTm>2026-11-06T01:00:00</CreDtTm></GrpHdr>
        <Stmt><Id>S1</Id><Acct><Id><Othr><Id>999</Id></Othr></Id></Acct>
          <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="VND">500.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Dt><DtTm>2026-11-05T23:00:00</DtTm></Dt></Bal>
          <Ntry><Amt Ccy="VND">700</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><DtTm>2026-11-05T10:00:00</DtTm></BookgDt><ValDt><Dt>2026-11-05</Dt></ValDt></Ntry>
        </Stmt></BkToCstmrStmt></Document>`;
    const [report] = parseCamt05x(xml).reports;
    expect(report?.balances).toEqual([{ type: 'CLBD', amount: '500', creditDebit: 'DBIT', date: '2026-11-05' }]);
    expect(report?.entries).toEqual([
      { entryRef: undefined, amount: '700', creditDebit: 'DBIT', status: 'BOOK', bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: '', details: [] },
    ]);
  });

  // Vietnam is UTC+7: 17:30Z on 30 November is already 1 December there, and the bank's business day is Vietnam's.
  const withDates = (date: string) => `<?xml version="1.0"?>
    <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>
      <GrpHdr><MsgId>B1</MsgId><CreDtTm>2026-12-01T01:00:00+07:00</CreDtTm></GrpHdr>
      <Stmt><Id>S1</Id><Acct><Id><Othr><Id>999</Id></Othr></Id></Acct>
        <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="VND">500</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt>${date}</Dt></Bal>
        <Ntry><Amt Ccy="VND">700</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt>${date}</BookgDt><ValDt>${date}</ValDt></Ntry>
      </Stmt></BkToCstmrStmt></Document>`;

  it.each([
    ['a UTC time of 00:30 the next day in Vietnam', '<DtTm>2026-11-30T17:30:00Z</DtTm>', '2026-12-01'],
    ['a UTC time with fractions', '<DtTm>2026-11-30T17:30:00.000Z</DtTm>', '2026-12-01'],
    ['a UTC time of 23:30 in Vietnam', '<DtTm>2026-11-30T16:30:00Z</DtTm>', '2026-11-30'],
    ['23:30 with +07:00', '<DtTm>2026-11-30T23:30:00+07:00</DtTm>', '2026-11-30'],
    ['00:30 with +07:00', '<DtTm>2026-12-01T00:30:00+07:00</DtTm>', '2026-12-01'],
    ['23:30 with +0700', '<DtTm>2026-11-30T23:30:00+0700</DtTm>', '2026-11-30'],
    ['another offset (12:30 at -05:00 is 00:30 in Vietnam)', '<DtTm>2026-11-30T12:30:00-05:00</DtTm>', '2026-12-01'],
    ['a local time without offset (Vietnamese time)', '<DtTm>2026-11-30T23:30:00</DtTm>', '2026-11-30'],
    ['a date alone where a date-time belongs', '<DtTm>2026-11-30</DtTm>', '2026-11-30'],
    ['a plain date', '<Dt>2026-11-30</Dt>', '2026-11-30'],
  ])('reads a booking, value and balance date given as %s as the Vietnamese day', (_case, date, day) => {
    const [report] = parseCamt05x(withDates(date)).reports;
    expect(report?.balances[0]?.date).toBe(day);
    expect([report?.entries[0]?.bookingDate, report?.entries[0]?.valueDate]).toEqual([day, day]);
  });

  it.each(['<DtTm>2026-11-30T25:00:00Z</DtTm>', '<DtTm>2026-11-30T17:30:00Zjunk</DtTm>', '<DtTm>30/11/2026 17:30</DtTm>', '<Dt>2026-11-30T17:30:00Z</Dt>'])(
    'refuses a date that is not one (%s), never guessing its day',
    (date) => {
      expect(() => parseCamt05x(withDates(date))).toThrow(Iso20022Error);
    },
  );

  it('reads the reversal indicator (RvslInd) of an entry, and writes it', () => {
    const reversal = { ...statement.entries[1], reversal: true as const, details: [{ endToEndId: 'E1', amount: '1500000' }] };
    const xml = buildCamt053({ msgId: 'C53-2', createdAt: '2026-11-05T23:59:00.000+07:00', reports: [{ ...statement, entries: [reversal] }] });
    expect(xml).toContain('<RvslInd>true</RvslInd>');
    expect(parseCamt05x(xml).reports[0]?.entries[0]?.reversal).toBe(true);
    expect(parseCamt05x(xml.replace('<RvslInd>true</RvslInd>', '<RvslInd>false</RvslInd>')).reports[0]?.entries[0]).not.toHaveProperty('reversal');
    expect(() => parseCamt05x(xml.replace('<RvslInd>true</RvslInd>', '<RvslInd>yes</RvslInd>'))).toThrow(Iso20022Error);
  });

  it.each([
    ['an entity declaration', '<!ENTITY a "b"><Document/>', /not allowed/],
    ['a document of another kind', '<Document><CstmrCdtTrfInitn/></Document>', /neither a camt.053 statement nor a camt.054/],
    ['a foreign currency', buildCamt053({ msgId: 'M', createdAt: 'T', reports: [statement] }).replace('Ccy="VND">3000000', 'Ccy="EUR">3000000'), /currency "EUR"/],
  ])('rejects %s with FF01', (_case, xml, message) => {
    expect(() => parseCamt05x(xml)).toThrow(Iso20022Error);
    expect(() => parseCamt05x(xml)).toThrow(message);
  });
});
