import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';

/** Polls until `probe` returns a value other than undefined/false, or fails with the last error after `ms`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false>, ms = 30000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out after ${ms} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** A TCP port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The repository root, from the sources (libs/testing/src, under jest) or from their build (dist/libs/testing/src, a bench). */
export const REPO_ROOT = ((root) => (existsSync(join(root, 'package.json')) ? root : resolve(root, '..')))(resolve(__dirname, '../../..'));
