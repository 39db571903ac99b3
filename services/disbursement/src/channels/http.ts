import { PartnerUnavailableError } from './channel-adapter';

export interface PartnerResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** One HTTP call to a partner with a timeout. Unreachable, timed out or 5xx: PartnerUnavailableError (retried). */
export async function callPartner(url: string, init: RequestInit, timeoutMs: number): Promise<PartnerResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new PartnerUnavailableError(`${init.method ?? 'GET'} ${url} failed: ${(error as Error).message}`, { cause: error });
  }
  const body = await response.text();
  if (response.status >= 500) throw new PartnerUnavailableError(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
  return { status: response.status, body, headers: response.headers };
}
