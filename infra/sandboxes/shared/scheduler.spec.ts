import { Scheduler } from './scheduler';

describe('Scheduler', () => {
  it('runs due jobs in due order, ties in scheduling order, each with its own due time', () => {
    let now = 1000;
    const ran: string[] = [];
    const scheduler = new Scheduler(() => now, (error) => {
      throw error;
    });
    scheduler.at(1300, (at) => ran.push(`c@${at}`));
    scheduler.at(1100, (at) => {
      ran.push(`a@${at}`);
      // Work scheduled by a job runs in the same pass when it is already due.
      scheduler.at(at + 50, (later) => ran.push(`a2@${later}`));
    });
    scheduler.at(1100, (at) => ran.push(`b@${at}`));
    scheduler.advance();
    expect(ran).toEqual([]);
    now = 1200;
    scheduler.advance();
    expect(ran).toEqual(['a@1100', 'b@1100', 'a2@1150']);
    scheduler.clear();
    now = 2000;
    scheduler.advance();
    expect(ran).toHaveLength(3);
  });

  it('keeps going when a job fails, and reports the failure', () => {
    const errors: unknown[] = [];
    const ran: number[] = [];
    const scheduler = new Scheduler(() => 10, (error) => errors.push(error));
    scheduler.at(1, () => {
      throw new Error('boom');
    });
    scheduler.at(2, (at) => ran.push(at));
    scheduler.advance();
    expect(errors).toHaveLength(1);
    expect(ran).toEqual([2]);
  });

  it('wakes itself when a job falls due', async () => {
    const scheduler = new Scheduler(Date.now, () => undefined);
    const done = new Promise<number>((resolve) => scheduler.at(Date.now() + 20, resolve));
    await expect(done).resolves.toEqual(expect.any(Number));
  });
});
