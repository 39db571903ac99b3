import { AUDIT_ENTITIES, databaseOptions, type DatabaseSettings } from '@benefits/platform';
import { PartnerBatchEntity, PartnerBatchStatusChangeEntity } from './execution/partner-batch.entity';
import { Init1764460800000 } from './migrations/1764460800000-init';
import { PaymentRuns1764547200000 } from './migrations/1764547200000-payment-runs';
import { AuditTrail1764720000000 } from './migrations/1764720000000-audit-trail';
import { BalanceDisposition1764806400000 } from './migrations/1764806400000-balance-disposition';
import { Reconciliation1764892800000 } from './migrations/1764892800000-reconciliation';
import { PendingNotifications1765065600000 } from './migrations/1765065600000-pending-notifications';
import { StatusReportDigest1765152000000 } from './migrations/1765152000000-status-report-digest';
import { OutboxEnvelopeText1765497600000 } from './migrations/1765497600000-outbox-envelope-text';
import { PaymentsHotUpdates1765584000000 } from './migrations/1765584000000-payments-hot-updates';
import { BatchDispatch1765670400000 } from './migrations/1765670400000-batch-dispatch';
import { CashPayouts1765843200000 } from './migrations/1765843200000-cash-payouts';
import { CashListAddress1765929600000 } from './migrations/1765929600000-cash-list-address';
import { StatementExceptions1766016000000 } from './migrations/1766016000000-statement-exceptions';
import { ReconExceptionsByPayment1766102400000 } from './migrations/1766102400000-recon-exceptions-by-payment';
import { DeclaredNotPaid1766188800000 } from './migrations/1766188800000-declared-not-paid';
import { LastMonthOwed1766275200000 } from './migrations/1766275200000-last-month-owed';
import { BatchBookedAmounts1766361600000 } from './migrations/1766361600000-batch-booked-amounts';
import { DeceasedPayeeIndex1766448000000 } from './migrations/1766448000000-deceased-payee-index';
import { CollectionAlertEntity, NotificationEntity } from './outcomes/notification.entity';
import { PaymentEntity, PaymentLineEntity, PaymentStatusChangeEntity } from './payments/payment.entity';
import { ResendRequestEntity } from './payments/resend-request.entity';
import {
  PaymentReconciliationEntity,
  ReconExceptionChangeEntity,
  ReconExceptionEntity,
  RunReconciliationChangeEntity,
  RunReconciliationEntity,
  StatementFileEntity,
  StatementLineEntity,
} from './reconciliation/reconciliation.entity';
import { RunAnomalyEntity, RunDestinationEntity, RunEntitlementEntity, RunInputChunkEntity } from './runs/inputs/run-input.entity';
import { RunEntity, RunStatusChangeEntity } from './runs/run.entity';

/** Every entity of the service, and every migration in order. */
export const ENTITIES = [
  RunEntity,
  RunStatusChangeEntity,
  RunInputChunkEntity,
  RunAnomalyEntity,
  RunEntitlementEntity,
  RunDestinationEntity,
  PaymentEntity,
  PaymentStatusChangeEntity,
  PaymentLineEntity,
  ResendRequestEntity,
  PartnerBatchEntity,
  PartnerBatchStatusChangeEntity,
  NotificationEntity,
  CollectionAlertEntity,
  StatementFileEntity,
  StatementLineEntity,
  PaymentReconciliationEntity,
  ReconExceptionEntity,
  ReconExceptionChangeEntity,
  RunReconciliationEntity,
  RunReconciliationChangeEntity,
  ...AUDIT_ENTITIES,
];
export const MIGRATIONS = [
  Init1764460800000,
  PaymentRuns1764547200000,
  AuditTrail1764720000000,
  BalanceDisposition1764806400000,
  Reconciliation1764892800000,
  PendingNotifications1765065600000,
  StatusReportDigest1765152000000,
  OutboxEnvelopeText1765497600000,
  PaymentsHotUpdates1765584000000,
  BatchDispatch1765670400000,
  CashPayouts1765843200000,
  CashListAddress1765929600000,
  StatementExceptions1766016000000,
  ReconExceptionsByPayment1766102400000,
  DeclaredNotPaid1766188800000,
  LastMonthOwed1766275200000,
  BatchBookedAmounts1766361600000,
  DeceasedPayeeIndex1766448000000,
];

export function disbursementDatabase(config: DatabaseSettings, poolSize?: number) {
  return databaseOptions({ url: config.DATABASE_URL, statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS, schema: 'disbursement', entities: ENTITIES, migrations: MIGRATIONS, poolSize });
}
