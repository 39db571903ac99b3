import { pendingSchemaChanges } from '@benefits/platform';
import { loadDisbursementConfig } from '../src/config';
import { disbursementDatabase } from '../src/database';

jest.setTimeout(30_000);

describe('disbursement schema (real PostgreSQL, after npm test migrated it)', () => {
  it('agrees with the entities: nothing left for TypeORM to change', async () => {
    const options = disbursementDatabase(loadDisbursementConfig({ NODE_ENV: 'test', DATABASE_URL: process.env.DATABASE_URL }));
    expect(await pendingSchemaChanges(options)).toEqual([]);
  });
});
