import type { DataSource, EntityManager } from 'typeorm';
import { RunReportsService } from './run-reports.service';

/** Run R1 in `status` with `payments` (status → count) in memory, cancelled ones included as PostgreSQL holds them. */
function progressOf(status: string, payments: Record<string, number>) {
  const query = async (text: string): Promise<unknown[]> => {
    if (text.startsWith('SELECT status, month FROM disbursement.runs')) return [{ status, month: '2026-11' }];
    if (text.includes('FROM disbursement.partner_batches')) return [];
    if (text.includes('FROM disbursement.payments')) {
      const final = ['settled', 'rejected', 'returned', 'not_collected', 'cancelled'];
      return Object.entries(payments)
        .filter(([s]) => s !== 'cancelled')
        .map(([s, count]) => ({ status: s, count, total: String(count * 500000), final: final.includes(s) }));
    }
    return [];
  };
  const dataSource = { manager: { query } as unknown as EntityManager } as unknown as DataSource;
  return new RunReportsService(dataSource).progress('R1');
}

describe('RunReportsService.progress: the share of payments final', () => {
  // A run not released with no payment counted (requested, halted, or cancelled: its payments cancelled are left out)
  // showed percentFinal 100, as a run whose every payment has its outcome.
  it.each(['REQUESTED', 'HALTED', 'CANCELLED', 'REJECTED'])('is 0 for a %s run, none of whose payments was ever sent', async (status) => {
    const view = await progressOf(status, status === 'CANCELLED' || status === 'REJECTED' ? { cancelled: 3 } : {});
    expect(view.percentFinal).toBe(0);
    expect(view.allFinal).toBe(false);
  });

  it('is 100 for a released run with nothing to pay (a second run of the month)', async () => {
    const view = await progressOf('COMPLETED', {});
    expect(view).toMatchObject({ percentFinal: 100, allFinal: true });
  });

  it('counts what is final of a run being paid', async () => {
    expect((await progressOf('SENT', { settled: 1, sent: 3 })).percentFinal).toBe(25);
  });
});
