import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, Reflector } from '@nestjs/core';
import { ThrottlerModule, ThrottlerStorageService } from '@nestjs/throttler';
import { AuthGuard } from './auth.guard';
import { DEFAULT_RATE_LIMITS, LOOKUP_THROTTLER, RateLimitedFilter, TokenFailureLimiter, type RateLimits } from './rate-limits';
import { TokenVerifier, type AuthSettings } from './token-verifier';

@Module({})
export class AuthModule {
  /**
   * Protects every route of the application (see AuthGuard); health, metrics and docs are @Public. Also sets up the
   * rate limits: look-ups (@LookupLimit) per user, refused tokens per address, both counted in this process.
   */
  static forRoot(settings: AuthSettings & { provinceCode: string; rateLimits?: RateLimits }): DynamicModule {
    const limits = settings.rateLimits ?? DEFAULT_RATE_LIMITS;
    const storage = new ThrottlerStorageService();
    return {
      module: AuthModule,
      global: true,
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: LOOKUP_THROTTLER, ttl: 60_000, limit: limits.lookupsPerMinute }], storage })],
      providers: [
        { provide: TokenVerifier, useValue: new TokenVerifier(settings) },
        {
          provide: APP_GUARD,
          inject: [Reflector, TokenVerifier],
          useFactory: (reflector: Reflector, verifier: TokenVerifier) =>
            new AuthGuard(reflector, verifier, settings.provinceCode, new TokenFailureLimiter(storage, limits.tokenFailuresPerMinute)),
        },
        { provide: APP_FILTER, useClass: RateLimitedFilter },
      ],
      exports: [TokenVerifier],
    };
  }
}
