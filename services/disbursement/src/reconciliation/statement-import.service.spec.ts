import { createHash } from 'node:crypto';
import type pino from 'pino';
import type { DataSource } from 'typeorm';
import { buildCamt053, type AccountReport } from '@benefits/iso20022';
import type { AuthUser } from '@benefits/platform';
import type { AtRestCipher } from '../common/pii';
import type { DisbursementConfig } from '../config';
import { contentAsReadBefore, readStatementFile, type Coverage } from './domain/statement-file';
import type { StatementFileEntity } from './reconciliation.entity';
import type { ReconciliationService } from './reconciliation.service';
import { StatementImportService } from './statement-import.service';

const FINANCE: AuthUser = { id: 'chi.le', name: 'Chi', roles: ['finance'], programmes: ['social_assistance'], provinceCode: '79' };
const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

const report = (amount = '500000', createdAt = '2026-11-05T23:59:00+07:00'): AccountReport => ({
  id: 'STMT-1',
  createdAt,
  account: '1234567890',
  balances: [
    { type: 'OPBD', amount: '10000000', creditDebit: 'CRDT', date: '2026-11-05' },
    { type: 'CLBD', amount: `${10000000n - BigInt(amount)}`, creditDebit: 'CRDT', date: '2026-11-05' },
  ],
  entries: [{ amount, creditDebit: 'DBIT', status: 'BOOK', bookingDate: '2026-11-05', valueDate: '2026-11-05', accountServicerRef: 'B1', details: [{ endToEndId: 'PA' }] }],
});
/** The bank's statement C53-1, rendered at `createdAt`. */
const statement = (createdAt: string, amount?: string) => Buffer.from(buildCamt053({ msgId: 'C53-1', createdAt, reports: [report(amount, createdAt)] }));

/**
 * The statement files on record, in memory, found as the repository and SQL would find them (by bytes, content or
 * message id). `concurrent`: a file a concurrent import commits while this one is on its way, found by its INSERT.
 */
function world(onRecord: Partial<StatementFileEntity>[], concurrent?: Partial<StatementFileEntity>) {
  const file = (f: Partial<StatementFileEntity>) => ({ id: 'F0', kind: 'camt.053', messageId: 'C53-1', lineCount: 1, newLines: 1, problems: [], ...f }) as StatementFileEntity;
  const files = onRecord.map(file);
  const matches = (f: StatementFileEntity, where: Record<string, unknown>) =>
    Object.entries(where).every(([key, value]) => {
      const stored = (f as unknown as Record<string, unknown>)[key];
      const wanted = value as { _type?: string; _value?: unknown[] };
      return wanted && wanted._type === 'in' ? (wanted._value ?? []).includes(stored) : stored === value;
    });
  const find = (where: Record<string, unknown> | Record<string, unknown>[]) => files.find((f) => [where].flat().some((w) => matches(f, w))) ?? null;
  const repository = { findOneBy: async (where: Record<string, unknown>) => find(where), findOne: async ({ where }: { where: Record<string, unknown>[] }) => find(where) };
  const query = jest.fn(async (sql: string, params: unknown[] = []) => {
    if (sql.includes('WHERE kind = $1 AND message_id = $2')) return files.filter((f) => f.kind === params[0] && f.messageId === params[1]).map((f) => ({ id: f.id, sha256: f.sha256 }));
    if (sql.includes('INSERT INTO disbursement.statement_files')) {
      if (concurrent) {
        files.push(file(concurrent));
        return [];
      }
      throw new Error('the import went on to store the file');
    }
    return [];
  });
  const manager = { query, getRepository: () => repository };
  const dataSource = { manager, getRepository: () => repository, transaction: async (work: (tx: unknown) => Promise<unknown>) => work(manager) } as unknown as DataSource;
  const logger = { info: jest.fn() } as unknown as pino.Logger;
  const reconciliation = { runsAwaitingStatements: async () => [], reconcileRun: jest.fn() } as unknown as ReconciliationService;
  const service = new StatementImportService(dataSource, {} as DisbursementConfig, logger, {} as AtRestCipher, reconciliation);
  return { service, query };
}

describe('StatementImportService: the same statement twice', () => {
  const first = statement('2026-11-05T23:59:00+07:00');
  const rerendered = statement('2026-11-07T08:00:00+07:00');

  it('knows a statement the bank renders again (another creation time) as the one imported, by what the bank sent', async () => {
    const { service } = world([{ sha256: sha(first), contentSha256: sha(readStatementFile(first).content) }]);
    await expect(service.import(rerendered, 'again.xml', FINANCE)).resolves.toMatchObject({ fileId: 'F0', duplicate: true });
  });

  it('knows a statement re-rendered since it was imported under the content hash of before, not refused as an id reused', async () => {
    const { service } = world([{ sha256: sha(first), contentSha256: sha(contentAsReadBefore(readStatementFile(first))) }]);
    await expect(service.import(rerendered, 'again.xml', FINANCE)).resolves.toMatchObject({ fileId: 'F0', duplicate: true });
  });

  it('refuses the id of a statement on record with other content', async () => {
    const { service } = world([{ sha256: sha(first), contentSha256: sha(readStatementFile(first).content) }]);
    await expect(service.import(statement('2026-11-07T08:00:00+07:00', '500001'), 'other.xml', FINANCE)).rejects.toMatchObject({ code: 'STATEMENT_ID_REUSED' });
  });

  it('refuses the id as reused, not fails, when another content under it was imported by a concurrent request a moment ago', async () => {
    // Both imports found no C53-1 before their transaction; this one's INSERT meets the other's row.
    const { service } = world([], { id: 'F1', sha256: sha(first), contentSha256: sha(readStatementFile(first).content) });
    const racing = service.import(statement('2026-11-07T08:00:00+07:00', '500001'), 'other.xml', FINANCE);
    await expect(racing).rejects.toMatchObject({ code: 'STATEMENT_ID_REUSED' });
  });
});

describe('StatementImportService: the missing day of an account arrives', () => {
  const account = '1234567890';
  const bankDay = (date: string, opening: string, closing: string) => ({ source: 'bank' as const, account, date, final: true, opening, closing });
  const gap = 'account ******7890: the statement of 2026-11-07 opens at 6000000, but the one before it on record (2026-11-05) closed at 7500000: the statement of 2026-11-06 is missing, or a booking of -1500000 đồng is on none';
  const camt053 = (date: string, opening: string, closing: string) =>
    Buffer.from(
      buildCamt053({
        msgId: `C53-${date.replaceAll('-', '')}`,
        createdAt: `${date}T23:59:00+07:00`,
        reports: [
          {
            id: `S-${date}`,
            createdAt: `${date}T23:59:00+07:00`,
            account,
            balances: [
              { type: 'OPBD', amount: opening, creditDebit: 'CRDT', date },
              { type: 'CLBD', amount: closing, creditDebit: 'CRDT', date },
            ],
            entries: [{ amount: `${BigInt(opening) - BigInt(closing)}`, creditDebit: 'DBIT', status: 'BOOK', bookingDate: date, valueDate: date, accountServicerRef: `B-${date}`, details: [{ endToEndId: 'PX' }] }],
          },
        ],
      }),
    );
  /** The statement of 6 November, opening at the 5th's closing and closing at the 7th's opening. */
  const sixth = camt053('2026-11-06', '7500000', '6000000');
  const eighth = camt053('2026-11-08', '5000000', '4000000');

  /** The 5th and the 7th on record, the 7th's file with its gap open (exception E7), or resolved already. */
  function importing(status: 'open' | 'assigned' | 'resolved', problems = [gap], alsoOnRecord: { file_id: string; c: Coverage }[] = []) {
    const stored: Record<string, unknown>[] = [];
    const query = jest.fn(async (sql: string, params: unknown[] = []) => {
      if (sql.includes('INSERT INTO disbursement.statement_files')) {
        stored.push({ id: params[0], kind: params[1], messageId: params[2], lineCount: params[7], newLines: 0, problems: [] });
        return [{ id: params[0] }];
      }
      if (sql.includes('jsonb_array_elements(f.coverage) WITH ORDINALITY')) {
        return [
          { file_id: 'F5', c: bankDay('2026-11-05', '10000000', '7500000') },
          { file_id: 'F7', c: bankDay('2026-11-07', '6000000', '5000000') },
          ...alsoOnRecord,
        ];
      }
      if (sql.includes("e.kind = 'statement_problem' AND e.status <> 'resolved'")) return status === 'resolved' ? [] : [{ id: 'E7', file_id: 'F7', problems }];
      if (sql.includes('WITH i AS')) return [{ n: params[1] instanceof Array ? params[1].length : 0 }];
      return [];
    });
    const repository = { findOneBy: async (where: { id?: string }) => (stored.find((f) => f.id === where.id) ?? null) as StatementFileEntity | null, findOne: async () => null };
    const manager = { query, getRepository: () => repository };
    const dataSource = { manager, getRepository: () => repository, transaction: async (work: (tx: unknown) => Promise<unknown>) => work(manager) } as unknown as DataSource;
    const reconciliation = { runsAwaitingStatements: async () => [], reconcileRun: jest.fn() } as unknown as ReconciliationService;
    const cipher = { lookupHash: () => 'hash' } as unknown as AtRestCipher;
    const service = new StatementImportService(dataSource, {} as DisbursementConfig, { info: jest.fn() } as unknown as pino.Logger, cipher, reconciliation);
    const calls = (text: string) => query.mock.calls.filter(([sql]) => sql.includes(text)).map(([, params]) => params as unknown[]);
    return { service, calls };
  }

  it("resolves the gap the 7th's file said, with a note naming the 6th's statement, and keeps it (no delete)", async () => {
    const { service, calls } = importing('open');
    const result = await service.import(sixth, 'camt053-2026-11-06.xml', FINANCE);
    expect(result.problems).toEqual([]);
    const [resolved] = calls('UPDATE disbursement.recon_exceptions');
    expect(resolved).toEqual(['E7', expect.stringContaining(`cleared by statement file ${result.fileId} (camt.053 C53******06: account ******7890 on 2026-11-06)`)]);
    expect(resolved[1]).toContain(gap);
    expect(calls("VALUES ($1, 'cleared', 'system', $2)")).toEqual([['E7', resolved[1]]]);
    expect(calls('DELETE')).toEqual([]);
  });

  const balance = 'statement S-7 of account ******7890 on 2026-11-07: opening 6000000 + entries 0 = 6000000, but the closing balance is 5000000';

  it('leaves the exception for finance when the file says something else besides the gap, noting the gap gone once', async () => {
    const { service, calls } = importing('assigned', [balance, gap]);
    const result = await service.import(sixth, 'camt053-2026-11-06.xml', FINANCE);
    expect(calls('UPDATE disbursement.recon_exceptions')).toEqual([]);
    expect(calls("VALUES ($1, 'cleared', 'system', $2)")).toEqual([]);
    expect(calls("VALUES ($1, 'noted', 'system', $2)")).toEqual([
      ['E7', `statement file ${result.fileId} (camt.053 C53******06: account ******7890 on 2026-11-06): the statements on record no longer show ${gap}; the rest is for finance`],
    ]);
  });

  it.each([
    ['the gap and another problem', [balance, gap]],
    // Cleared when the 6th came, and reopened by finance since: theirs, not cleared again by any later statement.
    ['the gap alone', [gap]],
  ])('changes nothing when the gap was gone before this statement (the day between on record already): %s', async (_name, problems) => {
    const { service, calls } = importing('open', problems, [{ file_id: 'F6', c: bankDay('2026-11-06', '7500000', '6000000') }]);
    await service.import(eighth, 'camt053-2026-11-08.xml', FINANCE);
    expect(calls('UPDATE disbursement.recon_exceptions')).toEqual([]);
    expect(calls('recon_exception_changes')).toEqual([]);
  });
});
