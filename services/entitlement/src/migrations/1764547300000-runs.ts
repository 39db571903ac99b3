import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Runs: the eligibility snapshot as received (staged until its control totals are verified), what each person is
 * owed (entitlement lines, arrears lines, exceptions), the payment outcomes ledger, recoveries for finance, deaths
 * and one-off payments. Everything that moves money is append-only.
 */
export class Runs1764547300000 implements MigrationInterface {
  name = 'Runs1764547300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entitlement.runs (
        run_id          uuid         PRIMARY KEY,
        month           character(7) NOT NULL,
        status          text         NOT NULL,
        correlation_id  text         NOT NULL,
        declared        jsonb,
        received        jsonb,
        halted_reason   text,
        book_watermark  timestamptz,
        next_chunk_no   integer      NOT NULL DEFAULT 0,
        created_at      timestamptz  NOT NULL DEFAULT now(),
        updated_at      timestamptz  NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX runs_calculating_idx ON entitlement.runs (created_at) WHERE status = 'CALCULATING'`);
    await q.query('CREATE INDEX runs_month_idx ON entitlement.runs (month)');
    // A verified run is calculated in ranges of persons (by personRef), each with its cursor: workers take turns.
    await q.query(`
      CREATE TABLE entitlement.run_partitions (
        run_id        uuid    NOT NULL,
        part_no       integer NOT NULL,
        low           uuid    NOT NULL,
        high          uuid    NOT NULL,
        cursor_person uuid,
        done          boolean NOT NULL DEFAULT false,
        PRIMARY KEY (run_id, part_no)
      )`);
    await q.query(`
      CREATE TABLE entitlement.run_events (
        id      bigserial   PRIMARY KEY,
        run_id  uuid        NOT NULL,
        status  text        NOT NULL,
        detail  jsonb       NOT NULL DEFAULT '{}'::jsonb,
        at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX run_events_run_idx ON entitlement.run_events (run_id)');
    await q.query(`
      CREATE TABLE entitlement.snapshot_chunks (
        run_id      uuid        NOT NULL,
        chunk_no    integer     NOT NULL,
        event_id    uuid        NOT NULL,
        item_count  integer     NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, chunk_no)
      )`);
    await q.query(`
      CREATE TABLE entitlement.snapshot_items (
        run_id       uuid         NOT NULL,
        chunk_no     integer      NOT NULL,
        item_no      integer      NOT NULL,
        person_ref   uuid         NOT NULL,
        decision_id  text         NOT NULL,
        programme    text         NOT NULL,
        group_code   text         NOT NULL,
        commune_code character(5) NOT NULL,
        age_years    integer      NOT NULL,
        attributes   jsonb        NOT NULL,
        PRIMARY KEY (run_id, person_ref, chunk_no, item_no)
      )`);
    await q.query(`
      CREATE TABLE entitlement.calculations (
        id            text         PRIMARY KEY,
        month         character(7) NOT NULL,
        inputs        jsonb        NOT NULL,
        components    jsonb        NOT NULL,
        explanation   jsonb        NOT NULL,
        amount        bigint       NOT NULL,
        created_at    timestamptz  NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE entitlement.entitlement_lines (
        run_id         uuid         NOT NULL,
        person_ref     uuid         NOT NULL,
        programme      text         NOT NULL,
        month          character(7) NOT NULL,
        calculation_id text,
        amount         bigint       NOT NULL,
        arrears_amount bigint       NOT NULL,
        one_off_amount bigint       NOT NULL,
        total          bigint       NOT NULL,
        PRIMARY KEY (run_id, person_ref, programme)
      )`);
    await q.query('CREATE INDEX entitlement_lines_person_idx ON entitlement.entitlement_lines (person_ref, month)');
    await q.query(`
      CREATE TABLE entitlement.arrears_lines (
        run_id        uuid         NOT NULL,
        person_ref    uuid         NOT NULL,
        programme     text         NOT NULL,
        month         character(7) NOT NULL,
        recipient_ref text         NOT NULL,
        owed          bigint       NOT NULL,
        paid          bigint       NOT NULL,
        amount        bigint       NOT NULL,
        reason        text         NOT NULL,
        explanation   jsonb        NOT NULL,
        PRIMARY KEY (run_id, person_ref, programme, month, recipient_ref)
      )`);
    await q.query('CREATE INDEX arrears_lines_person_idx ON entitlement.arrears_lines (person_ref, month)');
    await q.query(`
      CREATE TABLE entitlement.run_exceptions (
        run_id     uuid         NOT NULL,
        person_ref uuid         NOT NULL,
        programme  text         NOT NULL,
        month      character(7) NOT NULL,
        kind       text         NOT NULL,
        code       text         NOT NULL,
        message    text         NOT NULL,
        PRIMARY KEY (run_id, person_ref, programme, month, kind)
      )`);
    await q.query('CREATE INDEX run_exceptions_person_idx ON entitlement.run_exceptions (person_ref, month)');
    await q.query(`
      CREATE TABLE entitlement.payments_received (
        event_id    uuid         PRIMARY KEY,
        payment_id  text         NOT NULL,
        run_id      uuid         NOT NULL,
        person_ref  uuid         NOT NULL,
        programme   text         NOT NULL,
        month       character(7) NOT NULL,
        amount      bigint       NOT NULL,
        outcome     text         NOT NULL,
        reason_code text,
        occurred_on date         NOT NULL,
        lines       jsonb,
        received_at timestamptz  NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX payments_received_person_idx ON entitlement.payments_received (person_ref, month)');
    await q.query(`CREATE INDEX payments_received_unpaid_idx ON entitlement.payments_received (person_ref) WHERE outcome = 'not_collected'`);
    // The earliest payment of a month: tells a run whether a rate table entered later may have changed that month.
    await q.query('CREATE INDEX payments_received_month_idx ON entitlement.payments_received (month, occurred_on)');
    await q.query(`
      CREATE TABLE entitlement.recoveries (
        id            bigserial    PRIMARY KEY,
        person_ref    uuid         NOT NULL,
        programme     text         NOT NULL,
        month         character(7) NOT NULL,
        recipient_ref text         NOT NULL,
        owed          bigint       NOT NULL,
        paid          bigint       NOT NULL,
        amount        bigint       NOT NULL,
        reason        text         NOT NULL,
        explanation   jsonb        NOT NULL,
        source        text         NOT NULL,
        source_id     text         NOT NULL,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT recoveries_source_uq UNIQUE (source_id, person_ref, programme, month, recipient_ref)
      )`);
    await q.query('CREATE INDEX recoveries_person_idx ON entitlement.recoveries (person_ref, month)');
    await q.query(`
      CREATE TABLE entitlement.deaths (
        person_ref    uuid        PRIMARY KEY,
        date_of_death date        NOT NULL,
        programmes    jsonb       NOT NULL,
        event_id      uuid        NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE entitlement.one_offs (
        id          bigserial    PRIMARY KEY,
        person_ref  uuid         NOT NULL,
        kind        text         NOT NULL,
        programme   text         NOT NULL,
        month       character(7) NOT NULL,
        amount      bigint       NOT NULL,
        instrument  text         NOT NULL,
        explanation jsonb        NOT NULL,
        event_id    uuid         NOT NULL,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT one_offs_person_kind_uq UNIQUE (person_ref, kind)
      )`);
    await q.query(`
      CREATE TABLE entitlement.one_off_schedules (
        one_off_id   bigint      PRIMARY KEY,
        run_id       uuid        NOT NULL,
        scheduled_at timestamptz NOT NULL DEFAULT now()
      )`);
    const appendOnly = ['entitlement_lines', 'arrears_lines', 'run_exceptions', 'payments_received', 'recoveries', 'one_offs', 'one_off_schedules', 'run_events', 'calculations'];
    for (const table of appendOnly) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON entitlement.${table} FOR EACH ROW EXECUTE FUNCTION entitlement.forbid_change()`,
      );
    }
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
