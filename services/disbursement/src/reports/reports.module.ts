import { Module } from '@nestjs/common';
import { ReportQueries } from './report-queries';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** Funding requests and finance reports over what the service stores; read-only. */
@Module({
  controllers: [ReportsController],
  providers: [ReportQueries, ReportsService],
})
export class ReportsModule {}
