import 'reflect-metadata';
import { pendingSchemaChanges } from '@benefits/platform';
import { loadEligibilityConfig } from '../src/config';
import { eligibilityDatabase } from '../src/database';

describe('eligibility schema (real PostgreSQL, after the migrations)', () => {
  it('matches the entities exactly: the migrations leave nothing for TypeORM to change', async () => {
    expect(await pendingSchemaChanges(eligibilityDatabase(loadEligibilityConfig({})))).toEqual([]);
  });
});
