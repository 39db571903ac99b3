import { ConfigError, createLogger, migrate } from '@benefits/platform';
import { loadEntitlementConfig, SERVICE_NAME } from './config';
import { entitlementDatabase } from './database';

/** `nx run entitlement:migrate`: applies the service's pending migrations to its own schema, then exits. */
async function main() {
  const logger = createLogger(`${SERVICE_NAME}-migrate`);
  try {
    const applied = await migrate(entitlementDatabase(loadEntitlementConfig()));
    logger.info({ applied }, applied.length ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : error, 'Migration failed');
    process.exitCode = 1;
  }
}

void main();
