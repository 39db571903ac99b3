import { auditedRequest, canonicalJson, chainHash, GENESIS_HASH, maskForAudit, verifyChain, type AuditContent, type StoredAuditEntry } from './audit-chain';
import { httpAuditRecord, type HttpFacts } from './audit-http';

const content = (overrides: Partial<AuditContent> = {}): AuditContent => ({
  at: '2026-11-05T03:00:00.000Z',
  actor: 'lan.tran',
  roles: ['approver'],
  kind: 'change',
  action: 'POST /runs/:id/approve',
  resourceType: 'runs',
  resourceId: '5b0c6a4e-3f7e-4d0c-9f6e-2f1d3c4b5a69',
  before: null,
  after: null,
  request: null,
  correlationId: 'corr-1',
  outcome: 200,
  ...overrides,
});

/** A chain of entries as AuditTrail writes them. */
function chain(...contents: AuditContent[]): StoredAuditEntry[] {
  let prevHash = GENESIS_HASH;
  return contents.map((c, i) => {
    const hash = chainHash(prevHash, c);
    const entry = { id: String(i + 1), ...c, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

describe('the audit chain', () => {
  it('hashes the same content to the same value whatever the order of keys (jsonb reorders them)', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    const a = content({ after: { status: 'APPROVED', approvedBy: 'lan.tran' } });
    const b = content({ after: { approvedBy: 'lan.tran', status: 'APPROVED' } });
    expect(chainHash(GENESIS_HASH, a)).toBe(chainHash(GENESIS_HASH, b));
    expect(chainHash(GENESIS_HASH, a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain and reports its length and last hash', () => {
    const entries = chain(content(), content({ kind: 'read', action: 'GET /payments' }), content({ outcome: 403, kind: 'refusal' }));
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 3, lastHash: entries[2].hash });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH });
  });

  it.each([
    ['an entry edited afterwards', (e: StoredAuditEntry[]) => [e[0], { ...e[1], actor: 'someone.else' }, e[2]], '2'],
    ['an outcome changed', (e: StoredAuditEntry[]) => [e[0], e[1], { ...e[2], outcome: 500 }], '3'],
    ['an entry removed', (e: StoredAuditEntry[]) => [e[0], e[2]], '3'],
    ['entries swapped', (e: StoredAuditEntry[]) => [e[1], e[0], e[2]], '2'],
    ['an entry rewritten with a hash of its own, but not its successor', (e: StoredAuditEntry[]) => {
      const forged = content({ action: 'two', after: { status: 'REJECTED' } });
      return [e[0], { id: '2', ...forged, prevHash: e[1].prevHash, hash: chainHash(e[1].prevHash, forged) }, e[2]];
    }, '3'],
  ])('finds %s, naming the first entry that no longer matches', (_, tamper, firstBrokenId) => {
    const entries = chain(content({ action: 'one' }), content({ action: 'two' }), content({ action: 'three' }));
    expect(verifyChain(tamper(entries))).toMatchObject({ ok: false, firstBrokenId });
  });

  it('continues from the last hash of the previous page', () => {
    const entries = chain(content({ action: 'one' }), content({ action: 'two' }));
    const first = verifyChain(entries.slice(0, 1));
    expect(verifyChain(entries.slice(1), first.lastHash)).toMatchObject({ ok: true, entries: 1 });
  });
});

describe('what enters the trail', () => {
  it('masks account numbers under any spelling of the field, short ones too', () => {
    const masked = maskForAudit({ account_number: '12345678', accountNo: '87654321', bankAccount: '11223344', national_id: '079203001234' });
    expect(masked).toEqual({ account_number: '****5678', accountNo: '****4321', bankAccount: '****3344', national_id: '079*******34' });
  });

  it('never holds a whole ID, account or phone number, nor a secret', () => {
    const masked = maskForAudit({
      nationalId: '079203001234',
      destination: { accountNumber: '0071000123456', account: '12345678', holderName: 'Nguyễn Văn An' },
      note: 'người nhận 079203001234, tài khoản 0071000123456',
      phone: '0912 345 678',
      password: 'hunter2',
      personRef: '5b0c6a4e-3f7e-4d0c-9f6e-a23456789b12',
      amount: 1500000n,
      at: new Date('2026-11-05T03:00:00Z'),
    });
    expect(JSON.stringify(masked)).not.toMatch(/079203001234|0071000123456|12345678|hunter2|0912 345 678/);
    expect(masked).toEqual({
      nationalId: '079*******34',
      destination: { accountNumber: '*********3456', account: '****5678', holderName: 'Nguyễn Văn An' },
      note: 'người nhận 07********34, tài khoản 00*********56',
      phone: '******5678',
      password: '[redacted]',
      personRef: '5b0c6a4e-3f7e-4d0c-9f6e-a23456789b12',
      amount: '1500000',
      at: '2026-11-05T03:00:00.000Z',
    });
  });

  it('removes credentials under any spelling of their key, and a bearer token quoted in text', () => {
    const masked = maskForAudit({ headers: { 'x-api-key': 'k-123', apiKey: 'k-456', Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' }, detail: 'partner said: Bearer abc.def.ghi refused' });
    expect(masked).toEqual({ headers: { 'x-api-key': '[redacted]', apiKey: '[redacted]', Authorization: '[redacted]' }, detail: 'partner said: Bearer [redacted] refused' });
  });

  it('masks an ID, account or phone number sent as a JSON number, which the validation then refuses but the trail keeps', () => {
    // A client that drops the quotes: {"nationalId": 79203001234} (the leading 0 lost), an account typed as a number.
    const masked = maskForAudit({
      nationalId: 79203001234,
      destination: { accountNumber: 71000123456, account: 12345678 },
      phone: 912345678,
      note: 123456789012,
      amount: 1500000,
      limit: 50,
    });
    expect(JSON.stringify(masked)).not.toMatch(/79203001234|71000123456|12345678|912345678|123456789012/);
    expect(masked).toEqual({
      nationalId: '792******34',
      destination: { accountNumber: '*******3456', account: '****5678' },
      phone: '*****5678',
      note: '12********12',
      amount: 1500000,
      limit: 50,
    });
  });

  it('summarises a large request instead of copying it', () => {
    expect(auditedRequest({ body: { rows: Array.from({ length: 500 }, (_, i) => ({ group: `G${i}`, amount: 1000 })) } })).toEqual({
      summarised: true,
      chars: expect.any(Number),
      fields: ['rows'],
    });
    expect(auditedRequest({ query: {}, body: undefined })).toBeNull();
    expect(auditedRequest({ query: { personRef: 'x', limit: '5' } })).toEqual({ query: { personRef: 'x', limit: '5' } });
  });
});

describe('which requests are recorded', () => {
  const facts = (overrides: Partial<HttpFacts>): HttpFacts => ({
    method: 'GET',
    route: '/runs/:id',
    params: { id: 'r1' },
    query: {},
    body: undefined,
    tokenPresented: true,
    user: { id: 'an.nguyen', roles: ['operator'] },
    status: 200,
    ...overrides,
  });

  it('records every change with its outcome, about the last reference of its path', () => {
    expect(httpAuditRecord(facts({ method: 'POST', route: '/runs/:id/approve', status: 409, body: { note: 'x' } }))).toEqual({
      actor: { id: 'an.nguyen', roles: ['operator'] },
      kind: 'change',
      action: 'POST /runs/:id/approve',
      resourceType: 'runs',
      resourceId: 'r1',
      request: { body: { note: 'x' } },
      correlationId: null,
      outcome: 409,
    });
    expect(httpAuditRecord(facts({ route: '/runs/:runId/persons/:personRef', params: { runId: 'r1', personRef: 'p1' }, readOf: 'person' }))).toMatchObject({
      kind: 'read',
      resourceType: 'person',
      resourceId: 'p1',
    });
  });

  it('records reads of personal data and refusals, not other reads', () => {
    expect(httpAuditRecord(facts({}))).toBeUndefined();
    expect(httpAuditRecord(facts({ readOf: 'payment', route: '/payments', params: {} }))).toMatchObject({ kind: 'read', resourceId: null });
    expect(httpAuditRecord(facts({ method: 'POST', route: '/persons/search', params: {}, readOf: 'person', body: { nationalId: '079203001234' } }))).toMatchObject({
      kind: 'read',
      request: { body: { nationalId: '079*******34' } },
    });
    for (const status of [401, 403, 429]) expect(httpAuditRecord(facts({ status, user: undefined }))).toMatchObject({ kind: 'refusal', actor: null, outcome: status });
  });

  it('leaves out requests without a token and requests no route answered', () => {
    expect(httpAuditRecord(facts({ method: 'POST', tokenPresented: false, status: 401, user: undefined }))).toBeUndefined();
    expect(httpAuditRecord(facts({ method: 'POST', route: undefined, status: 404 }))).toBeUndefined();
  });
});
