import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A verified run is calculated in fixed pages of persons (person_ref order) instead of uuid ranges with cursors:
 * page n is published as EntitlementChunk n, so workers number their chunks without touching the run row and
 * calculate side by side. A run still calculating is carried over: its persons not yet calculated are paged after
 * the chunks it already published (pages of 1000, the default batch size), and next_chunk_no counts them.
 */
export class RunPages1765065600000 implements MigrationInterface {
  name = 'RunPages1765065600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entitlement.run_pages (
        run_id       uuid    NOT NULL,
        page_no      integer NOT NULL,
        first_person uuid    NOT NULL,
        last_person  uuid    NOT NULL,
        done         boolean NOT NULL DEFAULT false,
        PRIMARY KEY (run_id, page_no)
      )`);
    // Workers look for the next page not done: pages done drop out of this index.
    await q.query('CREATE INDEX run_pages_open_idx ON entitlement.run_pages (run_id, page_no) WHERE NOT done');
    await q.query(`
      INSERT INTO entitlement.run_pages (run_id, page_no, first_person, last_person)
      SELECT run_id, next_chunk_no + (n - 1) / 1000, person_ref, coalesce(page_end, run_end)
        FROM (SELECT run_id, next_chunk_no, person_ref, row_number() OVER persons AS n, lead(person_ref, 999) OVER persons AS page_end,
                     last_value(person_ref) OVER (persons ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS run_end
                FROM (SELECT DISTINCT i.run_id, r.next_chunk_no, i.person_ref
                        FROM entitlement.snapshot_items i
                        JOIN entitlement.runs r ON r.run_id = i.run_id AND r.status = 'CALCULATING'
                        JOIN entitlement.run_partitions p ON p.run_id = i.run_id AND i.person_ref BETWEEN p.low AND p.high
                       WHERE NOT p.done AND (p.cursor_person IS NULL OR i.person_ref > p.cursor_person)) remaining
              WINDOW persons AS (PARTITION BY run_id ORDER BY person_ref)) numbered
       WHERE (n - 1) % 1000 = 0`);
    await q.query(`
      UPDATE entitlement.runs r SET next_chunk_no = p.count
        FROM (SELECT run_id, max(page_no) + 1 AS count FROM entitlement.run_pages GROUP BY run_id) p
       WHERE p.run_id = r.run_id`);
    await q.query('DROP TABLE entitlement.run_partitions');
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
