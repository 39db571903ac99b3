import request from 'supertest';
import { buildPain001 } from '@benefits/iso20022';
import { paymentFile, transfer } from '../testing/fixtures';
import { BankClient, outcomes } from '../testing/bank-client';
import { clockFrom, eventually } from '../testing/wait';
import { createBankSandbox, type BankSandbox } from './bank-sandbox';

/** The bank sandbox over real HTTP: acknowledgement, outcomes by pattern, file rejections, duplicates. */
describe('bank sandbox: pain.001 in, pain.002 out', () => {
  let sandbox: BankSandbox;
  let bank: BankClient;

  beforeAll(async () => {
    sandbox = createBankSandbox({
      // Seconds, not milliseconds: on a loaded machine the first report was read after 150 ms had passed, already
      // decided. The first test needs the file still pending at once, then a window with only the late account open.
      outcomeDelayMs: 1_000,
      lateDelayMs: 3_000,
      returnDelayMs: 1_200,
      bodyLimit: '20kb',
      logLevel: 'silent',
      clock: clockFrom('2026-11-05T02:00:00Z'),
    });
    bank = new BankClient((await sandbox.listen()).url);
  });

  afterAll(() => sandbox.close());
  beforeEach(() => request(bank.url).post('/admin/reset').expect(200));

  it('acknowledges at once, then decides every payment by the sandbox patterns', async () => {
    const file = paymentFile('MSG-PATTERNS', [
      transfer('OK', { creditorAccount: '0011002233445' }),
      transfer('AC01', { creditorAccount: '0011000001' }),
      transfer('MS03', { creditorAccount: '0011000003' }),
      transfer('AC04', { creditorAccount: '0011000004' }),
      transfer('LATE', { creditorAccount: '0011000005' }),
      transfer('AC06', { creditorAccount: '0011000006' }),
      transfer('MD07', { creditorAccount: '0011000007' }),
      transfer('RET-MD07', { creditorAccount: '0011000098' }),
      transfer('RET-AC04', { creditorAccount: '0011000099' }),
      transfer('BE01', { creditorName: 'Lê Văn MISMATCH' }),
      transfer('RC01', { creditorAgentBin: '970999' }),
      transfer('BAD-ACCT', { creditorAccount: 'ABC-123' }),
    ]);
    const ack = await bank.send(file);
    expect(ack.status).toBe(202);
    expect(ack.report).toMatchObject({ originalMsgId: 'MSG-PATTERNS', groupStatus: 'ACCP', originalNbOfTxs: 12, originalCtrlSum: '18000000' });
    expect(ack.report.transactions).toEqual([]);

    const pending = await bank.status('MSG-PATTERNS');
    expect(pending.groupStatus).toBe('ACCP');
    expect(new Set(pending.transactions.map((t) => t.status))).toEqual(new Set(['PDNG']));

    // After the outcome delay only the late account is still pending.
    const first = await eventually(async () => {
      const report = await bank.status('MSG-PATTERNS');
      return report.transactions.filter((t) => t.status === 'PDNG').length === 1 ? report : undefined;
    });
    expect(outcomes(first)).toMatchObject({ LATE: 'PDNG', OK: 'ACSC' });
    expect(first.groupStatus).toBe('ACCP');

    const final = await bank.final('MSG-PATTERNS');
    expect(final.groupStatus).toBe('PART');
    expect(outcomes(final)).toEqual({
      OK: 'ACSC',
      AC01: 'RJCT/AC01',
      MS03: 'RJCT/MS03',
      AC04: 'RJCT/AC04',
      LATE: 'ACSC',
      AC06: 'RJCT/AC06',
      MD07: 'RJCT/MD07',
      'RET-MD07': 'ACSC',
      'RET-AC04': 'ACSC',
      BE01: 'RJCT/BE01',
      RC01: 'RJCT/RC01',
      'BAD-ACCT': 'RJCT/AC01',
    });
    expect(final.transactions.every((t) => t.amount === '1500000' && t.originalPmtInfId === 'MSG-PATTERNS-P1')).toBe(true);
  });

  it('reports ACSC for a file that settles entirely', async () => {
    await bank.send(paymentFile('MSG-ALL-OK', [transfer('A1'), transfer('A2')]));
    expect((await bank.final('MSG-ALL-OK')).groupStatus).toBe('ACSC');
  });

  it('rejects a file that is not XML with FF01, without a MsgId', async () => {
    const ack = await bank.send('<Document><CstmrCdtTrfInitn><GrpHdr>');
    expect(ack.status).toBe(400);
    expect(ack.report).toMatchObject({ originalMsgId: 'NOTPROVIDED', groupStatus: 'RJCT', groupReasons: [{ code: 'FF01' }] });
  });

  it('rejects a DOCTYPE (XXE) with FF01 and keeps nothing', async () => {
    const xml = buildPain001(paymentFile('MSG-XXE', [transfer('X1')])).replace(
      '<Document',
      '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]><Document',
    );
    const ack = await bank.send(xml);
    expect(ack.status).toBe(400);
    expect(ack.report.groupReasons[0]).toEqual({ code: 'FF01', additionalInfo: 'DOCTYPE and ENTITY declarations are not allowed' });
    await request(bank.url).get('/pain002/MSG-XXE').expect(404);
  });

  it('rejects a body that is not XML, or too large, with FF01', async () => {
    const wrongType = await request(bank.url).post('/pain001').set('Content-Type', 'application/json').send('{}');
    expect(wrongType.status).toBe(415);
    expect(wrongType.text).toContain('<Cd>FF01</Cd>');
    const many = Array.from({ length: 60 }, (_, i) => transfer(`BIG-${i}`));
    const tooLarge = await bank.send(paymentFile('MSG-LARGE', many));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.report.groupReasons[0]?.code).toBe('FF01');
  });

  it('rejects the whole file when CtrlSum does not match, and spends its MsgId', async () => {
    const xml = buildPain001(paymentFile('MSG-CTRL', [transfer('C1'), transfer('C2')])).replace('<CtrlSum>3000000</CtrlSum>', '<CtrlSum>3000001</CtrlSum>');
    const ack = await bank.send(xml);
    expect(ack.status).toBe(400);
    expect(ack.report.groupStatus).toBe('RJCT');
    expect(ack.report.groupReasons[0]).toEqual({ code: 'FF01', additionalInfo: 'GrpHdr/CtrlSum declares 3000001, the transactions add up to 3000000' });
    expect((await bank.status('MSG-CTRL')).groupStatus).toBe('RJCT');

    const corrected = await bank.send(paymentFile('MSG-CTRL', [transfer('C1'), transfer('C2')]));
    expect(corrected.status).toBe(409);
    expect(corrected.report.groupReasons[0]?.code).toBe('AM05');
  });

  it('rejects a repeated MsgId with other content (AM05) and leaves the original alone', async () => {
    await bank.send(paymentFile('MSG-DUP', [transfer('D1')]));
    const second = await bank.send(paymentFile('MSG-DUP', [transfer('D2')]));
    expect(second.status).toBe(409);
    expect(second.report).toMatchObject({ originalMsgId: 'MSG-DUP', groupStatus: 'RJCT', groupReasons: [{ code: 'AM05' }] });
    expect(outcomes(await bank.final('MSG-DUP'))).toEqual({ D1: 'ACSC' });
  });

  it('answers an identical resend with the original acknowledgement and pays once', async () => {
    const xml = buildPain001(paymentFile('MSG-RESEND', [transfer('R1'), transfer('R2')]));
    const first = await bank.send(xml);
    const again = await bank.send(xml);
    expect(again).toEqual({ ...first, replay: true });
    await bank.final('MSG-RESEND');
    const third = await bank.send(xml);
    expect(third.body).toBe(first.body);

    const statement = await bank.statement('2026-11-05');
    const paid = statement.reports[0]?.entries.flatMap((e) => e.details.map((d) => d.endToEndId));
    expect(paid).toEqual(['R1', 'R2']);
  });

  it("rejects a payment whose EndToEndId the bank already settled (its own duplicate guard)", async () => {
    await bank.send(paymentFile('MSG-E2E-1', [transfer('SAME-E2E')]));
    await bank.final('MSG-E2E-1');
    await bank.send(paymentFile('MSG-E2E-2', [transfer('SAME-E2E'), transfer('NEW-E2E'), transfer('NEW-E2E')]));
    expect(outcomes(await bank.final('MSG-E2E-2'))).toEqual({ 'SAME-E2E': 'RJCT/AM05', 'NEW-E2E': 'RJCT/AM05' });
    const report = await bank.status('MSG-E2E-2');
    // The first NEW-E2E settles, its twin in the same file is the duplicate.
    expect(report.transactions.map((t) => t.status)).toEqual(['RJCT', 'ACSC', 'RJCT']);
  });

  it('answers 404 for an unknown MsgId, and reports health', async () => {
    await request(bank.url).get('/pain002/NOPE').expect(404);
    const health = await request(bank.url).get('/health').expect(200);
    expect(health.body).toEqual({ status: 'ok', files: 0 });
  });
});
