import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule, AuthModule, authSettings, HealthModule, loggerModule, MetricsModule } from '@benefits/platform';
import { SERVICE_NAME, type EligibilityConfig } from './config';
import { eligibilityDatabase } from './database';
import { ImportsModule } from './imports/imports.module';
import { LifeEventsModule } from './life-events/life-events.module';
import { PersonsModule } from './persons/persons.module';
import { RegisterModule } from './register/register.module';
import { CoreModule } from './shared/core.module';
import { SnapshotsModule } from './snapshots/snapshots.module';
import { EligibilityErrorFilter } from './shared/error.filter';

@Module({})
export class AppModule {
  static forRoot(config: EligibilityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        loggerModule(SERVICE_NAME, config.LOG_LEVEL),
        TypeOrmModule.forRoot(eligibilityDatabase(config)),
        HealthModule.forRoot({ kafkaBrokers: config.KAFKA_BROKERS }),
        MetricsModule,
        AuthModule.forRoot(authSettings(config)),
        AuditModule.forRoot({ schema: 'eligibility' }),
        CoreModule.forRoot(config),
        RegisterModule,
        ImportsModule,
        SnapshotsModule,
        LifeEventsModule,
        PersonsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: EligibilityErrorFilter }],
    };
  }
}
