import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { parsePain002, sumVnd, type AccountReport, type Pain002Report } from '@benefits/iso20022';
import { BankClient } from '../testing/bank-client';
import { DEBTOR_ACCOUNT, paymentFile, transfer } from '../testing/fixtures';
import { express } from '../shared/express';
import { clockFrom, eventually } from '../testing/wait';
import { createBankSandbox, type BankSandbox } from './bank-sandbox';
import type { BankConfig } from './config';
import { faultsFromList } from './faults';

const OPENING = '1000000000';
const DAY = '2026-11-05';

/** Statements (camt.053/054) against the payments, with and without faults, and the pain.002 callback. */
describe('bank sandbox: statements and reconciliation', () => {
  const started: BankSandbox[] = [];
  async function start(overrides: Partial<BankConfig> = {}): Promise<BankClient> {
    const sandbox = createBankSandbox({
      outcomeDelayMs: 50,
      // Returns only where a test waits for one, so they cannot race the other expectations.
      returnDelayMs: 60_000,
      openingBalance: OPENING,
      logLevel: 'silent',
      clock: clockFrom('2026-11-05T02:00:00Z'),
      ...overrides,
    });
    started.push(sandbox);
    return new BankClient((await sandbox.listen()).url);
  }
  afterAll(() => Promise.all(started.map((s) => s.close())));

  const file = paymentFile('MSG-STMT', [
    transfer('S1', { amount: '1500000' }),
    transfer('S2', { amount: '2000000', creditorAccount: '0011000004' }),
    transfer('S3', { amount: '2500000', creditorAccount: '0011000099' }),
    transfer('S4', { amount: '3000000' }),
    transfer('S5', { amount: '3500000' }),
  ]);

  /** What reconciliation does: the settled payments of the pain.002 against the statement lines. */
  function debits(report: AccountReport): Record<string, string | undefined> {
    const lines = report.entries.filter((e) => e.creditDebit === 'DBIT').flatMap((e) => e.details);
    return Object.fromEntries(lines.map((d) => [d.endToEndId, d.amount]));
  }
  function settled(status: Pain002Report): Record<string, string | undefined> {
    return Object.fromEntries(status.transactions.filter((t) => t.status === 'ACSC').map((t) => [t.originalEndToEndId, t.amount]));
  }

  it('produces a camt.053 that reconciles with the settled payments, then shows the return', async () => {
    // The return is booked 2 s after the payment settles: long enough on a loaded machine for the statement read
    // right after the final status report to come before it (300 ms was not, once, during a full test run).
    const bank = await start({ returnDelayMs: 2000 });
    await bank.send(file);
    const status = await bank.final('MSG-STMT');

    const [before] = (await bank.statement(DAY, DEBTOR_ACCOUNT)).reports;
    expect(before?.account).toBe(DEBTOR_ACCOUNT);
    expect(debits(before as AccountReport)).toEqual(settled(status));
    expect(before?.entries).toHaveLength(4);
    expect(before?.entries.every((e) => e.details[0]?.msgId === 'MSG-STMT' && e.status === 'BOOK' && e.bookingDate === DAY)).toBe(true);
    const paid = sumVnd(status.transactions.filter((t) => t.status === 'ACSC').map((t) => t.amount ?? '0'));
    expect(before?.balances).toEqual([
      { type: 'OPBD', amount: OPENING, creditDebit: 'CRDT', date: DAY },
      { type: 'CLBD', amount: (BigInt(OPENING) - BigInt(paid)).toString(), creditDebit: 'CRDT', date: DAY },
    ]);

    const after = await eventually(async () => {
      const [report] = (await bank.statement(DAY)).reports;
      return report?.entries.some((e) => e.creditDebit === 'CRDT') ? report : undefined;
    }, 15_000);
    const credit = after.entries.find((e) => e.creditDebit === 'CRDT');
    expect(credit).toMatchObject({ amount: '2500000', details: [expect.objectContaining({ endToEndId: 'S3', returnReason: 'AC04' })] });
    expect(after.balances[1]?.amount).toBe((BigInt(OPENING) - BigInt(paid) + 2500000n).toString());
    // A return does not change the pain.002: the payment did settle.
    expect((await bank.status('MSG-STMT')).transactions.find((t) => t.originalEndToEndId === 'S3')?.status).toBe('ACSC');

    const nextDay = (await bank.statement('2026-11-06')).reports[0];
    expect(nextDay?.balances[0]).toEqual({ ...after.balances[1], type: 'OPBD', date: '2026-11-06' });
    expect(nextDay?.entries).toEqual([]);
  });

  it('notifies intraday entries on camt.054, only those after `since`', async () => {
    const bank = await start();
    await bank.send(paymentFile('MSG-054', [transfer('N1'), transfer('N2')]));
    await bank.final('MSG-054');
    const all = await bank.notifications();
    expect(all.kind).toBe('camt.054');
    expect(all.reports[0]?.entries.map((e) => e.details[0]?.endToEndId)).toEqual(['N1', 'N2']);
    const later = await bank.notifications(all.createdAt);
    expect(later.reports).toEqual([]);
    await request(bank.url).get('/camt054').query({ since: 'yesterday' }).expect(400);
    await request(bank.url).get('/camt053').query({ date: '5/11/2026' }).expect(400);
  });

  it('spoils the statement on purpose: a missing line, an altered amount, a duplicate debit', async () => {
    const bank = await start();
    await bank.send(file);
    const status = await bank.final('MSG-STMT');
    await request(bank.url)
      .post('/admin/faults')
      .send({ dropLine: {}, alterAmount: { endToEndId: 'S4', delta: '1000' }, duplicateDebit: { endToEndId: 'S5' } })
      .expect(200);

    const [report] = (await bank.statement(DAY)).reports;
    const lines = (report as AccountReport).entries.map((e) => `${e.details[0]?.endToEndId}:${e.amount}`);
    expect(settled(status)).toEqual({ S1: '1500000', S3: '2500000', S4: '3000000', S5: '3500000' });
    expect(lines).toEqual(['S3:2500000', 'S4:3001000', 'S5:3500000', 'S5:3500000']);
    // The balances stay true: the fault is in the reporting, which is what reconciliation must catch.
    expect(report?.balances[1]?.amount).toBe((BigInt(OPENING) - 10500000n).toString());

    await request(bank.url).post('/admin/faults').send({ dropLine: { endToEndId: 'X'.repeat(36) } }).expect(400);
    await request(bank.url).post('/admin/faults').send({}).expect(200);
    expect((await bank.statement(DAY)).reports[0]?.entries).toHaveLength(4);
  });

  it('takes faults from configuration (BANK_FAULTS) and keeps them over a reset', async () => {
    const bank = await start({ faults: faultsFromList('duplicate-debit') });
    await request(bank.url).post('/admin/reset').expect(200);
    await bank.send(paymentFile('MSG-F', [transfer('F1')]));
    await bank.final('MSG-F');
    const entries = (await bank.statement(DAY)).reports[0]?.entries ?? [];
    expect(entries.map((e) => e.details[0]?.endToEndId)).toEqual(['F1', 'F1']);
    expect(new Set(entries.map((e) => e.accountServicerRef)).size).toBe(2);
  });

  it('books one entry per PmtInf with many TxDtls when batch booking is on', async () => {
    const bank = await start({ batchBooking: true });
    await bank.send(file);
    await bank.final('MSG-STMT');
    const [entry] = (await bank.statement(DAY)).reports[0]?.entries ?? [];
    expect(entry?.amount).toBe('10500000');
    expect(entry?.details.map((d) => d.endToEndId)).toEqual(['S1', 'S3', 'S4', 'S5']);
  });

  it('POSTs the final pain.002 to the callback URL', async () => {
    const received: string[] = [];
    const receiver = express();
    receiver.use(express.text({ type: 'application/xml' }));
    receiver.post('/hook', (req, res) => {
      received.push(req.body as string);
      res.status(204).send('');
    });
    const server: Server = await new Promise((resolve) => {
      const s = receiver.listen(0, () => resolve(s));
    });
    try {
      const bank = await start({ callbackUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` });
      await bank.send(paymentFile('MSG-HOOK', [transfer('H1'), transfer('H2', { creditorAccount: '0011000006' })]));
      const [body] = await eventually(async () => (received.length > 0 ? received : undefined));
      const report = parsePain002(body as string);
      expect(report).toMatchObject({ originalMsgId: 'MSG-HOOK', groupStatus: 'PART' });
      expect(report.transactions.map((t) => t.status)).toEqual(['ACSC', 'RJCT']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
