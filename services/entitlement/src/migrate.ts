import { ConfigError, createLogger, migrate } from '@benefits/platform';
import { DataSource } from 'typeorm';
import { loadEntitlementConfig, SERVICE_NAME } from './config';
import { entitlementDatabase } from './database';
import { topUpFuneralSupport } from './life-events/funeral-top-ups';
import { approvedBook } from './rate-tables/rate-book.store';
import { RateTableRepository } from './rate-tables/rate-table.repository';
import { seedRateTables } from './rate-tables/seed';

/**
 * `nx run entitlement:migrate`: applies the service's pending migrations to its own schema, then enters any seed
 * rate table not yet present (idempotent), then exits. A standard level shipped as seed data for months already past
 * tops up the funeral support recorded for deaths in them, as an operator's approval of the same level would.
 */
async function main() {
  const logger = createLogger(`${SERVICE_NAME}-migrate`);
  try {
    const options = entitlementDatabase(loadEntitlementConfig());
    const applied = await migrate(options);
    logger.info({ applied }, applied.length ? `Applied ${applied.length} migration(s)` : 'Schema is up to date');
    const dataSource = await new DataSource(options).initialize();
    try {
      const levels = (await seedRateTables(dataSource)).filter((version) => version.table === 'standard_level');
      if (levels.length > 0) {
        const repository = new RateTableRepository(dataSource);
        const book = approvedBook(await repository.approved());
        let toppedUp = 0;
        for (const level of levels) {
          // Under the approvals' lock, as an approval tops up: run beside one, both would add the same difference.
          toppedUp += await dataSource.transaction(async (tx) => {
            await repository.lockBook(tx);
            return topUpFuneralSupport(tx, book, { from: level.effectiveFrom, ...(level.effectiveTo && { to: level.effectiveTo }) });
          });
        }
        logger.info({ levels: levels.map((level) => level.id), toppedUp }, 'seed standard levels entered; funeral support topped up');
      }
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    logger.error(error instanceof ConfigError ? error.message : error, 'Migration failed');
    process.exitCode = 1;
  }
}

void main();
