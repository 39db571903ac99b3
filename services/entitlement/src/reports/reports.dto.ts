import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@benefits/reports';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export class RecoveriesReportQuery {
  @ApiProperty({ example: '2026-01', description: 'First month overpaid, YYYY-MM' })
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from!: string;

  @ApiProperty({ example: '2026-12', description: 'Last month overpaid, YYYY-MM (at most 36 months after from)' })
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to!: string;

  @ApiPropertyOptional({ enum: EXPORT_FORMATS, description: 'csv (UTF-8 with BOM), xlsx or pdf; JSON when absent' })
  @IsOptional()
  @IsIn(EXPORT_FORMATS, { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format?: ExportFormat;
}
