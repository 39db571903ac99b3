import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Payment runs, their inputs, payment instructions with their obligation lines, partner batches, outcomes,
 * notifications and collection alerts. Every state change is an appended row (`*_status_changes`); the current
 * status is kept beside it for queries. Amounts are bigint đồng.
 */
export class PaymentRuns1764547200000 implements MigrationInterface {
  name = 'PaymentRuns1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
CREATE TABLE disbursement.runs (
  id                        uuid        PRIMARY KEY,
  month                     text        NOT NULL,
  province_code             text        NOT NULL,
  programmes                text[]      NOT NULL,
  commune_codes             text[],
  scope_key                 text        NOT NULL,
  status                    text        NOT NULL,
  requested_by              text        NOT NULL,
  requested_at              timestamptz NOT NULL DEFAULT now(),
  status_changed_at         timestamptz NOT NULL DEFAULT now(),
  halt_reason               text,
  correlation_id            text        NOT NULL,
  declared_chunk_count      integer,
  declared_totals           jsonb,
  entitlement_completed_at  timestamptz,
  destinations_chunk_count  integer,
  destinations_count        integer,
  destinations_completed_at timestamptz,
  preparation               jsonb,
  dispatched_at             timestamptz
);
CREATE INDEX runs_scope_idx ON disbursement.runs (scope_key, month);
CREATE INDEX runs_status_idx ON disbursement.runs (status);

CREATE TABLE disbursement.run_status_changes (
  id          bigserial   PRIMARY KEY,
  run_id      uuid        NOT NULL,
  from_status text,
  to_status   text        NOT NULL,
  changed_by  text        NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  reason      text
);
CREATE INDEX run_status_changes_run_idx ON disbursement.run_status_changes (run_id);

CREATE TABLE disbursement.run_input_chunks (
  run_id       uuid        NOT NULL,
  stream       text        NOT NULL,
  chunk_no     integer     NOT NULL,
  item_count   integer     NOT NULL,
  content_hash text        NOT NULL,
  received_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, stream, chunk_no)
);

CREATE TABLE disbursement.run_anomalies (
  id          bigserial   PRIMARY KEY,
  run_id      uuid        NOT NULL,
  kind        text        NOT NULL,
  detail      text        NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX run_anomalies_run_idx ON disbursement.run_anomalies (run_id);

CREATE TABLE disbursement.run_entitlements (
  run_id           uuid    NOT NULL,
  programme        text    NOT NULL,
  person_ref       uuid    NOT NULL,
  amount           bigint  NOT NULL,
  components_total bigint  NOT NULL,
  components       jsonb   NOT NULL,
  arrears          jsonb   NOT NULL,
  payment_id       text    NOT NULL,
  chunk_no         integer NOT NULL,
  PRIMARY KEY (run_id, programme, person_ref)
);

CREATE TABLE disbursement.run_destinations (
  run_id             uuid    NOT NULL,
  person_ref         uuid    NOT NULL,
  channel            text    NOT NULL,
  bank_bin           text,
  account_cipher     text,
  account_hash       text,
  account_masked     text,
  holder_name        text    NOT NULL,
  masked_national_id text,
  commune_code       text    NOT NULL,
  cash_point_code    text,
  problem            text,
  chunk_no           integer NOT NULL,
  PRIMARY KEY (run_id, person_ref)
);

CREATE TABLE disbursement.payments (
  payment_id          text        PRIMARY KEY,
  run_id              uuid        NOT NULL,
  kind                text        NOT NULL,
  resend_of           text,
  programme           text        NOT NULL,
  month               text        NOT NULL,
  person_ref          uuid        NOT NULL,
  amount              bigint      NOT NULL,
  arrears_amount      bigint      NOT NULL,
  carried_over_amount bigint      NOT NULL,
  total               bigint      NOT NULL,
  components          jsonb       NOT NULL,
  channel             text        NOT NULL,
  bank_bin            text,
  account_cipher      text,
  account_hash        text,
  account_masked      text,
  holder_name         text        NOT NULL,
  masked_national_id  text,
  commune_code        text        NOT NULL,
  cash_point_code     text,
  destination_problem text,
  status              text        NOT NULL,
  status_changed_at   timestamptz NOT NULL DEFAULT now(),
  reason_code         text,
  outcome_on          text,
  carried_over_next   bigint,
  batch_id            text,
  created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payments_run_status_idx ON disbursement.payments (run_id, status);
CREATE INDEX payments_person_idx ON disbursement.payments (person_ref, programme, month);
CREATE INDEX payments_batch_idx ON disbursement.payments (batch_id);

CREATE TABLE disbursement.payment_status_changes (
  id          bigserial   PRIMARY KEY,
  payment_id  text        NOT NULL,
  from_status text,
  to_status   text        NOT NULL,
  reason_code text,
  changed_by  text        NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_status_changes_payment_idx ON disbursement.payment_status_changes (payment_id);

-- What each payment pays for. The unique index is THE guard against paying an obligation twice: one regular line
-- per (programme, month, person) and one re-payment per unpaid line of an earlier payment (origin_ref), across all
-- runs, whatever is re-run, retried or replayed. Only lines of a cancelled or rejected run are voided (freed).
CREATE TABLE disbursement.payment_lines (
  id          bigserial   PRIMARY KEY,
  payment_id  text        NOT NULL,
  kind        text        NOT NULL,
  source      text        NOT NULL,
  programme   text        NOT NULL,
  month       text        NOT NULL,
  person_ref  uuid        NOT NULL,
  amount      bigint      NOT NULL,
  origin_ref  text        NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  voided_at   timestamptz
);
CREATE UNIQUE INDEX payment_lines_obligation_uq ON disbursement.payment_lines (kind, programme, month, person_ref, origin_ref) WHERE voided_at IS NULL;
CREATE INDEX payment_lines_payment_idx ON disbursement.payment_lines (payment_id);

CREATE TABLE disbursement.partner_batches (
  batch_id             text        PRIMARY KEY,
  run_id               uuid        NOT NULL,
  channel              text        NOT NULL,
  partner              text        NOT NULL,
  group_key            text        NOT NULL,
  item_count           integer     NOT NULL,
  total                bigint      NOT NULL,
  status               text        NOT NULL,
  status_changed_at    timestamptz NOT NULL DEFAULT now(),
  payload_cipher       text,
  payload_sha256       text,
  ack_body             text,
  attempts             integer     NOT NULL DEFAULT 0,
  last_error           text,
  statement_cursor     text,
  outcomes_complete_at timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_batches_run_idx ON disbursement.partner_batches (run_id);

CREATE TABLE disbursement.partner_batch_status_changes (
  id          bigserial   PRIMARY KEY,
  batch_id    text        NOT NULL,
  from_status text,
  to_status   text        NOT NULL,
  detail      text,
  changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX partner_batch_status_changes_batch_idx ON disbursement.partner_batch_status_changes (batch_id);

CREATE TABLE disbursement.resend_requests (
  id                uuid        PRIMARY KEY,
  payment_id        text        NOT NULL,
  status            text        NOT NULL,
  reason            text        NOT NULL,
  requested_by      text        NOT NULL,
  requested_at      timestamptz NOT NULL DEFAULT now(),
  decided_by        text,
  decided_at        timestamptz,
  decision_reason   text,
  resend_payment_id text,
  channel           text        NOT NULL,
  bank_bin          text,
  account_cipher    text,
  account_hash      text,
  account_masked    text,
  holder_name       text        NOT NULL,
  commune_code      text        NOT NULL,
  cash_point_code   text
);
CREATE INDEX resend_requests_payment_idx ON disbursement.resend_requests (payment_id);

CREATE TABLE disbursement.notifications (
  id         bigserial   PRIMARY KEY,
  payment_id text        NOT NULL,
  person_ref uuid        NOT NULL,
  outcome    text        NOT NULL,
  adapter    text        NOT NULL,
  text       text        NOT NULL,
  status     text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at    timestamptz
);
CREATE UNIQUE INDEX notifications_payment_outcome_uq ON disbursement.notifications (payment_id, outcome);
CREATE INDEX notifications_pending_idx ON disbursement.notifications (status);

CREATE TABLE disbursement.collection_alerts (
  person_ref uuid        NOT NULL,
  programme  text        NOT NULL,
  last_month text        NOT NULL,
  months     text[]      NOT NULL,
  raised_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (person_ref, programme, last_month)
);
`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
