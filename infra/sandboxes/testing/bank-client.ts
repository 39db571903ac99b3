import request from 'supertest';
import { buildPain001, parseCamt05x, parsePain002, type CamtDocument, type Pain001Batch, type Pain002Report } from '@benefits/iso20022';
import { eventually } from './wait';

/** A small client over real HTTP for the bank sandbox specs. */
export class BankClient {
  constructor(readonly url: string) {}

  async send(file: Pain001Batch | string): Promise<{ status: number; report: Pain002Report; replay: boolean; body: string }> {
    const xml = typeof file === 'string' ? file : buildPain001(file);
    const res = await request(this.url).post('/pain001').set('Content-Type', 'application/xml').send(xml);
    return { status: res.status, report: parsePain002(res.text), replay: res.headers['idempotent-replay'] === 'true', body: res.text };
  }

  async status(msgId: string): Promise<Pain002Report> {
    const res = await request(this.url).get(`/pain002/${encodeURIComponent(msgId)}`).expect(200);
    return parsePain002(res.text);
  }

  /** Waits until no payment of the file is pending. */
  final(msgId: string): Promise<Pain002Report> {
    return eventually(async () => {
      const report = await this.status(msgId);
      return report.groupStatus === 'ACCP' ? undefined : report;
    });
  }

  async statement(date: string, account?: string): Promise<CamtDocument> {
    const res = await request(this.url).get('/camt053').query(account ? { date, account } : { date }).expect(200);
    return parseCamt05x(res.text);
  }

  async notifications(since?: string): Promise<CamtDocument> {
    const res = await request(this.url).get('/camt054').query(since ? { since } : {}).expect(200);
    return parseCamt05x(res.text);
  }
}

/** EndToEndId → "TxSts" or "TxSts/reason" for compact expectations. */
export function outcomes(report: Pain002Report): Record<string, string> {
  return Object.fromEntries(
    report.transactions.map((t) => [t.originalEndToEndId, t.reasons[0] ? `${t.status}/${t.reasons[0].code}` : t.status]),
  );
}
