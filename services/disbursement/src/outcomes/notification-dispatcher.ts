import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type pino from 'pino';
import { select } from '../common/sql';
import { LOGGER } from '../common/tokens';
import { NOTIFIER, type Notifier } from './notifier';

/**
 * Sends the notifications recorded with outcomes (in the same transaction as the outcome), after the commit:
 * a message is never sent for an outcome that was rolled back. At least once: a crash between sending and marking
 * sends it again.
 */
@Injectable()
export class NotificationDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    @Inject(LOGGER) private readonly logger: pino.Logger,
  ) {}

  async flush(limit = 1000): Promise<number> {
    const pending = await select<{ id: string; payment_id: string; person_ref: string; text: string }>(
      this.dataSource.manager,
      `SELECT id, payment_id, person_ref, text FROM disbursement.notifications WHERE status = 'pending' ORDER BY id LIMIT $1`,
      [limit],
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
    if (sent.length > 0) {
      await this.dataSource.query(`UPDATE disbursement.notifications SET status = 'sent', sent_at = now() WHERE id = ANY($1::bigint[])`, [sent]);
    }
    return sent.length;
  }
}
