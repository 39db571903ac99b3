import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@benefits/platform';
import { BatchesService } from '../execution/batches.service';
import { ResendService } from '../payments/resend.service';
import { ExceptionsService } from '../reconciliation/exceptions.service';
import { StatementImportService } from '../reconciliation/statement-import.service';
import { RunsService } from '../runs/runs.service';
import { InvalidCursorError, pageBody, type Page } from './page';

/**
 * The long lists finance and operators read to their end (exceptions before a sign-off, re-sends, batches,
 * statements), each over a table in memory: its list statement is answered as PostgreSQL would, in the order of the
 * time to the microsecond (`page_key`) and the id, after the cursor's key (the statement's last two parameters), at
 * most the LIMIT (the one before them).
 */
function table<R extends { page_key: string }>(rows: R[], idOf: (row: R) => string, newestFirst: boolean, statement: string) {
  const seen: unknown[][] = [];
  const compare = (a: [string, string], b: [string, string]) => (a[0] === b[0] ? (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0) : a[0] < b[0] ? -1 : 1);
  const query = async (text: string, params: unknown[] = []): Promise<unknown[]> => {
    if (!text.includes(statement)) return text.includes('count(*)') ? [{ matched: 0, unmatched: 0 }] : [];
    seen.push(params);
    const [limit, at, id] = params.slice(-3) as [number, string | null, string | null];
    const sign = newestFirst ? -1 : 1;
    return rows
      .map((row) => ({ row, key: [row.page_key, idOf(row)] as [string, string] }))
      .sort((a, b) => sign * compare(a.key, b.key))
      .filter(({ key }) => at === null || sign * compare(key, [at, id as string]) > 0)
      .slice(0, limit)
      .map(({ row }) => row);
  };
  const manager = { query } as unknown as EntityManager;
  const dataSource = { manager, query } as unknown as DataSource;
  return { dataSource, seen };
}

/** Every row of a list, page after page, as a client following nextCursor reads it. */
async function readToTheEnd<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<{ rows: T[]; pages: number; cursors: string[] }> {
  const rows: T[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  for (let pages = 1; pages < 50; pages++) {
    const page = await read(cursor);
    rows.push(...page.rows);
    if (!page.nextCursor) return { rows, pages, cursors };
    cursors.push(page.nextCursor);
    cursor = page.nextCursor;
  }
  throw new Error('the list never ends');
}

// Five rows, three in the same millisecond and two in the same microsecond: a key kept to the millisecond (a JS
// Date) would skip or repeat them across pages.
const TIMES = ['2026-12-01T02:00:00.123001Z', '2026-12-01T02:00:00.123999Z', '2026-12-01T02:00:00.123999Z', '2026-12-01T02:00:00.123500Z', '2026-12-01T09:30:00.000000Z'];
const UUIDS = ['5b0e7a1c-0000-4000-8000-000000000002', 'a0e7a1c0-0000-4000-8000-000000000001', '1b0e7a1c-0000-4000-8000-000000000003', 'f10e7a1c-0000-4000-8000-000000000004', '0b0e7a1c-0000-4000-8000-000000000005'];
const OLDEST_FIRST = [UUIDS[0], UUIDS[3], UUIDS[2], UUIDS[1], UUIDS[4]];
const NEWEST_FIRST = [...OLDEST_FIRST].reverse();

const OPERATOR = { id: 'an.nguyen', roles: ['operator'], programmes: ['social_assistance'], provinceCode: '79' } as unknown as AuthUser;

function exceptions() {
  const rows = TIMES.map((page_key, i) => ({ id: UUIDS[i], page_key, run_id: 'R1', kind: 'unmatched_line', detail: 'no payment', status: 'open', created_at: new Date(page_key), line_id: null }));
  const { dataSource, seen } = table(rows, (row) => row.id, false, 'FROM disbursement.recon_exceptions e');
  return { service: new ExceptionsService(dataSource), seen };
}

function resends() {
  const rows = TIMES.map((page_key, i) => ({ id: UUIDS[i], page_key, paymentId: `P${i}`, status: 'PENDING', requestedAt: new Date(page_key), channel: 'bank', accountMasked: '******1234', holderName: 'NGUYEN VAN A' }));
  const { dataSource, seen } = table(rows, (row) => row.id, true, 'FROM disbursement.resend_requests r');
  return { service: new ResendService(dataSource, {} as never, {} as never, {} as never, {} as never, {} as never), seen };
}

function batches() {
  const ids = UUIDS.map((id) => `B${id.replace(/-/g, '').slice(0, 32).toUpperCase()}`);
  const rows = TIMES.map((page_key, i) => ({ batch_id: ids[i], page_key, run_id: 'R1', channel: 'bank', partner: 'bank', status: 'ATTENTION', item_count: 1, total: '500000', attempts: 1, status_changed_at: new Date(), detail: null, came_from: 'SENDING', last_error: null }));
  const { dataSource, seen } = table(rows, (row) => row.batch_id, true, 'FROM disbursement.partner_batches b');
  const logger = { error: () => undefined } as unknown as pino.Logger;
  return { service: new BatchesService(dataSource, {} as never, logger, {} as never, {} as never, {} as never, {} as never), ids, seen };
}

function statements() {
  const rows = TIMES.map((page_key, i) => ({ id: UUIDS[i], page_key, kind: 'camt053', messageId: `M${i}`, lineCount: 3, newLines: 3, problems: [] }));
  const { dataSource, seen } = table(rows, (row) => row.id, true, 'FROM disbursement.statement_files f');
  const logger = { error: () => undefined } as unknown as pino.Logger;
  return { service: new StatementImportService(dataSource, {} as never, logger, {} as never, {} as never), seen };
}

function runs() {
  const rows = TIMES.map((page_key, i) => ({
    id: UUIDS[i], page_key, month: '2026-11', provinceCode: '91', programmes: ['social_assistance', 'social_pension'], communeCodes: [`3030${i}`], status: 'COMPLETED',
    requestedBy: 'an.nguyen', requestedAt: new Date(page_key), statusChangedAt: new Date(page_key), haltReason: null, declaredChunkCount: 1, declaredTotals: {},
    entitlementCompletedAt: new Date(page_key), preparation: null,
  }));
  const { dataSource, seen } = table(rows, (row) => row.id, true, 'FROM disbursement.runs r');
  return { service: new RunsService(dataSource, {} as never, {} as never, {} as never), seen };
}

describe('GET /reconciliation/exceptions: finance reads the whole queue before a sign-off, page after page', () => {
  it('shows every exception once, oldest first, across pages of two (none beyond a cap left unseen)', async () => {
    const { service } = exceptions();
    const read = await readToTheEnd((cursor) => service.list({ runId: 'R1', limit: 2, cursor }));
    expect(read.rows.map((e) => e.id)).toEqual(OLDEST_FIRST);
    expect(read.pages).toBe(3);
  });

  it('says no more follow on the last page: no nextCursor when the page holds the rest exactly', async () => {
    const { service } = exceptions();
    expect(await service.list({ limit: 5 })).toEqual({ rows: expect.any(Array) });
    expect((await service.list({ limit: 4 })).nextCursor).toEqual(expect.any(String));
  });

  it('refuses 422 INVALID_CURSOR naming the field a cursor it did not give (edited, of another list, not base64url JSON)', async () => {
    const { service } = exceptions();
    const { nextCursor } = await resends().service.list(OPERATOR, { limit: 1 });
    const edited = Buffer.from(JSON.stringify(['exceptions', '2026-02-30T00:00:00.000000Z', UUIDS[0]])).toString('base64url');
    const injected = Buffer.from(JSON.stringify(['exceptions', TIMES[0], "x'; DROP TABLE x"])).toString('base64url');
    for (const cursor of ['not-a-cursor', nextCursor as string, edited, injected]) {
      const refusal = await service.list({ limit: 2, cursor }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(InvalidCursorError);
      expect(refusal).toMatchObject({ code: 'INVALID_CURSOR', status: 422, details: { field: 'cursor' } });
    }
  });
});

describe('GET /payments/resends: every re-send request, newest first, page after page', () => {
  it('shows every request once across pages of two, beyond the 200 it used to stop at', async () => {
    const { service } = resends();
    const read = await readToTheEnd((cursor) => service.list(OPERATOR, { limit: 2, cursor }));
    expect(read.rows.map((r) => r.id)).toEqual(NEWEST_FIRST);
  });

  it("keeps only the list's sort key in its cursor: no payment, account or name", async () => {
    const { service } = resends();
    const { cursors } = await readToTheEnd((cursor) => service.list(OPERATOR, { limit: 2, cursor }));
    const text = cursors.map((c) => Buffer.from(c, 'base64url').toString('utf8')).join(' ');
    expect(text).not.toMatch(/P\d|1234|NGUYEN/);
    expect(JSON.parse(Buffer.from(cursors[0], 'base64url').toString('utf8'))).toEqual(['resends', TIMES[1], UUIDS[1]]);
  });
});

describe('GET /batches: every partner batch, newest first, page after page', () => {
  it('shows every batch once across pages of two, beyond the 200 it used to stop at', async () => {
    const { service, ids } = batches();
    const read = await readToTheEnd((cursor) => service.list({ status: 'ATTENTION', limit: 2, cursor }));
    expect(read.rows.map((b) => b.batchId)).toEqual(NEWEST_FIRST.map((id) => ids[UUIDS.indexOf(id)]));
  });

  it('reads 200 by default, 201 rows to know whether more follow', async () => {
    const { service, seen } = batches();
    await service.list({});
    expect(seen[0].slice(-3)).toEqual([201, null, null]);
  });
});

describe('GET /statements: every imported file, newest first, page after page', () => {
  it('shows every file once across pages of two', async () => {
    const { service } = statements();
    const read = await readToTheEnd((cursor) => service.list({ limit: 2, cursor }));
    expect(read.rows.map((f) => f.fileId)).toEqual(NEWEST_FIRST);
  });

  it('refuses the cursor of another list', async () => {
    const { nextCursor } = await exceptions().service.list({ limit: 1 });
    await expect(statements().service.list({ limit: 2, cursor: nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('GET /runs: every run, newest first, page after page', () => {
  // A province that pays commune by commune has a run per commune and month: 200 runs were all an operator could see.
  it('shows every run once across pages of two, with its scope', async () => {
    const { service } = runs();
    const read = await readToTheEnd((cursor) => service.list({ month: '2026-11', limit: 2, cursor }));
    expect(read.rows.map((r) => r.id)).toEqual(NEWEST_FIRST);
    expect(read.rows[0]).toMatchObject({ month: '2026-11', status: 'COMPLETED', scope: { provinceCode: '91', communeCodes: ['30304'] } });
  });

  it('reads 50 by default, 51 rows to know whether more follow', async () => {
    const { service, seen } = runs();
    await service.list({});
    expect(seen[0].slice(-3)).toEqual([51, null, null]);
  });

  it('refuses the cursor of another list', async () => {
    const { nextCursor } = await batches().service.list({ limit: 1 });
    await expect(runs().service.list({ limit: 2, cursor: nextCursor })).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe('pageBody: a page as every list answers it', () => {
  it('puts the rows under the list name, through the view if given, with nextCursor while more may follow', () => {
    expect(pageBody('runs', { rows: [1, 2], nextCursor: 'abc' })).toEqual({ runs: [1, 2], nextCursor: 'abc' });
    expect(pageBody('payments', { rows: [1, 2], nextCursor: 'abc' }, (n) => ({ n }))).toEqual({ payments: [{ n: 1 }, { n: 2 }], nextCursor: 'abc' });
  });

  it('has no nextCursor at all on the last page', () => {
    const body = pageBody('batches', { rows: ['b1'] });
    expect(body).toEqual({ batches: ['b1'] });
    expect('nextCursor' in body).toBe(false);
  });
});
