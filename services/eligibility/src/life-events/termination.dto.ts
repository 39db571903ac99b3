import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { SIGNING_LEVELS, TERMINATION_REASON_CODES, TERMINATION_REASONS } from './domain/termination';

const REASONS_DOC = TERMINATION_REASON_CODES.map((code) => `${code}: ${TERMINATION_REASONS[code]}`).join('; ');

/** Values are checked by the domain (life-events/domain/termination.ts): a bad one is a 422 naming its field. */
export class TerminateDecisionDto {
  @ApiProperty({ example: '2026-06-30', description: 'the last day paid (YYYY-MM-DD): its month is paid, the months after are not' })
  @IsString()
  effectiveTo!: string;

  @ApiProperty({ enum: TERMINATION_REASON_CODES, description: `${REASONS_DOC}. A death is not a termination: record it as a life event.` })
  @IsString()
  reasonCode!: string;

  @ApiPropertyOptional({ description: 'free text kept with the status (required with OTHER); not published' }) @IsOptional() @IsString() @MaxLength(500) note?: string;
  @ApiProperty({ example: '45/QĐ-UBND', description: 'number of the terminating decision' }) @IsString() decisionNumber!: string;
  @ApiProperty({ enum: SIGNING_LEVELS, description: 'district (until 2025-06-30) or commune chairman' }) @IsString() signingLevel!: string;
  @ApiProperty({ example: '2026-07-05', description: 'date the terminating decision was signed (not in the future)' }) @IsString() signedOn!: string;
}

export class TerminatingDecisionDto {
  @ApiProperty() decisionNumber!: string;
  @ApiProperty({ enum: SIGNING_LEVELS }) signingLevel!: string;
  @ApiProperty() signedOn!: string;
}

export class TerminationResultDto {
  @ApiProperty({ format: 'uuid' }) lifeEventId!: string;
  @ApiProperty({ format: 'uuid' }) personRef!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ enum: TERMINATION_REASON_CODES }) reasonCode!: string;
  @ApiProperty({ example: '2026-06-30' }) lastDayPaid!: string;
  @ApiProperty({ example: '2026-07-01', description: 'the status row: terminated from this day' }) terminatedFrom!: string;
  @ApiProperty({ example: '2026-07', description: 'the first month not payable' }) firstMonthNotPaid!: string;
  @ApiProperty({ type: TerminatingDecisionDto }) byDecision!: TerminatingDecisionDto;
}
