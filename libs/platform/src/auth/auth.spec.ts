import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { SignJWT } from 'jose';
import { AuthGuard } from './auth.guard';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { assertFourEyes, FourEyesError } from './four-eyes';
import { InvalidTokenError, mintDevToken, TokenVerifier } from './token-verifier';

const settings = { issuer: 'test-issuer', audience: 'benefit-payments', devSecret: 'a-test-secret-of-at-least-32-characters!' };
const verifier = new TokenVerifier(settings);

function contextFor(headers: Record<string, string>, metadata: Record<string, unknown> = {}) {
  const request: { headers: Record<string, string>; user?: unknown } = { headers };
  const handler = () => undefined;
  const reflector = { getAllAndOverride: (key: string) => metadata[key] } as unknown as Reflector;
  const context = { getHandler: () => handler, getClass: () => Object, switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
  return { guard: new AuthGuard(reflector, verifier, '91'), context, request };
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

describe('four eyes', () => {
  it('refuses the requester as approver, whatever the case or spacing of the id', () => {
    expect(() => assertFourEyes('an.nguyen', 'an.nguyen')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', ' AN.NGUYEN ')).toThrow(FourEyesError);
    expect(() => assertFourEyes('an.nguyen', 'lan.tran')).not.toThrow();
  });
});
