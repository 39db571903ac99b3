import type { MintRequest } from '@benefits/platform';
import type { RunningService } from './service-process';
import { authHeader } from './tokens';

/** A service's answer: the HTTP status and the JSON body ({} when there is none). */
export interface ApiReply<T> {
  status: number;
  body: T;
}

/**
 * One call of a running service's API as `user`, with a token minted for this call (a four-eyes step needs its own):
 * `body` as JSON, or as text with another `type` (a CSV file).
 */
export async function callApi<T = Record<string, unknown>>(
  service: Pick<RunningService, 'url'>,
  user: MintRequest,
  method: string,
  path: string,
  body?: unknown,
  type = 'application/json',
): Promise<ApiReply<T>> {
  const response = await fetch(`${service.url}${path}`, {
    method,
    headers: { ...(await authHeader(user)), 'content-type': type },
    body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : (body as string),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}
