import { createHash } from 'node:crypto';
import type pino from 'pino';
import type { DataSource } from 'typeorm';
import { buildCamt053, type AccountReport } from '@benefits/iso20022';
import type { AuthUser } from '@benefits/platform';
import type { AtRestCipher } from '../common/pii';
import type { DisbursementConfig } from '../config';
import { contentAsReadBefore, readStatementFile } from './domain/statement-file';
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
