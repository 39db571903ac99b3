import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Gauge, type GaugeConfiguration } from 'prom-client';
import { DataSource } from 'typeorm';
import { metricsRegistry } from '@benefits/platform';
import { select } from '../common/sql';
import { WITH_ERROR } from './batches.service';

/**
 * What an operator's dashboard and alerts watch, read from the database at each scrape of GET /metrics (so every
 * replica reports the same figures; counts only, never a person): partner batches by status (ATTENTION waits for
 * a person), batches not final that say what is wrong (lastError: outcomes past due, a report the partner keeps
 * sending wrong, a partner unreachable, a file that cannot be built), and reconciliation exceptions not resolved.
 */
@Injectable()
export class DisbursementMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly names: string[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.countedBy(
      'disbursement_partner_batches',
      'Partner batches by status (ATTENTION: waiting for a person; ACKNOWLEDGED: outcomes still polled)',
      'status',
      'SELECT status AS label, count(*)::int AS count FROM disbursement.partner_batches GROUP BY status',
    );
    const manager = this.dataSource.manager;
    this.register({
      name: 'disbursement_partner_batches_with_error',
      help: 'Partner batches not final whose lastError says what is wrong (outcomes past due, an unreadable report, the partner unreachable): GET /batches?withError=true',
      async collect() {
        const [row] = await select<{ count: number }>(manager, `SELECT count(*)::int AS count FROM disbursement.partner_batches b WHERE ${WITH_ERROR}`);
        this.set(row?.count ?? 0);
      },
    });
    this.countedBy(
      'disbursement_reconciliation_exceptions_unresolved',
      'Reconciliation exceptions open or assigned, by kind: each holds up the sign-off of the runs it concerns',
      'kind',
      "SELECT kind AS label, count(*)::int AS count FROM disbursement.recon_exceptions WHERE status <> 'resolved' GROUP BY kind",
    );
  }

  onModuleDestroy(): void {
    for (const name of this.names) metricsRegistry.removeSingleMetric(name);
  }

  /** A gauge of counts by one label, from `sql` returning (label, count) rows; a label no row names any more is gone. */
  private countedBy(name: string, help: string, labelName: string, sql: string): void {
    const manager = this.dataSource.manager;
    this.register({
      name,
      help,
      labelNames: [labelName],
      async collect() {
        this.reset();
        for (const row of await select<{ label: string; count: number }>(manager, sql)) this.set({ [labelName]: row.label }, row.count);
      },
    });
  }

  /** One registry per process: an application built again in the same process (tests) replaces the gauges. */
  private register<T extends string>(configuration: GaugeConfiguration<T>): void {
    metricsRegistry.removeSingleMetric(configuration.name);
    metricsRegistry.registerMetric(new Gauge({ ...configuration, registers: [] }));
    this.names.push(configuration.name);
  }
}
