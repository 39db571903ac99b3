import { Module } from '@nestjs/common';
import type pino from 'pino';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { NotificationDispatcher } from './notification-dispatcher';
import { LogNotifier, NOTIFIER } from './notifier';
import { OutcomeRecorder } from './outcome-recorder';

/** Outcomes of payments: their events, the beneficiaries' notifications, collection alerts. */
@Module({
  providers: [
    OutcomeRecorder,
    NotificationDispatcher,
    {
      provide: NOTIFIER,
      inject: [CONFIG, LOGGER],
      useFactory: (config: DisbursementConfig, logger: pino.Logger) => {
        if (config.NOTIFIER !== 'log') {
          throw new Error(`NOTIFIER=${config.NOTIFIER}: only the log notifier exists so far (SMS and Zalo are interfaces, see outcomes/notifier.ts)`);
        }
        return new LogNotifier(logger);
      },
    },
  ],
  exports: [OutcomeRecorder, NotificationDispatcher],
})
export class OutcomesModule {}
