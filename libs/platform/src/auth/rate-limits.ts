import { applyDecorators, Catch, HttpException, HttpStatus, Injectable, UseGuards, type ArgumentsHost, type ExceptionFilter, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerStorageService, type ThrottlerLimitDetail } from '@nestjs/throttler';
import type { Response } from 'express';

/**
 * Rate limits (@nestjs/throttler, counted in this process's memory: with N replicas a client gets up to N times
 * the limit, which still stops a script scraping the register or hammering the token check).
 */
export interface RateLimits {
  /** Look-ups of personal data (person search and detail, payment search ...) per user and minute. */
  lookupsPerMinute: number;
  /** Refused tokens per client address and minute; past it the address is refused 429 for a minute. */
  tokenFailuresPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { lookupsPerMinute: 600, tokenFailuresPerMinute: 60 };

export const LOOKUP_THROTTLER = 'lookups';
const MINUTE_MS = 60_000;

export class RateLimitedError extends HttpException {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: HttpStatus.TOO_MANY_REQUESTS, code: 'RATE_LIMITED', message, retryAfterSeconds }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * Every limit's 429 carries the standard Retry-After header (RFC 9110 §10.2.3) that clients and proxies honour,
 * besides retryAfterSeconds in the body. Registered for the whole application by AuthModule.
 */
@Catch(RateLimitedError)
export class RateLimitedFilter implements ExceptionFilter {
  catch(error: RateLimitedError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.status(error.getStatus()).setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    response.json(error.getResponse());
  }
}

/**
 * One budget per user across every look-up endpoint of the service (never per endpoint: a scraper would spread
 * its calls). Runs after the global AuthGuard (a route's own guards come after the global ones), so the user is known.
 */
@Injectable()
export class LookupThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const user = req.user as { id?: string } | undefined;
    return user?.id ? `user:${user.id}` : `address:${String(req.ip)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttler: string): string {
    return `${throttler}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(
      `Too many look-ups of personal data: at most ${detail.limit} a minute per user. Try again in ${detail.timeToBlockExpire} s.`,
      detail.timeToBlockExpire,
    );
  }
}

/** A look-up of personal data: limited per user (RATE_LIMIT_LOOKUPS_PER_MINUTE), 429 RATE_LIMITED past it. */
export const LookupLimit = () => applyDecorators(UseGuards(LookupThrottlerGuard));

/**
 * Counts events per key (one name's counts in the storage) over a window: past `allowed` of them the key is blocked
 * for the window. The one mechanism behind the limits below.
 */
abstract class BlockingCounter {
  constructor(
    private readonly storage: ThrottlerStorageService,
    private readonly name: string,
    private readonly windowMs: number,
    private readonly allowed: number,
  ) {}

  /** Seconds the key must still wait, or 0. */
  blockedFor(key: string): number {
    const record = this.storage.storage.get(this.keyOf(key));
    const waitMs = record?.isBlocked ? record.blockExpiresAt - Date.now() : 0;
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  /** Counts one event; returns the seconds the key is now blocked for (0 while within what is allowed). */
  protected async count(key: string): Promise<number> {
    const result = await this.storage.increment(this.keyOf(key), this.windowMs, this.allowed, this.windowMs, this.name);
    return result.isBlocked ? result.timeToBlockExpire : 0;
  }

  private keyOf(key: string): string {
    return `${this.name}:${key}`;
  }
}

/**
 * Counts refused tokens per client address. Past the limit the address is refused 429 before its tokens are even
 * checked, for a minute: guessing or replaying tokens in bulk gets nowhere. Valid tokens are never counted.
 */
export class TokenFailureLimiter extends BlockingCounter {
  constructor(
    storage: ThrottlerStorageService,
    private readonly perMinute: number,
  ) {
    super(storage, 'token-failures', MINUTE_MS, perMinute);
  }

  /** Counts one refused token; returns the seconds the address is now blocked for (0 while under the limit). */
  failed(address: string): Promise<number> {
    return this.count(address);
  }

  refusal(seconds: number): RateLimitedError {
    return new RateLimitedError(`Too many refused tokens from this address: at most ${this.perMinute} a minute. Try again in ${seconds} s.`, seconds);
  }
}

const HOUR_MS = 60 * MINUTE_MS;

/**
 * Counts look-ups by an exact identifier that found nobody, per user and hour: past `perHour` misses the user's
 * look-ups by that identifier are refused (429) until the hour is over. A look-up for work mostly finds the person;
 * guessing the digits a masked ID number hides (its holder's birth year and sex give three of them away) misses
 * thousands of times.
 */
export class MissLimiter extends BlockingCounter {
  constructor(
    storage: ThrottlerStorageService,
    private readonly what: string,
    private readonly perHour: number,
  ) {
    // Blocked once the count exceeds what is allowed: the perHour-th miss is the last one answered.
    super(storage, what, HOUR_MS, perHour - 1);
  }

  /** Counts one miss; returns the seconds the user is now blocked for (0 while under the limit): from the perHour-th on. */
  missed(userId: string): Promise<number> {
    return this.count(userId);
  }

  refusal(seconds: number): RateLimitedError {
    return new RateLimitedError(`Too many ${this.what} that found nobody: at most ${this.perHour} an hour per user. Try again in ${seconds} s.`, seconds);
  }
}
