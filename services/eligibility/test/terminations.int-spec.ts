import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { authHeader, startService, type RunningService } from '@benefits/testing';
import type { ImportReport } from '../src/imports/import-report';
import { ALL_PROGRAMMES, bearer, call, csvOf, freshNationalId, freshRows, isolatedDatabase, uploadRaw, type TestDatabase } from './support';

jest.setTimeout(60_000);

interface Registered {
  personRef: string;
  decisionId: string;
}

interface ErrorBody {
  code: string;
  message: string;
  details?: { problems?: { field: string; code: string }[]; communeCode?: string; terminatedFrom?: string; reasonCode?: string } & Partial<ImportReport>;
}

const RACH_GIA = '30742';
const LONG_XUYEN = '30307';

/** A poor elderly woman of the given commune, on social assistance since 2025-09-10, with a fresh ID number. */
function newPerson(communeCode = RACH_GIA) {
  return {
    nationalId: freshNationalId('female', '1944-06-20'),
    fullName: 'Nguyễn Thị Lan',
    sex: 'female',
    dateOfBirth: '1944-06-20',
    household: { code: `HH-${randomUUID()}`, povertyYear: 2026, povertyStatus: 'poor' },
    residence: { communeCode, from: '1990-01-01' },
    decision: { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', decisionNumber: '12/QĐ-UBND', signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10' },
    destination: { channel: 'bank', bankBin: '970436', accountNumber: '0123456789' },
  };
}

/** The commune chairman's decision ending the benefit: last day paid 2026-06-30. */
const TERMINATION = { effectiveTo: '2026-06-30', reasonCode: 'NO_LONGER_ELIGIBLE', decisionNumber: '45/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-07-05' };

describe('terminating a decision, and the commune scope of every write (the built service, real PostgreSQL)', () => {
  let service: RunningService;
  let url: string;
  let operator: Record<string, string>;
  let auditor: Record<string, string>;
  /** An operator of the People's Committee of phường Long Xuyên only. */
  let longXuyen: Record<string, string>;
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await isolatedDatabase('terminations');
    pool = new Pool({ connectionString: database.url, max: 2 });
    pool.on('error', () => undefined);
    service = await startService('eligibility', { DATABASE_URL: database.url, WORKERS_ENABLED: 'false' });
    url = service.url;
    operator = await bearer(['operator']);
    auditor = await bearer(['auditor']);
    longXuyen = await authHeader({ sub: 'test-operator-long-xuyen', roles: ['operator'], programmes: [...ALL_PROGRAMMES], communeCodes: [LONG_XUYEN] });
  });
  afterAll(async () => {
    await service?.stop();
    await pool?.end();
    await database?.drop();
  });

  const register = async (body: object, auth = operator) => call<Registered & ErrorBody>(url, auth, 'POST', '/persons', body);
  const registered = async (communeCode = RACH_GIA) => {
    const answer = await register(newPerson(communeCode));
    expect(answer.status).toBe(201);
    return answer.body;
  };
  const terminate = (who: Registered, body: object, auth = operator) =>
    call<Record<string, unknown> & ErrorBody>(url, auth, 'POST', `/persons/${who.personRef}/decisions/${who.decisionId}/terminate`, body);
  const lifeEvent = (personRef: string, body: object, auth = operator) => call<ErrorBody & { changed?: boolean }>(url, auth, 'POST', `/persons/${personRef}/life-events`, body);
  const why = async (personRef: string, month: string) =>
    (await call<{ decisions: { payable: boolean; reason?: string; decisionReasonCode?: string; detail?: string }[] }>(url, auditor, 'GET', `/persons/${personRef}/eligibility?month=${month}`)).body.decisions[0];

  describe('POST /persons/:personRef/decisions/:decisionId/terminate', () => {
    it('corrects a resumption recorded without arrears: recorded again for its day with arrears, the suspended months are owed', async () => {
      const person = await registered();
      expect((await lifeEvent(person.personRef, { kind: 'suspended', effectiveOn: '2026-04-01', reason: 'in custody' })).status).toBe(201);
      expect((await lifeEvent(person.personRef, { kind: 'resumed', effectiveOn: '2026-07-01' })).status).toBe(201);
      expect(await why(person.personRef, '2026-05')).toMatchObject({ payable: false, reason: 'SUSPENDED' });
      // The operator meant arrears: the same resumption again, with them.
      expect((await lifeEvent(person.personRef, { kind: 'resumed', effectiveOn: '2026-07-01', withArrears: true })).body).toMatchObject({ changed: true });
      expect(await why(person.personRef, '2026-05')).toMatchObject({ payable: true });
      // Repeats change nothing, and arrears once granted are not taken back by a resumption without them.
      expect((await lifeEvent(person.personRef, { kind: 'resumed', effectiveOn: '2026-07-01', withArrears: true })).body).toMatchObject({ changed: false });
      expect((await lifeEvent(person.personRef, { kind: 'resumed', effectiveOn: '2026-07-01' })).body).toMatchObject({ changed: false });
      expect(await why(person.personRef, '2026-05')).toMatchObject({ payable: true });
    });

    it('names in a death only the programmes the person was a beneficiary of that day (entitlement pays funeral support for those)', async () => {
      const deathOf = async (who: Registered) => {
        expect((await lifeEvent(who.personRef, { kind: 'death', effectiveOn: '2026-10-14' })).status).toBe(201);
        const events = (await pool.query(`SELECT envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [who.personRef])).rows;
        return events.map((e) => e.envelope.payload).find((payload) => payload.kind === 'death');
      };
      expect(await deathOf(await registered())).toMatchObject({ kind: 'death', programmes: ['social_assistance'] });
      // Terminated from July (a pension of their own since): no beneficiary when they died in October.
      const terminated = await registered();
      expect((await terminate(terminated, TERMINATION)).status).toBe(201);
      expect(await deathOf(terminated)).toMatchObject({ kind: 'death', programmes: [] });
      // Lived in Vĩnh Hội Đông, recorded under its old code (30370): it went into An Phú (30337) on 2025-07-01, whose
      // runs pay the funeral support.
      const oldUnit = await register(newPerson('30370'));
      expect(oldUnit.status).toBe(201);
      expect(await deathOf(oldUnit.body)).toMatchObject({ kind: 'death', details: { communeCode: '30337' } });
    });

    it('terminates: the month of the last day paid is paid, the months after are not, with the reason code', async () => {
      const person = await registered();
      const answer = await terminate(person, TERMINATION);
      expect(answer.status).toBe(201);
      expect(answer.body).toMatchObject({
        personRef: person.personRef,
        decisionId: person.decisionId,
        reasonCode: 'NO_LONGER_ELIGIBLE',
        lastDayPaid: '2026-06-30',
        terminatedFrom: '2026-07-01',
        firstMonthNotPaid: '2026-07',
        byDecision: { decisionNumber: '45/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-07-05' },
      });
      expect(await why(person.personRef, '2026-06')).toMatchObject({ payable: true });
      expect(await why(person.personRef, '2026-07')).toMatchObject({ payable: false, reason: 'TERMINATED', decisionReasonCode: 'NO_LONGER_ELIGIBLE' });
      expect(await why(person.personRef, '2026-12')).toMatchObject({ payable: false, reason: 'TERMINATED' });

      // Append-only: the old status row stays, the termination is a new one, with the decision that made it.
      const [decision] = (await call<{ status: string; effectiveFrom: string; statusHistory: Record<string, unknown>[] }[]>(url, auditor, 'GET', `/persons/${person.personRef}/decisions`)).body;
      expect(decision).toMatchObject({ status: 'terminated', effectiveFrom: '2025-09-10' });
      expect(decision.statusHistory).toEqual([
        expect.objectContaining({ status: 'active', validFrom: '2025-09-10' }),
        expect.objectContaining({
          status: 'terminated',
          validFrom: '2026-07-01',
          lastDayPaid: '2026-06-30',
          reasonCode: 'NO_LONGER_ELIGIBLE',
          byDecision: { decisionNumber: '45/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-07-05' },
          recordedBy: 'test-operator',
        }),
      ]);
      const detail = (await call<{ lifeEvents: { kind: string; effectiveOn: string }[] }>(url, auditor, 'GET', `/persons/${person.personRef}`)).body;
      expect(detail.lifeEvents).toEqual([expect.objectContaining({ kind: 'decision_terminated', effectiveOn: '2026-06-30' })]);
      const [event] = (await pool.query(`SELECT envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [person.personRef])).rows;
      expect(event.envelope).toMatchObject({
        type: 'LifeEventRecorded',
        payload: {
          personRef: person.personRef,
          kind: 'decision_terminated',
          effectiveOn: '2026-06-30',
          programmes: ['social_assistance'],
          details: {
            decisionId: person.decisionId,
            groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT',
            reasonCode: 'NO_LONGER_ELIGIBLE',
            lastDayPaid: '2026-06-30',
            firstMonthNotPaid: '2026-07',
            byDecisionNumber: '45/QĐ-UBND',
          },
        },
      });
    });

    it('refuses a second termination (409), even with other dates; a later suspension or resumption changes nothing', async () => {
      const person = await registered();
      expect((await terminate(person, TERMINATION)).status).toBe(201);
      const again = await terminate(person, TERMINATION);
      expect(again).toMatchObject({ status: 409, body: { code: 'DECISION_ALREADY_TERMINATED', details: { terminatedFrom: '2026-07-01', reasonCode: 'NO_LONGER_ELIGIBLE' } } });
      expect((await terminate(person, { ...TERMINATION, effectiveTo: '2026-03-31', reasonCode: 'DUPLICATE' })).status).toBe(409);
      expect((await lifeEvent(person.personRef, { kind: 'suspended', effectiveOn: '2026-08-01', reason: 'in custody' })).body).toMatchObject({ changed: false });
      const statuses = (await pool.query(`SELECT status FROM eligibility.decision_status WHERE decision_id = $1 ORDER BY id`, [person.decisionId])).rows;
      expect(statuses.map((s) => s.status)).toEqual(['active', 'terminated']);
    });

    it('terminates a suspended decision: a termination is final', async () => {
      const person = await registered();
      expect((await lifeEvent(person.personRef, { kind: 'suspended', effectiveOn: '2026-09-01', reason: 'refused re-assessment' })).status).toBe(201);
      expect((await terminate(person, { ...TERMINATION, effectiveTo: '2026-08-31', reasonCode: 'OTHER', note: 'taken into a social protection centre' })).status).toBe(201);
      expect((await lifeEvent(person.personRef, { kind: 'resumed', effectiveOn: '2026-10-01', withArrears: true })).body).toMatchObject({ changed: false });
      expect(await why(person.personRef, '2026-09')).toMatchObject({ payable: false, reason: 'TERMINATED', decisionReasonCode: 'OTHER', detail: expect.stringContaining('social protection centre') });
    });

    it('answers 422 naming the field for bad dates and values, and 404 for a decision that is not the person\'s', async () => {
      const person = await registered();
      const problems = async (body: object) => {
        const answer = await terminate(person, body);
        expect([answer.status, answer.body.code]).toEqual([422, 'INVALID_TERMINATION']);
        return answer.body.details?.problems?.map((p) => [p.field, p.code]);
      };
      expect(await problems({ ...TERMINATION, effectiveTo: '2026-02-30' })).toEqual([['effectiveTo', 'INVALID_DATE']]);
      expect(await problems({ ...TERMINATION, effectiveTo: '2025-08-31' })).toEqual([['effectiveTo', 'BEFORE_EFFECTIVE_FROM']]);
      expect(await problems({ ...TERMINATION, signedOn: '2099-01-01' })).toEqual([['signedOn', 'DATE_IN_FUTURE']]);
      expect(await problems({ ...TERMINATION, signedOn: '2025-09-01' })).toEqual([['signedOn', 'BEFORE_DECISION_SIGNED']]);
      expect(await problems({ ...TERMINATION, reasonCode: 'DECEASED' })).toEqual([['reasonCode', 'RECORDED_AS_LIFE_EVENT']]);
      expect(await problems({ ...TERMINATION, signingLevel: 'district' })).toEqual([['signingLevel', 'DISTRICT_ABOLISHED']]);
      expect((await terminate(person, { ...TERMINATION, approvedBy: 'me' })).status).toBe(400);
      expect(await why(person.personRef, '2026-07')).toMatchObject({ payable: true });

      const other = await registered();
      expect((await terminate({ personRef: person.personRef, decisionId: other.decisionId }, TERMINATION)).body.code).toBe('DECISION_NOT_FOUND');
      expect((await terminate({ personRef: randomUUID(), decisionId: person.decisionId }, TERMINATION)).body.code).toBe('PERSON_NOT_FOUND');
      expect((await terminate(person, TERMINATION, await bearer(['operator'], ['meritorious']))).body.code).toBe('PROGRAMME_NOT_ALLOWED');
      expect((await terminate(person, TERMINATION, auditor)).status).toBe(403);
    });
  });

  describe('POST /persons/:personRef/decisions/:decisionId/amend', () => {
    /** A man with a severe disability (certificate 2025-08-20), re-assessed as especially severe from August 2026. */
    const disabled = () => ({
      ...newPerson(),
      nationalId: freshNationalId('male', '1980-03-03'),
      fullName: 'Trần Văn Bình',
      sex: 'male',
      dateOfBirth: '1980-03-03',
      decision: { programme: 'social_assistance', groupCode: 'SA_DISABLED_SEVERE', decisionNumber: '12/QĐ-UBND', signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', certificateDate: '2025-08-20' },
    });
    const AMENDMENT = { effectiveFrom: '2026-08-01', decisionNumber: '88/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-10-20', groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE', certificateDate: '2026-07-15' };
    const amend = (who: Registered, body: object, auth = operator) =>
      call<Record<string, unknown> & ErrorBody>(url, auth, 'POST', `/persons/${who.personRef}/decisions/${who.decisionId}/amend`, body);
    const whyAll = async (personRef: string, month: string) =>
      (await call<{ decisions: { decisionId: string; payable: boolean; groupCode?: string; reason?: string; decisionReasonCode?: string }[] }>(url, auditor, 'GET', `/persons/${personRef}/eligibility?month=${month}`)).body.decisions;

    it('keeps history: the old decision pays to July, the amending one from August, never both in a month', async () => {
      const answer = await register(disabled());
      expect(answer.status).toBe(201);
      const person = answer.body;
      const amended = await amend(person, AMENDMENT);
      expect(amended.status).toBe(201);
      expect(amended.body).toMatchObject({
        personRef: person.personRef,
        decisionId: person.decisionId,
        lastDayPaid: '2026-07-31',
        firstMonthAmended: '2026-08',
        groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
        byDecision: { decisionNumber: '88/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-10-20' },
      });
      const amendingId = amended.body.amendingDecisionId as string;

      const july = await whyAll(person.personRef, '2026-07');
      expect(july.find((d) => d.decisionId === person.decisionId)).toMatchObject({ payable: true, groupCode: 'SA_DISABLED_SEVERE' });
      expect(july.find((d) => d.decisionId === amendingId)).toMatchObject({ payable: false, reason: 'NOT_YET_STARTED' });
      const august = await whyAll(person.personRef, '2026-08');
      expect(august.find((d) => d.decisionId === person.decisionId)).toMatchObject({ payable: false, reason: 'TERMINATED', decisionReasonCode: 'AMENDED' });
      expect(august.find((d) => d.decisionId === amendingId)).toMatchObject({ payable: true, groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE' });

      const decisions = (await call<{ decisionId: string; status: string; amendsDecisionId?: string; statusHistory: Record<string, unknown>[] }[]>(url, auditor, 'GET', `/persons/${person.personRef}/decisions`)).body;
      expect(decisions.find((d) => d.decisionId === person.decisionId)).toMatchObject({
        status: 'terminated',
        statusHistory: [
          expect.objectContaining({ status: 'active', validFrom: '2025-09-10' }),
          expect.objectContaining({ status: 'terminated', validFrom: '2026-08-01', reasonCode: 'AMENDED', lastDayPaid: '2026-07-31', byDecision: { decisionNumber: '88/QĐ-UBND', signingLevel: 'commune', signedOn: '2026-10-20' } }),
        ],
      });
      expect(decisions.find((d) => d.decisionId === amendingId)).toMatchObject({
        status: 'active',
        amendsDecisionId: person.decisionId,
        groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE',
        decisionNumber: '88/QĐ-UBND',
        effectiveFrom: '2026-08-01',
        certificateDate: '2026-07-15',
      });
      const [event] = (await pool.query(`SELECT envelope::jsonb AS envelope FROM eligibility.outbox WHERE key = $1 ORDER BY id`, [person.personRef])).rows;
      expect(event.envelope.payload).toMatchObject({
        kind: 'decision_terminated',
        effectiveOn: '2026-07-31',
        details: { decisionId: person.decisionId, groupCode: 'SA_DISABLED_SEVERE', reasonCode: 'AMENDED', amendedBy: amendingId, amendingGroupCode: 'SA_DISABLED_ESPECIALLY_SEVERE' },
      });
    });

    it('a suspension recorded late, dated before the amendment, stops the amending decision too; a resumption with arrears lifts it', async () => {
      const person = (await register(disabled())).body;
      const amendingId = (await amend(person, AMENDMENT)).body.amendingDecisionId as string;
      // Custody from 1 July reported after the amendment (effective 1 August) was recorded.
      const suspended = await call<{ changed: boolean }>(url, operator, 'POST', `/persons/${person.personRef}/life-events`, { kind: 'suspended', effectiveOn: '2026-07-01', reason: 'custody' });
      expect(suspended.status).toBe(201);
      const july = await whyAll(person.personRef, '2026-07');
      expect(july.find((d) => d.decisionId === person.decisionId)).toMatchObject({ payable: false, reason: 'SUSPENDED' });
      const september = await whyAll(person.personRef, '2026-09');
      expect(september.find((d) => d.decisionId === amendingId)).toMatchObject({ payable: false, reason: 'SUSPENDED' });
      const resumed = await call(url, operator, 'POST', `/persons/${person.personRef}/life-events`, { kind: 'resumed', effectiveOn: '2026-10-20', withArrears: true });
      expect(resumed.status).toBe(201);
      expect((await whyAll(person.personRef, '2026-09')).find((d) => d.decisionId === amendingId)).toMatchObject({ payable: true, groupCode: 'SA_DISABLED_ESPECIALLY_SEVERE' });
    });

    it('amends once (409 after), refuses bad amendments with the field (422) and another commune\'s person (403)', async () => {
      const person = (await register(disabled())).body;
      const problems = async (body: object) => {
        const answer = await amend(person, body);
        expect([answer.status, answer.body.code]).toEqual([422, 'INVALID_AMENDMENT']);
        return answer.body.details?.problems?.map((p) => [p.field, p.code]);
      };
      expect(await problems({ ...AMENDMENT, effectiveFrom: '2026-08-15' })).toEqual([['effectiveFrom', 'NOT_FIRST_OF_MONTH']]);
      expect(await problems({ ...AMENDMENT, groupCode: 'NCC_WAR_INVALID' })).toEqual([['groupCode', 'GROUP_NOT_IN_PROGRAMME']]);
      expect(await problems({ ...AMENDMENT, groupCode: 'SA_DISABLED_SEVERE', certificateDate: '2025-08-20' })).toEqual([['groupCode', 'NOTHING_CHANGED']]);
      expect((await amend(person, { ...AMENDMENT, approvedBy: 'me' })).status).toBe(400);
      const longXuyen = await authHeader({ sub: 'test-operator-long-xuyen-2', roles: ['operator'], programmes: [...ALL_PROGRAMMES], communeCodes: [LONG_XUYEN] });
      expect(await amend(person, AMENDMENT, longXuyen)).toMatchObject({ status: 403, body: { code: 'COMMUNE_NOT_ALLOWED' } });

      expect((await amend(person, AMENDMENT)).status).toBe(201);
      expect(await amend(person, { ...AMENDMENT, decisionNumber: '89/QĐ-UBND' })).toMatchObject({ status: 409, body: { code: 'DECISION_ALREADY_TERMINATED', details: { reasonCode: 'AMENDED' } } });
      const rows = (await pool.query(`SELECT count(*)::int AS n FROM eligibility.decision WHERE person_id = $1`, [person.personRef])).rows;
      expect(rows[0].n).toBe(2);
    });
  });

  describe('a commune operator writes only for the people of their communes', () => {
    it('registers a person of their commune, not of another one', async () => {
      expect((await register(newPerson(LONG_XUYEN), longXuyen)).status).toBe(201);
      const refused = await register(newPerson(RACH_GIA), longXuyen);
      expect(refused).toMatchObject({ status: 403, body: { code: 'COMMUNE_NOT_ALLOWED', details: { communeCode: RACH_GIA } } });
      expect(refused.body.message).toContain('30742 (Rạch Giá)');
    });

    it('adds no decision to a person of another commune, even when the request names theirs', async () => {
      const person = newPerson(RACH_GIA);
      expect((await register(person)).status).toBe(201);
      const claimed = { ...person, residence: { communeCode: LONG_XUYEN, from: '1990-01-01' }, decision: { ...person.decision, decisionNumber: '77/QĐ-UBND' } };
      // Refused without saying where the file is: a commune's staff do not learn where a person they may not read lives.
      const refused = await register(claimed, longXuyen);
      expect(refused).toMatchObject({ status: 403, body: { code: 'COMMUNE_NOT_ALLOWED' } });
      expect(JSON.stringify(refused.body)).not.toMatch(/30742|Rạch Giá/);
    });

    it('terminates and records life events in their commune, not in another one', async () => {
      const theirs = await registered(LONG_XUYEN);
      const other = await registered(RACH_GIA);
      const refused = await terminate(other, TERMINATION, longXuyen);
      expect(refused).toMatchObject({ status: 403, body: { code: 'COMMUNE_NOT_ALLOWED' } });
      expect(JSON.stringify(refused.body)).not.toMatch(/30742|Rạch Giá/);
      expect(await lifeEvent(other.personRef, { kind: 'death', effectiveOn: '2026-10-01' }, longXuyen)).toMatchObject({ status: 403, body: { code: 'COMMUNE_NOT_ALLOWED' } });
      expect(await why(other.personRef, '2026-11')).toMatchObject({ payable: true });
      expect((await terminate(theirs, TERMINATION, longXuyen)).status).toBe(201);
      expect((await lifeEvent(theirs.personRef, { kind: 'poverty_status_changed', effectiveOn: '2026-11-01', year: 2026, povertyStatus: 'near_poor' }, longXuyen)).status).toBe(201);
    });

    it('moves a person out of their commune, never into a commune they do not hold', async () => {
      const theirs = await registered(LONG_XUYEN);
      const into = await lifeEvent(theirs.personRef, { kind: 'moved_within_province', effectiveOn: '2026-11-10', communeCode: RACH_GIA }, longXuyen);
      expect(into).toMatchObject({ status: 403, body: { code: 'COMMUNE_NOT_ALLOWED', details: { communeCode: RACH_GIA } } });
      expect((await lifeEvent(theirs.personRef, { kind: 'moved_out_of_province', effectiveOn: '2026-11-10', provinceCode: '79' }, longXuyen)).status).toBe(201);
      // Moved away, the person stays with the commune they left, which still acts on their file.
      expect((await lifeEvent(theirs.personRef, { kind: 'death', effectiveOn: '2026-11-20' }, longXuyen)).status).toBe(201);

      const other = await registered(RACH_GIA);
      expect((await lifeEvent(other.personRef, { kind: 'moved_within_province', effectiveOn: '2026-11-10', communeCode: LONG_XUYEN }, longXuyen)).status).toBe(403);
      expect((await lifeEvent(other.personRef, { kind: 'moved_within_province', effectiveOn: '2026-11-10', communeCode: LONG_XUYEN })).status).toBe(201);
      // Moved in, the person is theirs now.
      expect((await terminate(other, { ...TERMINATION, reasonCode: 'MOVED_OUT' }, longXuyen)).status).toBe(201);
    });

    it('imports rows of their communes only, and no row for a person held by another commune', async () => {
      const rows = (await freshRows(3)).map((row) => ({ ...row, commune_code: LONG_XUYEN }));
      const outside = [rows[0], { ...rows[1], commune_code: RACH_GIA }];
      const refused = await uploadRaw<ErrorBody>(url, longXuyen, csvOf(outside));
      expect(refused.status).toBe(422);
      expect(refused.body.details?.rejections).toEqual([expect.objectContaining({ row: 3, field: 'commune_code', code: 'COMMUNE_NOT_ALLOWED' })]);

      const person = newPerson(RACH_GIA);
      expect((await register(person)).status).toBe(201);
      const known = { ...rows[2], national_id: person.nationalId, decision_number: '88/QĐ-UBND' };
      const held = await uploadRaw<ErrorBody>(url, longXuyen, csvOf([rows[0], known]));
      expect(held.status).toBe(422);
      expect(held.body.details?.rejections).toEqual([expect.objectContaining({ row: 3, field: 'national_id', code: 'COMMUNE_NOT_ALLOWED' })]);
      expect(JSON.stringify(held.body)).not.toMatch(/30742|Rạch Giá/);

      expect((await uploadRaw<ImportReport>(url, longXuyen, csvOf([rows[0], rows[1]]))).status).toBe(201);
    });
  });
});
