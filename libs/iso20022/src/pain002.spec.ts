import { Iso20022Error } from './errors';
import { buildPain002, parsePain002, readPain002OriginalMsgId, type Pain002Report } from './pain002';

const report: Pain002Report = {
  msgId: 'PSR-1',
  createdAt: '2026-11-05T09:00:00.000+07:00',
  originalMsgId: 'MSG-1',
  originalMsgNameId: 'pain.001.001.09',
  originalNbOfTxs: 3,
  originalCtrlSum: '4500000',
  groupStatus: 'PART',
  groupReasons: [],
  transactions: [
    { originalPmtInfId: 'P1', originalInstrId: 'I1', originalEndToEndId: 'E1', status: 'ACSC', reasons: [], amount: '1500000' },
    { originalPmtInfId: 'P1', originalInstrId: 'I2', originalEndToEndId: 'E2', status: 'RJCT', reasons: [{ code: 'AC04' }], amount: '1500000' },
    { originalPmtInfId: 'P2', originalInstrId: 'I3', originalEndToEndId: 'E3', status: 'PDNG', reasons: [], amount: '1500000' },
  ],
};

describe('buildPain002 / parsePain002', () => {
  it('round-trips a status report, one OrgnlPmtInfAndSts per PmtInf', () => {
    const xml = buildPain002(report);
    expect(xml.match(/<OrgnlPmtInfAndSts>/g)).toHaveLength(2);
    expect(parsePain002(xml)).toEqual(report);
  });

  it('round-trips a whole-file rejection with its reason', () => {
    const rejected: Pain002Report = {
      ...report,
      groupStatus: 'RJCT',
      groupReasons: [{ code: 'FF01', additionalInfo: 'GrpHdr/CtrlSum declares 1 & more' }],
      transactions: [],
    };
    const xml = buildPain002(rejected);
    expect(xml).toContain('1 &amp; more');
    expect(parsePain002(xml)).toEqual(rejected);
  });

  it('round-trips a payment block refused as a whole (PmtInfSts RJCT) without a status per transaction', () => {
    const refusedBlock: Pain002Report = {
      ...report,
      groupStatus: 'PART',
      transactions: report.transactions.filter((t) => t.originalPmtInfId === 'P2'),
      paymentInfoStatuses: [{ originalPmtInfId: 'P1', status: 'RJCT', reasons: [{ code: 'AM04', additionalInfo: 'insufficient funds' }] }],
    };
    const xml = buildPain002(refusedBlock);
    expect(xml).toContain('<PmtInfSts>RJCT</PmtInfSts>');
    expect(parsePain002(xml)).toEqual(refusedBlock);
  });

  it('rejects an unknown status code', () => {
    const xml = buildPain002(report).replace('<GrpSts>PART</GrpSts>', '<GrpSts>WHAT</GrpSts>');
    expect(() => parsePain002(xml)).toThrow(Iso20022Error);
    expect(() => parsePain002(xml)).toThrow(/GrpSts: unknown status "WHAT"/);
  });

  it('rejects PART on a single transaction', () => {
    const xml = buildPain002(report).replace('<TxSts>PDNG</TxSts>', '<TxSts>PART</TxSts>');
    expect(() => parsePain002(xml)).toThrow(/PART is not a transaction status/);
  });

  it('rejects a DOCTYPE', () => {
    expect(() => parsePain002(`<!DOCTYPE x SYSTEM "http://evil/">${buildPain002(report)}`)).toThrow(/not allowed/);
  });

  it('reads proprietary reasons and joins a split AddtlInf', () => {
    const xml = buildPain002({ ...report, transactions: [] }).replace(
      '<GrpSts>PART</GrpSts>',
      '<GrpSts>RJCT</GrpSts><StsRsnInf><Rsn><Prtry>X42</Prtry></Rsn><AddtlInf>part one</AddtlInf><AddtlInf>part two</AddtlInf></StsRsnInf>',
    );
    expect(parsePain002(xml).groupReasons).toEqual([{ code: 'X42', additionalInfo: 'part one part two' }]);
  });

  it('reads a reason given as text alone (no Rsn, as ISO 20022 allows) under the code NARR', () => {
    const xml = buildPain002({ ...report, transactions: [] }).replace(
      '<GrpSts>PART</GrpSts>',
      '<GrpSts>RJCT</GrpSts><StsRsnInf><AddtlInf>CtrlSum khong khop</AddtlInf></StsRsnInf>',
    );
    expect(parsePain002(xml).groupReasons).toEqual([{ code: 'NARR', additionalInfo: 'CtrlSum khong khop' }]);
  });

  describe('readPain002OriginalMsgId (the partner callback)', () => {
    it('reads the MsgId of the answered file without the transactions', () => {
      expect(readPain002OriginalMsgId(buildPain002(report))).toBe(report.originalMsgId);
    });

    it('still refuses a DOCTYPE, a malformed report, and one without OrgnlMsgId', () => {
      const xml = buildPain002(report);
      expect(() => readPain002OriginalMsgId(`<!DOCTYPE x SYSTEM "http://evil/">${xml}`)).toThrow(/not allowed/);
      expect(() => readPain002OriginalMsgId(xml.replace('</TxInfAndSts>', ''))).toThrow(/malformed XML/);
      expect(() => readPain002OriginalMsgId(xml.replace(/<OrgnlMsgId>[^<]*<\/OrgnlMsgId>/, ''))).toThrow(/OrgnlGrpInfAndSts\/OrgnlMsgId: missing value/);
    });
  });
});
