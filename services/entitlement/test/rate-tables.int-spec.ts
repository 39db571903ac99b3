import { mintToken } from '@benefits/testing';
import { EntitlementWorld } from './world';

jest.setTimeout(120_000);

const alice = { sub: 'alice-operator', roles: ['operator' as const] };
const bob = { sub: 'bob-approver', roles: ['approver' as const] };
const aliceApprover = { sub: 'alice-operator', roles: ['approver' as const] };

interface Issue {
  code: string;
  key?: string;
  message: string;
}
interface VersionView {
  id: string;
  status: string;
  proposedBy: string;
  decidedBy?: string;
  decidedAt?: string;
}

/** A far-future year per test run: what these tests approve can never touch another test's months. */
const year = 3000 + Math.floor(Math.random() * 6000);

const topUp = (rows = [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: '100000' }]) => ({
  table: 'province_topup',
  scope: '99',
  effectiveFrom: `${year}-01`,
  effectiveTo: `${year}-12`,
  instrument: `Resolution ${year}/NQ-HĐND (test)`,
  confidence: 'test data',
  rows,
});

describe('rate tables: proposed by one person, approved by another, never edited (real PostgreSQL)', () => {
  let world: EntitlementWorld;

  beforeAll(async () => {
    world = await EntitlementWorld.start();
  });
  afterAll(() => world?.stop());

  it('lists the seed tables as approved versions with their instruments', async () => {
    const { status, body } = await world.http<{ id: string; status: string; instrument: string }[]>('GET', '/rate-tables?status=approved&table=standard_level', alice);
    expect(status).toBe(200);
    expect(body).toContainEqual(expect.objectContaining({ id: 'standard_level:social_assistance:2026-07:D335-2026', status: 'approved', instrument: 'Decree 335/2026/ND-CP' }));
  });

  it('refuses a version with overlapping periods or groups left unpriced, listing every issue (422)', async () => {
    const { status, body } = await world.http<{ code: string; issues: Issue[] }>('POST', '/rate-tables', alice, {
      table: 'sa_coefficient',
      effectiveFrom: `${year}-01`,
      instrument: 'Decree 999/2099/ND-CP (test)',
      confidence: 'test data',
      rows: [
        { key: 'SA_CHILD_NO_SUPPORT_U4', coefficient: '2.5', from: `${year}-01`, to: `${year}-06` },
        { key: 'SA_CHILD_NO_SUPPORT_U4', coefficient: '3.0', from: `${year}-03` },
      ],
    });
    expect(status).toBe(422);
    expect(body.code).toBe('INVALID_TABLE_VERSION');
    expect(body.issues).toContainEqual(expect.objectContaining({ code: 'OVERLAPPING_PERIOD', key: 'SA_CHILD_NO_SUPPORT_U4' }));
    const unpriced = body.issues.filter((i) => i.code === 'UNPRICED_GROUP').map((i) => i.key);
    expect(unpriced).toHaveLength(23);
    expect(unpriced).toContain('SA_SINGLE_PARENT_POOR');
  });

  it('refuses a correction of an old period left open-ended, which would replace Decree 335/2026 from July 2026 (422)', async () => {
    const correction = { table: 'standard_level', scope: 'social_assistance', effectiveFrom: '2024-07', instrument: 'Decree 76/2024/ND-CP (corrected, test)', confidence: 'test data', rows: [{ key: 'social_assistance', amount: '505000' }] };
    const { status, body } = await world.http<{ code: string; issues: Issue[] }>('POST', '/rate-tables', alice, correction);
    expect(status).toBe(422);
    expect(body.issues).toEqual([
      expect.objectContaining({ code: 'OVERRIDES_LATER_VERSION', message: expect.stringContaining('standard_level:social_assistance:2026-07:D335-2026 (Decree 335/2026/ND-CP) is in force') }),
    ]);
    const pending = await world.http<VersionView[]>('GET', '/rate-tables?table=standard_level', alice);
    expect(pending.body.filter((v) => v.id.startsWith('standard_level:social_assistance:2024-07:') && v.status === 'proposed')).toEqual([]);
  });

  it('lets only a second person approve, once; the approved version enters the book', async () => {
    const proposed = await world.http<VersionView>('POST', '/rate-tables', alice, topUp());
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedBy: 'alice-operator' });
    const id = encodeURIComponent(proposed.body.id);

    const byProposer = await world.http<{ code: string }>('POST', `/rate-tables/${id}/approve`, aliceApprover);
    expect(byProposer).toEqual({ status: 403, body: expect.objectContaining({ code: 'FOUR_EYES' }) });
    const byOperator = await world.http<{ code: string }>('POST', `/rate-tables/${id}/approve`, { sub: 'carol', roles: ['operator'] });
    expect(byOperator).toEqual({ status: 403, body: expect.objectContaining({ code: 'ROLE_REQUIRED' }) });

    const approved = await world.http<VersionView>('POST', `/rate-tables/${id}/approve`, bob);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: 'bob-approver' });
    const again = await world.http<{ code: string }>('POST', `/rate-tables/${id}/approve`, { sub: 'dan', roles: ['approver'] });
    expect(again).toEqual({ status: 409, body: expect.objectContaining({ code: 'ALREADY_DECIDED' }) });

    // The same period again, after the first is in the book, is a different version, not an edit of the first.
    const twin = await world.http<VersionView>('POST', '/rate-tables', alice, topUp([{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: '120000' }]));
    expect(twin.status).toBe(201);
    expect(twin.body.id).not.toBe(proposed.body.id);
  });

  it('keeps a rejected version with its reason; it can no longer be approved', async () => {
    const proposed = await world.http<VersionView>('POST', '/rate-tables', alice, topUp());
    const id = encodeURIComponent(proposed.body.id);
    const rejected = await world.http<VersionView & { reason: string }>('POST', `/rate-tables/${id}/reject`, bob, { reason: 'not the gazette figure' });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'not the gazette figure' });
    const approve = await world.http<{ code: string }>('POST', `/rate-tables/${id}/approve`, bob);
    expect(approve).toEqual({ status: 409, body: expect.objectContaining({ code: 'ALREADY_DECIDED' }) });
  });

  it('keeps a one-time token usable when its decision was refused (already decided), and spends it on the decision taken', async () => {
    const decided = await world.http<VersionView>('POST', '/rate-tables', alice, topUp());
    await world.http('POST', `/rate-tables/${encodeURIComponent(decided.body.id)}/approve`, bob);
    const pending = await world.http<VersionView>('POST', '/rate-tables', alice, topUp([{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount: '130000' }]));
    const token = await mintToken({ sub: 'erin-approver', roles: ['approver'] });
    const approve = (id: string) =>
      fetch(`${world.service.url}/rate-tables/${encodeURIComponent(id)}/approve`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code?: string; status?: string },
      }));
    expect(await approve(decided.body.id)).toEqual({ status: 409, body: expect.objectContaining({ code: 'ALREADY_DECIDED' }) });
    expect(await approve(pending.body.id)).toEqual({ status: 200, body: expect.objectContaining({ status: 'approved' }) });
    expect(await approve(pending.body.id)).toEqual({ status: 401, body: expect.objectContaining({ code: 'TOKEN_REPLAYED' }) });
  });

  it('lets operators act only for their programmes', async () => {
    const meritoriousOnly = { sub: 'home-affairs-op', roles: ['operator' as const], programmes: ['meritorious'] };
    const { status, body } = await world.http<{ code: string }>('POST', '/rate-tables', meritoriousOnly, {
      table: 'standard_level',
      scope: 'social_assistance',
      effectiveFrom: `${year}-01`,
      effectiveTo: `${year}-01`,
      instrument: 'test',
      confidence: 'test',
      rows: [{ key: 'social_assistance', amount: '600000' }],
    });
    expect(status).toBe(403);
    expect(body.code).toBe('PROGRAMME_NOT_ALLOWED');
    // A province's top-ups of social assistance groups are Health's to enter, not Home Affairs'.
    const topUps = await world.http<{ code: string }>('POST', '/rate-tables', meritoriousOnly, topUp());
    expect(topUps.status).toBe(403);
    expect(topUps.body.code).toBe('PROGRAMME_NOT_ALLOWED');
  });

  it('refuses to approve a proposal another version of its months was approved after (the stale one would win)', async () => {
    const own = (amount: string) => ({ ...topUp([{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount }]), scope: '98' });
    const typo = await world.http<VersionView>('POST', '/rate-tables', alice, own('1000000'));
    const right = await world.http<VersionView>('POST', '/rate-tables', alice, own('100000'));
    expect([typo.status, right.status]).toEqual([201, 201]);
    expect((await world.http('POST', `/rate-tables/${encodeURIComponent(right.body.id)}/approve`, bob)).status).toBe(200);
    const stale = await world.http<{ code: string; issues: Issue[] }>('POST', `/rate-tables/${encodeURIComponent(typo.body.id)}/approve`, bob);
    expect(stale.status).toBe(422);
    expect(stale.body.issues.map((i) => i.code)).toEqual(['SUPERSEDED']);
  });

  it('refuses to edit or delete history in place', async () => {
    await expect(world.query(`UPDATE entitlement.rate_table_versions SET instrument = 'x' WHERE id = 'sa_coefficient:2021-07:D20-2021'`)).rejects.toThrow(/append-only/);
    await expect(world.query(`DELETE FROM entitlement.rate_table_decisions WHERE version_id = 'sa_coefficient:2021-07:D20-2021'`)).rejects.toThrow(/append-only/);
  });
});
