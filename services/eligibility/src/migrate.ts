import { ConfigError, createLogger, migrate } from '@benefits/platform';
import { loadEligibilityConfig, SERVICE_NAME } from './config';
import { eligibilityDatabase } from './database';

/** `nx run eligibility:migrate`: applies the service's pending migrations to its own schema, then exits. */
async function main() {
  const logger = createLogger(`${SERVICE_NAME}-migrate`);
  try {
    const applied = await migrate(eligibilityDatabase(loadEligibilityConfig()));
    logger.info({ applied }, applied.length ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : error, 'Migration failed');
    process.exitCode = 1;
  }
}

void main();
