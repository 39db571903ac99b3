import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Programme } from '../domain';
import type { RecoveryGroup } from './domain/recoveries-report';

/** Recoveries grouped in SQL (never read one by one): by month overpaid, programme, reason and source. */
@Injectable()
export class RecoveriesReportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async groups(from: string, to: string): Promise<RecoveryGroup[]> {
    const rows: { month: string; programme: Programme; reason: string; source: string; persons: number; records: number; amount: string }[] = await this.dataSource.query(
      `SELECT month, programme, reason, source, count(DISTINCT person_ref)::int AS persons, count(*)::int AS records, sum(amount)::text AS amount
         FROM entitlement.recoveries WHERE month BETWEEN $1 AND $2
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      [from, to],
    );
    return rows;
  }
}
