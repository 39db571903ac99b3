import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { SIGNING_LEVELS } from './domain/termination';
import { TerminatingDecisionDto } from './termination.dto';

/** Values are checked by the domain (life-events/domain/amendment.ts): a bad one is a 422 naming its field. */
export class AmendDecisionDto {
  @ApiProperty({ example: '2026-08-01', description: 'the 1st of the first month the new facts apply to (may be in the past: the next run settles the difference)' })
  @IsString()
  effectiveFrom!: string;

  @ApiProperty({ example: '88/QĐ-UBND', description: 'number of the amending decision' }) @IsString() decisionNumber!: string;
  @ApiProperty({ enum: SIGNING_LEVELS, description: 'district (until 2025-06-30) or commune chairman' }) @IsString() signingLevel!: string;
  @ApiProperty({ example: '2026-10-20', description: 'date the amending decision was signed (not in the future)' }) @IsString() signedOn!: string;
  @ApiPropertyOptional({ description: 'free text kept with the status of the amended decision; not published' }) @IsOptional() @IsString() @MaxLength(500) note?: string;

  @ApiPropertyOptional({ example: 'SA_DISABLED_ESPECIALLY_SEVERE', description: 'new group or family code, of the same programme' }) @IsOptional() @IsString() groupCode?: string;
  @ApiPropertyOptional({ example: '2026-07-15' }) @IsOptional() @IsString() certificateDate?: string;
  @ApiPropertyOptional({ description: 'new end of the decision' }) @IsOptional() @IsString() effectiveTo?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @IsInt() injuryRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() especiallySevereWound?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() seniorityYears?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() studyingFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() studyingTo?: string;
  @ApiPropertyOptional({ type: [String], description: 'all the children, replacing the list' }) @IsOptional() @IsArray() @IsString({ each: true }) childrenBirthDates?: string[];
}

export class AmendmentResultDto {
  @ApiProperty({ format: 'uuid' }) lifeEventId!: string;
  @ApiProperty({ format: 'uuid' }) personRef!: string;
  @ApiProperty({ format: 'uuid', description: 'the amended decision, now terminated (reason AMENDED)' }) decisionId!: string;
  @ApiProperty({ format: 'uuid', description: 'the amending decision, which continues it' }) amendingDecisionId!: string;
  @ApiProperty({ example: '2026-07-31', description: 'the amended decision pays up to this day\'s month' }) lastDayPaid!: string;
  @ApiProperty({ example: '2026-08', description: 'the first month paid by the amending decision' }) firstMonthAmended!: string;
  @ApiProperty({ example: 'SA_DISABLED_ESPECIALLY_SEVERE' }) groupCode!: string;
  @ApiProperty({ type: TerminatingDecisionDto }) byDecision!: TerminatingDecisionDto;
}
