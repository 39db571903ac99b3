import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { RateBook } from '../domain';
import { InjectConfig } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { toTableVersion, type VersionRecord } from './rate-table.mapping';
import { RateTableRepository } from './rate-table.repository';

/**
 * The rate book of every approved version, held in memory: loaded at start, reloaded after an approval here,
 * every RATE_BOOK_REFRESH_MS for approvals made by other replicas, and whenever a run needs a newer one.
 */
@Injectable()
export class RateBookStore implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RateBookStore.name);
  private book: RateBook = RateBook.empty();
  private mark = new Date(0).toISOString();
  private fingerprint: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly repository: RateTableRepository,
    @InjectConfig() private readonly config: EntitlementConfig,
  ) {}

  /** A book that cannot be built from the approved versions stops the service: amounts would be wrong. */
  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.error({ error: (error as Error).message }, 'rate book refresh failed; keeping the previous book'));
    }, this.config.RATE_BOOK_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  current(): RateBook {
    return this.book;
  }

  /** The latest entry time of the book's versions: a run records it and prices with the book as of it. */
  watermark(): string {
    return this.mark;
  }

  async refresh(sql?: EntityManager | DataSource): Promise<RateBook> {
    const records = await this.repository.approved(sql);
    const fingerprint = records.map((record) => record.id).join('\n');
    // Unchanged: keep the same book, and with it everything it has remembered.
    if (fingerprint === this.fingerprint) return this.book;
    this.book = approvedBook(records);
    this.mark = this.book.versions.reduce((max, v) => (Date.parse(v.enteredAt) > Date.parse(max) ? v.enteredAt : max), new Date(0).toISOString());
    this.fingerprint = fingerprint;
    return this.book;
  }

  /**
   * The book as approved, read in `tx` after taking the approvals' lock (RateTableRepository.lockBook): an approval in
   * progress commits first, and one that comes after waits for `tx` and then sees what it wrote. For what is priced
   * once and topped up by approvals (a funeral support: funeral-top-ups.ts).
   */
  async approvedNow(tx: EntityManager): Promise<RateBook> {
    await this.repository.lockBook(tx);
    return this.refresh(tx);
  }

  /** The book as of a run's watermark, reloading first if this replica has not seen that far yet. */
  async asOf(watermark: string): Promise<RateBook> {
    if (Date.parse(this.mark) < Date.parse(watermark)) await this.refresh();
    return this.book.asOf(watermark);
  }
}

/** The book of these approved versions, each entered when it was approved (a seed version: when its figures became known). */
export function approvedBook(records: readonly VersionRecord[]): RateBook {
  return RateBook.fromVersions(records.map((record) => toTableVersion(record, record.decided_at ?? record.proposed_at)));
}
