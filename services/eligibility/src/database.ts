import { AUDIT_ENTITIES, databaseOptions, type DatabaseSettings } from '@benefits/platform';
import { ImportEntity } from './imports/import.entity';
import { Init1764460800000 } from './migrations/1764460800000-init';
import { Register1764547200000 } from './migrations/1764547200000-register';
import { FuneralOrganiser1764633600000 } from './migrations/1764633600000-funeral-organiser';
import { AuditTrail1764720000000 } from './migrations/1764720000000-audit-trail';
import { DecisionTermination1764806400000 } from './migrations/1764806400000-decision-termination';
import { DecisionAmendment1764979200000 } from './migrations/1764979200000-decision-amendment';
import { CaredFor1764986400000 } from './migrations/1764986400000-cared-for';
import { SnapshotParts1765411200000 } from './migrations/1765411200000-snapshot-parts';
import { OutboxEnvelopeText1765497600000 } from './migrations/1765497600000-outbox-envelope-text';
import { ResidenceAddress1765929600000 } from './migrations/1765929600000-residence-address';
import { HouseholdPerCommune1766023200000 } from './migrations/1766023200000-household-per-commune';
import { ImportFileAgain1766109600000 } from './migrations/1766109600000-import-file-again';
import { SnapshotClosedRuns1766448000000 } from './migrations/1766448000000-snapshot-closed-runs';
import { HouseholdCommuneInForce1766534400000 } from './migrations/1766534400000-household-commune-in-force';
import { DecisionEntity, DecisionStatusEntity } from './register/decision.entity';
import { HouseholdEntity, HouseholdPovertyEntity } from './register/household.entity';
import { LifeEventEntity } from './register/life-event.entity';
import { PaymentDestinationEntity } from './register/payment-destination.entity';
import { PersonEntity } from './register/person.entity';
import { ResidenceEntity } from './register/residence.entity';
import { SnapshotEntity, SnapshotItemEntity, SnapshotPartEntity } from './snapshots/snapshot.entity';

/** Every entity of the service, and every migration in order. */
export const ENTITIES = [
  HouseholdEntity,
  HouseholdPovertyEntity,
  PersonEntity,
  ResidenceEntity,
  DecisionEntity,
  DecisionStatusEntity,
  PaymentDestinationEntity,
  LifeEventEntity,
  ImportEntity,
  SnapshotEntity,
  SnapshotItemEntity,
  SnapshotPartEntity,
  ...AUDIT_ENTITIES,
];
export const MIGRATIONS = [Init1764460800000, Register1764547200000, FuneralOrganiser1764633600000, AuditTrail1764720000000, DecisionTermination1764806400000, DecisionAmendment1764979200000, CaredFor1764986400000, SnapshotParts1765411200000, OutboxEnvelopeText1765497600000, ResidenceAddress1765929600000, HouseholdPerCommune1766023200000, ImportFileAgain1766109600000, SnapshotClosedRuns1766448000000, HouseholdCommuneInForce1766534400000];

export function eligibilityDatabase(config: DatabaseSettings) {
  return databaseOptions({ url: config.DATABASE_URL, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, schema: 'eligibility', entities: ENTITIES, migrations: MIGRATIONS });
}
