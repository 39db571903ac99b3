import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, AuthModule, authSettings, HealthModule, loggerModule, MetricsModule } from '@benefits/platform';
import { APP_FILTER } from '@nestjs/core';
import { EntitlementErrorFilter } from './common/error.filter';
import { MessagingModule } from './common/messaging.module';
import { SERVICE_NAME, type EntitlementConfig } from './config';
import { entitlementDatabase } from './database';
import { LifeEventsModule } from './life-events/life-events.module';
import { PaymentsModule } from './payments/payments.module';
import { RateTablesModule } from './rate-tables/rate-tables.module';
import { ReportsModule } from './reports/reports.module';
import { RunsModule } from './runs/runs.module';

@Module({})
export class AppModule {
  static forRoot(config: EntitlementConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule(SERVICE_NAME, config.LOG_LEVEL),
        TypeOrmModule.forRoot(entitlementDatabase(config)),
        HealthModule.forRoot({ kafkaBrokers: config.KAFKA_BROKERS }),
        MetricsModule,
        AuthModule.forRoot(authSettings(config)),
        AuditModule.forRoot({ schema: 'entitlement' }),
        MessagingModule.forRoot(config),
        RateTablesModule,
        RunsModule,
        PaymentsModule,
        LifeEventsModule,
        ReportsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: EntitlementErrorFilter }],
    };
  }
}
