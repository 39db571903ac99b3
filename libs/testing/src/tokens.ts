import { DEV_AUTH_SECRET, mintDevToken, type MintRequest } from '@benefits/platform';

/** A bearer token the services accept with their default (development) settings. */
export function mintToken(request: MintRequest): Promise<string> {
  return mintDevToken({ issuer: 'benefit-payments-dev', audience: 'benefit-payments', devSecret: DEV_AUTH_SECRET }, request);
}

export async function authHeader(request: MintRequest): Promise<{ authorization: string }> {
  return { authorization: `Bearer ${await mintToken(request)}` };
}
