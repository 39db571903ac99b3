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

/** The LISTEN/NOTIFY channel on which a committed outbox write wakes the relay. */
export function outboxChannel(schema: string): string {
  return `${checkedSchema(schema)}_outbox`;
}
