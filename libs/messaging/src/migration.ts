import { checkedSchema } from './sql';

/**
 * Forward-only DDL for a service's outbox and inbox, to be run from that service's TypeORM migration
 * (`await queryRunner.query(outboxInboxMigrationSql('entitlement'))`). One text, several statements, no parameters.
 */
export function outboxInboxMigrationSql(schema: string): string {
  const s = checkedSchema(schema);
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE TABLE ${s}.outbox (
  id           bigserial   PRIMARY KEY,
  event_id     uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  key          text        NOT NULL,
  envelope     jsonb       NOT NULL,
  headers      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  created_at   timestamptz NOT NULL DEFAULT now(),
  published_at timestamptz
);

-- The relay only ever reads unpublished rows in id order; this index stays small however long the table grows.
CREATE INDEX outbox_unpublished_idx ON ${s}.outbox (id) WHERE published_at IS NULL;

CREATE TABLE ${s}.inbox (
  event_id     uuid        PRIMARY KEY,
  payload_hash text        NOT NULL,
  topic        text        NOT NULL,
  partition    integer     NOT NULL,
  "offset"     bigint      NOT NULL,
  handled_at   timestamptz NOT NULL DEFAULT now()
);
`;
}

/**
 * The outbox's envelopes as text, with their type and correlation id in columns of their own (the relay's headers),
 * run after outboxInboxMigrationSql by a later migration of each service. An envelope is written once and read once,
 * by the relay, which sends its text as it is: as jsonb, PostgreSQL parsed every envelope on the way in (a chunk
 * event of a thousand items is a third of a megabyte) and printed it again on the way out, about 0.6 s of its CPU per
 * 100,000 items. Stored with lz4 where the server has it (a fifth of pglz's cost, which it keeps otherwise).
 */
export function outboxEnvelopeAsTextMigrationSql(schema: string): string {
  const s = checkedSchema(schema);
  return `
ALTER TABLE ${s}.outbox ADD COLUMN type text, ADD COLUMN correlation_id text;
UPDATE ${s}.outbox SET type = envelope->>'type', correlation_id = envelope->>'correlationId';
ALTER TABLE ${s}.outbox
  ALTER COLUMN type SET NOT NULL,
  ALTER COLUMN correlation_id SET NOT NULL,
  ALTER COLUMN envelope TYPE text USING envelope::text;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE ${s}.outbox ALTER COLUMN envelope SET COMPRESSION lz4;
  END IF;
END $$;
`;
}

/** The LISTEN/NOTIFY channel on which a committed outbox write wakes the relay. */
export function outboxChannel(schema: string): string {
  return `${checkedSchema(schema)}_outbox`;
}
