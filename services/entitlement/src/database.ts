import { AUDIT_ENTITIES, databaseOptions, type DatabaseSettings } from '@benefits/platform';
import { OneOffEntity, OneOffScheduleEntity, DeathEntity } from './life-events/one-off.entity';
import { OwedElsewhereEntity } from './life-events/owed-elsewhere.entity';
import { TerminationEntity } from './life-events/termination.entity';
import { Init1764460800000 } from './migrations/1764460800000-init';
import { RateTables1764547200000 } from './migrations/1764547200000-rate-tables';
import { Runs1764547300000 } from './migrations/1764547300000-runs';
import { AuditTrail1764720000000 } from './migrations/1764720000000-audit-trail';
import { Terminations1764979200000 } from './migrations/1764979200000-terminations';
import { RunPages1765065600000 } from './migrations/1765065600000-run-pages';
import { OwedElsewhere1765238400000 } from './migrations/1765238400000-owed-elsewhere';
import { TerminationLinks1765324800000 } from './migrations/1765324800000-termination-links';
import { OutboxEnvelopeText1765497600000 } from './migrations/1765497600000-outbox-envelope-text';
import { OneOffCommune1765584000000 } from './migrations/1765584000000-one-off-commune';
import { RunClosures1765670400000 } from './migrations/1765670400000-run-closures';
import { RunItemsLeftOut1765843200000 } from './migrations/1765843200000-run-items-left-out';
import { FuneralTopUps1765756800000 } from './migrations/1765756800000-funeral-top-ups';
import { PaymentsResendOf1765929600000 } from './migrations/1765929600000-payments-resend-of';
import { CalculationFailures1766016000000 } from './migrations/1766016000000-calculation-failures';
import { ArrearsInputs1766102400000 } from './migrations/1766102400000-arrears-inputs';
import { PersonCommunes1766188800000 } from './migrations/1766188800000-person-communes';
import { PaymentReceivedEntity, RecoveryEntity } from './payments/payment.entity';
import { RateTableDecisionEntity, RateTableVersionEntity } from './rate-tables/rate-table.entity';
import { ArrearsLineEntity, CalculationEntity, EntitlementLineEntity, RunExceptionEntity } from './runs/entitlement-line.entity';
import { RunEntity, RunEventEntity, RunPageEntity, SnapshotChunkEntity, SnapshotItemEntity } from './runs/run.entity';

/** Every entity of the service, and every migration in order. */
export const ENTITIES = [
  RateTableVersionEntity,
  RateTableDecisionEntity,
  RunEntity,
  RunEventEntity,
  RunPageEntity,
  SnapshotChunkEntity,
  SnapshotItemEntity,
  CalculationEntity,
  EntitlementLineEntity,
  ArrearsLineEntity,
  RunExceptionEntity,
  PaymentReceivedEntity,
  RecoveryEntity,
  DeathEntity,
  TerminationEntity,
  OwedElsewhereEntity,
  OneOffEntity,
  OneOffScheduleEntity,
  ...AUDIT_ENTITIES,
];
export const MIGRATIONS = [Init1764460800000, RateTables1764547200000, Runs1764547300000, AuditTrail1764720000000, Terminations1764979200000, RunPages1765065600000, OwedElsewhere1765238400000, TerminationLinks1765324800000, OutboxEnvelopeText1765497600000, OneOffCommune1765584000000, RunClosures1765670400000, FuneralTopUps1765756800000, RunItemsLeftOut1765843200000, PaymentsResendOf1765929600000, CalculationFailures1766016000000, ArrearsInputs1766102400000, PersonCommunes1766188800000];

export function entitlementDatabase(config: DatabaseSettings) {
  return databaseOptions({ url: config.DATABASE_URL, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, schema: 'entitlement', entities: ENTITIES, migrations: MIGRATIONS });
}
