import type pino from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import type { Outbox, OutboxRelay } from '@benefits/messaging';
import type { DisbursementConfig } from '../../config';
import type { RunStatus } from '../domain/run-status';
import { RunPreparationService } from './run-preparation.service';

/** Runs R1, R2, R3 due for preparation, oldest first; `prepare` of each answered by `outcome`. */
function preparation(outcome: Record<string, RunStatus | Error>) {
  const query = async (text: string): Promise<unknown[]> => (text.includes("status = 'REQUESTED'") ? Object.keys(outcome).map((id) => ({ id })) : []);
  const manager = { query } as unknown as EntityManager;
  const dataSource = { manager } as unknown as DataSource;
  const errors: unknown[] = [];
  const logger = { error: (fields: unknown) => void errors.push(fields), warn: () => undefined, info: () => undefined, debug: () => undefined } as unknown as pino.Logger;
  const service = new RunPreparationService(dataSource, {} as DisbursementConfig, logger, {} as Outbox, { notify: () => undefined } as unknown as OutboxRelay);
  const tried: string[] = [];
  jest.spyOn(service, 'prepare').mockImplementation(async (runId: string) => {
    tried.push(runId);
    const result = outcome[runId];
    if (result instanceof Error) throw result;
    return result;
  });
  return { service, tried, errors };
}

describe('RunPreparationService.prepareDue: one run that cannot be prepared', () => {
  // The oldest run's preparation fails every time (the obligation guard's unique index, the backstop against paying
  // twice, aborts it; a row its SQL cannot take). Before, the throw left the loop: every run requested after it, of
  // any scope, stayed REQUESTED for good, its preview never built, the month unpaid everywhere.
  it('still prepares the runs after it, and names the run that failed', async () => {
    const p = preparation({ R1: new Error('duplicate key value violates unique constraint "payment_lines_obligation"'), R2: 'PREVIEW_READY', R3: 'HALTED' });
    expect(await p.service.prepareDue()).toBe(2);
    expect(p.tried).toEqual(['R1', 'R2', 'R3']);
    expect(p.errors).toEqual([expect.objectContaining({ runId: 'R1' })]);
  });
});
