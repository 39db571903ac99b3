import { Injectable } from '@nestjs/common';
import { dong } from '@benefits/money';
import type { EntityManager } from 'typeorm';
import type { Programme } from '../domain';
import { paymentRow, regularOf, type PaymentRecordRow } from '../runs/payment-rows';
import type { PastLineRow, PastRecoveryRow } from '../runs/domain/arrears-history';
import type { DeathHistory } from './domain/death-recoveries';

/** The history behind recoveries after a death: payments, lines and recoveries of months after the month of death. */
@Injectable()
export class RecoveriesRepository {
  async deathHistories(tx: EntityManager, deaths: readonly { personRef: string; dateOfDeath: string }[]): Promise<DeathHistory[]> {
    if (deaths.length === 0) return [];
    const params = [deaths.map((d) => d.personRef), deaths.map((d) => d.dateOfDeath.slice(0, 7))];
    const after = `JOIN unnest($1::uuid[], $2::text[]) AS d(person_ref, death_month) ON d.person_ref = x.person_ref AND x.month > d.death_month`;
    const payments: (PaymentRecordRow & { person_ref: string })[] = await tx.query(
      `SELECT x.person_ref, x.payment_id, x.run_id, x.programme, x.month, x.amount::text, x.outcome, x.occurred_on::text, x.received_at, ${regularOf('x')}
         FROM entitlement.payments_received x ${after}`,
      params,
    );
    const lines: { person_ref: string; run_id: string; programme: Programme; month: string; amount: string }[] = await tx.query(
      `SELECT x.person_ref, x.run_id, x.programme, x.month, x.amount::text FROM entitlement.entitlement_lines x ${after}`,
      params,
    );
    const recoveries: { person_ref: string; programme: Programme; month: string; recipient_ref: string; amount: string }[] = await tx.query(
      `SELECT x.person_ref, x.programme, x.month, x.recipient_ref, x.amount::text FROM entitlement.recoveries x ${after}`,
      params,
    );
    return deaths.map((death) => ({
      ...death,
      payments: payments.filter((p) => p.person_ref === death.personRef).map(paymentRow),
      lines: lines
        .filter((l) => l.person_ref === death.personRef)
        .map((l): PastLineRow => ({ runId: l.run_id, programme: l.programme, month: l.month, amount: dong(l.amount), inputs: [] })),
      recoveries: recoveries
        .filter((r) => r.person_ref === death.personRef)
        .map((r): PastRecoveryRow => ({ programme: r.programme, month: r.month, recipientRef: r.recipient_ref, amount: dong(r.amount) })),
    }));
  }

  /** The recorded deaths among these persons. */
  async deathsOf(tx: EntityManager, persons: readonly string[]): Promise<{ personRef: string; dateOfDeath: string }[]> {
    const rows: { person_ref: string; date_of_death: string }[] = await tx.query(
      `SELECT person_ref, date_of_death::text FROM entitlement.deaths WHERE person_ref = ANY($1::uuid[])`,
      [persons],
    );
    return rows.map((r) => ({ personRef: r.person_ref, dateOfDeath: r.date_of_death }));
  }
}
