import { Inject, Injectable } from '@nestjs/common';
import type pino from 'pino';
import { LOGGER } from '../common/tokens';

export interface OutgoingNotification {
  readonly paymentId: string;
  readonly personRef: string;
  readonly text: string;
}

/** Tells a beneficiary about a payment. Production: SMS or Zalo; development: the log. */
export interface Notifier {
  readonly name: 'log' | 'sms' | 'zalo';
  send(notification: OutgoingNotification): Promise<void>;
}

export const NOTIFIER = Symbol('NOTIFIER');

/** Development: the message goes to the log (it holds no whole account number: only the last four digits). */
@Injectable()
export class LogNotifier implements Notifier {
  readonly name = 'log' as const;

  constructor(@Inject(LOGGER) private readonly logger: pino.Logger) {}

  async send(notification: OutgoingNotification): Promise<void> {
    this.logger.info({ notification: { paymentId: notification.paymentId, personRef: notification.personRef, text: notification.text } }, 'beneficiary notified');
  }
}

/**
 * Interfaces only, for now: an SMS brandname gateway and Zalo ZNS. Their notifiers look up the person's phone
 * number (kept by eligibility) through a contact directory, which does not exist yet.
 */
export interface SmsGateway {
  sendSms(phone: string, text: string): Promise<void>;
}

export interface ZaloGateway {
  sendZns(phone: string, templateId: string, params: Record<string, string>): Promise<void>;
}

export interface ContactDirectory {
  phoneOf(personRef: string): Promise<string | undefined>;
}
