import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation: imported statement files (by hash of the bytes and of what they say: the same statement twice,
 * even re-rendered with another creation time, changes nothing), their lines
 * (one per booking: a camt.054 line seen again on the camt.053 is the same line), each payment's class, the
 * exceptions queue with its append-only history, and the run's preparation and four-eyes sign-off.
 */
export class Reconciliation1764892800000 implements MigrationInterface {
  name = 'Reconciliation1764892800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE disbursement.statement_files (
  id            uuid        PRIMARY KEY,
  kind          text        NOT NULL,
  message_id    text        NOT NULL,
  sha256        text        NOT NULL,
  content_sha256 text       NOT NULL,
  file_name     text,
  size_bytes    integer     NOT NULL,
  line_count    integer     NOT NULL,
  new_lines     integer     NOT NULL,
  coverage      jsonb       NOT NULL,
  problems      jsonb       NOT NULL,
  imported_by   text        NOT NULL,
  imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX statement_files_sha256_uq ON disbursement.statement_files (sha256);
CREATE UNIQUE INDEX statement_files_content_uq ON disbursement.statement_files (content_sha256);
CREATE UNIQUE INDEX statement_files_message_uq ON disbursement.statement_files (kind, message_id);

CREATE TABLE disbursement.statement_lines (
  id                     bigserial   PRIMARY KEY,
  file_id                uuid        NOT NULL,
  source                 text        NOT NULL,
  account                text        NOT NULL,
  booking_ref            text        NOT NULL,
  tx_index               integer     NOT NULL,
  kind                   text        NOT NULL,
  amount                 bigint      NOT NULL,
  booking_date           text,
  end_to_end_id          text,
  reason                 text,
  creditor_account_hash  text,
  payment_id             text,
  match_method           text
);
CREATE UNIQUE INDEX statement_lines_booking_uq ON disbursement.statement_lines (source, account, booking_ref, tx_index);
CREATE INDEX statement_lines_payment_idx ON disbursement.statement_lines (payment_id);
CREATE INDEX statement_lines_file_idx ON disbursement.statement_lines (file_id);

CREATE TABLE disbursement.payment_reconciliations (
  payment_id  text        PRIMARY KEY,
  run_id      uuid        NOT NULL,
  recon       text        NOT NULL,
  reason      text,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_reconciliations_run_idx ON disbursement.payment_reconciliations (run_id, recon);

CREATE TABLE disbursement.recon_exceptions (
  id               uuid        PRIMARY KEY,
  run_id           uuid,
  kind             text        NOT NULL,
  payment_id       text,
  line_id          bigint,
  expected_amount  bigint,
  reported_amount  bigint,
  detail           text        NOT NULL,
  status           text        NOT NULL,
  assigned_to      text,
  resolution       text,
  resolved_by      text,
  resolved_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX recon_exceptions_subject_uq ON disbursement.recon_exceptions (kind, payment_id, line_id) NULLS NOT DISTINCT;
CREATE INDEX recon_exceptions_run_idx ON disbursement.recon_exceptions (run_id, status);
CREATE INDEX recon_exceptions_status_idx ON disbursement.recon_exceptions (status, kind);

CREATE TABLE disbursement.recon_exception_changes (
  id            bigserial   PRIMARY KEY,
  exception_id  uuid        NOT NULL,
  action        text        NOT NULL,
  actor         text        NOT NULL,
  note          text,
  at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recon_exception_changes_exception_idx ON disbursement.recon_exception_changes (exception_id);

CREATE TABLE disbursement.run_reconciliations (
  run_id         uuid        PRIMARY KEY,
  status         text        NOT NULL,
  fingerprint    text        NOT NULL,
  summary        jsonb       NOT NULL,
  prepared_by    text        NOT NULL,
  prepared_at    timestamptz NOT NULL,
  signed_off_by  text,
  signed_off_at  timestamptz
);

CREATE TABLE disbursement.run_reconciliation_changes (
  id           bigserial   PRIMARY KEY,
  run_id       uuid        NOT NULL,
  action       text        NOT NULL,
  actor        text        NOT NULL,
  fingerprint  text        NOT NULL,
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX run_reconciliation_changes_run_idx ON disbursement.run_reconciliation_changes (run_id);
`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
