import { Iso20022Error } from './errors';
import { buildPain001, parsePain001, verifyControlTotals, type CreditTransfer, type Pain001Batch } from './pain001';

// Local factories: this folder imports nothing from the rest of the repository, so it can move to libs/ as it is.
const DEBTOR_ACCOUNT = '1234567890';
const transfer = (endToEndId: string, overrides: Partial<CreditTransfer> = {}): CreditTransfer => ({
  instrId: `I-${endToEndId}`.slice(0, 35),
  endToEndId,
  amount: '1500000',
  creditorAgentBin: '970436',
  creditorName: 'Nguyễn Văn Đức',
  creditorAccount: '0011002233445',
  remittanceInfo: 'Trợ cấp xã hội T11/2026',
  ...overrides,
});
const paymentFile = (msgId: string, transactions: CreditTransfer[]): Pain001Batch => ({
  msgId,
  createdAt: '2026-11-05T08:00:00+07:00',
  initiatingParty: 'Sở Lao động - Thương binh và Xã hội',
  paymentInstructions: [
    {
      pmtInfId: `${msgId}-P1`,
      requestedExecutionDate: '2026-11-05',
      debtorName: 'Sở LĐTBXH chi trả trợ cấp',
      debtorAccount: DEBTOR_ACCOUNT,
      debtorAgentBin: '970418',
      transactions,
    },
  ],
});

function expectFF01(run: () => unknown, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(Iso20022Error);
  expect((caught as Iso20022Error).code).toBe('FF01');
  expect((caught as Iso20022Error).message).toMatch(message);
}

describe('buildPain001 / parsePain001', () => {
  const batch = paymentFile('MSG-2026-11-0001', [
    transfer('PAY-0001', { amount: '1500000' }),
    transfer('PAY-0002', { amount: '2250000', creditorName: 'Trần Thị Bình', creditorAccount: '190233445566' }),
  ]);

  it('round-trips a file, with names folded to upper-case ASCII', () => {
    const doc = parsePain001(buildPain001(batch));
    expect(doc.msgId).toBe('MSG-2026-11-0001');
    expect(doc.declared).toEqual({ nbOfTxs: 2, ctrlSum: '3750000' });
    const [info] = doc.paymentInstructions;
    expect(info).toMatchObject({ pmtInfId: 'MSG-2026-11-0001-P1', requestedExecutionDate: '2026-11-05', debtorAccount: DEBTOR_ACCOUNT });
    expect(info?.declared).toEqual({ nbOfTxs: 2, ctrlSum: '3750000' });
    expect(info?.transactions).toEqual([
      {
        instrId: 'I-PAY-0001',
        endToEndId: 'PAY-0001',
        amount: '1500000',
        creditorAgentBin: '970436',
        creditorName: 'NGUYEN VAN DUC',
        creditorAccount: '0011002233445',
        remittanceInfo: 'Tro cap xa hoi T11/2026',
      },
      expect.objectContaining({ endToEndId: 'PAY-0002', amount: '2250000', creditorName: 'TRAN THI BINH' }),
    ]);
    expect(verifyControlTotals(doc)).toEqual([]);
  });

  it('writes VND amounts without decimals and the control sum as a bigint sum', () => {
    const big = paymentFile('MSG-BIG', [transfer('A', { amount: '9007199254740993' }), transfer('B', { amount: '1' })]);
    const xml = buildPain001(big);
    expect(xml).toContain('<InstdAmt Ccy="VND">9007199254740993</InstdAmt>');
    // 2^53 + 2: a JS number would print 9007199254740996.
    expect(xml).toContain('<CtrlSum>9007199254740994</CtrlSum>');
    expect(xml).toContain('<NbOfTxs>2</NbOfTxs>');
  });

  it.each([
    ['an EndToEndId over 35 characters', transfer('X'.repeat(36)), /EndToEndId: must be 1 to 35/],
    ['an amount with decimals', transfer('A', { amount: '1500000.5' }), /not a whole number of đồng/],
    ['a negative amount', transfer('A', { amount: '-5' }), /not a whole number of đồng/],
  ])('refuses to build a file with %s', (_case, tx, message) => {
    expectFF01(() => buildPain001(paymentFile('M', [tx])), message);
  });

  it('refuses to build a file without payments', () => {
    expectFF01(() => buildPain001(paymentFile('M', [])), /at least one CdtTrfTxInf/);
  });
});

describe('parsePain001 safety and shape', () => {
  const good = buildPain001(paymentFile('MSG-1', [transfer('PAY-1')]));

  it('rejects an XXE payload before any entity is resolved', () => {
    const xxe = good.replace('<Document', '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document').replace('NGUYEN VAN DUC', '&xxe;');
    expectFF01(() => parsePain001(xxe), /DOCTYPE and ENTITY declarations are not allowed/);
  });

  it('rejects a billion-laughs entity declaration', () => {
    expectFF01(() => parsePain001(`<!ENTITY lol "lol"><Document/>`), /not allowed/);
  });

  it.each([
    ['malformed XML', good.replace('</GrpHdr>', ''), /malformed XML/],
    ['another message', '<Document><CstmrPmtStsRpt/></Document>', /CstmrCdtTrfInitn: missing element/],
    ['a missing MsgId', good.replace(/<MsgId>.*<\/MsgId>/, ''), /GrpHdr\/MsgId: missing/],
    ['a currency other than VND', good.replace('Ccy="VND">1500000', 'Ccy="USD">1500000'), /currency "USD" is not VND/],
    ['a fractional amount', good.replace('>1500000</InstdAmt>', '>1500000.50</InstdAmt>'), /InstdAmt: "1500000.50" is not a whole number/],
    ['a zero amount', good.replace('>1500000</InstdAmt>', '>0</InstdAmt>'), /amount must be positive/],
    ['a payment method other than TRF', good.replace('<PmtMtd>TRF', '<PmtMtd>CHK'), /PmtMtd: payment method "CHK"/],
    ['an empty body', '   ', /empty document/],
  ])('rejects %s with FF01', (_case, xml, message) => {
    expectFF01(() => parsePain001(xml), message);
  });

  it('accepts zero decimals and decodes XML entities in names', () => {
    const xml = good.replace('>1500000</InstdAmt>', '>1500000.00</InstdAmt>').replace('NGUYEN VAN DUC', 'NGUYEN &amp; CON &#68;');
    const tx = parsePain001(xml).paymentInstructions[0]?.transactions[0];
    expect(tx?.amount).toBe('1500000');
    expect(tx?.creditorName).toBe('NGUYEN & CON D');
  });

  it('reads namespace-prefixed documents', () => {
    const prefixed = good.replace(/<(\/?)([A-Z][A-Za-z]*)/g, '<$1p:$2').replace('xmlns=', 'xmlns:p=');
    expect(parsePain001(prefixed).msgId).toBe('MSG-1');
  });
});

describe('verifyControlTotals', () => {
  const xml = buildPain001(paymentFile('MSG-CTRL', [transfer('A', { amount: '100' }), transfer('B', { amount: '200' })]));

  it('finds a group CtrlSum that does not add up', () => {
    const doc = parsePain001(xml.replace('<CtrlSum>300</CtrlSum>', '<CtrlSum>301</CtrlSum>'));
    expect(verifyControlTotals(doc)).toEqual(['GrpHdr/CtrlSum declares 301, the transactions add up to 300']);
  });

  it('finds NbOfTxs that do not count, at both levels', () => {
    const doc = parsePain001(xml.replace(/<NbOfTxs>2<\/NbOfTxs>/g, '<NbOfTxs>3</NbOfTxs>'));
    expect(verifyControlTotals(doc)).toEqual([
      'GrpHdr/NbOfTxs declares 3, the file holds 2',
      'PmtInf[0]/NbOfTxs declares 3, the file holds 2',
    ]);
  });

  it('requires the group CtrlSum but not the PmtInf one', () => {
    const doc = parsePain001(xml.replace(/<CtrlSum>300<\/CtrlSum>/g, ''));
    expect(verifyControlTotals(doc)).toEqual(['GrpHdr/CtrlSum is missing']);
  });
});
