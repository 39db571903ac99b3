import { randomInt, randomUUID } from 'node:crypto';
import { parseCamt05x } from '@benefits/iso20022';
import { mintDevToken, type MintRequest } from '@benefits/platform';
import { mintToken, startService, waitFor, type RunningService } from '@benefits/testing';

/**
 * Who may call what, checked on the running services: every operation of each service's OpenAPI document has a
 * rule below (a new endpoint without one fails this test), and every principal gets past authentication and
 * authorisation exactly where its rule says. "Allowed" only means not refused 401/403: a fake id may well give 400
 * or 404. Then the bypass attempts on four eyes, the rate limits, the audit trail, and the hardening of inputs.
 */
type ServiceName = 'eligibility' | 'entitlement' | 'disbursement';
type Role = 'operator' | 'approver' | 'finance' | 'auditor' | 'admin';

const PROGRAMME_OPERATORS = {
  'operator (social assistance)': 'social_assistance',
  'operator (social pension)': 'social_pension',
  'operator (meritorious)': 'meritorious',
} as const;
const OTHER_ROLES = ['approver', 'finance', 'auditor', 'admin'] as const;
/** Tokens that must never get in, and the refusal each gets. */
const INTRUDERS = {
  'no token': { status: 401, code: 'MISSING_TOKEN' },
  'expired token': { status: 401, code: 'INVALID_TOKEN' },
  'forged signature': { status: 401, code: 'INVALID_TOKEN' },
  'token for another province': { status: 403, code: 'WRONG_PROVINCE' },
} as const;
type Principal = keyof typeof PROGRAMME_OPERATORS | (typeof OTHER_ROLES)[number] | keyof typeof INTRUDERS;
const PRINCIPALS = [...Object.keys(PROGRAMME_OPERATORS), ...OTHER_ROLES, ...Object.keys(INTRUDERS)] as Principal[];

const ALL_ROLES: Role[] = ['operator', 'approver', 'finance', 'auditor', 'admin'];
/** A forger signs with a key of their own and gives themselves every role. */
const forged = (sub: string) =>
  mintDevToken({ issuer: 'benefit-payments-dev', audience: 'benefit-payments', devSecret: 'not-the-issuer-secret-but-just-as-long-0001' }, { sub, roles: ALL_ROLES });

function tokenOf(principal: Principal): Promise<string | undefined> {
  if (principal in PROGRAMME_OPERATORS) {
    const programme = PROGRAMME_OPERATORS[principal as keyof typeof PROGRAMME_OPERATORS];
    return mintToken({ sub: `matrix.operator.${programme}`, roles: ['operator'], programmes: [programme] });
  }
  switch (principal) {
    case 'no token':
      return Promise.resolve(undefined);
    case 'expired token':
      return mintToken({ sub: 'matrix.admin', roles: ALL_ROLES, expiresIn: -60 });
    case 'forged signature':
      return forged('matrix.forger');
    case 'token for another province':
      return mintToken({ sub: 'matrix.admin.79', roles: ALL_ROLES, provinceCode: '79' });
    default:
      return mintToken({ sub: `matrix.${principal}`, roles: [principal as Role] });
  }
}

/** The principals a rule lets in: the given roles (an operator of any programme for 'operator'). */
function only(...roles: Role[]): Principal[] {
  return roles.flatMap((role) => (role === 'operator' ? (Object.keys(PROGRAMME_OPERATORS) as Principal[]) : [role]));
}

/** Classes of endpoint and who gets in. */
const EVERYONE = PRINCIPALS;
const RULES = {
  public: EVERYONE,
  'audit trail': only('auditor', 'admin'),
  'person look-up': only('operator', 'approver', 'auditor', 'admin'),
  'register and rate-table change': only('operator', 'admin'),
  'reading runs, payments and rates': only('operator', 'approver', 'finance', 'auditor', 'admin'),
  'operator request (run, re-send)': only('operator'),
  'four-eyes decision': only('approver'),
  'run cancellation': only('operator', 'approver', 'admin'),
  'run release': only('operator', 'approver'),
  recoveries: only('operator', 'finance', 'auditor', 'admin'),
  'reconciliation reading': only('finance', 'approver', 'auditor', 'admin'),
  'reconciliation work': only('finance'),
  'run reports': only('operator', 'finance', 'auditor', 'admin'),
  'finance reports': only('finance', 'auditor', 'admin'),
} satisfies Record<string, Principal[]>;
type Rule = keyof typeof RULES;

const COMMON: Record<string, Rule> = {
  'GET /health/live': 'public',
  'GET /health': 'public',
  'GET /health/ready': 'public',
  'GET /audit': 'audit trail',
  'GET /audit/verify': 'audit trail',
};

/** Every operation of every service, as its OpenAPI document names it, and its rule. */
const MATRIX: Record<ServiceName, Record<string, Rule>> = {
  eligibility: {
    ...COMMON,
    'POST /persons': 'register and rate-table change',
    'POST /imports': 'register and rate-table change',
    'GET /imports/{importId}': 'person look-up',
    'POST /persons/{personRef}/life-events': 'register and rate-table change',
    'POST /persons/{personRef}/decisions/{decisionId}/terminate': 'register and rate-table change',
    'POST /persons/{personRef}/decisions/{decisionId}/amend': 'register and rate-table change',
    'POST /persons/search': 'person look-up',
    'GET /persons/{personRef}': 'person look-up',
    'GET /persons/{personRef}/decisions': 'person look-up',
    'GET /persons/{personRef}/eligibility': 'person look-up',
  },
  entitlement: {
    ...COMMON,
    'GET /rate-tables': 'reading runs, payments and rates',
    'POST /rate-tables': 'register and rate-table change',
    'GET /rate-tables/{id}': 'reading runs, payments and rates',
    'POST /rate-tables/{id}/approve': 'four-eyes decision',
    'POST /rate-tables/{id}/reject': 'four-eyes decision',
    'GET /runs/{runId}/summary': 'reading runs, payments and rates',
    'GET /runs/{runId}/persons/{personRef}': 'reading runs, payments and rates',
    'GET /recoveries': 'recoveries',
    'GET /reports/recoveries': 'finance reports',
  },
  disbursement: {
    ...COMMON,
    'POST /runs': 'operator request (run, re-send)',
    'GET /runs': 'reading runs, payments and rates',
    'GET /runs/{id}': 'reading runs, payments and rates',
    'GET /runs/{id}/preview': 'reading runs, payments and rates',
    'POST /runs/{id}/approve': 'four-eyes decision',
    'POST /runs/{id}/reject': 'four-eyes decision',
    'POST /runs/{id}/cancel': 'run cancellation',
    'GET /runs/{id}/progress': 'reading runs, payments and rates',
    'GET /runs/{id}/summary': 'reading runs, payments and rates',
    'POST /runs/{id}/release': 'run release',
    'GET /batches': 'reading runs, payments and rates',
    'POST /batches/{batchId}/send-again': 'run release',
    'POST /batches/{batchId}/watch-again': 'run release',
    'POST /batches/{batchId}/declare-lost': 'four-eyes decision',
    'GET /payments': 'reading runs, payments and rates',
    'GET /payments/resends': 'reading runs, payments and rates',
    'POST /payments/resends/{requestId}/approve': 'four-eyes decision',
    'POST /payments/resends/{requestId}/reject': 'four-eyes decision',
    'GET /payments/{paymentId}': 'reading runs, payments and rates',
    'POST /payments/{paymentId}/resend': 'operator request (run, re-send)',
    'POST /statements': 'reconciliation work',
    'GET /statements': 'reconciliation reading',
    'POST /statements/fetch': 'reconciliation work',
    'GET /statements/{id}': 'reconciliation reading',
    'GET /runs/{id}/reconciliation': 'reconciliation reading',
    'POST /runs/{id}/reconciliation/refresh': 'reconciliation work',
    'POST /runs/{id}/reconciliation/prepare': 'reconciliation work',
    'POST /runs/{id}/reconciliation/sign-off': 'reconciliation work',
    'GET /reconciliation/exceptions': 'reconciliation reading',
    'GET /reconciliation/exceptions/{id}': 'reconciliation reading',
    'POST /reconciliation/exceptions/{id}/assign': 'reconciliation work',
    'POST /reconciliation/exceptions/{id}/resolve': 'reconciliation work',
    'POST /reconciliation/exceptions/{id}/reopen': 'reconciliation work',
    'GET /runs/{id}/funding': 'run reports',
    'GET /runs/{id}/reports/summary': 'run reports',
    'GET /runs/{id}/reports/post-office': 'run reports',
    'GET /runs/{id}/cash-lists/{communeCode}/{cashPointCode}': 'run reports',
    'GET /reports/cashless-share': 'finance reports',
    'GET /reports/monthly': 'finance reports',
    'GET /reports/annual': 'finance reports',
    'GET /reports/arrears': 'finance reports',
    // Partners' callbacks only nudge a poll; their body is never trusted (see partner-callbacks.controller.ts).
    'POST /partners/bank/status-reports': 'public',
    'POST /partners/post-office/settlement-reports': 'public',
  },
};

const LOOKUPS_PER_MINUTE = 25;
let services: Record<ServiceName, RunningService>;

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

async function send<T = Record<string, unknown>>(service: ServiceName, token: string | undefined, method: string, path: string, body?: unknown, type = 'application/json'): Promise<Answer<T>> {
  const response = await fetch(`${services[service].url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (a report file, a page): kept as text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

const as = (who: MintRequest) => mintToken(who);

beforeAll(async () => {
  // Refused tokens are what this test sends most: the per-address limit must not cut it short (it is unit-tested).
  const env = { RATE_LIMIT_LOOKUPS_PER_MINUTE: String(LOOKUPS_PER_MINUTE), RATE_LIMIT_TOKEN_FAILURES_PER_MINUTE: '100000' };
  const [eligibility, entitlement, disbursement] = await Promise.all([
    startService('eligibility', env),
    startService('entitlement', env),
    startService('disbursement', env),
  ]);
  services = { eligibility, entitlement, disbursement };
}, 180_000);

afterAll(async () => {
  await Promise.all(Object.values(services ?? {}).map((s) => s.stop()));
});

describe.each(Object.keys(MATRIX) as ServiceName[])('the %s service', (service) => {
  it('has a rule for every operation it documents, and documents every operation that has a rule', async () => {
    const doc = (await send<{ paths: Record<string, Record<string, unknown>> }>(service, undefined, 'GET', '/docs/openapi.json')).body;
    const documented = Object.entries(doc.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect({ withoutRule: documented.filter((op) => !(op in MATRIX[service])), ruleWithoutOperation: Object.keys(MATRIX[service]).filter((op) => !documented.includes(op)) }).toEqual({
      withoutRule: [],
      ruleWithoutOperation: [],
    });
  });

  it.each(Object.entries(MATRIX[service]))('%s: %s', async (operation, rule) => {
    const [method, template] = operation.split(' ');
    const path = template.replace(/\{[^}]+\}/g, randomUUID());
    const mismatches: string[] = [];
    await Promise.all(
      PRINCIPALS.map(async (principal) => {
        const token = await tokenOf(principal);
        // A file import takes its file as the body; anything else gets an empty JSON object (at worst a 400).
        const answer =
          method === 'GET'
            ? await send<{ code?: string }>(service, token, method, path)
            : path === '/imports'
              ? await send<{ code?: string }>(service, token, method, path, '', 'text/csv')
              : await send<{ code?: string }>(service, token, method, path, {});
        const allowed = (RULES[rule as Rule] as Principal[]).includes(principal);
        const refusal = principal in INTRUDERS ? INTRUDERS[principal as keyof typeof INTRUDERS] : { status: 403, code: 'ROLE_REQUIRED' };
        if (allowed && [401, 403].includes(answer.status)) mismatches.push(`${principal}: refused ${answer.status} ${answer.body.code ?? ''}, should be allowed`);
        if (!allowed && (answer.status !== refusal.status || answer.body.code !== refusal.code)) {
          mismatches.push(`${principal}: answered ${answer.status} ${answer.body.code ?? ''}, should be refused ${refusal.status} ${refusal.code}`);
        }
      }),
    );
    expect(mismatches.sort()).toEqual([]);
  });
});

describe('four eyes cannot be bypassed', () => {
  /** A far-future year: what this test proposes never meets a real month (and it only ever rejects). */
  const year = 3000 + randomInt(6000);
  const proposal = (amount: string) => ({
    table: 'province_topup',
    scope: '99',
    effectiveFrom: `${year}-01`,
    effectiveTo: `${year}-12`,
    instrument: `Resolution ${year}/NQ-HĐND (access matrix test)`,
    confidence: 'test data',
    rows: [{ key: 'SA_ELDERLY_POOR_NO_SUPPORT_80', amount }],
  });
  const both: MintRequest = { sub: `matrix.both.${randomUUID().slice(0, 6)}`, roles: ['operator', 'approver'] };
  const approver: MintRequest = { sub: 'matrix.second.approver', roles: ['approver'] };
  const propose = async (amount: string) => {
    const proposed = await send<{ id: string }>('entitlement', await as(both), 'POST', '/rate-tables', proposal(amount));
    expect(proposed.status).toBe(201);
    return `/rate-tables/${encodeURIComponent(proposed.body.id)}`;
  };

  it('refuses the proposer of a rate table as its approver, an expired token and a forged role', async () => {
    const version = await propose('101000');
    expect(await send('entitlement', await as(both), 'POST', `${version}/approve`)).toMatchObject({ status: 403, body: { code: 'FOUR_EYES' } });
    expect(await send('entitlement', await as({ ...approver, expiresIn: -1 }), 'POST', `${version}/approve`)).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
    expect(await send('entitlement', await forged(approver.sub), 'POST', `${version}/approve`)).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
    expect((await send('entitlement', await as(approver), 'POST', `${version}/reject`, { reason: 'test proposal' })).status).toBe(200);
  });

  it('lets one token take one decision: the same token again is refused as a replay', async () => {
    const [first, second] = [await propose('102000'), await propose('103000')];
    const token = await as(approver);
    expect((await send('entitlement', token, 'POST', `${first}/reject`, { reason: 'test proposal' })).status).toBe(200);
    expect(await send('entitlement', token, 'POST', `${second}/reject`, { reason: 'test proposal' })).toMatchObject({ status: 401, body: { code: 'TOKEN_REPLAYED' } });
    expect(await send('entitlement', token, 'POST', `${second}/approve`)).toMatchObject({ status: 401, body: { code: 'TOKEN_REPLAYED' } });
    expect(await send('entitlement', await as(approver), 'POST', `${second}/reject`, { reason: 'test proposal' })).toMatchObject({ status: 200, body: { status: 'rejected' } });
  });

  it('refuses the requester of a payment run as its approver', async () => {
    // A commune nobody lives in and a far month: the run is empty and meets no other test's run.
    const scope = { provinceCode: '91', programmes: ['social_assistance', 'social_pension'], communeCodes: [String(randomInt(90000, 99999))] };
    const month = `${2100 + randomInt(800)}-${String(randomInt(1, 13)).padStart(2, '0')}`;
    const created = await send<{ id: string }>('disbursement', await as(both), 'POST', '/runs', { month, scope });
    expect(created.status).toBe(201);
    const runPath = `/runs/${created.body.id}`;
    await waitFor(async () => {
      const run = await send<{ status: string }>('disbursement', await as(both), 'GET', runPath);
      if (['HALTED', 'CANCELLED'].includes(run.body.status)) throw new Error(`the run is ${run.body.status}`);
      return run.body.status === 'PREVIEW_READY';
    }, 120_000, 'the preview of an empty run');
    expect(await send('disbursement', await as(both), 'POST', `${runPath}/approve`)).toMatchObject({ status: 403, body: { code: 'FOUR_EYES' } });
    expect(await send('disbursement', await forged(both.sub), 'POST', `${runPath}/approve`)).toMatchObject({ status: 401, body: { code: 'INVALID_TOKEN' } });
    expect((await send('disbursement', await as(both), 'POST', `${runPath}/cancel`, { reason: 'access matrix test' })).status).toBe(200);
  });
});

describe('look-ups of personal data are rate limited', () => {
  it.each([
    ['disbursement', 'GET', '/payments?limit=1', undefined],
    ['eligibility', 'POST', '/persons/search', { name: 'zz-nobody' }],
  ] as const)('%s %s %s: 429 past the limit, with a clear error, and the refusal is audited', async (service, method, path, body) => {
    const scraper = `matrix.scraper.${randomUUID().slice(0, 6)}`;
    const token = await as({ sub: scraper, roles: ['auditor'] });
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) expect((await send(service, token, method, path, body)).status).toBe(200);
    const refused = await send<{ code: string; message: string }>(service, token, method, path, body);
    expect(refused).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', message: expect.stringContaining(`at most ${LOOKUPS_PER_MINUTE} a minute`) } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const audit = await as({ sub: 'matrix.audit.reader', roles: ['auditor'] });
    const refusals = await waitFor(async () => {
      const entries = (await send<{ outcome: number }[]>(service, audit, 'GET', `/audit?actor=${scraper}&kind=refusal`)).body;
      return entries.length > 0 ? entries : undefined;
    }, 10_000, 'the refusal in the audit trail');
    expect(refusals[0]).toMatchObject({ outcome: 429, actor: scraper });
  });
});

describe('the audit trail', () => {
  it('records a change with who, what, the outcome and the correlation id, and its chain verifies', async () => {
    const actor = `matrix.operator.${randomUUID().slice(0, 6)}`;
    const correlationId = `matrix-${randomUUID()}`;
    const response = await fetch(`${services.disbursement.url}/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await as({ sub: actor, roles: ['operator'] })}`, 'content-type': 'application/json', 'x-correlation-id': correlationId },
      body: JSON.stringify({ month: 'not-a-month' }),
    });
    expect(response.status).toBe(400);
    const auditor = await as({ sub: 'matrix.auditor', roles: ['auditor'] });
    const [entry] = await waitFor(async () => {
      const entries = (await send<Record<string, unknown>[]>('disbursement', auditor, 'GET', `/audit?actor=${actor}&action=${encodeURIComponent('POST /runs')}`)).body;
      return entries.length > 0 ? entries : undefined;
    }, 10_000, 'the audit entry');
    expect(entry).toMatchObject({ actor, roles: ['operator'], kind: 'change', action: 'POST /runs', outcome: 400, correlationId, request: { body: { month: 'not-a-month' } } });
    for (const service of Object.keys(MATRIX) as ServiceName[]) {
      expect({ service, ...(await send<{ ok: boolean }>(service, auditor, 'GET', '/audit/verify')).body }).toMatchObject({ service, ok: true });
    }
    // Read to its end page by page: the page after the entry holds only older ones; a bad page key is named.
    const older = (await send<{ id: string }[]>('disbursement', auditor, 'GET', `/audit?beforeId=${String(entry.id)}&limit=5`)).body;
    expect(older.every((e) => BigInt(e.id) < BigInt(String(entry.id)))).toBe(true);
    const bad = await send<{ message: unknown }>('disbursement', auditor, 'GET', '/audit?beforeId=last');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('beforeId');
  });
});

describe('inputs are hardened', () => {
  it('refuses a body over the limit (413) and an unknown field, naming it (400)', async () => {
    const operator = await as({ sub: 'matrix.operator.inputs', roles: ['operator'] });
    const huge = { month: '2099-01', padding: 'x'.repeat(2 * 1024 * 1024) };
    expect((await send('disbursement', operator, 'POST', '/runs', huge)).status).toBe(413);
    const unknown = await send<{ message: string[] }>('disbursement', operator, 'POST', '/runs', {
      month: '2099-01',
      scope: { provinceCode: '91', programmes: ['social_pension', 'social_assistance'] },
      approvedBy: 'me',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('property approvedBy should not exist');
  });

  it('refuses XML with a DOCTYPE or an ENTITY declaration (no external entities, no entity expansion)', () => {
    const xxe = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>';
    expect(() => parseCamt05x(xxe)).toThrow(/DOCTYPE and ENTITY declarations are not allowed/);
  });
});
