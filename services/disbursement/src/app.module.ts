import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, AuthModule, authSettings, HealthModule, loggerModule, MetricsModule } from '@benefits/platform';
import { SERVICE_NAME, type DisbursementConfig } from './config';
import { DashboardModule } from './dashboard/dashboard.module';
import { disbursementDatabase } from './database';
import { ExecutionModule } from './execution/execution.module';
import { PaymentsModule } from './payments/payments.module';
import { ReconciliationModule } from './reconciliation/reconciliation.module';
import { ReportsModule } from './reports/reports.module';
import { RunsModule } from './runs/runs.module';
import { SharedModule } from './shared.module';

@Module({})
export class AppModule {
  static forRoot(config: DisbursementConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule(SERVICE_NAME, config.LOG_LEVEL),
        TypeOrmModule.forRoot(disbursementDatabase(config)),
        HealthModule.forRoot({ kafkaBrokers: config.KAFKA_BROKERS, redisUrl: config.REDIS_URL }),
        MetricsModule,
        AuthModule.forRoot(authSettings(config)),
        AuditModule.forRoot({ schema: 'disbursement' }),
        SharedModule.forRoot(config),
        RunsModule,
        ExecutionModule.forRoot(config),
        PaymentsModule,
        DashboardModule,
        ReconciliationModule,
        ReportsModule,
      ],
    };
  }
}
