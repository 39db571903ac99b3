import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type pino from 'pino';
import { select } from '../common/sql';
import { LOGGER } from '../common/tokens';
import { NOTIFIER, type Notifier } from './notifier';

/** Notifications claimed per transaction. */
const CLAIM_SIZE = 500;

/**
 * Sends the notifications recorded with outcomes (in the same transaction as the outcome), after the commit:
 * a message is never sent for an outcome that was rolled back.
 *
 * Senders of batches and pollers of outcomes all flush, at the same time and from several replicas. Each claims
 * pending notifications with FOR UPDATE SKIP LOCKED and marks them sent in the same transaction, so two flushes
 * never send the same message; each goes on until nothing is left to claim, so the last outcome of a run leaves no
 * message waiting. At least once: a crash between sending and the commit sends those again.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(LOGGER) private readonly logger: pino.Logger,
  ) {}

  /** Sends every pending notification no other flush holds; the number sent. */
  async flush(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, sent } = await this.dataSource.transaction((tx) => this.sendClaimed(tx));
      total += sent;
      // A short claim: nothing else is pending. Nothing sent: the notifier is failing; the next flush tries again.
      if (claimed < CLAIM_SIZE || sent === 0) return total;
    }
  }

  private async sendClaimed(tx: EntityManager): Promise<{ claimed: number; sent: number }> {
    const pending = await select<{ id: string; payment_id: string; person_ref: string; text: string }>(
      tx,
      `SELECT id, payment_id, person_ref, text FROM disbursement.notifications WHERE status = 'pending'
        ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [CLAIM_SIZE],
    );
    const sent: string[] = [];
    for (const n of pending) {
      try {
        await this.notifier.send({ paymentId: n.payment_id, personRef: n.person_ref, text: n.text });
        sent.push(n.id);
      } catch (error) {
        this.logger.warn({ paymentId: n.payment_id, err: error }, 'notification not sent; will try again');
      }
    }
    if (sent.length > 0) await tx.query(`UPDATE disbursement.notifications SET status = 'sent', sent_at = now() WHERE id = ANY($1::bigint[])`, [sent]);
    return { claimed: pending.length, sent: sent.length };
  }
}
