import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { migrate } from '@benefits/platform';
import { loadDisbursementConfig } from '../src/config';
import { disbursementDatabase } from '../src/database';
import { NotificationDispatcher } from '../src/outcomes/notification-dispatcher';
import type { Notifier, OutgoingNotification } from '../src/outcomes/notifier';

jest.setTimeout(60_000);

/** Counts what it sends; fails for the payments it is told to. */
class CountingNotifier implements Notifier {
  readonly name = 'log' as const;
  readonly sent: OutgoingNotification[] = [];
  readonly failing = new Set<string>();

  async send(notification: OutgoingNotification): Promise<void> {
    if (this.failing.has(notification.paymentId)) throw new Error('gateway down');
    // A real gateway answers later: concurrent flushes overlap.
    await new Promise((resolve) => setImmediate(resolve));
    this.sent.push(notification);
  }
}

/**
 * Batch senders and outcome pollers flush their payments' notifications while recovery sweeps send what is left
 * pending: every beneficiary gets each message once, and none is left waiting after the last sweep (real PostgreSQL, a database of its own: another test's
 * service would flush the shared one's notifications too).
 */
describe('NotificationDispatcher: concurrent flushes (real PostgreSQL)', () => {
  let db: DataSource;
  const notifier = new CountingNotifier();
  let dispatcher: NotificationDispatcher;
  const prefix = `NTEST-${randomUUID().slice(0, 8)}`;

  const name = `disbursement_notifications_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const options = disbursementDatabase(loadDisbursementConfig({ NODE_ENV: 'test', DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}` }), 6);
    await migrate(options);
    db = await new DataSource(options).initialize();
    dispatcher = new NotificationDispatcher(db, notifier, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await db?.destroy();
    const admin = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres', max: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  /** Pending notifications of payments `${prefix}-<from>`…, as the recorder writes them; their ids in payment order. */
  const record = async (count: number, from = 0): Promise<string[]> => {
    const rows = (await db.query(
      `INSERT INTO disbursement.notifications (payment_id, person_ref, outcome, adapter, text, status)
       SELECT $1 || lpad(n::text, 6, '0'), gen_random_uuid(), 'settled', 'log', 'Your benefit was paid.', 'pending'
         FROM generate_series($2::int, $3::int) AS n ORDER BY n RETURNING id`,
      [`${prefix}-`, from, from + count - 1],
    )) as { id: string }[];
    return rows.map((row) => row.id).sort((a, b) => Number(a) - Number(b));
  };
  const mine = () => notifier.sent.filter((n) => n.paymentId.startsWith(prefix)).map((n) => n.paymentId);
  const statuses = async () =>
    (await db.query(`SELECT status, count(*)::int AS n FROM disbursement.notifications WHERE payment_id LIKE $1 GROUP BY status`, [`${prefix}%`])) as {
      status: string;
      n: number;
    }[];

  const paymentIds = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `${prefix}-${String(from + i).padStart(6, '0')}`);

  it('four sweeps at once send each of 1,300 messages exactly once, and leave none pending', async () => {
    await record(1300);
    await Promise.all([dispatcher.flushAll(), dispatcher.flushAll(), dispatcher.flushAll(), dispatcher.flushAll()]);
    const sent = mine();
    expect(sent).toHaveLength(1300);
    expect(new Set(sent).size).toBe(1300);
    expect(await statuses()).toEqual([{ status: 'sent', n: 1300 }]);
  });

  it('flushes by id, overlapping each other and a sweep, send each message once; a flush sends only its own messages', async () => {
    const ids = await record(1200, 2000);
    const before = mine().length;
    await Promise.all([dispatcher.flush(ids.slice(0, 700)), dispatcher.flush(ids.slice(500, 1000)), dispatcher.flush(ids.slice(600))]);
    expect(mine().length - before).toBe(1200);
    expect(new Set(mine()).size).toBe(mine().length);

    const [first, second] = await record(2, 4000);
    await dispatcher.flush([first]);
    expect(mine()).toContain(paymentIds(1, 4000)[0]);
    expect(mine()).not.toContain(paymentIds(1, 4001)[0]);
    await Promise.all([dispatcher.flushAll(), dispatcher.flush([second])]);
    expect(mine().filter((id) => id === paymentIds(1, 4001)[0])).toHaveLength(1);
    expect(await statuses()).toEqual([{ status: 'sent', n: 2502 }]);
  });

  it('a message the gateway refuses stays pending and is sent by the next sweep', async () => {
    const [failing, other] = paymentIds(2, 1300);
    notifier.failing.add(failing);
    await dispatcher.flush(await record(2, 1300));
    expect(mine()).toContain(other);
    expect(mine()).not.toContain(failing);
    expect(await statuses()).toEqual(expect.arrayContaining([{ status: 'pending', n: 1 }]));
    notifier.failing.clear();
    await dispatcher.flushAll();
    expect(mine().filter((id) => id === failing)).toHaveLength(1);
    expect(await statuses()).toEqual([{ status: 'sent', n: 2504 }]);
  });
});
