import { pendingSchemaChanges } from '@benefits/platform';
import { DataSource } from 'typeorm';
import { SEED_TABLE_VERSIONS } from '../src/data';
import { entitlementDatabase } from '../src/database';

const DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/benefits';

describe('the entitlement schema after its migrations (real PostgreSQL)', () => {
  it('agrees with the entities: nothing left for TypeORM to change', async () => {
    expect(await pendingSchemaChanges(entitlementDatabase({ DATABASE_URL }))).toEqual([]);
  });

  it('holds every seed rate table as an approved version, entered when its figures became known', async () => {
    const dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL }).initialize();
    try {
      const rows: { id: string; decided_at: Date }[] = await dataSource.query(
        `SELECT v.id, d.decided_at FROM entitlement.rate_table_versions v
           JOIN entitlement.rate_table_decisions d ON d.version_id = v.id AND d.decision = 'approved' WHERE v.id = ANY($1)`,
        [SEED_TABLE_VERSIONS.map((v) => v.id)],
      );
      expect(rows).toHaveLength(SEED_TABLE_VERSIONS.length);
      expect(rows.find((r) => r.id === 'standard_level:social_assistance:2026-07:D335-2026')?.decided_at.toISOString()).toBe('2026-10-05T00:00:00.000Z');
    } finally {
      await dataSource.destroy();
    }
  });
});
