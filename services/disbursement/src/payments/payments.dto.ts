import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';
import { channelSchema, type Channel } from '@benefits/contracts';
import { PageQuery } from '../common/page';
import { PAYMENT_STATUSES, type PaymentStatus } from './domain/payment-status';
import type { PaymentEntity } from './payment.entity';
import type { ResendStatus } from './resend-request.entity';

/** `GET /payments`: newest first, 100 a page unless `limit` says otherwise (at most 500). */
export class PaymentsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'The person (opaque reference, never the ID number)' })
  @IsOptional()
  @IsUUID()
  personRef?: string;

  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  runId?: string;
}

const RESEND_STATUSES: readonly ResendStatus[] = ['PENDING', 'APPROVED', 'REJECTED'];

/** `GET /payments/resends`: an unknown status is refused (400 naming it), never answered with an empty list. */
export class ResendsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RESEND_STATUSES })
  @IsOptional()
  @IsIn(RESEND_STATUSES)
  status?: ResendStatus;
}

export class DestinationDto {
  @ApiProperty({ enum: channelSchema.options })
  @IsIn(channelSchema.options)
  channel!: Channel;

  @ApiPropertyOptional({ example: '970436', description: '6-digit NAPAS BIN (bank; 970449 for a post-office account)' })
  @IsOptional()
  @Matches(/^\d{6}$/)
  bankBin?: string;

  @ApiPropertyOptional({ example: '0011002233445', description: 'Digits only; stored encrypted, shown masked' })
  @IsOptional()
  @Matches(/^\d{6,19}$/, { message: 'accountNumber must be 6 to 19 digits' })
  accountNumber?: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @Length(1, 200)
  accountHolderName!: string;

  @ApiProperty({ example: '30316' })
  @Matches(/^\d{5}$/)
  communeCode!: string;

  @ApiPropertyOptional({ example: 'DCT-30316-01' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  cashPointCode?: string;
}

export class ResendDto {
  @ApiProperty({ type: DestinationDto })
  @ValidateNested()
  @Type(() => DestinationDto)
  destination!: DestinationDto;

  @ApiProperty({ example: 'Số tài khoản đã được xã xác minh lại' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class DecisionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

/** A payment as the API shows it: the account only masked, never its cipher. */
export function paymentView(p: PaymentEntity) {
  return {
    paymentId: p.paymentId,
    runId: p.runId,
    kind: p.kind,
    resendOf: p.resendOf,
    programme: p.programme,
    month: p.month,
    personRef: p.personRef,
    amount: p.amount,
    arrearsAmount: p.arrearsAmount,
    carriedOverAmount: p.carriedOverAmount,
    total: p.total,
    channel: p.channel,
    bankBin: p.bankBin,
    accountMasked: p.accountMasked,
    holderName: p.holderName,
    communeCode: p.communeCode,
    cashPointCode: p.cashPointCode,
    address: p.address,
    destinationProblem: p.destinationProblem,
    status: p.status,
    reasonCode: p.reasonCode,
    outcomeOn: p.outcomeOn,
    carriedOverNext: p.carriedOverNext,
    paidHow: p.paidHow,
    paidAtPoint: p.paidAtPoint,
    receivedBy: p.receivedBy,
    batchId: p.batchId,
    createdAt: p.createdAt,
    statusChangedAt: p.statusChangedAt,
  };
}
