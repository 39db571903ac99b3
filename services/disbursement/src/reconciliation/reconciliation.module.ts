import { Module } from '@nestjs/common';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { ExceptionsService } from './exceptions.service';
import { ReconciliationController } from './reconciliation.controller';
import { ReconciliationService } from './reconciliation.service';
import { StatementImportService } from './statement-import.service';

/** Statements from the bank and the post office matched to payments; exceptions; the run's four-eyes sign-off. */
@Module({
  imports: [OutcomesModule],
  controllers: [ReconciliationController],
  providers: [StatementImportService, ReconciliationService, ExceptionsService],
})
export class ReconciliationModule {}
