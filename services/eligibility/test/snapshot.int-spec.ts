import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';
import { Pool } from 'pg';
import {
  ALL_TOPICS, CollectionAlertRaised, createEvent, DEV_PII_TRANSPORT_KEY, parseEnvelope, PayeeReportedDeceased, RunRequested, snapshotChecksum, Topics,
  type EligibleItem, type Envelope, type Programme,
} from '@benefits/contracts';
import { PiiCipher } from '@benefits/platform';
import { startService, startThrowawayBroker, waitFor, type RunningService, type ThrowawayBroker } from '@benefits/testing';
import { loadEligibilityConfig } from '../src/config';
import { decideMonth } from '../src/domain/eligibility-rules';
import type { RawRow, RegisterRow } from '../src/imports/domain/import-layout';
import { validateRow } from '../src/imports/domain/validate-row';
import { RegisterWriter } from '../src/register/register-writer';
import { DEFAULT_AS_OF, generateRegister } from '../src/seed/generate-register';
import { registerCipher, transportCipher } from '../src/shared/pii';
import { toDomainProgramme } from '../src/shared/programmes';
import { bearer, call, freshNationalId, isolatedDatabase, type TestDatabase } from './support';

jest.setTimeout(180_000);

const MONTH = '2026-12';
/** The transport key's cipher, as disbursement decrypts destinations with it. */
const transport = (() => {
  const [keyId, key] = DEV_PII_TRANSPORT_KEY.split(':');
  return new PiiCipher({ current: keyId, keys: { [keyId]: key }, hashKey: key });
})();

/** The expected payable count per programme, decided straight from the rows (not through the service's loader). */
function expectedCounts(rows: readonly RegisterRow[]): Record<string, number> {
  const counts: Record<string, number> = { social_assistance: 0, social_pension: 0, meritorious: 0 };
  const byNationalId = new Map(rows.map((row) => [row.person.nationalId, row]));
  for (const row of rows) {
    const caredFor = row.decision.caredForNationalId ? byNationalId.get(row.decision.caredForNationalId) : undefined;
    const caredForFacts = caredFor && { personRef: caredFor.person.nationalId, dateOfBirth: caredFor.person.dateOfBirth, residences: [{ ...caredFor.residence }] };
    const result = decideMonth(
      {
        person: { sex: row.person.sex, dateOfBirth: row.person.dateOfBirth, ...(row.person.dateOfDeath && { dateOfDeath: row.person.dateOfDeath }), residences: [{ ...row.residence }] },
        householdPoverty: row.household?.poverty ? [row.household.poverty] : [],
        decision: {
          ...row.decision,
          programme: toDomainProgramme(row.decision.programme),
          statusHistory: [{ status: 'active', from: row.decision.effectiveFrom }],
          ...(caredForFacts && { caredFor: caredForFacts }),
        },
        scope: { provinceCode: '91', programmes: ['SOCIAL_ASSISTANCE', 'SOCIAL_PENSION', 'MERITORIOUS'] },
      },
      MONTH,
    );
    if (result.payable) counts[row.decision.programme]++;
  }
  return counts;
}

describe('run snapshot: RunRequested → frozen eligibility published in chunks with control totals (own PostgreSQL database, throwaway Kafka)', () => {
  let broker: ThrowawayBroker;
  let service: RunningService;
  let producer: Producer;
  let consumer: Consumer;
  let pool: Pool;
  let database: TestDatabase;
  const received: Envelope[] = [];
  const rows: RegisterRow[] = [];
  let refs: { personRef: string; decisionId: string }[] = [];
  const special = { oldCommune: 0, deceased: 0, suspended: 0, warInvalid: 0, wifeOwn: 0, wifeCare: 0, husbandOwn: 0, husbandCare: 0, fosteredChild: 0, fosterCare: 0, movedChild: 0, movedCare: 0 };

  const valid = (raw: RawRow): RegisterRow => {
    const result = validateRow(raw, DEFAULT_AS_OF);
    if (!result.valid) throw new Error(JSON.stringify(result.problems));
    return result.row;
  };

  beforeAll(async () => {
    broker = await startThrowawayBroker();
    const kafka = new Kafka({ clientId: 'snapshot-test', brokers: broker.brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: ALL_TOPICS.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1 })) });
    await admin.disconnect();

    database = await isolatedDatabase('snapshot');
    const DATABASE_URL = database.url;
    const config = loadEligibilityConfig({ DATABASE_URL });
    for await (const raw of generateRegister({ beneficiaries: 2500, seed: 11 })) rows.push(valid({ ...raw, national_id: freshNationalId(String(raw.sex), String(raw.date_of_birth)) }));
    const base = rows[0];
    const person = (sex: 'male' | 'female', dateOfBirth: string) => ({ ...base.person, nationalId: freshNationalId(sex, dateOfBirth), sex, dateOfBirth });
    // Recorded before the 2025 merger under old An Giang's unit 30280, which went wholly into 30307 (Long Xuyên).
    special.oldCommune = rows.push({
      ...base,
      person: person('female', '1944-04-04'),
      residence: { communeCode: '30280', provinceCode: '89', from: '1990-01-01', address: 'Ấp Đông Thịnh 3' },
      decision: { ...base.decision, programme: 'social_pension', groupCode: 'SOCIAL_PENSION', signedOn: '2025-08-01', effectiveFrom: '2025-08-01', attributes: {} },
      destination: { channel: 'post_office_cash', holderName: 'Lê Thị Hạnh', cashPointCode: 'DCT-30307-01', validFrom: '2020-01-01' },
    }) - 1;
    special.deceased = rows.push({ ...base, person: { ...person('male', '1940-02-02'), dateOfDeath: '2026-10-05' }, decision: { ...base.decision, programme: 'social_pension', groupCode: 'SOCIAL_PENSION', signedOn: '2025-08-01', effectiveFrom: '2025-08-01', attributes: {} } }) - 1;
    special.suspended = rows.push({ ...base, person: person('female', '1941-03-03'), decision: { ...base.decision, programme: 'social_pension', groupCode: 'SOCIAL_PENSION', signedOn: '2025-08-01', effectiveFrom: '2025-08-01', attributes: {} } }) - 1;
    special.warInvalid = rows.push({
      ...base,
      person: person('male', '1950-04-04'),
      decision: { ...base.decision, programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', attributes: { injuryRate: 81 } },
      destination: { channel: 'bank', bankBin: '970418', accountNumber: '5550001112223', holderName: 'TRAN VAN A', validFrom: '2020-01-01' },
    }) - 1;

    // A disabled couple of one household (same household_code), each with their own allowance and a care allowance
    // for a disabled parent: only the husband's (2.0) is paid, the wife's (1.5) is ONE_CARE_ALLOWANCE_PER_COUPLE.
    const household = { code: `HH-COUPLE-${randomUUID()}`, communeCode: base.residence.communeCode };
    const wife = person('female', '1995-05-05');
    const husband = person('male', '1993-03-03');
    const saDecision = (groupCode: string, decisionNumber: string, more: object = {}): RegisterRow['decision'] => ({
      programme: 'social_assistance', groupCode, decisionNumber, signingLevel: 'commune', signedOn: '2026-01-10', effectiveFrom: '2026-01-10', attributes: {}, ...more,
    });
    const disabled = (n: string) => saDecision('SA_DISABLED_SEVERE', n, { signedOn: '2025-08-01', effectiveFrom: '2025-08-01', certificateDate: '2025-07-20' });
    const coupleRow = (spouse: typeof wife, decision: RegisterRow['decision']): RegisterRow => ({ ...base, person: spouse, household, decision });
    special.wifeOwn = rows.push(coupleRow(wife, disabled('701/QĐ-UBND'))) - 1;
    special.wifeCare = rows.push(coupleRow(wife, saDecision('CARE_DISABLED_PARENT_PREGNANT_OR_ONE_CHILD_U36M', '702/QĐ-UBND'))) - 1;
    special.husbandOwn = rows.push(coupleRow(husband, disabled('703/QĐ-UBND'))) - 1;
    special.husbandCare = rows.push(coupleRow(husband, saDecision('CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', '704/QĐ-UBND'))) - 1;

    // A child with no support, and the foster mother who holds the care allowance for her (naming her).
    const child = person('female', '2023-03-03');
    special.fosteredChild = rows.push({ ...base, person: child, decision: saDecision('SA_CHILD_NO_SUPPORT', '801/QĐ-UBND') }) - 1;
    special.fosterCare = rows.push({ ...base, person: person('female', '1970-07-07'), decision: saDecision('CARE_FOSTER_CHILD', '802/QĐ-UBND', { caredForNationalId: child.nationalId }) }) - 1;
    // Another fostered child, who moves out of the province on 2026-10-10 (below): her foster mother's care allowance stops.
    const leaving = person('female', '2022-04-04');
    special.movedChild = rows.push({ ...base, person: leaving, decision: saDecision('SA_CHILD_NO_SUPPORT', '803/QĐ-UBND') }) - 1;
    special.movedCare = rows.push({ ...base, person: person('female', '1972-07-07'), decision: saDecision('CARE_FOSTER_CHILD', '804/QĐ-UBND', { caredForNationalId: leaving.nationalId }) }) - 1;

    pool = new Pool({ connectionString: DATABASE_URL, max: 2 });
    const writer = new RegisterWriter(registerCipher(config), transportCipher(config));
    for (let start = 0; start < rows.length; start += 1000) {
      const client = await pool.connect();
      await client.query('BEGIN');
      refs = refs.concat((await writer.write(client, rows.slice(start, start + 1000), { recordedBy: 'test', operator: null })).refs);
      await client.query('COMMIT');
      client.release();
    }
    await pool.query(`INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, recorded_by) VALUES ($1, 'suspended', '2026-11-01', 'custody', 'test')`, [refs[special.suspended].decisionId]);
    const leaver = refs[special.movedChild].personRef;
    await pool.query(`UPDATE eligibility.residence SET valid_to = '2026-10-09' WHERE person_id = $1`, [leaver]);
    await pool.query(`INSERT INTO eligibility.residence (person_id, commune_code, province_code, valid_from) VALUES ($1, '31135', '92', '2026-10-10')`, [leaver]);

    // Three parts built by three threads side by side: every check below also holds across parts (dense chunk numbers
    // handed out as pages commit, the totals and checksum of the part that completes the run).
    service = await startService('eligibility', { DATABASE_URL, KAFKA_BROKERS: broker.brokers.join(','), SNAPSHOT_PAGE_SIZE: '700', SNAPSHOT_CHUNK_SIZE: '250', SNAPSHOT_THREADS: '3' });
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({ groupId: `snapshot-test-${randomUUID()}`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [Topics.eligibilitySnapshots.name, Topics.runDestinations.name, Topics.lifeEvents.name], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(parseEnvelope(message.value)) });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await service?.stop();
    await pool?.end();
    await broker?.stop();
    await database?.drop();
  });

  const requestRun = (runId: string, eventId = randomUUID(), communeCodes?: string[]) => {
    const scope = { provinceCode: '91', programmes: ['social_assistance' as const, 'social_pension' as const, 'meritorious' as const], ...(communeCodes && { communeCodes }) };
    const event = createEvent(
      RunRequested,
      { runId, month: MONTH, scope, requestedBy: 'operator-1' },
      { correlationId: `run-${runId}`, producer: 'disbursement', eventId },
    );
    return producer.send({ topic: event.topic, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
  };
  const requestRunOf = (runId: string, month: string, communeCodes: string[]) => {
    const scope = { provinceCode: '91', programmes: ['social_assistance' as const, 'social_pension' as const, 'meritorious' as const], communeCodes };
    const event = createEvent(RunRequested, { runId, month, scope, requestedBy: 'operator-1' }, { correlationId: `run-${runId}`, producer: 'disbursement' });
    return producer.send({ topic: event.topic, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
  };
  const ofRun = (runId: string, type: string) => received.filter((e) => e.type === type && (e.payload as { runId: string }).runId === runId);

  it('publishes every payable decision in numbered chunks, then counts per programme and the checksum that match them', async () => {
    const runId = randomUUID();
    await requestRun(runId);
    const [completed] = await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0 && ofRun(runId, 'EligibilitySnapshotCompleted'), 60_000, 'the snapshot');
    const chunks = ofRun(runId, 'EligibilitySnapshotChunk').map((e) => e.payload as { chunkNo: number; items: EligibleItem[] });
    const items = chunks.flatMap((chunk) => chunk.items);
    const totals = completed.payload as { chunkCount: number; countsByProgramme: Record<string, number>; checksum: string };

    expect(chunks.map((c) => c.chunkNo).sort((a, b) => a - b)).toEqual([...Array(totals.chunkCount).keys()]);
    expect(chunks.every((c) => c.items.length <= 250)).toBe(true);
    expect(totals.countsByProgramme).toEqual(expectedCounts(rows.filter((_, i) => ![special.suspended, special.wifeCare, special.movedChild, special.movedCare].includes(i))));
    const counted: Record<string, number> = { social_assistance: 0, social_pension: 0, meritorious: 0 };
    for (const item of items) counted[item.programme]++;
    expect(counted).toEqual(totals.countsByProgramme);
    expect(totals.checksum).toBe(snapshotChecksum(items));
    expect(new Set(items.map((i) => i.decisionId)).size).toBe(items.length);
    expect(completed.correlationId).toBe(`run-${runId}`);
    // Requested for the whole province: no communes named.
    expect(completed.payload).not.toHaveProperty('communeCodes');

    const decisionIds = new Set(items.map((i) => i.decisionId));
    expect(decisionIds.has(refs[special.deceased].decisionId)).toBe(false);
    expect(decisionIds.has(refs[special.suspended].decisionId)).toBe(false);
    const invalid = items.find((i) => i.decisionId === refs[special.warInvalid].decisionId);
    expect(invalid).toMatchObject({ programme: 'meritorious', groupCode: 'NCC_WAR_INVALID', attributes: { injuryRate: 81, combination: 'MERITORIOUS' } });
    const frozen = await pool.query(`SELECT reason FROM eligibility.snapshot_item WHERE run_id = $1 AND decision_id = $2`, [runId, refs[special.deceased].decisionId]);
    expect(frozen.rows).toEqual([{ reason: 'DECEASED' }]);
  });

  it('names the communes of a run requested for some only in its completion (entitlement pays funeral support by them)', async () => {
    const runId = randomUUID();
    await requestRun(runId, randomUUID(), ['30742', '30316']);
    const [completed] = await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0 && ofRun(runId, 'EligibilitySnapshotCompleted'), 60_000, 'the snapshot');
    expect(completed.payload).toMatchObject({ communeCodes: ['30742', '30316'] });
  });

  it('passes on in its completion the runs of the month closed unpaid that the run request named (entitlement applies them first)', async () => {
    const [runId, none] = [randomUUID(), randomUUID()];
    const closedRunIds = [randomUUID(), randomUUID()];
    const scope = { provinceCode: '91', programmes: ['social_assistance' as const, 'social_pension' as const], communeCodes: ['30742'] };
    const event = createEvent(RunRequested, { runId, month: MONTH, scope, requestedBy: 'operator-1', closedRunIds }, { correlationId: `run-${runId}`, producer: 'disbursement' });
    await producer.send({ topic: event.topic, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
    await requestRun(none, randomUUID(), ['30742']);
    const [completed] = await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0 && ofRun(runId, 'EligibilitySnapshotCompleted'), 60_000, 'the snapshot');
    expect(completed.payload).toMatchObject({ closedRunIds });
    const [plain] = await waitFor(async () => ofRun(none, 'EligibilitySnapshotCompleted').length > 0 && ofRun(none, 'EligibilitySnapshotCompleted'), 60_000, 'the other snapshot');
    expect(plain.payload).not.toHaveProperty('closedRunIds');
  });

  it('pays a person whose residence is recorded under an old unit in the run of the commune it went into, under its new code', async () => {
    const runId = randomUUID();
    await requestRun(runId, randomUUID(), ['30307']);
    await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, 'the snapshot');
    const items = ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
    expect(items.find((i) => i.decisionId === refs[special.oldCommune].decisionId)).toMatchObject({ programme: 'social_pension', communeCode: '30307' });
    const destination = await waitFor(
      async () => ofRun(runId, 'RunDestinationsChunk').flatMap((e) => (e.payload as { items: { personRef: string }[] }).items).find((d) => d.personRef === refs[special.oldCommune].personRef),
      10_000,
      'the destination',
    );
    expect(destination).toMatchObject({ channel: 'post_office_cash', communeCode: '30307', address: 'Ấp Đông Thịnh 3' });
  });

  it('pays one care allowance per disabled couple: the 2.0 one; the other is ONE_CARE_ALLOWANCE_PER_COUPLE in the snapshot and the look-up', async () => {
    const runId = randomUUID();
    await requestRun(runId);
    await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, 'the snapshot');
    const frozenOf = async (index: number) =>
      (await pool.query(`SELECT payable, group_code, reason FROM eligibility.snapshot_item WHERE run_id = $1 AND decision_id = $2`, [runId, refs[index].decisionId])).rows[0];
    expect(await frozenOf(special.husbandCare)).toEqual({ payable: true, group_code: 'CARE_DISABLED_PARENT_PREGNANT_AND_CHILD_OR_TWO_CHILDREN_U36M', reason: null });
    expect(await frozenOf(special.wifeCare)).toEqual({ payable: false, group_code: null, reason: 'ONE_CARE_ALLOWANCE_PER_COUPLE' });
    expect(await frozenOf(special.wifeOwn)).toMatchObject({ payable: true, group_code: 'SA_DISABLED_SEVERE' });
    expect(await frozenOf(special.husbandOwn)).toMatchObject({ payable: true, group_code: 'SA_DISABLED_SEVERE' });
    const published = new Set(ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items.map((i) => i.decisionId)));
    expect([special.wifeOwn, special.wifeCare, special.husbandOwn, special.husbandCare].map((i) => published.has(refs[i].decisionId))).toEqual([true, false, true, true]);

    const operator = await bearer(['operator']);
    type View = { decisions: { decisionId: string; payable: boolean; reason?: string; detail?: string }[] };
    const view = async (index: number) => (await call<View>(service.url, operator, 'GET', `/persons/${refs[index].personRef}/eligibility?month=${MONTH}`, undefined)).body.decisions;
    const wifeView = await view(special.wifeCare);
    const ofDecision = (decisions: View['decisions'], index: number) => decisions.find((d) => d.decisionId === refs[index].decisionId);
    expect(ofDecision(wifeView, special.wifeCare)).toMatchObject({ payable: false, reason: 'ONE_CARE_ALLOWANCE_PER_COUPLE', detail: expect.stringContaining('704/QĐ-UBND') });
    expect(ofDecision(wifeView, special.wifeOwn)).toMatchObject({ payable: true });
    expect(JSON.stringify(wifeView)).not.toContain(rows[special.husbandCare].person.nationalId);
    expect(ofDecision(await view(special.husbandCare), special.husbandCare)).toMatchObject({ payable: true });
  });

  it('pays a care allowance held by the foster mother to her, banded by the age of the child she names', async () => {
    const runId = randomUUID();
    await requestRun(runId);
    await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, 'the snapshot');
    const items = ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
    const care = items.find((i) => i.decisionId === refs[special.fosterCare].decisionId);
    expect(care).toMatchObject({
      personRef: refs[special.fosterCare].personRef,
      groupCode: 'CARE_FOSTER_CHILD_U4',
      ageYears: 3,
      attributes: { caredForRef: refs[special.fosteredChild].personRef, payee: 'caring_household', combination: 'SA_CARE' },
    });
    expect(items.find((i) => i.decisionId === refs[special.fosteredChild].decisionId)).toMatchObject({ groupCode: 'SA_CHILD_NO_SUPPORT_U4' });

    // The other child moved out of the province in October: from November neither she nor her foster mother is paid here.
    const frozen = await pool.query(`SELECT decision_id, reason FROM eligibility.snapshot_item WHERE run_id = $1 AND decision_id = ANY($2::uuid[]) ORDER BY reason`, [
      runId,
      [refs[special.movedChild].decisionId, refs[special.movedCare].decisionId],
    ]);
    expect(frozen.rows).toEqual([
      { decision_id: refs[special.movedCare].decisionId, reason: 'CARED_FOR_MOVED_AWAY' },
      { decision_id: refs[special.movedChild].decisionId, reason: 'MOVED_OUT_OF_PROVINCE' },
    ]);
  });

  it('sends each payable person\'s destination once, the account encrypted with the transport key', async () => {
    const runId = randomUUID();
    await requestRun(runId);
    await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, 'the snapshot');
    const items = ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
    await waitFor(async () => ofRun(runId, 'RunDestinationsChunk').flatMap((e) => (e.payload as { items: unknown[] }).items).length >= new Set(items.map((i) => i.personRef)).size, 10_000, 'the destinations');
    const destinations = ofRun(runId, 'RunDestinationsChunk').flatMap((e) => (e.payload as { items: { personRef: string; accountCipher?: string; channel: string }[] }).items);
    expect(destinations.map((d) => d.personRef).sort()).toEqual([...new Set(items.map((i) => i.personRef))].sort());
    const mine = destinations.find((d) => d.personRef === refs[special.warInvalid].personRef);
    expect(mine).toMatchObject({ channel: 'bank', bankBin: '970418', accountHolderName: 'TRAN VAN A' });
    expect(transport.decrypt(String(mine?.accountCipher))).toBe('5550001112223');
    expect(JSON.stringify(destinations)).not.toContain('5550001112223');
    expect(destinations.filter((d) => d.channel === 'post_office_cash').every((d) => d.accountCipher === undefined)).toBe(true);
    const postOffice = destinations.filter((d) => d.channel !== 'bank') as { maskedNationalId?: string }[];
    expect(postOffice.length).toBeGreaterThan(0);
    expect(postOffice.every((d) => /^\d{3}\*{7}\d{2}$/.test(d.maskedNationalId ?? ''))).toBe(true);
    expect(destinations.filter((d) => d.channel === 'bank').every((d) => !('maskedNationalId' in d))).toBe(true);
    // The cash list prints the payee's hamlet or address (every generated person has one); no other channel gets it.
    const cash = destinations.filter((d) => d.channel === 'post_office_cash') as { address?: string }[];
    expect(cash.length).toBeGreaterThan(0);
    expect(cash.every((d) => /^(Ấp|Tổ) /.test(d.address ?? ''))).toBe(true);
    expect(destinations.filter((d) => d.channel !== 'post_office_cash').every((d) => !('address' in d))).toBe(true);
    const [declared] = await waitFor(async () => ofRun(runId, 'RunDestinationsCompleted').length > 0 && ofRun(runId, 'RunDestinationsCompleted'), 10_000, 'RunDestinationsCompleted');
    expect(declared.payload).toEqual({ runId, chunkCount: ofRun(runId, 'RunDestinationsChunk').length, count: destinations.length });
  });

  it('builds one snapshot however often the same run is requested', async () => {
    const runId = randomUUID();
    const eventId = randomUUID();
    await requestRun(runId, eventId);
    await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, 'the snapshot');
    const chunkCount = ofRun(runId, 'EligibilitySnapshotChunk').length;
    await requestRun(runId, eventId);
    await requestRun(runId);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(ofRun(runId, 'EligibilitySnapshotCompleted')).toHaveLength(1);
    expect(ofRun(runId, 'RunDestinationsCompleted')).toHaveLength(1);
    expect(ofRun(runId, 'EligibilitySnapshotChunk')).toHaveLength(chunkCount);
    expect((await pool.query(`SELECT count(*)::int AS n FROM eligibility.snapshot WHERE run_id = $1`, [runId])).rows[0].n).toBe(1);
  });

  it('suspends a person the disbursement service reports as not collecting for three months', async () => {
    const { personRef, decisionId } = refs[special.warInvalid];
    const alert = createEvent(
      CollectionAlertRaised,
      { personRef, programme: 'meritorious' as const, months: ['2026-09', '2026-10', '2026-11'], reason: 'NOT_COLLECTED_3_MONTHS' as const },
      { correlationId: 'alert-test', producer: 'disbursement' },
    );
    await producer.send({ topic: alert.topic, messages: [{ key: alert.key, value: JSON.stringify(alert.envelope) }] });
    const suspended = await waitFor(async () => {
      const { rows: found } = await pool.query(`SELECT to_char(valid_from, 'YYYY-MM-DD') AS from, reason FROM eligibility.decision_status WHERE decision_id = $1 AND status = 'suspended'`, [decisionId]);
      return found[0] as { from: string; reason: string } | undefined;
    }, 30_000, 'the suspension');
    expect(suspended).toEqual({ from: '2026-12-01', reason: expect.stringContaining('NOT_COLLECTED_3_MONTHS') });
    const published = await waitFor(async () => received.find((e) => e.type === 'LifeEventRecorded' && (e.payload as { personRef: string }).personRef === personRef), 15_000, 'LifeEventRecorded');
    expect(published.payload).toMatchObject({ kind: 'suspended', effectiveOn: '2026-12-01', programmes: ['meritorious'] });
    expect(published.causationId).toBe(alert.envelope.eventId);
  });

  it('pays a month to the account recorded for its first day, though the run is frozen before it', async () => {
    const operator = await bearer(['operator']);
    const personRef = await registerPerson(
      operator,
      { nationalId: freshNationalId('female', '1941-02-11'), fullName: 'Phạm Thị Hoa', sex: 'female', dateOfBirth: '1941-02-11' },
      { year: 2026, status: 'none' },
      { programme: 'social_pension', groupCode: 'SOCIAL_PENSION', decisionNumber: '41/QĐ-UBND' },
      '5550003000001',
    );
    // A new account from 1 January 2030 (a month no other test runs): the January run pays into it.
    const changed = await call(service.url, operator, 'POST', `/persons/${personRef}/life-events`, {
      kind: 'payment_destination_changed',
      effectiveOn: '2030-01-01',
      destination: { channel: 'bank', bankBin: '970436', accountNumber: '5550003000002' },
    });
    expect(changed.status).toBe(201);
    const { destinations } = await destinationsOfRun<{ personRef: string; accountCipher?: string }>('2030-01', ['social_pension']);
    expect(transport.decrypt(String(destinations.find((d) => d.personRef === personRef)?.accountCipher))).toBe('5550003000002');
  });

  it('does not suspend again for months not collected before a resumption (a payment sent before it came back)', async () => {
    const operator = await bearer(['operator']);
    const personRef = await registerPerson(
      operator,
      { nationalId: freshNationalId('male', '1940-03-15'), fullName: 'Lê Văn Tư', sex: 'male', dateOfBirth: '1940-03-15' },
      { year: 2026, status: 'poor' },
      { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', decisionNumber: '31/QĐ-UBND' },
      '5550002000001',
    );
    const alert = async (months: string[]) => {
      const event = createEvent(
        CollectionAlertRaised,
        { personRef, programme: 'social_assistance' as const, months, reason: 'NOT_COLLECTED_3_MONTHS' as const },
        { correlationId: 'alert-after-resumption', producer: 'disbursement' },
      );
      await producer.send({ topic: event.topic, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
      await waitFor(async () => (await pool.query('SELECT 1 FROM eligibility.inbox WHERE event_id = $1', [event.envelope.eventId])).rowCount === 1, 30_000, 'the alert consumed');
    };
    const statuses = async () =>
      (await pool.query(
        `SELECT s.status, to_char(s.valid_from, 'YYYY-MM-DD') AS from FROM eligibility.decision_status s JOIN eligibility.decision d ON d.id = s.decision_id
          WHERE d.person_id = $1 ORDER BY s.valid_from, s.id`,
        [personRef],
      )).rows;
    await alert(['2026-08', '2026-09', '2026-10']);
    const resumed = await call(service.url, operator, 'POST', `/persons/${personRef}/life-events`, { kind: 'resumed', effectiveOn: '2026-11-20', withArrears: true });
    expect(resumed.status).toBe(201);
    // The November payment went out before the resumption and came back not collected: September to November.
    await alert(['2026-09', '2026-10', '2026-11']);
    expect(await statuses()).toEqual([
      { status: 'active', from: '2025-09-10' },
      { status: 'suspended', from: '2026-11-01' },
      { status: 'active', from: '2026-11-20' },
    ]);
  });

  it('pays for the deceased through their funeral payee: the organiser, else cash at the commune for the family; the count adds up', async () => {
    const operator = await bearer(['operator']);
    const registerPerson = async (accountNumber: string) => {
      const body = {
        nationalId: freshNationalId('female', '1944-06-20'), fullName: 'Nguyễn Thị Lan', sex: 'female', dateOfBirth: '1944-06-20',
        household: { code: `HH-${randomUUID()}`, povertyYear: 2026, povertyStatus: 'poor' },
        residence: { communeCode: '30742', from: '1990-01-01' },
        decision: { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', decisionNumber: '12/QĐ-UBND', signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10' },
        destination: { channel: 'bank', bankBin: '970436', accountNumber },
      };
      const answer = await call<{ personRef: string }>(service.url, operator, 'POST', '/persons', body);
      expect(answer.status).toBe(201);
      return answer.body.personRef;
    };
    const death = (personRef: string, effectiveOn: string, funeralOrganiser?: object) =>
      call(service.url, operator, 'POST', `/persons/${personRef}/life-events`, { kind: 'death', effectiveOn, ...(funeralOrganiser && { funeralOrganiser }) });
    // Died in the run's month (still payable for it): one with an organiser, one without; died the month before: not payable.
    const organised = await registerPerson('5550001000001');
    const unnamed = await registerPerson('5550001000002');
    const earlier = await registerPerson('5550001000003');
    expect((await death(organised, '2026-11-20', { fullName: 'Trần Văn Minh', relationship: 'con trai', destination: { channel: 'bank', bankBin: '970418', accountNumber: '7770009990001' } })).status).toBe(201);
    expect((await death(unnamed, '2026-11-10')).status).toBe(201);
    expect((await death(earlier, '2026-10-05')).status).toBe(201);

    type Sent = { personRef: string; channel: string; bankBin?: string; accountCipher?: string; accountHolderName: string; communeCode: string; cashPointCode?: string; maskedNationalId?: string };
    const { runId, declared, destinations } = await destinationsOfRun<Sent>('2026-11', ['social_assistance', 'social_pension', 'meritorious']);
    expect(declared.payload).toMatchObject({ count: destinations.length });
    const items = ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
    const payable = new Set(items.map((i) => i.personRef));
    expect(payable.has(organised) && payable.has(unnamed) && !payable.has(earlier)).toBe(true);

    const of = (personRef: string) => destinations.find((d) => d.personRef === personRef);
    // With the month of death: disbursement carries nothing later into a payment to the funeral payee.
    expect(of(organised)).toMatchObject({ channel: 'bank', bankBin: '970418', accountHolderName: 'Trần Văn Minh', communeCode: '30742', lastMonthOwed: '2026-11' });
    expect(transport.decrypt(String(of(organised)?.accountCipher))).toBe('7770009990001');
    const family = { channel: 'post_office_cash', accountHolderName: 'Người lo mai táng cho Nguyễn Thị Lan', communeCode: '30742', cashPointCode: 'BDVHX-30742' };
    expect(of(unnamed)).toEqual({ personRef: unnamed, ...family, maskedNationalId: expect.stringMatching(/^\d{3}\*{7}\d{2}$/), lastMonthOwed: '2026-11' });
    expect(of(earlier)).toEqual({ personRef: earlier, ...family, maskedNationalId: expect.stringMatching(/^\d{3}\*{7}\d{2}$/), lastMonthOwed: '2026-10' });
    // Dead on import, never reported: no funeral support can wait for them, nothing is sent.
    expect(of(refs[special.deceased].personRef)).toBeUndefined();
    expect(JSON.stringify(destinations)).not.toMatch(/555000100000[123]/);
  });

  /** A run of `month` requested as disbursement does, awaited until every destinations chunk is out: what it declared and sent. */
  const destinationsOfRun = async <T>(month: string, programmes: Programme[]) => {
    const runId = randomUUID();
    const event = createEvent(RunRequested, { runId, month, scope: { provinceCode: '91', programmes }, requestedBy: 'operator-1' }, { correlationId: `run-${runId}`, producer: 'disbursement' });
    await producer.send({ topic: event.topic, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
    const [declared] = await waitFor(async () => ofRun(runId, 'RunDestinationsCompleted').length > 0 && ofRun(runId, 'RunDestinationsCompleted'), 60_000, 'RunDestinationsCompleted');
    await waitFor(async () => ofRun(runId, 'RunDestinationsChunk').length >= (declared.payload as { chunkCount: number }).chunkCount, 10_000, 'every destinations chunk');
    return { runId, declared, destinations: ofRun(runId, 'RunDestinationsChunk').flatMap((e) => (e.payload as { items: T[] }).items) };
  };

  /** A province-wide run of `month`, requested and awaited: its published items. */
  const runOf = async (month: string) => {
    const runId = randomUUID();
    const event = createEvent(
      RunRequested,
      { runId, month, scope: { provinceCode: '91', programmes: ['social_assistance', 'social_pension', 'meritorious'] }, requestedBy: 'operator-1' },
      { correlationId: `run-${runId}`, producer: 'disbursement' },
    );
    await producer.send({ topic: event.topic, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
    await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, `the ${month} snapshot`);
    return ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
  };

  /** A person registered through the API, as an operator does: one decision, a bank account; returns their ref. */
  const registerPerson = async (operator: Record<string, string>, person: { nationalId: string; fullName: string; sex: string; dateOfBirth: string }, poverty: { year: number; status: string }, decision: object, accountNumber: string) => {
    const body = {
      ...person,
      household: { code: `HH-${randomUUID()}`, povertyYear: poverty.year, povertyStatus: poverty.status },
      residence: { communeCode: '30742', from: person.dateOfBirth > '1990-01-01' ? person.dateOfBirth : '1990-01-01' },
      decision: { signingLevel: 'commune', signedOn: '2025-09-10', effectiveFrom: '2025-09-10', ...decision },
      destination: { channel: 'bank', bankBin: '970436', accountNumber },
    };
    const registered = await call<{ personRef: string }>(service.url, operator, 'POST', '/persons', body);
    expect(registered.status).toBe(201);
    return registered.body.personRef;
  };

  it('owes the suspended months of a resumption with arrears recorded after the previous run (arrearsFrom)', async () => {
    // Suspended from 1 November (custody); the November run leaves her out; then she is resumed with arrears.
    const { decisionId } = refs[special.suspended];
    expect((await runOf('2026-11')).some((item) => item.decisionId === decisionId)).toBe(false);
    await pool.query(
      `INSERT INTO eligibility.decision_status (decision_id, status, valid_from, reason, with_arrears, recorded_by) VALUES ($1, 'active', '2026-11-20', 'released', true, 'test')`,
      [decisionId],
    );
    const resumed = (await runOf(MONTH)).find((item) => item.decisionId === decisionId);
    expect(resumed?.attributes).toMatchObject({ arrearsFrom: '2026-11', arrearsAfterSuspension: true });
  });

  it('suspends a person whose bank refused a payment because the holder died (MD07), from that payment\'s month, once; not once the death is on record', async () => {
    const operator = await bearer(['operator']);
    const personRef = await registerPerson(
      operator,
      { nationalId: freshNationalId('male', '1943-01-15'), fullName: 'Lê Văn Bảy', sex: 'male', dateOfBirth: '1943-01-15' },
      { year: 2026, status: 'poor' },
      { programme: 'social_assistance', groupCode: 'SA_ELDERLY_POOR_NO_SUPPORT', decisionNumber: '13/QĐ-UBND' },
      '5550002000007',
    );
    const report = (paymentId: string) =>
      createEvent(
        PayeeReportedDeceased,
        { personRef, programme: 'social_assistance' as const, month: '2026-11', paymentId, reasonCode: 'MD07' as const, reportedOn: '2026-11-06' },
        { correlationId: 'md07-test', producer: 'disbursement' },
      );
    const first = report('P-MD07-1');
    await producer.send({ topic: first.topic, messages: [{ key: first.key, value: JSON.stringify(first.envelope) }] });
    const suspensions = async () =>
      (
        await pool.query<{ from: string; reason: string }>(
          `SELECT to_char(s.valid_from, 'YYYY-MM-DD') AS from, s.reason FROM eligibility.decision_status s JOIN eligibility.decision d ON d.id = s.decision_id
            WHERE d.person_id = $1 AND s.status = 'suspended'`,
          [personRef],
        )
      ).rows;
    await waitFor(async () => (await suspensions()).length > 0, 30_000, 'the suspension');
    expect(await suspensions()).toEqual([{ from: '2026-11-01', reason: expect.stringMatching(/^MD07: .*deceased \(payment P-MD07-1 for 2026-11, 2026-11-06\)/) }]);
    const published = await waitFor(async () => received.find((e) => e.type === 'LifeEventRecorded' && (e.payload as { personRef: string }).personRef === personRef), 15_000, 'LifeEventRecorded');
    expect(published.payload).toMatchObject({ kind: 'suspended', effectiveOn: '2026-11-01', programmes: ['social_assistance'] });
    expect(published.causationId).toBe(first.envelope.eventId);
    const codes = await pool.query(
      `SELECT s.reason_code FROM eligibility.decision_status s JOIN eligibility.decision d ON d.id = s.decision_id WHERE d.person_id = $1 AND s.status = 'suspended'`,
      [personRef],
    );
    expect(codes.rows).toEqual([{ reason_code: 'PAYEE_REPORTED_DECEASED' }]);

    // The same person's return of another payment finds the decision suspended already: nothing more is recorded.
    const second = report('P-MD07-2');
    await producer.send({ topic: second.topic, messages: [{ key: second.key, value: JSON.stringify(second.envelope) }] });
    await waitFor(async () => (await pool.query(`SELECT 1 FROM eligibility.inbox WHERE event_id = $1`, [second.envelope.eventId])).rowCount === 1, 30_000, 'the second report consumed');
    expect(await suspensions()).toHaveLength(1);

    // Once the death is on record, a report changes nothing: the rules stop after the month of death, which stays owed.
    expect((await call(service.url, operator, 'POST', `/persons/${personRef}/life-events`, { kind: 'death', effectiveOn: '2026-11-03' })).status).toBe(201);
    // Recorded after the partner's report, the death decides: November, the month of death, is owed again; December stops.
    const auditor = await bearer(['auditor']);
    const decided = async (month: string) =>
      (await call<{ decisions: { payable: boolean; reason?: string }[] }>(service.url, auditor, 'GET', `/persons/${personRef}/eligibility?month=${month}`)).body.decisions[0];
    expect(await decided('2026-11')).toMatchObject({ payable: true });
    expect(await decided('2026-12')).toMatchObject({ payable: false, reason: 'DECEASED' });
    await pool.query(`DELETE FROM eligibility.decision_status s USING eligibility.decision d WHERE d.id = s.decision_id AND d.person_id = $1 AND s.status = 'suspended'`, [personRef]);
    const third = report('P-MD07-3');
    await producer.send({ topic: third.topic, messages: [{ key: third.key, value: JSON.stringify(third.envelope) }] });
    await waitFor(async () => (await pool.query(`SELECT 1 FROM eligibility.inbox WHERE event_id = $1`, [third.envelope.eventId])).rowCount === 1, 30_000, 'the third report consumed');
    expect(await suspensions()).toEqual([]);
  });

  // Runs months after every other test's (2027), so that no other test sees these runs as its previous one.
  it('owes the months a poverty list recorded after the previous run made payable (arrearsFrom from January)', async () => {
    const operator = await bearer(['operator']);
    const personRef = await registerPerson(
      operator,
      { nationalId: freshNationalId('female', '1955-05-05'), fullName: 'Trần Thị Mười', sex: 'female', dateOfBirth: '1955-05-05' },
      { year: 2026, status: 'near_poor' },
      { programme: 'social_pension', groupCode: 'SOCIAL_PENSION', decisionNumber: '21/QĐ-UBND' },
      '5550002000014',
    );
    const mine = (items: EligibleItem[]) => items.find((item) => item.personRef === personRef);

    // Aged 71 and on the 2026 near-poor list: paid in December. The 2027 list is not in the register yet in January:
    // January is not paid; the decision is sent only for what its past months may still be owed (arrearsOnly).
    expect(mine(await runOf('2027-01'))?.attributes).toMatchObject({ arrearsOnly: true });
    const why = await call(service.url, operator, 'GET', `/persons/${personRef}/eligibility?month=2027-01`);
    expect(JSON.stringify(why.body)).toContain('NOT_POOR');

    const recorded = await call(service.url, operator, 'POST', `/persons/${personRef}/life-events`, { kind: 'poverty_status_changed', effectiveOn: '2027-01-01', year: 2027, povertyStatus: 'near_poor' });
    expect(recorded.status).toBe(201);
    const february = mine(await runOf('2027-02'));
    expect(february?.groupCode).toBe('SP_70_75_POOR_NEAR_POOR');
    expect(february?.attributes).toMatchObject({ arrearsFrom: '2027-01', povertyStatus: 'near_poor' });
    expect(february?.attributes.arrearsAfterSuspension).toBeUndefined();
    // The March run: the February run owed January, nothing more is owed by this rule.
    expect(mine(await runOf('2027-03'))?.attributes.arrearsFrom).toBeUndefined();
  });

  // Runs in 2028, after the 2027 runs above (its previous run).
  it('sends a child who turned 16 as an arrears-only item of the last month paid, with their destination (a backdated rate may still owe them)', async () => {
    const operator = await bearer(['operator']);
    const personRef = await registerPerson(
      operator,
      { nationalId: freshNationalId('male', '2012-03-15'), fullName: 'Nguyễn Văn Út', sex: 'male', dateOfBirth: '2012-03-15' },
      { year: 2026, status: 'none' },
      { programme: 'social_assistance', groupCode: 'SA_CHILD_NO_SUPPORT', decisionNumber: '31/QĐ-UBND' },
      '5550002000099',
    );
    type Sent = { personRef: string; communeCode: string };
    const { runId, declared, destinations } = await destinationsOfRun<Sent>('2028-05', ['social_assistance', 'social_pension', 'meritorious']);
    const items = ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
    // Turned 16 in March 2028: paid to March, not from April.
    const item = items.find((i) => i.personRef === personRef);
    expect(item).toMatchObject({ groupCode: 'SA_CHILD_NO_SUPPORT_4_16', communeCode: '30742', attributes: { arrearsOnly: true } });
    expect(JSON.parse(String(item?.attributes.arrearsMonths))).toEqual([{ month: '2028-04', owed: false }]);
    expect(destinations.find((d) => d.personRef === personRef)).toMatchObject({ communeCode: '30742' });
    expect(declared.payload).toMatchObject({ count: destinations.length });
  });

  // Runs in 2030, after every run above.
  it('owes a decision recorded after its commune\'s run of a month and before another commune\'s run of it (runs split by commune)', async () => {
    const communeRun = async (month: string, communeCodes: string[]) => {
      const runId = randomUUID();
      await requestRunOf(runId, month, communeCodes);
      await waitFor(async () => ofRun(runId, 'EligibilitySnapshotCompleted').length > 0, 60_000, `the ${month} snapshot of ${communeCodes.join(',')}`);
      return ofRun(runId, 'EligibilitySnapshotChunk').flatMap((e) => (e.payload as { items: EligibleItem[] }).items);
    };
    await communeRun('2030-01', ['30742']);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const personRef = await registerPerson(
      await bearer(['operator']),
      { nationalId: freshNationalId('male', '1940-03-03'), fullName: 'Phạm Văn Mười Hai', sex: 'male', dateOfBirth: '1940-03-03' },
      { year: 2026, status: 'none' },
      { programme: 'social_pension', groupCode: 'SOCIAL_PENSION', decisionNumber: '2030/QĐ-UBND', signedOn: today, effectiveFrom: today },
      '5550002000030',
    );
    // Another commune's run of January, frozen after the decision was recorded: not a run that could have paid it.
    await communeRun('2030-01', ['30307']);
    const item = (await communeRun('2030-02', ['30742'])).find((i) => i.personRef === personRef);
    expect(item?.attributes.arrearsFrom).toBe(today.slice(0, 7));
  });
});
