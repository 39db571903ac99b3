import type { Request } from 'express';

/**
 * A request's raw body (a file: a statement, a partner's status report), read into memory up to `limitBytes`. Over
 * the limit — declared by Content-Length, or found while reading — `tooLarge()` is thrown and the rest is drained,
 * so the client still reads the answer. JSON bodies never get here: the service's JSON parser has read them.
 */
export async function readRawBody(request: Request, limitBytes: number, tooLarge: () => Error): Promise<Buffer> {
  if (Number(request.headers['content-length'] ?? 0) > limitBytes) {
    request.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) {
      request.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
