import { outboxChannel, outboxEnvelopeAsTextMigrationSql, outboxInboxMigrationSql } from './migration';
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

  it('turns the envelopes into text, keeping type and correlation id in columns, lz4 only where the server has it', () => {
    const sql = outboxEnvelopeAsTextMigrationSql('entitlement');
    expect(sql).toContain(`UPDATE entitlement.outbox SET type = envelope->>'type', correlation_id = envelope->>'correlationId'`);
    expect(sql).toContain('ALTER COLUMN envelope TYPE text USING envelope::text');
    expect(sql).toMatch(/IF EXISTS \(SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY \(enumvals\)\)/);
  });

  it.each(['Entitlement', 'public; DROP TABLE x', 'a-b', '', '9lives'])('refuses the schema name %p (it is interpolated into SQL)', (schema) => {
    expect(() => outboxInboxMigrationSql(schema)).toThrow(/Invalid schema name/);
    expect(() => outboxEnvelopeAsTextMigrationSql(schema)).toThrow(/Invalid schema name/);
    expect(() => new Outbox(schema)).toThrow(/Invalid schema name/);
  });
});
