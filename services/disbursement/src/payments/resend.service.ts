import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { assertFourEyes, AuditTrail, readableCommunes, readableProgrammes, type AuthUser } from '@benefits/platform';
import { InvalidDestinationError, PaymentNotFoundError, ResendNotAllowedError, ResendRequestNotFoundError, RunNotFoundError, ScopeForbiddenError } from '../common/errors';
import { pageKey, pageOf, UUID_KEY, timeKeySql, type Page } from '../common/page';
import { AtRestCipher, storeAccount } from '../common/pii';
import { select, selectOne } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { planBatches } from '../execution/batch-planner';
import { JobDispatcher } from '../execution/job-dispatcher';
import { unreturnedDebits } from '../reconciliation/domain/returns';
import type { LineKind } from '../reconciliation/domain/statement-file';
import { communeRefusal, scopeRefusal } from '../runs/domain/scope';
import { PREPARATION_LOCK } from '../runs/preparation/run-preparation.service';
import { RunEntity } from '../runs/run.entity';
import { transitionRun } from '../runs/run-transitions';
import { scopeOf } from '../runs/runs.service';
import { destinationProblem, repeatsFailedDestination } from './domain/destination';
import { resendPaymentId } from './domain/payment-id';
import { resendRefusal } from './domain/payment-status';
import { paysFuneralSupport } from './funeral';
import { isArrearsOnly } from './arrears-only';
import { PaymentEntity } from './payment.entity';
import { appendPaymentChanges } from './payment-ledger';
import type { DestinationDto } from './payments.dto';
import { ResendRequestEntity, type ResendStatus } from './resend-request.entity';

/** A re-send request as listed: what the API shows of it, never its account's cipher or hash. */
export type ListedResend = Omit<ResendRequestEntity, 'accountCipher' | 'accountHash'>;

/**
 * Paying a rejected or returned payment again (or a funeral support, or arrears paid alone, not collected: resendRefusal), to a corrected
 * destination, unless a statement says its money left (assertResendable). The run is frozen (it was released), so
 * it takes four eyes: one user requests, another approves. The re-send is a new instruction whose lines pay the
 * original's lines again (repay, origin = the original): the obligation guard (payment_lines' unique index, and the
 * carry-over's NOT EXISTS on the same key) allows it once, whichever of a re-send or a carry-over comes first.
 */
@Injectable()
export class ResendService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: AtRestCipher,
    private readonly jobs: JobDispatcher,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly audit: AuditTrail,
  ) {}

  async request(user: AuthUser, paymentId: string, destination: DestinationDto, reason: string): Promise<ResendRequestEntity> {
    const problem = destinationProblem({ ...destination, account: destination.accountNumber, holderName: destination.accountHolderName });
    if (problem) throw new InvalidDestinationError(`The corrected destination cannot be paid to: ${problem}`, { problem });
    const account = destination.accountNumber && destination.channel !== 'post_office_cash' ? storeAccount(this.cipher, destination.accountNumber) : null;
    return this.dataSource.transaction(async (tx) => {
      const payment = await this.lockPayment(tx, paymentId);
      await this.assertScope(tx, user, payment.runId);
      assertDestinationScope(user, destination.communeCode);
      await this.assertResendable(tx, payment);
      const corrected = {
        channel: destination.channel,
        bankBin: destination.bankBin ?? null,
        accountHash: account?.hash ?? null,
        holderName: destination.accountHolderName,
        cashPointCode: destination.cashPointCode ?? null,
      };
      if (repeatsFailedDestination(payment.reasonCode, payment, corrected)) {
        throw new InvalidDestinationError(
          `Payment ${paymentId} failed at this destination (${payment.reasonCode}), and would fail there again: a re-send goes to a corrected destination`,
          { problem: 'SAME_AS_FAILED', reasonCode: payment.reasonCode },
        );
      }
      const pending = await select(tx, `SELECT 1 FROM disbursement.resend_requests WHERE payment_id = $1 AND status = 'PENDING'`, [paymentId]);
      if (pending.length > 0) throw new ResendNotAllowedError(`A re-send of ${paymentId} is already waiting for approval`);
      const request = tx.create(ResendRequestEntity, {
        id: randomUUID(),
        paymentId,
        status: 'PENDING',
        reason,
        requestedBy: user.id,
        channel: destination.channel,
        bankBin: destination.bankBin ?? null,
        accountCipher: account?.cipher ?? null,
        accountHash: account?.hash ?? null,
        accountMasked: account?.masked ?? null,
        holderName: destination.accountHolderName,
        communeCode: destination.communeCode,
        cashPointCode: destination.cashPointCode ?? null,
      });
      await tx.insert(ResendRequestEntity, request);
      return request;
    });
  }

  /** A second person approves: the re-send instruction is created, batched and sent. */
  async approve(user: AuthUser, requestId: string): Promise<ResendRequestEntity> {
    const { request, batchIds, runId } = await this.dataSource.transaction(async (tx) => {
      const request = await this.lockRequest(tx, requestId);
      assertFourEyes(request.requestedBy, user.id, 'this re-send request');
      const original = await this.lockPayment(tx, request.paymentId);
      // Locked: a RunProgress.advance that would complete the run waits for this commit, then sees the re-send.
      const run = await this.assertScope(tx, user, original.runId, 'lock');
      assertDestinationScope(user, request.communeCode);
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [PREPARATION_LOCK]);
      await this.assertResendable(tx, original);
      const resend = await this.createResend(tx, original, request);
      await tx.query(
        `UPDATE disbursement.resend_requests SET status = 'APPROVED', decided_by = $2, decided_at = now(), resend_payment_id = $3 WHERE id = $1`,
        [requestId, user.id, resend.paymentId],
      );
      // The destination change itself, before and after (masked), in the transaction that makes it.
      await this.audit.record(
        {
          actor: user,
          action: 'payment.destination.change',
          resourceType: 'payment',
          resourceId: original.paymentId,
          before: destinationOf(original),
          after: { ...destinationOf(request), resendPaymentId: resend.paymentId, requestId, requestedBy: request.requestedBy, reason: request.reason },
        },
        tx,
      );
      const batches = await planBatches(tx, original.runId, { bank: this.config.BANK_BATCH_SIZE, postOffice: this.config.POST_OFFICE_BATCH_SIZE });
      // A completed run is paying again: back to RELEASED, which RunProgress moves on to SENT and COMPLETED again once
      // the re-send's batch is acknowledged and its outcome final (and the recovery sweep, should a move be lost).
      // Left COMPLETED, operators and finance read a run done while its money still moves. A run not completed yet
      // completes only once every payment, the re-send included, is final.
      if (run.status === 'COMPLETED') {
        await transitionRun(tx, run, 'RELEASED', user.id, `re-send ${resend.paymentId} of payment ${original.paymentId} approved (request ${requestId})`);
      }
      this.logger.info({ requestId, original: original.paymentId, resend: resend.paymentId, approvedBy: user.id }, 're-send approved');
      return { request, batchIds: batches.map((b) => b.batch_id), runId: original.runId };
    });
    // The approval is committed: if its job cannot be queued now (Redis refused it), the recovery sweep queues the
    // batch (JobDispatcher.requeueMissing); the approver is not told it failed when it did not.
    await this.jobs.dispatchBatches(runId, batchIds).catch((error: unknown) => {
      this.logger.error({ err: error, requestId, runId, batchIds }, 're-send approved but its batch could not be queued: the recovery sweep will queue it');
    });
    return this.dataSource.getRepository(ResendRequestEntity).findOneByOrFail({ id: request.id });
  }

  async reject(user: AuthUser, requestId: string, reason: string | undefined): Promise<ResendRequestEntity> {
    await this.dataSource.transaction(async (tx) => {
      const request = await this.lockRequest(tx, requestId);
      const original = await this.lockPayment(tx, request.paymentId);
      await this.assertScope(tx, user, original.runId);
      await tx.query(
        `UPDATE disbursement.resend_requests SET status = 'REJECTED', decided_by = $2, decided_at = now(), decision_reason = $3 WHERE id = $1`,
        [requestId, user.id, reason ?? null],
      );
    });
    return this.dataSource.getRepository(ResendRequestEntity).findOneByOrFail({ id: requestId });
  }

  /**
   * Newest first, in pages: in (requested_at, id) order, a request is never skipped nor shown twice across pages.
   * Of the payments of the programmes (`readableProgrammes`) and communes (`readableCommunes`) the user reads.
   */
  async list(user: AuthUser, query: { status?: ResendStatus; limit?: number; cursor?: string }): Promise<Page<ListedResend>> {
    const limit = query.limit ?? 200;
    const after = pageKey('resends', query.cursor, UUID_KEY);
    const rows = await select<ListedResend & { page_key: string }>(
      this.dataSource.manager,
      `SELECT r.id, r.payment_id AS "paymentId", r.status, r.reason, r.requested_by AS "requestedBy", r.requested_at AS "requestedAt",
              r.decided_by AS "decidedBy", r.decided_at AS "decidedAt", r.decision_reason AS "decisionReason", r.resend_payment_id AS "resendPaymentId",
              r.channel, r.bank_bin AS "bankBin", r.account_masked AS "accountMasked", r.holder_name AS "holderName",
              r.commune_code AS "communeCode", r.cash_point_code AS "cashPointCode", ${timeKeySql('r.requested_at')} AS page_key
         FROM disbursement.resend_requests r JOIN disbursement.payments p ON p.payment_id = r.payment_id
        WHERE p.programme = ANY($1::text[]) AND ($2::text[] IS NULL OR p.commune_code = ANY($2::text[])) AND ($3::text IS NULL OR r.status = $3)
          AND ($5::timestamptz IS NULL OR (r.requested_at, r.id) < ($5::timestamptz, $6::uuid))
        ORDER BY r.requested_at DESC, r.id DESC LIMIT $4`,
      [readableProgrammes(user), readableCommunes(user), query.status ?? null, limit + 1, after?.at ?? null, after?.id ?? null],
    );
    return pageOf('resends', rows, limit, (row) => ({ at: row.page_key, id: row.id }));
  }

  private async createResend(tx: EntityManager, original: PaymentEntity, request: ResendRequestEntity): Promise<PaymentEntity> {
    const resend = tx.create(PaymentEntity, {
      ...original,
      paymentId: resendPaymentId(original.paymentId),
      kind: 'resend',
      resendOf: original.paymentId,
      channel: request.channel,
      bankBin: request.bankBin,
      accountCipher: request.accountCipher,
      accountHash: request.accountHash,
      accountMasked: request.accountMasked,
      holderName: request.holderName,
      communeCode: request.communeCode,
      cashPointCode: request.cashPointCode,
      // The payee's address is the person's, whoever's account: kept for a cash list, as the original had it.
      address: request.channel === 'post_office_cash' ? original.address : null,
      destinationProblem: null,
      status: 'pending',
      reasonCode: null,
      outcomeOn: null,
      carriedOverNext: null,
      balanceDisposition: null,
      batchId: null,
    });
    delete (resend as Partial<PaymentEntity>).createdAt;
    delete (resend as Partial<PaymentEntity>).statusChangedAt;
    await tx.insert(PaymentEntity, resend);
    // Every line of the original is paid again, once, a month's lines as one: a second re-send violates the unique
    // obligation guard.
    await tx.query(
      `INSERT INTO disbursement.payment_lines (payment_id, kind, source, programme, month, person_ref, amount, origin_ref)
       SELECT $2, 'repay', 'resend', programme, month, person_ref, sum(amount), payment_id
         FROM disbursement.payment_lines WHERE payment_id = $1 AND voided_at IS NULL
        GROUP BY programme, month, person_ref, payment_id`,
      [original.paymentId, resend.paymentId],
    );
    await appendPaymentChanges(tx, [{ paymentId: resend.paymentId, from: null, to: 'pending', reasonCode: null }], request.requestedBy);
    return resend;
  }

  /**
   * Only an unpaid payment resendRefusal lets through, not paid again already: never one that is in flight or
   * settled, and never one a statement contradicts: debited and not returned in full (whatever the partner reported,
   * the money may have reached the payee), or with a reconciliation exception open.
   */
  private async assertResendable(tx: EntityManager, payment: PaymentEntity): Promise<void> {
    const id = payment.paymentId;
    const refusal = resendRefusal(payment.status, paysFuneralSupport(payment.components) || isArrearsOnly(payment.amount));
    if (refusal) throw new ResendNotAllowedError(`Payment ${id} is ${payment.status}: ${refusal}`);
    const repaid = await selectOne<{ payment_id: string }>(
      tx,
      `SELECT payment_id FROM disbursement.payment_lines WHERE kind = 'repay' AND origin_ref = $1 AND voided_at IS NULL LIMIT 1`,
      [id],
    );
    if (repaid) throw new ResendNotAllowedError(`Payment ${id} was already paid again by ${repaid.payment_id}`);
    const lines = await select<{ id: string; kind: LineKind; amount: string | null; booking_date: string | null; reason: string | null }>(
      tx,
      'SELECT id::text, kind, amount::text, booking_date, reason FROM disbursement.statement_lines WHERE payment_id = $1 ORDER BY id',
      [id],
    );
    const [debit] = unreturnedDebits(lines.map((l) => ({ id: l.id, kind: l.kind, amount: l.amount === null ? null : BigInt(l.amount), bookingDate: l.booking_date, reason: l.reason })));
    if (debit) {
      throw new ResendNotAllowedError(
        `Payment ${id} cannot be re-sent: a bank statement shows it debited (${debit.amount === null ? 'an amount not known' : `${debit.amount} đồng`} on ${debit.bookingDate ?? 'an unknown day'}) and not returned in full, so the money may have reached the payee`,
        { paymentId: id, lineId: debit.id },
      );
    }
    const exception = await selectOne<{ id: string; kind: string }>(
      tx,
      `SELECT id, kind FROM disbursement.recon_exceptions WHERE payment_id = $1 AND status <> 'resolved' ORDER BY created_at LIMIT 1`,
      [id],
    );
    if (exception) {
      throw new ResendNotAllowedError(`Payment ${id} cannot be re-sent while its reconciliation exception ${exception.id} (${exception.kind}) is open: finance resolves it first`, {
        paymentId: id,
        exceptionId: exception.id,
      });
    }
  }

  /** The payment's run, if the user may act on it; `lock`: locked until the transaction ends. */
  private async assertScope(tx: EntityManager, user: AuthUser, runId: string, lock?: 'lock'): Promise<RunEntity> {
    const run = await tx.getRepository(RunEntity).findOne({ where: { id: runId }, ...(lock && { lock: { mode: 'pessimistic_write' as const } }) });
    if (!run) throw new RunNotFoundError(runId);
    const refusal = scopeRefusal(user, scopeOf(run));
    if (refusal) throw new ScopeForbiddenError(`You may not act on this payment: ${refusal}`);
    return run;
  }

  private async lockPayment(tx: EntityManager, paymentId: string): Promise<PaymentEntity> {
    const payment = await tx.getRepository(PaymentEntity).findOne({ where: { paymentId }, lock: { mode: 'pessimistic_write' } });
    if (!payment) throw new PaymentNotFoundError(paymentId);
    return payment;
  }

  private async lockRequest(tx: EntityManager, requestId: string): Promise<ResendRequestEntity> {
    const request = await tx.getRepository(ResendRequestEntity).findOne({ where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw new ResendRequestNotFoundError(requestId);
    if (request.status !== 'PENDING') throw new ResendNotAllowedError(`The re-send request is already ${request.status}`);
    return request;
  }
}

/**
 * A user whose token is limited to communes sends a payment again only within them, as they act only on runs of
 * them: the corrected destination's commune (whose cash list or payment point pays it) is one of theirs.
 */
function assertDestinationScope(user: AuthUser, communeCode: string): void {
  const refusal = communeRefusal(user, { communeCodes: [communeCode] });
  if (refusal) throw new ScopeForbiddenError(`You may not send a payment to commune ${communeCode}: ${refusal}`);
}

/** Where a payment goes, as the audit trail keeps it: never the account number itself. */
function destinationOf(d: Pick<PaymentEntity, 'channel' | 'bankBin' | 'accountMasked' | 'holderName' | 'communeCode' | 'cashPointCode'>) {
  return { channel: d.channel, bankBin: d.bankBin, accountMasked: d.accountMasked, holderName: d.holderName, communeCode: d.communeCode, cashPointCode: d.cashPointCode };
}
