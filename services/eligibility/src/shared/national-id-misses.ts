import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { MissLimiter } from '@benefits/platform';
import type { EligibilityConfig } from '../config';
import { ELIGIBILITY_CONFIG } from './tokens';

/**
 * ID numbers asked about that found nobody the user may see, per user and hour (NATIONAL_ID_MISSES_PER_HOUR): the
 * masked ID, birth date and sex of a person leave four digits to guess, and whether a number is in the register is
 * itself personal (a beneficiary of social assistance). Every place that answers it counts here, in one budget: a
 * search by ID number that finds nobody, a person registered whose ID another commune holds or whose person cared
 * for is not in the register (POST /persons), and each such row of an imported file. Past the budget the user's
 * searches by ID number, registrations and imports are refused (429) for the rest of the hour.
 */
@Injectable()
export class NationalIdMisses implements OnApplicationShutdown {
  private readonly storage = new ThrottlerStorageService();
  private readonly limiter: MissLimiter;

  constructor(@Inject(ELIGIBILITY_CONFIG) config: EligibilityConfig) {
    this.limiter = new MissLimiter(this.storage, 'ID numbers asked about', config.NATIONAL_ID_MISSES_PER_HOUR);
  }

  /** Refuses (429 RATE_LIMITED) a user whose budget is spent. */
  assertAllowed(userId: string): void {
    const wait = this.limiter.blockedFor(userId);
    if (wait > 0) throw this.limiter.refusal(wait);
  }

  /** Counts `count` answers that an ID number is not one the user may see. */
  async missed(userId: string, count = 1): Promise<void> {
    for (let i = 0; i < count; i++) await this.limiter.missed(userId);
  }

  onApplicationShutdown(): void {
    this.storage.onApplicationShutdown();
  }
}
