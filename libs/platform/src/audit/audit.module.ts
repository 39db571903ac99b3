import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DecisionTokenInterceptor, SpentTokens } from '../auth/decision-token';
import { AuditController } from './audit.controller';
import { AuditMiddleware, AuditReadInterceptor } from './audit-http';
import { AUDIT_OPTIONS, AuditTrail, type AuditOptions } from './audit-trail';

/**
 * The service's security records, in its own schema: the audit trail (every change, every read of personal data,
 * every refusal; GET /audit and /audit/verify for auditors) and the tokens spent by four-eyes decisions.
 * AuditTrail is injectable everywhere, for a use case that records its own before and after.
 */
@Global()
@Module({})
export class AuditModule implements NestModule {
  static forRoot(options: AuditOptions): DynamicModule {
    return {
      module: AuditModule,
      controllers: [AuditController],
      providers: [
        { provide: AUDIT_OPTIONS, useValue: options },
        AuditTrail,
        SpentTokens,
        DecisionTokenInterceptor,
        AuditMiddleware,
        { provide: APP_INTERCEPTOR, useClass: AuditReadInterceptor },
      ],
      exports: [AuditTrail, SpentTokens, DecisionTokenInterceptor],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AuditMiddleware).forRoutes('*path');
  }
}
