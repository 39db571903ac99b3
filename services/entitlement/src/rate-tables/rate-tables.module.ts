import { Module } from '@nestjs/common';
import { RateBookStore } from './rate-book.store';
import { RateTableRepository } from './rate-table.repository';
import { RateTablesController } from './rate-tables.controller';
import { RateTablesService } from './rate-tables.service';

@Module({
  controllers: [RateTablesController],
  providers: [RateTableRepository, RateBookStore, RateTablesService],
  exports: [RateBookStore],
})
export class RateTablesModule {}
