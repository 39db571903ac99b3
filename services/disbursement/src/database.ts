import { databaseOptions } from '@benefits/platform';
import type { DisbursementConfig } from './config';
import { Init1764460800000 } from './migrations/1764460800000-init';

/** Every entity of the service, and every migration in order. */
export const ENTITIES = [];
export const MIGRATIONS = [Init1764460800000];

export function disbursementDatabase(config: Pick<DisbursementConfig, 'DATABASE_URL'>) {
  return databaseOptions({ url: config.DATABASE_URL, schema: 'disbursement', entities: ENTITIES, migrations: MIGRATIONS });
}
