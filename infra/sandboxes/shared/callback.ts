import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

const ATTEMPTS = 3;
const TIMEOUT_MS = 5000;

/**
 * Pushes a report to a partner's callback URL, as a bank's webhook would: a few attempts with a growing pause, then
 * it gives up and logs. The report stays available to polling, which is the channel that must always work.
 */
export async function deliverCallback(url: string, body: string, contentType: string, logger: Logger, what: string): Promise<void> {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (response.ok) return;
      logger.warn({ what, attempt, status: response.status }, 'callback refused');
    } catch (error) {
      logger.warn({ what, attempt, err: error instanceof Error ? error.message : String(error) }, 'callback failed');
    }
    if (attempt < ATTEMPTS) await sleep(500 * attempt, undefined, { ref: false });
  }
  logger.error({ what }, 'callback given up; the report is still available by polling');
}
