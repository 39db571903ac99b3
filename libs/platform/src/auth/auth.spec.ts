import { ForbiddenException, HttpException, NotFoundException, UnauthorizedException, type ArgumentsHost, type CallHandler, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { decodeJwt, SignJWT } from 'jose';
import { lastValueFrom, of, throwError } from 'rxjs';
import { AuthGuard } from './auth.guard';
import { DecisionTokenInterceptor, type SpentTokens } from './decision-token';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { assertFourEyes, FourEyesError } from './four-eyes';
import { RateLimitedError, RateLimitedFilter, TokenFailureLimiter } from './rate-limits';
import { InvalidTokenError, mintDevToken, TokenVerifier, type VerifiedUser } from './token-verifier';
import { readableCommunes, readableProgrammes, type AuthUser } from './user';

const settings = { issuer: 'test-issuer', audience: 'benefit-payments', devSecret: 'a-test-secret-of-at-least-32-characters!' };
const verifier = new TokenVerifier(settings);

function contextFor(headers: Record<string, string>, metadata: Record<string, unknown> = {}, failures?: TokenFailureLimiter) {
  const request: { headers: Record<string, string>; ip: string; user?: unknown } = { headers, ip: '10.0.0.7' };
  const handler = () => undefined;
  const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
  const context = { getHandler: () => handler, getClass: () => Object, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  return { guard: new AuthGuard(reflector, verifier, '91', failures), context, request };
}

describe('tokens', () => {
  it('accepts a token of the configured issuer and reads the user from it', async () => {
    const token = await mintDevToken(settings, { sub: 'lan.tran', name: 'Trần Thị Lan', roles: ['approver'], communeCodes: ['30307'] });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      id: 'lan.tran',
      name: 'Trần Thị Lan',
      roles: ['approver'],
      provinceCode: '91',
      communeCodes: ['30307'],
    });
  });

  it('gives every minted token a jti of its own and reports it, with the expiry', async () => {
    const [a, b] = await Promise.all([0, 1].map(() => mintDevToken(settings, { sub: 'a', roles: ['approver'] })));
    expect(decodeJwt(a).jti).toEqual(expect.any(String));
    expect(decodeJwt(a).jti).not.toBe(decodeJwt(b).jti);
    const user = await verifier.verify(a);
    expect(user.tokenId).toBe(decodeJwt(a).jti);
    expect(user.tokenExpiresAt.getTime()).toBe(Number(decodeJwt(a).exp) * 1000);
  });

  it.each([
    ['expired', async () => mintDevToken(settings, { sub: 'a', roles: ['operator'], expiresIn: -10 })],
    ['signed with another secret (forged)', async () => mintDevToken({ ...settings, devSecret: 'another-secret-of-at-least-32-characters' }, { sub: 'a', roles: ['admin'] })],
    ['for another audience', async () => mintDevToken({ ...settings, audience: 'other' }, { sub: 'a', roles: ['operator'] })],
    ['from another issuer', async () => mintDevToken({ ...settings, issuer: 'evil' }, { sub: 'a', roles: ['operator'] })],
    [
      'claiming a role that does not exist',
      async () =>
        new SignJWT({ roles: ['superuser'], province: '91' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('a')
          .setIssuer(settings.issuer)
          .setAudience(settings.audience)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(settings.devSecret)),
    ],
    [
      'unsigned (alg none)',
      async () => {
        const body = Buffer.from(JSON.stringify({ sub: 'a', roles: ['admin'], province: '91', iss: settings.issuer, aud: settings.audience, exp: 9999999999 })).toString('base64url');
        return `${Buffer.from('{"alg":"none"}').toString('base64url')}.${body}.`;
      },
    ],
  ])('refuses a token %s', async (_, make) => {
    await expect(verifier.verify(await make())).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token whose communes claim is empty: neither every commune nor none, but a provider mapping gone wrong', async () => {
    // A commune officer whose commune groups were all removed gets `communes: []` from a provider that always emits
    // the claim. Disbursement read that as no limit (the preview of any run, a run of the whole province); the other
    // reads as no commune at all.
    const token = await mintDevToken(settings, { sub: 'cu.commune', roles: ['operator'], communeCodes: [] });
    await expect(verifier.verify(token)).rejects.toThrow(/communes/);
  });
});

describe('the guard', () => {
  it('lets public routes through without a token', async () => {
    const { guard, context } = contextFor({}, { [IS_PUBLIC]: true });
    await expect(guard.canActivate(context)).resolves.toBe(true);
  });

  it('refuses a request without a bearer token', async () => {
    const { guard, context } = contextFor({});
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a user without one of the required roles, and admits one with it', async () => {
    const operator = await mintDevToken(settings, { sub: 'op', roles: ['operator'] });
    const denied = contextFor({ authorization: `Bearer ${operator}` }, { [REQUIRED_ROLES]: ['approver'] });
    await expect(denied.guard.canActivate(denied.context)).rejects.toBeInstanceOf(ForbiddenException);
    const allowed = contextFor({ authorization: `Bearer ${operator}` }, { [REQUIRED_ROLES]: ['operator', 'admin'] });
    await expect(allowed.guard.canActivate(allowed.context)).resolves.toBe(true);
    expect(allowed.request.user).toMatchObject({ id: 'op', roles: ['operator'] });
  });

  it('refuses a token for another province', async () => {
    const token = await mintDevToken(settings, { sub: 'x', roles: ['admin'], provinceCode: '79' });
    const { guard, context } = contextFor({ authorization: `Bearer ${token}` });
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ForbiddenException);
  });
});

describe('refused tokens from one address', () => {
  it('are answered 429 past the limit, and then the address is refused before its tokens are checked', async () => {
    const failures = new TokenFailureLimiter(new ThrottlerStorageService(), 3);
    const forged = await mintDevToken({ ...settings, devSecret: 'another-secret-of-at-least-32-characters' }, { sub: 'a', roles: ['admin'] });
    const valid = await mintDevToken(settings, { sub: 'a', roles: ['operator'] });
    const attempt = async (token: string) => {
      const { guard, context } = contextFor({ authorization: `Bearer ${token}` }, {}, failures);
      return guard.canActivate(context).catch((error: HttpException) => error.getStatus());
    };
    expect(await attempt(valid)).toBe(true);
    for (let i = 0; i < 3; i++) expect(await attempt(forged)).toBe(401);
    expect(await attempt(forged)).toBe(429);
    expect(await attempt(valid)).toBe(429);
    expect(failures.blockedFor('10.0.0.7')).toBeGreaterThan(50);
    expect(failures.blockedFor('10.0.0.8')).toBe(0);
  });
});

describe('a 429 of any limit', () => {
  it('carries the standard Retry-After header (whole seconds, at least 1) and retryAfterSeconds in its body', () => {
    const headers: Record<string, string> = {};
    let sent: { status?: number; body?: unknown } = {};
    const response = {
      status: (status: number) => ((sent = { ...sent, status }), response),
      setHeader: (name: string, value: string) => ((headers[name] = value), response),
      json: (body: unknown) => ((sent = { ...sent, body }), response),
    };
    const host = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    new RateLimitedFilter().catch(new TokenFailureLimiter(new ThrottlerStorageService(), 3).refusal(42), host);
    expect(headers).toEqual({ 'Retry-After': '42' });
    expect(sent).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED', retryAfterSeconds: 42 } });
    new RateLimitedFilter().catch(new RateLimitedError('soon', 0.2), host);
    expect(headers['Retry-After']).toBe('1');
  });
});

describe('a four-eyes decision', () => {
  function decision(user: Partial<VerifiedUser> | undefined) {
    const spent = new Set<string>();
    const store = {
      spend: async ({ jti }: { jti: string }) => !spent.has(jti) && Boolean(spent.add(jti)),
      release: async (jti: string) => void spent.delete(jti),
    } as unknown as SpentTokens;
    const reflector = { get: () => 'run.approve' } as unknown as Reflector;
    const interceptor = new DecisionTokenInterceptor(reflector, store);
    const context = { getHandler: () => undefined, switchToHttp: () => ({ getRequest: () => ({ user }) }) } as unknown as ExecutionContext;
    const run = async (outcome: () => unknown) => {
      const next: CallHandler = { handle: () => (outcome() === undefined ? of('decided') : throwError(() => outcome())) };
      return lastValueFrom(await interceptor.intercept(context, next));
    };
    return { run, spent };
  }
  const approver = { id: 'lan.tran', roles: ['approver' as const], tokenId: 'jti-1', tokenExpiresAt: new Date(Date.now() + 60_000) };

  it('spends the token: the same token cannot take a second decision', async () => {
    const { run } = decision(approver);
    await expect(run(() => undefined)).resolves.toBe('decided');
    await expect(run(() => undefined)).rejects.toMatchObject({ response: { code: 'TOKEN_REPLAYED' } });
  });

  it('does not spend it when the decision was refused (4xx), and keeps it spent after anything else', async () => {
    const refused = decision(approver);
    await expect(refused.run(() => new FourEyesError())).rejects.toBeInstanceOf(FourEyesError);
    await expect(refused.run(() => new NotFoundException())).rejects.toBeInstanceOf(NotFoundException);
    expect(refused.spent.size).toBe(0);
    const failed = decision(approver);
    await expect(failed.run(() => new Error('Redis went away after the commit'))).rejects.toThrow('Redis');
    expect(failed.spent.has('jti-1')).toBe(true);
  });

  it('needs a token with a jti', async () => {
    await expect(decision({ ...approver, tokenId: undefined }).run(() => undefined)).rejects.toMatchObject({ response: { code: 'TOKEN_ID_REQUIRED' } });
    await expect(decision({ ...approver, tokenId: undefined }).run(() => undefined)).rejects.toBeInstanceOf(UnauthorizedException);
  });
});

describe('four eyes', () => {
  it('refuses the requester as approver, whatever the case or spacing of the id', () => {
    expect(() => assertFourEyes('an.nguyen', 'an.nguyen')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', ' AN.NGUYEN ')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', 'lan.tran')).not.toThrow();
  });

  it('refuses the requester whatever the spacing inside the id, invisible characters or Unicode forms', () => {
    expect(() => assertFourEyes('an nguyen', 'an  nguyen')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an nguyen', 'an\u00a0nguyen')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', 'an.nguyen\u200b')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', '\ufeffan.\u200dnguyen')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', 'ＡＮ.nguyen')).toThrow(FourEyesError);
    expect(() => assertFourEyes('trần.lan'.normalize('NFC'), 'Trần.Lan'.normalize('NFD'))).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', 'an.nguyen2')).not.toThrow();
  });
});

describe('readableProgrammes: whose person-level records a user reads, in every service', () => {
  const ALL = ['social_assistance', 'social_pension', 'meritorious'];
  it.each<[string, Pick<AuthUser, 'roles' | 'programmes'>, string[]]>([
    ['a Health operator: social assistance and the pension', { roles: ['operator'], programmes: ['social_pension', 'social_assistance'] }, ['social_assistance', 'social_pension']],
    ['a Home Affairs operator: meritorious only', { roles: ['operator'], programmes: ['meritorious'] }, ['meritorious']],
    ['an operator of no programme: none', { roles: ['operator'], programmes: [] }, []],
    ['an approver: all (they approve runs of every programme)', { roles: ['approver'], programmes: [] }, ALL],
    ['finance: all (it reconciles every programme)', { roles: ['finance'], programmes: [] }, ALL],
    ['an auditor: all', { roles: ['auditor'], programmes: [] }, ALL],
    ['an admin: all', { roles: ['admin'], programmes: [] }, ALL],
    ['an operator who is also an auditor: all', { roles: ['operator', 'auditor'], programmes: ['meritorious'] }, ALL],
  ])('%s', (_, user, expected) => {
    expect(readableProgrammes(user)).toEqual(expected);
  });
});

describe('readableCommunes: whose communes\' person-level records a user reads, in every service', () => {
  it('every commune without a communes claim; the token\'s communes under their own and their predecessors\' codes with one', () => {
    expect(readableCommunes({})).toBeNull();
    expect(readableCommunes({ communeCodes: ['30307'] })?.sort()).toEqual(['30280', '30283', '30286', '30295', '30298', '30307']);
  });
});
