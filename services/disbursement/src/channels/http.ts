import { PartnerUnavailableError } from './channel-adapter';

export interface PartnerResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** 408 Request Timeout and 429 Too Many Requests: the partner asks to be called again, and says nothing of the file. */
const RETRY_LATER = [408, 429];

/** One HTTP call to a partner with a timeout. Unreachable, timed out, 5xx, 408 or 429: PartnerUnavailableError (retried). */
export async function callPartner(url: string, init: RequestInit, timeoutMs: number): Promise<PartnerResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new PartnerUnavailableError(`${init.method ?? 'GET'} ${url} failed: ${(error as Error).message}`, { cause: error });
  }
  const body = await response.text();
  if (response.status >= 500 || RETRY_LATER.includes(response.status)) throw new PartnerUnavailableError(`${init.method ?? 'GET'} ${url} answered ${response.status}`);
  return { status: response.status, body, headers: response.headers };
}
