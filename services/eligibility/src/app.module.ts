import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule, authSettings, HealthModule, loggerModule, MetricsModule } from '@benefits/platform';
import { SERVICE_NAME, type EligibilityConfig } from './config';
import { eligibilityDatabase } from './database';

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
      ],
    };
  }
}
