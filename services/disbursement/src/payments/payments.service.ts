import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { readableCommunes, readableProgrammes, type AuthUser } from '@benefits/platform';
import { PaymentNotFoundError } from '../common/errors';
import { pageKey, pageOf, timeKeySql, type Page } from '../common/page';
import { select } from '../common/sql';
import { PAYMENT_ID } from './domain/payment-id';
import type { LineSource, PaymentStatus } from './domain/payment-status';
import { PaymentEntity, PaymentLineEntity, PaymentStatusChangeEntity } from './payment.entity';
import type { PaymentsQuery } from './payments.dto';

/** A payment that pays an unpaid payment's lines again: its re-send, the next payment carrying it, or entitlement's arrears. */
export interface Repayment {
  readonly paymentId: string;
  readonly source: Extract<LineSource, 'resend' | 'carry_over' | 'unpaid_arrears'>;
  readonly status: PaymentStatus;
  readonly outcomeOn: string | null;
}

@Injectable()
export class PaymentsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * By person, status and run, newest first (payments of one run are created together: then in payment id order), in
   * pages: a payment is never skipped nor shown twice across pages.
   */
  async search(user: AuthUser, query: PaymentsQuery): Promise<Page<PaymentEntity>> {
    const limit = query.limit ?? 100;
    const after = pageKey('payments', query.cursor, PAYMENT_ID);
    const q = this.dataSource
      .getRepository(PaymentEntity)
      .createQueryBuilder('p')
      .addSelect(timeKeySql('p.created_at'), 'page_key')
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.payment_id', 'DESC')
      .limit(limit + 1);
    if (query.personRef) q.andWhere('p.person_ref = :personRef', { personRef: query.personRef });
    if (query.status) q.andWhere('p.status = :status', { status: query.status });
    if (query.runId) q.andWhere('p.run_id = :runId', { runId: query.runId });
    if (after) q.andWhere('(p.created_at, p.payment_id) < (CAST(:at AS timestamptz), :id)', { at: after.at, id: after.id });
    q.andWhere('p.programme = ANY(:programmes)', { programmes: readableProgrammes(user) });
    const communes = readableCommunes(user);
    if (communes) q.andWhere('p.commune_code = ANY(:communes)', { communes });
    // One row per payment (no join): the entities come in the order of the raw rows that carry their keys.
    const { entities, raw } = await q.getRawAndEntities<{ page_key: string }>();
    const keyed = entities.map((payment, i) => ({ payment, key: raw[i].page_key }));
    const page = pageOf('payments', keyed, limit, (row) => ({ at: row.key, id: row.payment.paymentId }));
    return { ...page, rows: page.rows.map((row) => row.payment) };
  }

  async get(user: AuthUser, paymentId: string) {
    const payment = await this.dataSource.getRepository(PaymentEntity).findOneBy({ paymentId });
    // Another programme's or another commune's payment is not there for this user (as a cash point of another
    // commune is not): the same answer as for one that does not exist.
    if (!payment || !readable(user, payment)) throw new PaymentNotFoundError(paymentId);
    const history = await this.dataSource.getRepository(PaymentStatusChangeEntity).find({ where: { paymentId }, order: { id: 'ASC' } });
    const lines = await this.dataSource.getRepository(PaymentLineEntity).find({ where: { paymentId }, order: { id: 'ASC' } });
    return { payment, history, lines, paidAgainBy: await this.repayments(paymentId) };
  }

  /**
   * The payments that pay this one's lines again. Without them a payment returned, rejected or not collected reads as
   * the end of the story, when a re-send or next month's payment has paid it since. Each line's re-payment is found
   * by the obligation key (payment_lines_obligation_uq), never by a scan of the lines.
   */
  private async repayments(paymentId: string): Promise<Repayment[]> {
    return select<Repayment>(
      this.dataSource.manager,
      `SELECT DISTINCT r.payment_id AS "paymentId", r.source, p.status, p.outcome_on AS "outcomeOn"
         FROM disbursement.payment_lines l
         JOIN disbursement.payment_lines r ON r.kind = 'repay' AND r.programme = l.programme AND r.month = l.month
                                         AND r.person_ref = l.person_ref AND r.origin_ref = l.payment_id AND r.voided_at IS NULL
         JOIN disbursement.payments p ON p.payment_id = r.payment_id
        WHERE l.payment_id = $1 AND l.voided_at IS NULL
        ORDER BY 1`,
      [paymentId],
    );
  }
}

/** Whether a user reads this payment: of a programme they read and, for a token limited to communes, of one of them. */
export function readable(user: Pick<AuthUser, 'roles' | 'programmes' | 'communeCodes'>, payment: Pick<PaymentEntity, 'programme' | 'communeCode'>): boolean {
  const communes = readableCommunes(user);
  return readableProgrammes(user).includes(payment.programme) && (!communes || communes.includes(payment.communeCode));
}
