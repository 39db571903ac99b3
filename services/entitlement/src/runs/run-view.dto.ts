import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class ProgrammeTotalsView {
  @ApiProperty() programme!: string;
  @ApiProperty({ description: 'Items sent to disbursement' }) count!: number;
  @ApiProperty({ description: 'Whole đồng: the month\'s own amounts' }) current!: string;
  @ApiProperty() arrears!: string;
  @ApiProperty() oneOffs!: string;
  @ApiProperty({ description: 'Whole đồng: what disbursement pays (the control total)' }) total!: string;
}

export class ExceptionView {
  @ApiProperty() personRef!: string;
  @ApiProperty() programme!: string;
  @ApiProperty() month!: string;
  @ApiProperty({ enum: ['UNPRICED', 'INVALID_ITEM', 'ARREARS_UNPRICED', 'ARREARS_UNKNOWN'] }) kind!: string;
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
}

export class ExceptionCountView {
  @ApiProperty() kind!: string;
  @ApiProperty() code!: string;
  @ApiProperty() count!: number;
  @ApiProperty() persons!: number;
}

export class AmountCountView {
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Whole đồng' }) total!: string;
}

export class RunSummaryView {
  @ApiProperty() runId!: string;
  @ApiProperty() month!: string;
  @ApiProperty({ enum: ['RECEIVING', 'CALCULATING', 'COMPLETED', 'HALTED', 'CANCELLED'], description: 'HALTED: its snapshot did not match its declaration, or its calculation kept failing (haltedReason); CANCELLED: closed in disbursement before release' }) status!: string;
  @ApiPropertyOptional() haltedReason?: string;
  @ApiProperty() chunkCount!: number;
  @ApiPropertyOptional({ description: 'The rate book the run was priced with: versions entered up to this instant' }) ratesAsOf?: string;
  @ApiProperty({ type: [ProgrammeTotalsView] }) programmes!: ProgrammeTotalsView[];
  @ApiProperty({ type: AmountCountView }) total!: AmountCountView;
  @ApiProperty({ type: AmountCountView, description: 'Arrears lines of past months paid in this run' }) arrears!: AmountCountView;
  @ApiProperty({ type: AmountCountView, description: 'Overpayments found by this run, to recover (never a negative payment)' }) recoveries!: AmountCountView;
  @ApiProperty({ type: [ExceptionCountView] }) exceptionCounts!: ExceptionCountView[];
  @ApiProperty({ type: [ExceptionView], description: 'The first 100 exceptions' }) exceptions!: ExceptionView[];
}

export class ComponentView {
  @ApiProperty() programme!: string;
  @ApiProperty() groupCode!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ example: '500,000 × 2.5 = 1,250,000 (SA_CHILD_NO_SUPPORT_U4, Decree 20/2021/ND-CP Art.5(1); level: Decree 76/2024/ND-CP)' })
  text!: string;
}

export class PersonLineView {
  @ApiProperty() programme!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() arrearsAmount!: string;
  @ApiProperty() oneOffAmount!: string;
  @ApiProperty() total!: string;
  @ApiProperty({ type: [ComponentView] }) components!: ComponentView[];
  @ApiProperty({ type: [String], description: 'Every component, what was not paid and why, and the total' }) explanation!: string[];
}

export class PersonArrearsView {
  @ApiProperty() programme!: string;
  @ApiProperty() month!: string;
  @ApiProperty() owed!: string;
  @ApiProperty() paid!: string;
  @ApiProperty() amount!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [String] }) explanation!: string[];
}

export class PersonOneOffView {
  @ApiProperty() kind!: string;
  @ApiProperty() programme!: string;
  @ApiProperty() month!: string;
  @ApiProperty() amount!: string;
  @ApiProperty({ type: [String] }) explanation!: string[];
}

export class PersonRunView {
  @ApiProperty() runId!: string;
  @ApiProperty() month!: string;
  @ApiProperty() personRef!: string;
  @ApiProperty({ type: [PersonLineView] }) lines!: PersonLineView[];
  @ApiProperty({ type: [PersonArrearsView] }) arrears!: PersonArrearsView[];
  @ApiProperty({ type: [PersonOneOffView] }) oneOffs!: PersonOneOffView[];
  @ApiProperty({ type: [ExceptionView] }) exceptions!: ExceptionView[];
}

export class RecoveryView {
  @ApiProperty() id!: string;
  @ApiProperty() personRef!: string;
  @ApiProperty() programme!: string;
  @ApiProperty() month!: string;
  @ApiProperty() owed!: string;
  @ApiProperty() paid!: string;
  @ApiProperty({ description: 'Whole đồng to recover; negative for REVERSED: part of an earlier recovery given back (its money came back)' }) amount!: string;
  @ApiProperty({ enum: ['NOT_ELIGIBLE', 'OVERPAID', 'REVERSED'] }) reason!: string;
  @ApiProperty({ type: [String] }) explanation!: string[];
  @ApiProperty({ enum: ['run', 'death', 'termination', 'outcome'] }) source!: string;
  @ApiProperty() sourceId!: string;
  @ApiProperty() createdAt!: string;
}

export class RecoveryPageView {
  @ApiProperty({ type: [RecoveryView] }) items!: RecoveryView[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page' }) next?: string;
}

export class RecoveriesQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() personRef?: string;
  @ApiPropertyOptional({ description: 'The `next` of the previous page' }) @IsOptional() @Matches(/^\d{1,18}$/) after?: string;
  @ApiPropertyOptional({ default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}
