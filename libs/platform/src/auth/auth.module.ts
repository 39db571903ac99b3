import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { TokenVerifier, type AuthSettings } from './token-verifier';

@Module({})
export class AuthModule {
  /** Protects every route of the application (see AuthGuard); health, metrics and docs are @Public. */
  static forRoot(settings: AuthSettings & { provinceCode: string }): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(settings) },
        {
          provide: APP_GUARD,
          inject: [Reflector, TokenVerifier],
          useFactory: (reflector: Reflector, verifier: TokenVerifier) => new AuthGuard(reflector, verifier, settings.provinceCode),
        },
      ],
      exports: [TokenVerifier],
    };
  }
}
