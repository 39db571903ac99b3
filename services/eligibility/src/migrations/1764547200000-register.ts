import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The register (persons, households, residences, decisions with their status history, payment destinations with
 * their history), imports, life events and run snapshots. Text codes are checked by the application (one
 * validation, shared by the import and the API), not by CHECK constraints.
 */
export class Register1764547200000 implements MigrationInterface {
  name = 'Register1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE eligibility.household (
        id         uuid        PRIMARY KEY,
        code       text        NOT NULL CONSTRAINT household_code_key UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE eligibility.household_poverty (
        household_id uuid        NOT NULL REFERENCES eligibility.household (id) ON DELETE CASCADE,
        year         integer     NOT NULL,
        status       text        NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (household_id, year)
      );
      CREATE TABLE eligibility.person (
        id                 uuid        PRIMARY KEY,
        national_id_cipher text        NOT NULL,
        national_id_hash   text        NOT NULL CONSTRAINT person_national_id_hash_key UNIQUE,
        full_name          text        NOT NULL,
        name_search        text        NOT NULL,
        sex                text        NOT NULL,
        date_of_birth      date        NOT NULL,
        date_of_death      date,
        phone_cipher       text,
        household_id       uuid        REFERENCES eligibility.household (id),
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX person_household_idx ON eligibility.person (household_id);
      CREATE INDEX person_name_search_trgm_idx ON eligibility.person USING gin (name_search gin_trgm_ops);
      CREATE TABLE eligibility.residence (
        id            bigserial   PRIMARY KEY,
        person_id     uuid        NOT NULL REFERENCES eligibility.person (id) ON DELETE CASCADE,
        commune_code  text,
        province_code text        NOT NULL,
        valid_from    date        NOT NULL,
        valid_to      date,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX residence_person_from_key ON eligibility.residence (person_id, valid_from);
      CREATE INDEX residence_current_commune_idx ON eligibility.residence (commune_code) WHERE valid_to IS NULL;
      CREATE TABLE eligibility.decision (
        id               uuid        PRIMARY KEY,
        person_id        uuid        NOT NULL REFERENCES eligibility.person (id) ON DELETE CASCADE,
        programme        text        NOT NULL,
        group_code       text        NOT NULL,
        attributes       jsonb       NOT NULL,
        decision_number  text        NOT NULL,
        signing_level    text        NOT NULL,
        signed_on        date        NOT NULL,
        effective_from   date        NOT NULL,
        effective_to     date,
        certificate_date date,
        import_id        uuid,
        created_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX decision_person_idx ON eligibility.decision (person_id);
      CREATE UNIQUE INDEX decision_natural_key ON eligibility.decision (person_id, programme, decision_number);
      CREATE TABLE eligibility.decision_status (
        id           bigserial   PRIMARY KEY,
        decision_id  uuid        NOT NULL REFERENCES eligibility.decision (id) ON DELETE CASCADE,
        status       text        NOT NULL,
        valid_from   date        NOT NULL,
        reason       text,
        with_arrears boolean     NOT NULL DEFAULT false,
        recorded_by  text        NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX decision_status_decision_idx ON eligibility.decision_status (decision_id, valid_from);
      CREATE TABLE eligibility.payment_destination (
        id                       bigserial   PRIMARY KEY,
        person_id                uuid        NOT NULL REFERENCES eligibility.person (id) ON DELETE CASCADE,
        channel                  text        NOT NULL,
        bank_bin                 text,
        account_cipher           text,
        account_hash             text,
        account_last4            text,
        account_transport_cipher text,
        holder_name              text        NOT NULL,
        cash_point_code          text,
        valid_from               date        NOT NULL,
        recorded_by              text        NOT NULL,
        recorded_at              timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX payment_destination_person_idx ON eligibility.payment_destination (person_id, valid_from);
      CREATE INDEX payment_destination_account_hash_idx ON eligibility.payment_destination (account_hash);
      CREATE TABLE eligibility.life_event (
        id           uuid        PRIMARY KEY,
        person_id    uuid        NOT NULL,
        kind         text        NOT NULL,
        effective_on date        NOT NULL,
        details      jsonb       NOT NULL,
        source       text        NOT NULL,
        recorded_by  text        NOT NULL,
        recorded_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX life_event_person_idx ON eligibility.life_event (person_id, recorded_at);
      CREATE TABLE eligibility.import (
        id          uuid        PRIMARY KEY,
        file_sha256 text        NOT NULL CONSTRAINT import_file_sha256_key UNIQUE,
        file_name   text        NOT NULL,
        format      text        NOT NULL,
        rows        integer     NOT NULL,
        accepted    integer     NOT NULL,
        rejected    integer     NOT NULL,
        report      jsonb       NOT NULL,
        imported_by text        NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE eligibility.snapshot (
        run_id                     uuid        PRIMARY KEY,
        month                      text        NOT NULL,
        scope                      jsonb       NOT NULL,
        status                     text        NOT NULL,
        requested_by               text        NOT NULL,
        correlation_id             text        NOT NULL,
        request_event_id           uuid        NOT NULL,
        cursor                     uuid,
        next_chunk_no              integer     NOT NULL DEFAULT 0,
        next_destinations_chunk_no integer     NOT NULL DEFAULT 0,
        payable_count              integer     NOT NULL DEFAULT 0,
        not_payable_count          integer     NOT NULL DEFAULT 0,
        without_destination_count  integer     NOT NULL DEFAULT 0,
        counts_by_programme        jsonb,
        checksum                   text,
        created_at                 timestamptz NOT NULL DEFAULT now(),
        completed_at               timestamptz
      );
      CREATE TABLE eligibility.snapshot_item (
        run_id       uuid    NOT NULL,
        decision_id  uuid    NOT NULL,
        person_id    uuid    NOT NULL,
        programme    text    NOT NULL,
        payable      boolean NOT NULL,
        group_code   text,
        commune_code text,
        age_years    integer,
        attributes   jsonb,
        reason       text,
        PRIMARY KEY (run_id, decision_id)
      );
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
