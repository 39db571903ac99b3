import { randomUUID } from 'node:crypto';
import { EntitlementChunk, EntitlementCompleted, EntitlementRunHalted, LifeEventRecorded, createEvent, type EntitlementItem } from '@benefits/contracts';
import { waitFor } from '@benefits/testing';
import { EntitlementWorld, item, ofType, snapshot } from './world';

jest.setTimeout(120_000);

const operator = { sub: 'op-runs', roles: ['operator' as const] };
const completed = (events: { type: string }[]) => events.some((e) => e.type === EntitlementCompleted.type || e.type === EntitlementRunHalted.type);

/** Sums the items of a run per programme: what its EntitlementCompleted must declare. */
function sumItems(items: readonly EntitlementItem[]) {
  const totals: Record<string, { count: number; total: string }> = {};
  for (const i of items) {
    const known = totals[i.programme] ?? { count: 0, total: '0' };
    totals[i.programme] = { count: known.count + 1, total: (BigInt(known.total) + BigInt(i.amount)).toString() };
  }
  return totals;
}

describe('calculating a run from its eligibility snapshot (real PostgreSQL and Kafka)', () => {
  let world: EntitlementWorld;

  beforeAll(async () => {
    world = await EntitlementWorld.start();
  });
  afterAll(() => world?.stop());

  it('prices every person of the snapshot, publishes chunks of 1000 and control totals that match them', async () => {
    const runId = randomUUID();
    const children = Array.from({ length: 2000 }, () => item({ programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_U4', ageYears: 2 }));
    const pensioners = Array.from({ length: 400 }, () => item({ programme: 'social_pension', groupCode: 'SP_75_PLUS', ageYears: 78 }));
    const invalids = Array.from({ length: 99 }, () => item({ programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', attributes: { injuryRate: 85 } }));
    // One person's two items in the first and the last chunk: priced together (the higher of SA and SP).
    const split = randomUUID();
    const items = [
      item({ personRef: split, programme: 'social_pension', groupCode: 'SP_75_PLUS', ageYears: 82 }),
      ...children,
      ...pensioners,
      ...invalids,
      item({ personRef: split, programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT_80', ageYears: 82 }),
    ];
    await world.publish(snapshot(runId, '2026-11', items));

    const output = await world.outputOf(runId, completed);
    const chunks = ofType(output, EntitlementChunk);
    const [done] = ofType(output, EntitlementCompleted);
    const all = chunks.flatMap((c) => c.items);
    expect(done).toMatchObject({ runId, month: '2026-11', chunkCount: chunks.length });
    expect(chunks.map((c) => c.chunkNo).sort((a, b) => a - b)).toEqual(chunks.map((_, i) => i));
    expect(chunks.every((c) => c.items.length <= 1000)).toBe(true);
    expect(done.totals).toEqual(sumItems(all));
    // The meritorious persons left unpriced are in no chunk: the completion says how many, and why.
    expect(done.notPaid).toEqual([{ programme: 'meritorious', kind: 'UNPRICED', code: 'NO_RATE_TABLE', persons: 99 }]);

    const mine = new Map(all.map((i) => [`${i.personRef}|${i.programme}`, i]));
    expect(children.every((c) => mine.get(`${c.personRef}|social_assistance`)?.amount === '1350000')).toBe(true);
    expect(pensioners.every((p) => mine.get(`${p.personRef}|social_pension`)?.amount === '540000')).toBe(true);
    expect(invalids.some((p) => mine.has(`${p.personRef}|meritorious`))).toBe(false);
    expect(mine.get(`${split}|social_assistance`)).toMatchObject({ amount: '1080000', arrears: [] });
    expect(mine.has(`${split}|social_pension`)).toBe(false);
    const ours = all.filter((i) => items.some((x) => x.personRef === i.personRef));
    expect(sumItems(ours)).toEqual({
      social_assistance: { count: 2001, total: (2000n * 1_350_000n + 1_080_000n).toString() },
      social_pension: { count: 400, total: (400n * 540_000n).toString() },
    });

    const summary = await world.http<{ status: string; exceptionCounts: { kind: string; persons: number }[]; programmes: { programme: string; count: number }[] }>(
      'GET', `/runs/${runId}/summary`, operator,
    );
    expect(summary.status).toBe(200);
    expect(summary.body.status).toBe('COMPLETED');
    expect(summary.body.exceptionCounts).toEqual([expect.objectContaining({ kind: 'UNPRICED', code: 'NO_RATE_TABLE', persons: 99 })]);

    const person = await world.http<{ lines: { components: { text: string }[] }[] }>('GET', `/runs/${runId}/persons/${children[0].personRef}`, operator);
    expect(person.body.lines[0].components[0].text).toMatch(/^540,000 × 2\.5 = 1,350,000 \(SA_CHILD_NO_SUPPORT_U4, Decree 20\/2021\/ND-CP Art\.5\(1\); level: Decree 335\/2026\/ND-CP\)$/);

    // A Home Affairs operator reads meritorious records only: a child on social assistance is not there for them.
    const homeAffairs = { sub: 'op-runs-merit', roles: ['operator' as const], programmes: ['meritorious'] };
    expect((await world.http('GET', `/runs/${runId}/persons/${children[0].personRef}`, homeAffairs)).status).toBe(404);
    const health = { sub: 'op-runs-health', roles: ['operator' as const], programmes: ['social_assistance', 'social_pension'] };
    expect((await world.http<{ lines: { programme: string }[] }>('GET', `/runs/${runId}/persons/${split}`, health)).body.lines).toEqual([
      expect.objectContaining({ programme: 'social_assistance', total: '1080000' }),
    ]);
    // The run's summary: the same figures for both departments, the persons left unpaid of their own programmes only.
    type Summary = { exceptionCounts: unknown[]; exceptions: { programme: string }[] };
    const [ofAll, ofHealth, ofHomeAffairs] = await Promise.all([operator, health, homeAffairs].map((who) => world.http<Summary>('GET', `/runs/${runId}/summary`, who)));
    expect(ofAll.body.exceptions.length).toBeGreaterThan(0);
    expect(ofAll.body.exceptions.every((e) => e.programme === 'meritorious')).toBe(true);
    expect(ofHealth.body).toMatchObject({ exceptionCounts: ofAll.body.exceptionCounts, exceptions: [] });
    expect(ofHomeAffairs.body.exceptions).toEqual(ofAll.body.exceptions);
  });

  it('halts a run whose checksum does not match its declaration, and publishes nothing else for it', async () => {
    const runId = randomUUID();
    const events = snapshot(runId, '2026-11', [item({ programme: 'social_pension', groupCode: 'SP_75_PLUS' }), item({ programme: 'social_pension', groupCode: 'SP_75_PLUS' })]);
    const declaration = events[events.length - 1].envelope.payload as { checksum: string };
    declaration.checksum = 'f'.repeat(64);
    await world.publish(events);

    const output = await world.outputOf(runId, completed);
    const [halted] = ofType(output, EntitlementRunHalted);
    expect(halted.reason).toMatch(/checksum of the items received [0-9a-f]{64} differs from the declared f{64}/);
    expect(ofType(output, EntitlementChunk)).toEqual([]);
    expect(ofType(output, EntitlementCompleted)).toEqual([]);
    const summary = await world.http<{ status: string; haltedReason: string }>('GET', `/runs/${runId}/summary`, operator);
    expect(summary.body).toMatchObject({ status: 'HALTED', haltedReason: halted.reason });
    // Never priced: its staged snapshot is not kept.
    expect(await world.query('SELECT 1 FROM entitlement.snapshot_items WHERE run_id = $1', [runId])).toEqual([]);
  });

  it('halts a run that lost a chunk, naming the counts', async () => {
    const runId = randomUUID();
    const items = Array.from({ length: 3 }, () => item({ programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' }));
    const events = snapshot(runId, '2026-11', items, 2);
    await world.publish([events[0], events[2]]); // chunk 1 lost

    const [halted] = ofType(await world.outputOf(runId, completed), EntitlementRunHalted);
    expect(halted.reason).toContain('received 1 chunks (numbered 0..0), declared 2');
    expect(halted.reason).toContain('social_assistance: received 2 items, declared 3');
  });

  it('applies a redelivered chunk once: the same lines, items and totals', async () => {
    const runId = randomUUID();
    const items = Array.from({ length: 5 }, () => item({ programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE' }));
    const [chunk0, chunk1, declaration] = snapshot(runId, '2026-11', items, 3);
    await world.publish([chunk0, chunk0, chunk1, chunk0, declaration]);

    const output = await world.outputOf(runId, completed);
    const [done] = ofType(output, EntitlementCompleted);
    const all = ofType(output, EntitlementChunk).flatMap((c) => c.items);
    // Funeral support left pending by other tests' deaths may join any run: the run's own persons are checked exactly.
    expect(done.totals).toEqual(sumItems(all));
    const ours = all.filter((i) => items.some((x) => x.personRef === i.personRef));
    expect(sumItems(ours)).toEqual({ social_assistance: { count: 5, total: (5n * 810_000n).toString() } });
    const [lines] = await world.query<{ count: string }>('SELECT count(*) FROM entitlement.entitlement_lines WHERE run_id = $1 AND person_ref = ANY($2)', [
      runId,
      items.map((i) => i.personRef),
    ]);
    expect(Number(lines.count)).toBe(5);
    const [staged] = await world.query<{ count: string }>('SELECT count(*) FROM entitlement.snapshot_chunks WHERE run_id = $1', [runId]);
    expect(Number(staged.count)).toBe(2);
  });

  it('publishes one chunk per page of 1000 persons, numbered as the pages, an empty one for a page without lines', async () => {
    const runId = randomUUID();
    // The lowest personRefs, so that they make page 0 on their own: war invalids at 85% are owed nothing this month.
    const prefix = `00000000-${randomUUID().slice(9, 13)}-4000-8000-`;
    const invalids = Array.from({ length: 1000 }, (_, i) =>
      item({ personRef: prefix + i.toString(16).padStart(12, '0'), programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', attributes: { injuryRate: 85 } }),
    );
    const children = Array.from({ length: 5 }, () => item({ programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT_U4', ageYears: 2 }));
    await world.publish(snapshot(runId, '2026-11', [...children, ...invalids]));

    const output = await world.outputOf(runId, completed);
    const chunks = ofType(output, EntitlementChunk).sort((a, b) => a.chunkNo - b.chunkNo);
    const [done] = ofType(output, EntitlementCompleted);
    expect(chunks[0]).toMatchObject({ chunkNo: 0, items: [] });
    expect(chunks[1].chunkNo).toBe(1);
    expect(chunks[1].items.map((i) => i.personRef).sort()).toEqual(children.map((c) => c.personRef).sort());
    // A third chunk only for one-offs of persons outside the snapshot (funeral support left pending by other tests).
    expect(chunks.map((c) => c.chunkNo)).toEqual(chunks.map((_, i) => i));
    expect(done.chunkCount).toBe(chunks.length);
    expect(chunks.length === 2 || chunks[2].items.every((i) => !children.some((c) => c.personRef === i.personRef))).toBe(true);
    const pages = await world.query<{ page_no: number; done: boolean }>('SELECT page_no, done FROM entitlement.run_pages WHERE run_id = $1 ORDER BY page_no', [runId]);
    expect(pages).toEqual([
      { page_no: 0, done: true },
      { page_no: 1, done: true },
    ]);
  });

  it('completes a run when a person of its snapshot dies while it calculates, and pays their funeral support once', async () => {
    const { year, communeCode } = await world.funeralScope();
    const deceased = randomUUID();
    const person = (personRef: string) => ({ personRef, communeCode, programme: 'social_assistance' as const, groupCode: 'SA_DISABLED_SEVERE' });
    const runId = randomUUID();
    // The run's page is priced (and has looked for one-offs: none yet) but cannot store its calculations until the
    // death is recorded: the lock holds the first write of the page.
    const holder = await world.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE entitlement.calculations IN SHARE MODE');
      await world.publish(snapshot(runId, `${year}-04`, [deceased, randomUUID()].map((ref) => item(person(ref))), 1000, [communeCode]));
      const waiting = `SELECT 1 FROM pg_locks WHERE database = (SELECT oid FROM pg_database WHERE datname = current_database())
                          AND relation = 'entitlement.calculations'::regclass AND mode = 'RowExclusiveLock' AND NOT granted`;
      await waitFor(async () => (await world.query(waiting)).length > 0, 30_000, 'the page waiting to store its calculations');
      const death = { personRef: deceased, kind: 'death' as const, effectiveOn: `${year}-04-10`, programmes: ['social_assistance' as const], details: { communeCode } };
      await world.handled(createEvent(LifeEventRecorded, death, { correlationId: `test-death-${deceased}`, producer: 'eligibility' }), 'the death');
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }

    // The run completes; the support is paid exactly once: on the deceased's own line, or by the next run of the commune.
    const during = ofType(await world.outputOf(runId, completed), EntitlementChunk).flatMap((c) => c.items);
    expect(during.filter((i) => i.personRef === deceased)).toEqual([expect.objectContaining({ programme: 'social_assistance' })]);
    const next = await world.run(`${year}-05`, [person(randomUUID())], [communeCode]);
    const after = await world.run(`${year}-06`, [person(randomUUID())], [communeCode]);
    const funerals = [...during, ...next.items, ...after.items]
      .filter((i) => i.personRef === deceased)
      .flatMap((i) => i.components.filter((c) => c.kind === 'funeral_support'));
    expect(funerals).toEqual([expect.objectContaining({ amount: '10800000' })]);
  });

  it('shows a token limited to communes the persons, exceptions and recoveries of its communes only (404 for another commune\'s person)', async () => {
    // A year of its own and runs of these communes only: no other test's one-off or rate table reaches them.
    const year = await world.freshYear();
    const communes = ['30280', '30307', '30316'];
    const child = (communeCode: string) => ({ personRef: randomUUID(), communeCode, programme: 'social_assistance' as const, groupCode: 'SA_CHILD_NO_SUPPORT_U4', ageYears: 2 });
    // A war invalid without an injury rate is never paid: an exception of the run, whatever the rate tables.
    const invalid = (communeCode: string) => ({ personRef: randomUUID(), communeCode, programme: 'meritorious' as const, groupCode: 'NCC_WAR_INVALID' });
    const [mine, oldCodeOfMine, theirs, invalidMine, invalidTheirs] = [child('30307'), child('30280'), child('30316'), invalid('30307'), invalid('30316')];
    const { runId } = await world.run(`${year}-03`, [mine, oldCodeOfMine, theirs, invalidMine, invalidTheirs], communes);
    const commune = { sub: 'op-commune-30307', roles: ['operator' as const], communes: ['30307'] };
    const province = { sub: 'op-province', roles: ['operator' as const] };

    // Their commune as the snapshot said, per programme.
    expect(await world.query('SELECT commune_code FROM entitlement.person_communes WHERE person_ref = $1 AND programme = $2', [theirs.personRef, 'social_assistance'])).toEqual([
      { commune_code: '30316' },
    ]);
    // The person view: 30307 reads its own persons (30280 is one of the units 30307 was formed from), not 30316's.
    const person = (who: typeof commune | typeof province, personRef: string) => world.http('GET', `/runs/${runId}/persons/${personRef}`, who);
    expect((await person(commune, mine.personRef)).status).toBe(200);
    expect((await person(commune, oldCodeOfMine.personRef)).status).toBe(200);
    expect((await person(commune, theirs.personRef)).status).toBe(404);
    expect((await person(commune, invalidTheirs.personRef)).status).toBe(404);
    expect((await person(province, theirs.personRef)).status).toBe(200);
    // The summary: the same figures for both, the persons left unpaid of 30307 only for its token.
    type Summary = { exceptionCounts: unknown[]; exceptions: { personRef: string }[] };
    const [ofCommune, ofProvince] = await Promise.all([commune, province].map((who) => world.http<Summary>('GET', `/runs/${runId}/summary`, who)));
    const unpaid = (summary: Summary) => [...new Set(summary.exceptions.map((e) => e.personRef))].sort();
    expect(unpaid(ofProvince.body)).toEqual([invalidMine.personRef, invalidTheirs.personRef].sort());
    expect(unpaid(ofCommune.body)).toEqual([invalidMine.personRef]);
    expect(ofCommune.body.exceptionCounts).toEqual(ofProvince.body.exceptionCounts);

    // Recoveries (raised here as a run would raise them): 30307 reads its person's, not 30316's.
    for (const { personRef } of [mine, theirs]) {
      await world.query(
        `INSERT INTO entitlement.recoveries (person_ref, programme, month, recipient_ref, owed, paid, amount, reason, explanation, source, source_id)
         VALUES ($1, 'social_assistance', $2, $4, 0, 1350000, 1350000, 'DIED', '[]', 'death', $3)`,
        [personRef, `${year}-02`, randomUUID(), personRef],
      );
    }
    type Recoveries = { items: { personRef: string }[] };
    const recoveriesOf = (who: typeof commune | typeof province, personRef: string) => world.http<Recoveries>('GET', `/recoveries?personRef=${personRef}`, who);
    expect((await recoveriesOf(commune, mine.personRef)).body.items).toEqual([expect.objectContaining({ personRef: mine.personRef })]);
    expect((await recoveriesOf(commune, theirs.personRef)).body.items).toEqual([]);
    expect((await recoveriesOf(province, theirs.personRef)).body.items).toEqual([expect.objectContaining({ personRef: theirs.personRef })]);

    // The person moves to 30316: from the next month's run on, 30316 reads them (past runs included), 30307 no longer.
    await world.run(`${year}-04`, [{ ...mine, communeCode: '30316' }], communes);
    expect((await person(commune, mine.personRef)).status).toBe(404);
    expect((await person({ ...commune, sub: 'op-commune-30316', communes: ['30316'] }, mine.personRef)).status).toBe(200);
    // A run of an earlier month priced later does not move them back.
    await world.run(`${year}-02`, [{ ...mine, communeCode: '30307' }], communes);
    expect((await person(commune, mine.personRef)).status).toBe(404);
  });

  it('leaves a person\'s commune row untouched by the next runs that find them where they were (no rewrite of every row every month)', async () => {
    const year = await world.freshYear();
    const communes = ['30307', '30316'];
    const stays = { personRef: randomUUID(), communeCode: '30307', programme: 'social_assistance' as const, groupCode: 'SA_CHILD_NO_SUPPORT_U4', ageYears: 2 };
    const row = () =>
      world.query<{ commune_code: string; month: string; version: string }>(
        'SELECT commune_code, month, xmin::text AS version FROM entitlement.person_communes WHERE person_ref = $1 AND programme = $2',
        [stays.personRef, 'social_assistance'],
      );
    await world.run(`${year}-03`, [stays], communes);
    const [first] = await row();
    expect(first).toMatchObject({ commune_code: '30307', month: `${year}-03` });
    await world.run(`${year}-04`, [stays], communes);
    await world.run(`${year}-05`, [stays], communes);
    expect(await row()).toEqual([first]);
    // A move is still recorded, from its month; an earlier month priced later still does not move them back.
    await world.run(`${year}-06`, [{ ...stays, communeCode: '30316' }], communes);
    expect(await row()).toEqual([expect.objectContaining({ commune_code: '30316', month: `${year}-06` })]);
    await world.run(`${year}-02`, [stays], communes);
    expect(await row()).toEqual([expect.objectContaining({ commune_code: '30316', month: `${year}-06` })]);
  });

  it('completes a run whose snapshot has no person: no chunk, chunkCount 0', async () => {
    const runId = randomUUID();
    await world.publish(snapshot(runId, '2026-11', []));

    const output = await world.outputOf(runId, completed);
    expect(ofType(output, EntitlementChunk)).toEqual([]);
    expect(ofType(output, EntitlementCompleted)).toEqual([{ runId, month: '2026-11', chunkCount: 0, totals: {}, notPaid: [] }]);
    const view = await world.http<{ status: string; chunkCount: number }>('GET', `/runs/${runId}/summary`, operator);
    expect(view.body).toMatchObject({ status: 'COMPLETED', chunkCount: 0 });
  });
});
