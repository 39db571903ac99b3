import { outboxChannel, outboxInboxMigrationSql } from './migration';
import { Outbox } from './outbox';

describe('outbox and inbox migration', () => {
  it.each(['eligibility', 'entitlement', 'disbursement'])('creates both tables in the %s schema', (schema) => {
    const sql = outboxInboxMigrationSql(schema);
    expect(sql).toContain(`CREATE TABLE ${schema}.outbox`);
    expect(sql).toContain(`CREATE TABLE ${schema}.inbox`);
    expect(sql).toMatch(/event_id\s+uuid\s+NOT NULL UNIQUE/);
    expect(sql).toMatch(/WHERE published_at IS NULL/);
    expect(outboxChannel(schema)).toBe(`${schema}_outbox`);
  });

  it.each(['Entitlement', 'public; DROP TABLE x', 'a-b', '', '9lives'])('refuses the schema name %p (it is interpolated into SQL)', (schema) => {
    expect(() => outboxInboxMigrationSql(schema)).toThrow(/Invalid schema name/);
    expect(() => new Outbox(schema)).toThrow(/Invalid schema name/);
  });
});
