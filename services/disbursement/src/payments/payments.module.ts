import { Module } from '@nestjs/common';
import { PaymentsController } from './payments.controller';
import { PaymentsService } from './payments.service';
import { ResendService } from './resend.service';

/** Searching payments and re-sending failed ones (uses the global ExecutionModule to dispatch the re-sends). */
@Module({
  controllers: [PaymentsController],
  providers: [PaymentsService, ResendService],
})
export class PaymentsModule {}
