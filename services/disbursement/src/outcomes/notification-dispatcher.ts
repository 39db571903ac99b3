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
 * Whoever records outcomes sends the notifications it wrote right after the commit (`flush`, by their ids). The
 * recovery sweep sends whatever is left pending (`flushAll`): a process that died between the commit and the
 * sending, a notifier that failed. Senders, pollers and sweeps run at the same time and on several replicas: each
 * claims with FOR UPDATE SKIP LOCKED and marks the messages sent in the same transaction, so two flushes never send
 * the same message. At least once: a crash between sending and the commit sends those again.
 *
 * The sweep walks the index of pending messages from its oldest entry, and until vacuum that index still holds an
 * entry for every message sent since: a sweep after each outcome would walk them all again (14 ms a claim at
 * 100,000 payments, more with every run). A flush by id finds each of its messages directly; so would one by
 * payment, had the planner not preferred to walk the same index for it (164 ms a claim at 1,000,000).
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(LOGGER) private readonly logger: pino.Logger,
  ) {}

  /** Sends these notifications (just written with outcomes) unless sent or held by another flush; the number sent. */
  async flush(notificationIds: readonly string[]): Promise<number> {
    let total = 0;
    for (let start = 0; start < notificationIds.length; start += CLAIM_SIZE) {
      const ids = notificationIds.slice(start, start + CLAIM_SIZE);
      total += (await this.dataSource.transaction((tx) => this.sendClaimed(tx, ids))).sent;
    }
    return total;
  }

  /** Sends every pending notification no other flush holds, oldest first; the number sent. */
  async flushAll(): Promise<number> {
    let total = 0;
    for (;;) {
      const { claimed, sent } = await this.dataSource.transaction((tx) => this.sendClaimed(tx));
      total += sent;
      // A short claim: nothing else is pending. Nothing sent: the notifier is failing; the next sweep tries again.
      if (claimed < CLAIM_SIZE || sent === 0) return total;
    }
  }

  /** Claims (those of `ids`, or the oldest CLAIM_SIZE of all), sends, and marks sent what was. */
  private async sendClaimed(tx: EntityManager, ids?: readonly string[]): Promise<{ claimed: number; sent: number }> {
    const pending = await select<{ id: string; payment_id: string; person_ref: string; text: string }>(
      tx,
      ids
        ? `SELECT id, payment_id, person_ref, text FROM disbursement.notifications WHERE id = ANY($1::bigint[]) AND status = 'pending'
            ORDER BY id FOR UPDATE SKIP LOCKED`
        : `SELECT id, payment_id, person_ref, text FROM disbursement.notifications WHERE status = 'pending'
            ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [ids ?? CLAIM_SIZE],
    );
    const sent: string[] = [];
    for (const n of pending) {
      try {
        await this.notifier.send({ paymentId: n.payment_id, personRef: n.person_ref, text: n.text });
        sent.push(n.id);
      } catch (error) {
        this.logger.warn({ paymentId: n.payment_id, err: error }, 'notification not sent; the recovery sweep tries again');
      }
    }
    if (sent.length > 0) await tx.query(`UPDATE disbursement.notifications SET status = 'sent', sent_at = now() WHERE id = ANY($1::bigint[])`, [sent]);
    return { claimed: pending.length, sent: sent.length };
  }
}
