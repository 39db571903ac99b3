import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { randomUUID } from 'node:crypto';
import { PROGRAMMES } from '@benefits/contracts';
import { toAuthUser, userClaimsSchema, type AuthUser, type Role } from './user';

/** The caller as the token says, with what identifies the token itself (a four-eyes decision spends it). */
export interface VerifiedUser extends AuthUser {
  /** The token's `jti`: every token of the local issuer has one; an OIDC provider's access tokens normally do. */
  tokenId?: string;
  tokenExpiresAt: Date;
}

export interface AuthSettings {
  issuer: string;
  audience: string;
  /** Production: the OIDC provider's JWKS (RS256/ES256). */
  jwksUrl?: string;
  /** Development and tests: tokens minted locally with this HS256 secret (`npm run token`). */
  devSecret?: string;
}

export class InvalidTokenError extends Error {
  readonly code = 'INVALID_TOKEN';
}

/** Verifies bearer tokens: signature, issuer, audience, expiry, and the claims the platform relies on. */
export class TokenVerifier {
  private readonly key: JWTVerifyGetKey | Uint8Array;
  private readonly algorithms: string[];

  constructor(private readonly settings: AuthSettings) {
    if (settings.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(settings.jwksUrl));
      this.algorithms = ['RS256', 'ES256'];
    } else if (settings.devSecret) {
      this.key = new TextEncoder().encode(settings.devSecret);
      this.algorithms = ['HS256'];
    } else {
      throw new InvalidTokenError('Neither AUTH_JWKS_URL nor AUTH_DEV_SECRET is set: no token could ever be verified');
    }
  }

  async verify(token: string): Promise<VerifiedUser> {
    let payload: Record<string, unknown>;
    try {
      const verified = await jwtVerify(token, this.key as Uint8Array, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: this.algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      payload = verified.payload as Record<string, unknown>;
    } catch (error) {
      throw new InvalidTokenError(`Token refused: ${(error as Error).message}`);
    }
    const claims = userClaimsSchema.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError(`Token claims refused: ${claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return {
      ...toAuthUser(claims.data),
      tokenId: typeof payload.jti === 'string' && payload.jti.length > 0 ? payload.jti : undefined,
      tokenExpiresAt: new Date(Number(payload.exp) * 1000),
    };
  }
}

export interface MintRequest {
  sub: string;
  name?: string;
  roles: Role[];
  programmes?: string[];
  provinceCode?: string;
  communeCodes?: string[];
  /** seconds; default one hour */
  expiresIn?: number;
}

/** Mints a development token with the local issuer's secret (never available in production), with a fresh jti. */
export async function mintDevToken(settings: AuthSettings, request: MintRequest): Promise<string> {
  if (!settings.devSecret) throw new InvalidTokenError('No AUTH_DEV_SECRET: development tokens cannot be minted here');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    name: request.name,
    roles: request.roles,
    programmes: request.programmes ?? PROGRAMMES,
    province: request.provinceCode ?? '91',
    ...(request.communeCodes ? { communes: request.communeCodes } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(request.sub)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.expiresIn ?? 3600))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(settings.devSecret));
}
