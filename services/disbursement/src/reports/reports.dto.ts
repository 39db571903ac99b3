import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@benefits/reports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** `?format=csv|xlsx|pdf`; JSON without it. */
export class FormatQuery {
  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'csv (UTF-8 with BOM), xlsx or pdf; JSON when absent' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}

export class MonthQuery extends FormatQuery {
  @ApiProperty({ example: '2026-11', description: 'The payment month, YYYY-MM' })
  @Matches(MONTH, { message: 'month must be a month YYYY-MM' })
  month!: string;
}

export class MonthRangeQuery extends FormatQuery {
  @ApiProperty({ example: '2026-01', description: 'First month, YYYY-MM' })
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2026-12', description: 'Last month, YYYY-MM (at most 36 months after from)' })
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to!: string;
}

export class YearQuery extends FormatQuery {
  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt({ message: 'year must be a year such as 2026' })
  @Min(2000, { message: 'year must be between 2000 and 2999' })
  @Max(2999, { message: 'year must be between 2000 and 2999' })
  year!: number;
}
