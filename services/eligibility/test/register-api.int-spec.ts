import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { authHeader, startService, type RunningService } from '@benefits/testing';
import { bearer, call, freshNationalId, isolatedDatabase, type TestDatabase } from './support';

jest.setTimeout(60_000);

interface Registered {
  personRef: string;
  decisionId: string;
  personCreated: boolean;
}

/** A poor elderly woman of phường Rạch Giá, paid into a Vietcombank account, with a fresh ID number. */
function newPerson(patch: { decision?: object; destination?: object } = {}) {
  return {
    nationalId: freshNationalId('female', '1944-06-20'),
    fullName: 'Nguyễn Thị Lan',
    sex: 'female',
    dateOfBirth: '1944-06-20',
    phone: '0912345678',
    household: { code: `HH-${randomUUID()}`, povertyYear: 2026, povertyStatus: 'poor' },
    residence: { communeCode: '30742', from: '1990-01-01' },
    decision: { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', decisionNumber: '12/QĐ-UBND', signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', ...patch.decision },
    destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789', ...patch.destination },
  };
}

describe('register API: single changes, life events and operator look-ups (the built service, real PostgreSQL)', () => {
  let service: RunningService;
  let url: string;
  let operator: Record<string, string>;
  let auditor: Record<string, string>;
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await isolatedDatabase('register');
    pool = new Pool({ connectionString: database.url, max: 2 });
    // The database is dropped WITH (FORCE) at the end: an idle connection cut then is expected, not a failure.
    pool.on('error', () => undefined);
    service = await startService('eligibility', { DATABASE_URL: database.url, WORKERS_ENABLED: 'false', NATIONAL_ID_MISSES_PER_HOUR: '3' });
    url = service.url;
    operator = await bearer(['operator']);
    auditor = await bearer(['auditor']);
  });
  afterAll(async () => {
    await service?.stop();
    await pool?.end();
    await database?.drop();
  });

  const register = (body: object, auth = operator) => call<Registered>(url, auth, 'POST', '/persons', body);
  const lifeEvent = (personRef: string, body: object, auth = operator) => call(url, auth, 'POST', `/persons/${personRef}/life-events`, body);
  const why = async (personRef: string, month: string) =>
    (await call<{ decisions: { payable: boolean; reason?: string; groupCode?: string; detail?: string }[] }>(url, auditor, 'GET', `/persons/${personRef}/eligibility?month=${month}`)).body.decisions[0];

  it('registers a person with a decision and a destination; a second decision keeps the person; the same one is refused', async () => {
    const person = newPerson();
    const first = await register(person);
    expect(first.status).toBe(201);
    expect(first.body.personCreated).toBe(true);
    const second = await register({ ...person, decision: { ...person.decision, programme: 'social_pension', groupCode: 'SOCIAL_PENSION', decisionNumber: '99/QĐ-UBND' } });
    expect(second.body).toMatchObject({ personRef: first.body.personRef, personCreated: false });
    // Her ID number typed for another person: the new decision would be hers, paid to her account. Refused.
    const stranger = await register({ ...person, fullName: 'Another Name', decision: { ...person.decision, programme: 'social_pension', groupCode: 'SOCIAL_PENSION', decisionNumber: '100/QĐ-UBND' } });
    expect(stranger.status).toBe(422);
    expect(stranger.body).toMatchObject({ code: 'INVALID_REGISTER_DATA', details: { problems: [expect.objectContaining({ field: 'fullName', code: 'NOT_THE_PERSON_ON_RECORD' })] } });
    expect(JSON.stringify(stranger.body)).not.toContain('Another Name');
    expect((await register(person)).status).toBe(409);
    const detail = (await call<{ fullName: string; decisions: unknown[]; nationalIdMasked: string; phoneMasked: string }>(url, auditor, 'GET', `/persons/${first.body.personRef}`)).body;
    expect(detail).toMatchObject({ fullName: 'Nguyễn Thị Lan', phoneMasked: '******5678' });
    expect(detail.decisions).toHaveLength(2);
    expect(JSON.stringify(detail)).not.toContain(person.nationalId);
    expect(JSON.stringify(detail)).not.toContain('0123456789');
  });

  it('keeps households of two communes apart when they use the same code: each keeps its own poverty status', async () => {
    const code = `HGD-${randomUUID().slice(0, 8)}`;
    const poor = await register({ ...newPerson(), household: { code, povertyYear: 2026, povertyStatus: 'poor' } });
    const other = await register({ ...newPerson(), household: { code, povertyYear: 2026, povertyStatus: 'none' }, residence: { communeCode: '30307', from: '1990-01-01' } });
    expect([poor.status, other.status]).toEqual([201, 201]);
    expect(await why(poor.body.personRef, '2026-11')).toMatchObject({ payable: true });
    expect(await why(other.body.personRef, '2026-11')).toMatchObject({ payable: false, reason: 'NOT_POOR' });
    const households = await pool.query(`SELECT DISTINCT household_id FROM eligibility.person WHERE id = ANY($1::uuid[])`, [[poor.body.personRef, other.body.personRef]]);
    expect(households.rowCount).toBe(2);
    // A second member of the first commune's household joins it.
    const member = await register({ ...newPerson(), household: { code, povertyYear: 2026, povertyStatus: 'poor' } });
    const joined = await pool.query(`SELECT count(DISTINCT household_id)::int AS n FROM eligibility.person WHERE id = ANY($1::uuid[])`, [[poor.body.personRef, member.body.personRef]]);
    expect(joined.rows[0].n).toBe(1);
  });

  it('keeps ID and account numbers encrypted at rest, found through their keyed hash', async () => {
    const person = newPerson();
    const { body } = await register(person);
    const [row] = (await pool.query(`SELECT national_id_cipher, national_id_hash, phone_cipher FROM eligibility.person WHERE id = $1`, [body.personRef])).rows;
    const [destination] = (await pool.query(`SELECT account_cipher, account_hash, account_last4, account_transport_cipher FROM eligibility.payment_destination WHERE person_id = $1`, [body.personRef])).rows;
    expect(JSON.stringify([row, destination])).not.toContain(person.nationalId);
    expect(JSON.stringify([row, destination])).not.toContain('0123456789');
    expect(row.national_id_cipher).toMatch(/^dev1:/);
    expect(destination).toMatchObject({ account_last4: '6789', account_transport_cipher: expect.stringMatching(/^transport-dev1:/) });
    expect(service.output.join('\n')).not.toContain(person.nationalId);
  });

  it('answers 422 with the JSON fields for invalid data, and 403 to an operator of another programme', async () => {
    const invalid = await register(newPerson({ destination: { bankBin: '970999' } }));
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'INVALID_REGISTER_DATA', details: { problems: [expect.objectContaining({ field: 'destination.bankBin', code: 'UNKNOWN_BANK' })] } });
    expect((await register(newPerson(), await bearer(['operator'], ['meritorious']))).status).toBe(403);
    expect((await register(newPerson(), auditor)).status).toBe(403);
  });

  it('refuses a user searches by ID number for the hour once too many found nobody (guessing the digits a masked ID hides)', async () => {
    const guesser = await authHeader({ sub: `guesser-${randomUUID()}`, roles: ['operator'], programmes: ['social_assistance', 'social_pension', 'meritorious'], provinceCode: '91' });
    const person = newPerson();
    expect((await register(person)).status).toBe(201);
    const byId = (nationalId: string) => call<{ persons: { personRef: string }[] }>(url, guesser, 'POST', '/persons/search', { nationalId });
    // Finding the person costs nothing; three misses (the limit here) are answered, the next search by ID is not.
    expect((await byId(person.nationalId)).body.persons).toHaveLength(1);
    for (let i = 0; i < 3; i++) expect((await byId(freshNationalId('female', '1950-06-20'))).body).toEqual({ persons: [] });
    expect((await byId(person.nationalId)).body).toEqual(expect.objectContaining({ code: 'RATE_LIMITED' }));
    // Other users, and this user's other searches, are not held back.
    expect((await call<{ persons: object[] }>(url, guesser, 'POST', '/persons/search', { name: person.fullName })).body.persons.length).toBeGreaterThan(0);
    expect((await call<{ persons: object[] }>(url, auditor, 'POST', '/persons/search', { nationalId: person.nationalId })).body.persons).toHaveLength(1);
  });

  it('finds persons by ID number, by name without diacritics, and by commune', async () => {
    const person = newPerson();
    const { body } = await register({ ...person, fullName: 'Đặng Thị Tuyết Nhung', residence: { communeCode: '30316', from: '2001-01-01' } });
    const search = async (query: object) => {
      const { status, body } = await call<{ persons: { personRef: string }[] }>(url, auditor, 'POST', '/persons/search', query);
      return { status, body: body.persons ?? [] };
    };
    expect((await search({ nationalId: person.nationalId })).body.map((p) => p.personRef)).toEqual([body.personRef]);
    expect((await search({ name: 'dang thi tuyet nhung', limit: 200 })).body.map((p) => p.personRef)).toContain(body.personRef);
    expect((await search({ name: 'tuyết nhung', communeCode: '30316', limit: 200 })).body.map((p) => p.personRef)).toContain(body.personRef);
    expect((await search({})).status).toBe(422);
  });

  it('suspends and resumes with arrears: the suspended months become payable again', async () => {
    const { body } = await register(newPerson());
    expect((await lifeEvent(body.personRef, { kind: 'suspended', effectiveOn: '2026-08-01', reason: 'refused re-assessment' })).status).toBe(201);
    expect(await why(body.personRef, '2026-09')).toMatchObject({ payable: false, reason: 'SUSPENDED', detail: expect.stringContaining('refused re-assessment') });
    expect((await lifeEvent(body.personRef, { kind: 'suspended', effectiveOn: '2026-08-01', reason: 'again' })).body).toMatchObject({ changed: false });
    expect((await lifeEvent(body.personRef, { kind: 'resumed', effectiveOn: '2026-10-01', withArrears: true })).status).toBe(201);
    expect(await why(body.personRef, '2026-09')).toMatchObject({ payable: true, groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT_80' });
    const history = (await call<{ statusHistory: { status: string }[] }[]>(url, auditor, 'GET', `/persons/${body.personRef}/decisions`)).body[0].statusHistory;
    expect(history.map((h) => h.status)).toEqual(['active', 'suspended', 'active']);
  });

  it('stops from the month after death, and after a move out of the province; a move within keeps paying', async () => {
    const dead = (await register(newPerson())).body.personRef;
    await lifeEvent(dead, { kind: 'death', effectiveOn: '2026-10-14' });
    expect(await why(dead, '2026-10')).toMatchObject({ payable: true });
    expect(await why(dead, '2026-11')).toMatchObject({ payable: false, reason: 'DECEASED' });

    const mover = (await register(newPerson())).body.personRef;
    expect((await lifeEvent(mover, { kind: 'moved_within_province', effectiveOn: '2026-09-10', communeCode: '30307' })).status).toBe(201);
    expect(await why(mover, '2026-10')).toMatchObject({ payable: true });
    expect((await lifeEvent(mover, { kind: 'moved_out_of_province', effectiveOn: '2026-10-10', provinceCode: '79' })).status).toBe(201);
    expect(await why(mover, '2026-10')).toMatchObject({ payable: true });
    expect(await why(mover, '2026-11')).toMatchObject({ payable: false, reason: 'MOVED_OUT_OF_PROVINCE' });
  });

  it('keeps the address of each residence, registered and moved to, and leaves it out of the move event', async () => {
    const person = (await register({ ...newPerson(), residence: { communeCode: '30742', from: '1990-01-01', address: 'Tổ 7, khóm Vĩnh Lợi' } })).body.personRef;
    expect((await lifeEvent(person, { kind: 'moved_within_province', effectiveOn: '2026-09-10', communeCode: '30307', address: 'Ấp Phú Hòa 2' })).status).toBe(201);
    const detail = (await call<{ residences: object[] }>(url, auditor, 'GET', `/persons/${person}`)).body;
    expect(detail.residences).toEqual([
      { communeCode: '30742', provinceCode: '91', address: 'Tổ 7, khóm Vĩnh Lợi', from: '1990-01-01', to: '2026-09-09' },
      { communeCode: '30307', provinceCode: '91', address: 'Ấp Phú Hòa 2', from: '2026-09-10' },
    ]);
    const events = (await pool.query(`SELECT envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [person])).rows;
    expect(JSON.stringify(events)).not.toContain('Phú Hòa');
    // Too long: refused with the field named, nothing written.
    const tooLong = await lifeEvent(person, { kind: 'moved_within_province', effectiveOn: '2026-10-10', communeCode: '30316', address: 'Ấ'.repeat(201) });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(tooLong.body)).toContain('address');
    expect((await call<{ residences: object[] }>(url, auditor, 'GET', `/persons/${person}`)).body.residences).toHaveLength(2);
  });

  it("lets a commune's staff read the files their commune holds, and no other; province staff read all", async () => {
    const rachGia = await authHeader({ sub: 'test-operator-rach-gia', roles: ['operator'], programmes: ['social_assistance', 'social_pension', 'meritorious'], communeCodes: ['30742'] });
    const fullName = `Đặng Thị Phạm ${randomUUID().slice(0, 8)}`;
    const ours = (await register({ ...newPerson(), fullName })).body.personRef;
    const theirs = (await register({ ...newPerson(), fullName, residence: { communeCode: '30307', from: '1990-01-01' } })).body.personRef;

    for (const path of ['', '/decisions', '/eligibility?month=2026-11']) {
      expect((await call(url, rachGia, 'GET', `/persons/${ours}${path}`)).status).toBe(200);
      const refused = await call<{ code: string }>(url, rachGia, 'GET', `/persons/${theirs}${path}`);
      expect([refused.status, refused.body.code]).toEqual([403, 'COMMUNE_NOT_ALLOWED']);
      expect((await call(url, auditor, 'GET', `/persons/${theirs}${path}`)).status).toBe(200);
    }
    const found = async (auth: Record<string, string>) =>
      (await call<{ persons: { personRef: string }[] }>(url, auth, 'POST', '/persons/search', { name: fullName })).body.persons.map((p) => p.personRef).sort();
    expect(await found(rachGia)).toEqual([ours]);
    expect(await found(auditor)).toEqual([ours, theirs].sort());
    // Moved away to a commune of the province: the new commune holds the file now.
    expect((await lifeEvent(ours, { kind: 'moved_within_province', effectiveOn: '2026-09-10', communeCode: '30307' })).status).toBe(201);
    expect((await call(url, rachGia, 'GET', `/persons/${ours}`)).status).toBe(403);
    expect(await found(rachGia)).toEqual([]);
  });

  it("pages a search in SQL: a commune's staff get full pages of the files they hold and a cursor to the rest, none twice, same names included", async () => {
    const rachGia = await authHeader({ sub: 'test-operator-rach-gia', roles: ['operator'], programmes: ['social_assistance', 'social_pension', 'meritorious'], communeCodes: ['30742'] });
    const fullName = `Đặng Văn Trùng ${randomUUID().slice(0, 8)}`;
    const refs: string[] = [];
    for (let i = 0; i < 6; i++) refs.push((await register({ ...newPerson(), fullName })).body.personRef);
    // Half of them move to Long Xuyên: their files leave Rạch Giá, wherever they sort among the others.
    const moved = refs.slice(0, 3);
    for (const ref of moved) expect((await lifeEvent(ref, { kind: 'moved_within_province', effectiveOn: '2026-09-10', communeCode: '30307' })).status).toBe(201);
    const pages = async (auth: Record<string, string>) => {
      const sizes: number[] = [];
      const found: string[] = [];
      let cursor: string | undefined;
      do {
        const { status, body } = await call<{ persons: { personRef: string }[]; nextCursor?: string }>(url, auth, 'POST', '/persons/search', { name: fullName, limit: 2, ...(cursor && { cursor }) });
        expect(status).toBe(200);
        sizes.push(body.persons.length);
        found.push(...body.persons.map((p) => p.personRef));
        cursor = body.nextCursor;
      } while (cursor && sizes.length < 10);
      return { sizes, found };
    };
    const ours = refs.filter((ref) => !moved.includes(ref)).sort();
    const asRachGia = await pages(rachGia);
    expect(asRachGia.sizes).toEqual([2, 1]);
    expect([...asRachGia.found].sort()).toEqual(ours);
    const asAuditor = await pages(auditor);
    expect(asAuditor.sizes).toEqual([2, 2, 2]);
    expect([...asAuditor.found].sort()).toEqual([...refs].sort());
    expect((await call(url, rachGia, 'POST', '/persons/search', { name: fullName, cursor: 'not-a-cursor' })).status).toBe(422);
  });

  it("shows an operator the decisions of their own programmes only, and the life events about them; approvers and auditors see all", async () => {
    const person = newPerson();
    const { personRef } = (await register(person)).body;
    const merit = { programme: 'meritorious', groupCode: 'NCC_MARTYR_RELATIVE_1', decisionNumber: '45/QĐ-UBND' };
    expect((await register({ ...person, decision: { ...person.decision, ...merit } })).status).toBe(201);
    expect((await lifeEvent(personRef, { kind: 'suspended', effectiveOn: '2026-08-01', reason: 'refused re-assessment', programme: 'social_assistance' })).status).toBe(201);
    expect((await lifeEvent(personRef, { kind: 'poverty_status_changed', effectiveOn: '2026-01-01', year: 2026, povertyStatus: 'near_poor' })).status).toBe(201);

    const homeAffairs = await bearer(['operator'], ['meritorious']);
    const health = await bearer(['operator'], ['social_assistance', 'social_pension']);
    type Detail = { programmes: string[]; decisions: { programme: string }[]; lifeEvents: { kind: string; details: { decisionIds?: string[] } }[] };
    const detail = async (auth: Record<string, string>) => (await call<Detail>(url, auth, 'GET', `/persons/${personRef}`)).body;
    const programmesOf = (decisions: { programme: string }[]) => decisions.map((d) => d.programme).sort();

    const asHomeAffairs = await detail(homeAffairs);
    expect(asHomeAffairs.programmes).toEqual(['meritorious']);
    expect(programmesOf(asHomeAffairs.decisions)).toEqual(['meritorious']);
    // The suspension of the social-assistance decision is not theirs; the household's poverty status is the person's.
    expect(asHomeAffairs.lifeEvents.map((e) => e.kind)).toEqual(['poverty_status_changed']);
    const asHealth = await detail(health);
    expect(programmesOf(asHealth.decisions)).toEqual(['social_assistance']);
    expect(asHealth.lifeEvents.map((e) => e.kind)).toEqual(['suspended', 'poverty_status_changed']);
    expect(JSON.stringify(asHealth)).not.toContain(asHomeAffairs.decisions.map((d) => (d as { decisionId?: string }).decisionId)[0]);

    expect(programmesOf((await call<{ programme: string }[]>(url, homeAffairs, 'GET', `/persons/${personRef}/decisions`)).body)).toEqual(['meritorious']);
    expect(programmesOf((await call<{ decisions: { programme: string }[] }>(url, homeAffairs, 'GET', `/persons/${personRef}/eligibility?month=2026-09`)).body.decisions)).toEqual(['meritorious']);
    const found = (await call<{ persons: { programmes: string[] }[] }>(url, homeAffairs, 'POST', '/persons/search', { nationalId: person.nationalId })).body.persons;
    expect(found.map((p) => p.programmes)).toEqual([['meritorious']]);

    for (const reader of [auditor, await bearer(['approver'], [])]) {
      const all = await detail(reader);
      expect(programmesOf(all.decisions)).toEqual(['meritorious', 'social_assistance']);
      expect(all.lifeEvents).toHaveLength(2);
    }
  });

  it('names in a death event the commune the person lived in on the day they died (a run of that commune pays the funeral support)', async () => {
    const person = (await register(newPerson())).body.personRef;
    expect((await lifeEvent(person, { kind: 'moved_within_province', effectiveOn: '2026-09-10', communeCode: '30307' })).status).toBe(201);
    // The same move reported again changes nothing.
    expect(await lifeEvent(person, { kind: 'moved_within_province', effectiveOn: '2026-09-10', communeCode: '30307' })).toMatchObject({ status: 200, body: { changed: false } });
    await lifeEvent(person, { kind: 'death', effectiveOn: '2026-10-14' });
    // A move recorded after the death, dated after it, does not change where they died.
    expect((await lifeEvent(person, { kind: 'moved_within_province', effectiveOn: '2026-10-20', communeCode: '30316' })).status).toBe(201);
    const events = (await pool.query(`SELECT envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [person])).rows;
    const deaths = events.map((e) => e.envelope.payload).filter((p) => p.kind === 'death');
    expect(deaths).toEqual([expect.objectContaining({ effectiveOn: '2026-10-14', details: { communeCode: '30307' } })]);
  });

  it('applies poverty status, end of studies and a new destination, and publishes each as LifeEventRecorded (outbox)', async () => {
    const person = (await register(newPerson())).body.personRef;
    await lifeEvent(person, { kind: 'poverty_status_changed', effectiveOn: '2026-11-01', year: 2026, povertyStatus: 'none' });
    expect(await why(person, '2026-11')).toMatchObject({ payable: false, reason: 'NOT_POOR' });

    const youth = (await register(newPerson({ decision: { groupCode: 'SA_CHILD_NO_SUPPORT', decisionNumber: '3/QĐ' } }))).body.personRef;
    await pool.query(`UPDATE eligibility.person SET date_of_birth = '2008-03-01' WHERE id = $1`, [youth]);
    await pool.query(`UPDATE eligibility.decision SET attributes = '{"studyPeriods":[{"from":"2023-09-01"}]}' WHERE person_id = $1`, [youth]);
    expect(await why(youth, '2026-10')).toMatchObject({ payable: true, groupCode: 'SA_YOUTH_STUDYING_16_22' });
    expect((await lifeEvent(youth, { kind: 'studying_ended', effectiveOn: '2026-10-31' })).status).toBe(201);
    expect(await why(youth, '2026-11')).toMatchObject({ payable: false, reason: 'AGE_OUT_OF_RANGE' });

    const changed = await lifeEvent(person, { kind: 'payment_destination_changed', effectiveOn: '2026-11-15', destination: { channel: 'post_office_cash', cashPointCode: 'CP-30742-01' } });
    expect(changed.status).toBe(201);
    // The same change reported again changes nothing (no second row, no second event).
    const again = await lifeEvent(person, { kind: 'payment_destination_changed', effectiveOn: '2026-11-15', destination: { channel: 'post_office_cash', cashPointCode: 'CP-30742-01' } });
    expect(again).toMatchObject({ status: 200, body: { changed: false } });
    const detail = (await call<{ destinations: { channel: string }[] }>(url, auditor, 'GET', `/persons/${person}`)).body;
    expect(detail.destinations.map((d) => d.channel)).toEqual(['post_office_cash', 'bank']);

    const events = (await pool.query(`SELECT key, envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = ANY($1) ORDER BY id`, [[person, youth]])).rows;
    expect(events.map((e) => e.envelope.payload.kind)).toEqual(['poverty_status_changed', 'studying_ended', 'payment_destination_changed']);
    expect(events[2].envelope.payload).toMatchObject({ personRef: person, programmes: ['social_assistance'], details: { channel: 'post_office_cash', cashPointCode: 'CP-30742-01' } });
  });

  it('tells entitlement, for each care allowance held for a person who died, that it ends (cared_for_died, keyed by the holder)', async () => {
    const childId = freshNationalId('male', '2021-05-01');
    const registered = await register({ ...newPerson({ decision: { groupCode: 'SA_CHILD_NO_SUPPORT', decisionNumber: 'C-1/QĐ' } }), nationalId: childId, sex: 'male', dateOfBirth: '2021-05-01', residence: { communeCode: '30742', from: '2021-05-01' } });
    expect(registered.status).toBe(201);
    const child = registered.body;
    const fosterMother = await register(newPerson({ decision: { groupCode: 'CARE_FOSTER_CHILD', decisionNumber: 'F-1/QĐ', caredForNationalId: childId } }));
    expect(fosterMother.status).toBe(201);
    const mother = fosterMother.body;
    expect(await why(mother.personRef, '2026-10')).toMatchObject({ payable: true });

    expect((await lifeEvent(child.personRef, { kind: 'death', effectiveOn: '2026-10-14' })).status).toBe(201);
    expect(await why(mother.personRef, '2026-10')).toMatchObject({ payable: true });
    expect(await why(mother.personRef, '2026-11')).toMatchObject({ payable: false, reason: 'CARED_FOR_DECEASED' });
    const events = (await pool.query(`SELECT key, envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [mother.personRef])).rows;
    expect(events.map((e) => e.envelope.payload)).toEqual([
      {
        personRef: mother.personRef,
        kind: 'cared_for_died',
        effectiveOn: '2026-10-14',
        programmes: ['social_assistance'],
        details: { decisionId: mother.decisionId, decisionNumber: 'F-1/QĐ', groupCode: 'CARE_FOSTER_CHILD', caredForRef: child.personRef },
      },
    ]);
    // The same death reported again changes nothing, and tells nothing again.
    expect((await lifeEvent(child.personRef, { kind: 'death', effectiveOn: '2026-10-14' })).body).toMatchObject({ changed: false });
    expect((await pool.query(`SELECT 1 FROM eligibility.outbox WHERE key = $1`, [mother.personRef])).rows).toHaveLength(1);
    // Another date is refused, not applied here alone: entitlement paid funeral support and recovered by the first one.
    const corrected = await lifeEvent(child.personRef, { kind: 'death', effectiveOn: '2026-08-05' });
    expect(corrected).toMatchObject({ status: 409, body: { code: 'DEATH_ALREADY_RECORDED', details: { recordedOn: '2026-10-14' } } });
    expect(await why(mother.personRef, '2026-10')).toMatchObject({ payable: true });
  });

  it('refuses a death dated before the date of birth on record (a year typed wrong), recording nothing', async () => {
    const person = (await register(newPerson())).body.personRef;
    const refused = await lifeEvent(person, { kind: 'death', effectiveOn: '1925-03-01' });
    expect(refused).toMatchObject({ status: 422, body: { code: 'INVALID_LIFE_EVENT', details: { problems: [{ field: 'effectiveOn', code: 'BEFORE_BIRTH' }] } } });
    expect((await pool.query(`SELECT date_of_death FROM eligibility.person WHERE id = $1`, [person])).rows).toEqual([{ date_of_death: null }]);
    expect((await pool.query(`SELECT 1 FROM eligibility.life_event WHERE person_id = $1`, [person])).rows).toHaveLength(0);
    expect((await lifeEvent(person, { kind: 'death', effectiveOn: '2026-10-14' })).status).toBe(201);
  });

  it('records the funeral organiser of a death, encrypted like any destination, and publishes no name nor whole account', async () => {
    const dead = (await register(newPerson())).body.personRef;
    const organiser = { fullName: 'Trần Văn Minh', relationship: 'con trai', destination: { channel: 'bank', bankBin: '970436', accountNumber: '0071000123456' } };
    const death = await lifeEvent(dead, { kind: 'death', effectiveOn: '2026-10-14', funeralOrganiser: organiser });
    expect(death.status).toBe(201);
    const [row] = (await pool.query(`SELECT purpose, payee_relationship, holder_name, account_cipher, account_last4, to_char(valid_from, 'YYYY-MM-DD') AS valid_from
                                       FROM eligibility.payment_destination WHERE person_id = $1 AND purpose = 'funeral'`, [dead])).rows;
    expect(row).toMatchObject({ purpose: 'funeral', payee_relationship: 'con trai', holder_name: 'Trần Văn Minh', account_last4: '3456', valid_from: '2026-10-14' });
    expect(row.account_cipher).not.toContain('0071000123456');
    // The funeral row never replaces the person's own destination: the register shows both, by purpose.
    const detail = (await call<{ destinations: { purpose: string; channel: string; payeeRelationship?: string; accountMasked?: string }[] }>(url, auditor, 'GET', `/persons/${dead}`)).body;
    expect(detail.destinations).toEqual([
      expect.objectContaining({ purpose: 'funeral', channel: 'bank', payeeRelationship: 'con trai', accountMasked: '******3456' }),
      expect.objectContaining({ purpose: 'regular', channel: 'bank' }),
    ]);
    const [event] = (await pool.query(`SELECT envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [dead])).rows;
    expect(event.envelope.payload).toMatchObject({
      kind: 'death',
      details: { funeralOrganiser: true, organiserRelationship: 'con trai', organiserChannel: 'bank', organiserBankBin: '970436', organiserAccountLast4: '3456', communeCode: '30742' },
    });
    expect(JSON.stringify(event.envelope)).not.toMatch(/0071000123456|Trần Văn Minh/);

    expect((await lifeEvent(dead, { kind: 'death', effectiveOn: '2026-10-14', funeralOrganiser: organiser })).body).toMatchObject({ changed: false });
    expect((await lifeEvent(dead, { kind: 'death', effectiveOn: '2026-10-14' })).body).toMatchObject({ changed: false });
    const byCommune = { fullName: 'UBND xã Vĩnh Hòa', relationship: 'không có thân nhân', destination: { channel: 'post_office_cash', cashPointCode: 'CP-30742-01' } };
    expect((await lifeEvent(dead, { kind: 'death', effectiveOn: '2026-10-14', funeralOrganiser: byCommune })).status).toBe(201);
    const bad = await lifeEvent(dead, { kind: 'death', effectiveOn: '2026-10-14', funeralOrganiser: { ...organiser, relationship: '', destination: { channel: 'bank', bankBin: '970436', accountNumber: '12' } } });
    expect(bad.status).toBe(422);
    expect((bad.body as { details: { problems: { field: string }[] } }).details.problems.map((p) => p.field)).toEqual([
      'funeralOrganiser.relationship',
      'funeralOrganiser.destination.accountNumber',
    ]);
  });

  it('refuses bad life events clearly', async () => {
    const person = (await register(newPerson())).body.personRef;
    expect((await lifeEvent(person, { kind: 'suspended', effectiveOn: '2026-08-01' })).body).toMatchObject({ code: 'INVALID_LIFE_EVENT' });
    expect((await lifeEvent(person, { kind: 'moved_within_province', effectiveOn: '1980-01-01', communeCode: '30307' })).status).toBe(422);
    expect((await lifeEvent(randomUUID(), { kind: 'death', effectiveOn: '2026-10-01' })).status).toBe(404);
    expect((await lifeEvent(person, { kind: 'death', effectiveOn: '2026-10-01' }, auditor)).status).toBe(403);
    expect((await call(url, auditor, 'GET', `/persons/${person}/eligibility?month=2026-13`)).status).toBe(400);
  });

  it('never writes a whole ID number to its logs', () => {
    // Twelve digits standing alone; not the last group of a UUID (after a '-'), which may be all digits by chance.
    expect(service.output.filter((line) => /(?<![\w-])\d{12}(?![\w-])/.test(line))).toEqual([]);
  });
});
