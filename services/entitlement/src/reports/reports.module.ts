import { Module } from '@nestjs/common';
import { RecoveriesReportRepository } from './recoveries-report.repository';
import { ReportsController } from './reports.controller';

/** Finance reports (read-only): overpayments to recover. */
@Module({
  controllers: [ReportsController],
  providers: [RecoveriesReportRepository],
})
export class ReportsModule {}
