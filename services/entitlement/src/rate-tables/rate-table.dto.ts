import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';
import { TABLES, type TableName } from '../domain';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const TABLE_NAMES = Object.keys(TABLES) as TableName[];

export class RateRowDto {
  @ApiProperty({ description: 'Group code, supplement code, programme (standard levels) or injury rate ("81")', example: 'social_assistance' })
  @IsString() @Length(1, 100) key!: string;

  @ApiPropertyOptional({ description: 'Whole đồng as a string, for amount tables', example: '540000' })
  @IsOptional() @Matches(/^\d{1,15}$/) amount?: string;

  @ApiPropertyOptional({ description: 'Exact decimal, for coefficient tables', example: '2.5' })
  @IsOptional() @Matches(/^\d{1,3}(\.\d{1,4})?$/) coefficient?: string;

  @ApiPropertyOptional({ example: '2026-07' }) @IsOptional() @Matches(MONTH) from?: string;
  @ApiPropertyOptional({ example: '2026-12' }) @IsOptional() @Matches(MONTH) to?: string;
  @ApiPropertyOptional({ description: 'Article or appendix', example: 'Art.4(2)' }) @IsOptional() @IsString() @MaxLength(200) source?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

/** A new version of a rate table, as an operator enters it from a published instrument. */
export class ProposeTableVersionDto {
  @ApiProperty({ enum: TABLE_NAMES }) @IsIn(TABLE_NAMES) table!: TableName;

  @ApiPropertyOptional({ description: 'The programme for standard_level, the 2-digit province code for province_topup', example: 'social_assistance' })
  @IsOptional() @IsString() @Length(1, 40) scope?: string;

  @ApiProperty({ example: '2026-07' }) @Matches(MONTH) effectiveFrom!: string;
  @ApiPropertyOptional({ description: 'Last month covered, inclusive; absent = until superseded' }) @IsOptional() @Matches(MONTH) effectiveTo?: string;
  @ApiProperty({ example: 'Decree 335/2026/ND-CP' }) @IsString() @Length(1, 300) instrument!: string;
  @ApiProperty({ description: 'How sure we are of the figures, what to verify', example: 'read in the official gazette' }) @IsString() @Length(1, 1000) confidence!: string;

  @ApiPropertyOptional({ description: 'Meritorious tables: the standard level they were computed from (đồng)', example: '3012000' })
  @IsOptional() @Matches(/^\d{1,15}$/) standardLevel?: string;

  @ApiProperty({ type: [RateRowDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(1000) @ValidateNested({ each: true }) @Type(() => RateRowDto) rows!: RateRowDto[];
}

export class RejectTableVersionDto {
  @ApiProperty({ example: 'the amounts do not match the gazette' }) @IsString() @Length(1, 1000) reason!: string;
}

export class ListTableVersionsQuery {
  @ApiPropertyOptional({ enum: ['proposed', 'approved', 'rejected'] }) @IsOptional() @IsIn(['proposed', 'approved', 'rejected']) status?: 'proposed' | 'approved' | 'rejected';
  @ApiPropertyOptional({ enum: TABLE_NAMES }) @IsOptional() @IsIn(TABLE_NAMES) table?: TableName;
}

export class TableVersionView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: TABLE_NAMES }) table!: string;
  @ApiPropertyOptional() scope?: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional() effectiveTo?: string;
  @ApiProperty() instrument!: string;
  @ApiProperty() confidence!: string;
  @ApiPropertyOptional() standardLevel?: string;
  @ApiProperty({ type: [RateRowDto] }) rows!: RateRowDto[];
  @ApiProperty({ enum: ['proposed', 'approved', 'rejected'] }) status!: string;
  @ApiProperty() proposedBy!: string;
  @ApiProperty() proposedAt!: string;
  @ApiPropertyOptional() decidedBy?: string;
  @ApiPropertyOptional({ description: 'For an approved version: when it entered the rate book' }) decidedAt?: string;
  @ApiPropertyOptional() reason?: string;
}
