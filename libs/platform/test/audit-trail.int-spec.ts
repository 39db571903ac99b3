import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail, auditTablesV1, SpentTokens } from '../src';

jest.setTimeout(60_000);

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/benefits';
const actor = { id: 'lan.tran', roles: ['approver'] };

/** The audit trail and the spent tokens in a schema of the test's own, created by the same SQL as the migrations. */
describe('the audit trail and spent tokens (real PostgreSQL)', () => {
  const schema = `audit_test_${randomUUID().slice(0, 8)}`;
  let db: DataSource;
  let trail: AuditTrail;
  let tokens: SpentTokens;

  beforeAll(async () => {
    db = await new DataSource({ type: 'postgres', url: DATABASE_URL, extra: { max: 20 } }).initialize();
    await db.query(`CREATE SCHEMA ${schema}`);
    for (const sql of auditTablesV1(schema)) await db.query(sql);
    trail = new AuditTrail(db, { schema });
    tokens = new SpentTokens(db, { schema });
  });
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.destroy();
  });

  it('keeps one chain under concurrent appends: no two entries extend the same head', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, i) => trail.record({ actor, action: `POST /things/:id`, resourceId: `t${i}`, outcome: 201 })));
    const [{ entries, links }] = await db.query(`SELECT count(*)::int AS entries, count(DISTINCT prev_hash)::int AS links FROM ${schema}.audit_log`);
    expect({ entries, links }).toEqual({ entries: 40, links: 40 });
    expect(await trail.verify()).toMatchObject({ ok: true, entries: 40 });
  });

  it('refuses to change, remove or truncate entries', async () => {
    await expect(db.query(`UPDATE ${schema}.audit_log SET actor = 'someone.else'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM ${schema}.audit_log`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE ${schema}.audit_log`)).rejects.toThrow(/append-only/);
  });

  it('writes an entry in the caller’s transaction: rolled back with it, or there if it commits', async () => {
    await db
      .transaction(async (tx) => {
        await trail.record({ actor, action: 'run.approve', resourceId: 'rolled-back' }, tx);
        throw new Error('the change fails');
      })
      .catch(() => undefined);
    await db.transaction(async (tx) => trail.record({ actor, action: 'run.approve', resourceId: 'committed', before: { status: 'PREVIEW_READY' }, after: { status: 'APPROVED' } }, tx));
    expect(await trail.find({ resourceId: 'rolled-back', limit: 10 })).toEqual([]);
    expect(await trail.find({ action: 'run.approve', limit: 10 })).toEqual([
      expect.objectContaining({ actor: 'lan.tran', resourceId: 'committed', before: { status: 'PREVIEW_READY' }, after: { status: 'APPROVED' } }),
    ]);
    await expect(
      db.transaction('REPEATABLE READ', async (tx) => trail.record({ actor, action: 'x' }, tx)),
    ).rejects.toThrow(/READ COMMITTED/);
    expect(await trail.verify()).toMatchObject({ ok: true, entries: 41 });
  });

  it('stores ID and account numbers masked only', async () => {
    const entry = await trail.record({ actor, action: 'POST /persons', request: { body: { nationalId: '079203001234', accountNumber: '0071000123456' } } });
    const [row] = await db.query(`SELECT request::text AS request FROM ${schema}.audit_log WHERE id = $1`, [entry.id]);
    expect(row.request).not.toMatch(/079203001234|0071000123456/);
  });

  it('finds entries by actor, resource, kind and time, newest first', async () => {
    const since = new Date();
    await trail.record({ actor: { id: 'an.nguyen', roles: ['operator'] }, kind: 'read', action: 'GET /payments', resourceId: 'p-1', outcome: 200 });
    await trail.record({ actor: { id: 'an.nguyen', roles: ['operator'] }, kind: 'refusal', action: 'POST /runs/:id/approve', resourceId: 'r-1', outcome: 403 });
    const found = await trail.find({ actor: 'an.nguyen', from: since, limit: 10 });
    expect(found.map((e) => [e.kind, e.resourceId, e.outcome])).toEqual([['refusal', 'r-1', 403], ['read', 'p-1', 200]]);
    expect(await trail.find({ actor: 'an.nguyen', kind: 'read', limit: 10 })).toHaveLength(1);
    expect(await trail.find({ actor: 'an.nguyen', to: since, limit: 10 })).toEqual([]);
  });

  it('reads a trail longer than a page to its end, page by page (beforeId = the last id of a page)', async () => {
    const reader = { id: 'thu.vo', roles: ['auditor'] };
    for (let i = 0; i < 5; i++) await trail.record({ actor: reader, kind: 'read', action: 'GET /payments/:id', resourceId: `page-${i}`, outcome: 200 });
    const pages: string[][] = [];
    let beforeId: string | undefined;
    for (;;) {
      const page = await trail.find({ actor: reader.id, beforeId, limit: 2 });
      if (page.length === 0) break;
      pages.push(page.map((entry) => entry.resourceId ?? ''));
      beforeId = page[page.length - 1].id;
    }
    expect(pages).toEqual([['page-4', 'page-3'], ['page-2', 'page-1'], ['page-0']]);
  });

  it('shows an entry edited behind the trigger’s back (by a superuser) on verification', async () => {
    const [{ id }] = await db.query(`SELECT a.id::text AS id FROM ${schema}.audit_log a ORDER BY a.id LIMIT 1 OFFSET 5`);
    await db.query(`ALTER TABLE ${schema}.audit_log DISABLE TRIGGER audit_log_no_change`);
    await db.query(`UPDATE ${schema}.audit_log SET outcome = 200, actor = 'someone.else' WHERE id = $1`, [id]);
    await db.query(`ALTER TABLE ${schema}.audit_log ENABLE TRIGGER audit_log_no_change`);
    expect(await trail.verify()).toMatchObject({ ok: false, entries: 5, firstBrokenId: id });
  });

  it('lets a token take one decision: spent durably, refused the second time, free again if released', async () => {
    const token = { jti: randomUUID(), actor: 'lan.tran', action: 'run.approve', expiresAt: new Date(Date.now() + 3_600_000) };
    const concurrent = await Promise.all([tokens.spend(token), tokens.spend(token), tokens.spend(token)]);
    expect(concurrent.filter(Boolean)).toHaveLength(1);
    expect(await tokens.spend(token)).toBe(false);
    await tokens.release(token.jti);
    expect(await tokens.spend(token)).toBe(true);
  });

  it('forgets the jtis of tokens expired long ago', async () => {
    const old = { jti: randomUUID(), actor: 'lan.tran', action: 'run.approve', expiresAt: new Date(Date.now() - 2 * 3_600_000) };
    await db.query(`INSERT INTO ${schema}.spent_tokens (jti, actor, action, expires_at) VALUES ($1, $2, $3, $4)`, [old.jti, old.actor, old.action, old.expiresAt]);
    await tokens.spend({ ...old, jti: randomUUID(), expiresAt: new Date(Date.now() + 60_000) });
    expect(await db.query(`SELECT 1 FROM ${schema}.spent_tokens WHERE jti = $1`, [old.jti])).toEqual([]);
  });
});
