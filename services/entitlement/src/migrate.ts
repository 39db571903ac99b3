import { ConfigError, createLogger, migrate } from '@benefits/platform';
import { DataSource } from 'typeorm';
import { loadEntitlementConfig, SERVICE_NAME } from './config';
import { entitlementDatabase } from './database';
import { seedRateTables } from './rate-tables/seed';

/**
 * `nx run entitlement:migrate`: applies the service's pending migrations to its own schema, then enters any seed
 * rate table not yet present (idempotent), then exits.
 */
async function main() {
  const logger = createLogger(`${SERVICE_NAME}-migrate`);
  try {
    const options = entitlementDatabase(loadEntitlementConfig());
    const applied = await migrate(options);
    logger.info({ applied }, applied.length ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
    const dataSource = await new DataSource(options).initialize();
    try {
      await seedRateTables(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : error, 'Migration failed');
    process.exitCode = 1;
  }
}

void main();
