import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Store the valid rows even if some rows are rejected (default: all or nothing)', default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  acceptValidRows?: boolean;

  @ApiPropertyOptional({ description: 'Name of the file, for a raw-body upload (multipart sends its own)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  fileName?: string;
}

class ReportedProblemDto {
  @ApiProperty({ description: 'Row number as a spreadsheet shows it (the header is row 1)' }) row!: number;
  @ApiProperty({ description: 'Column name' }) field!: string;
  @ApiProperty({ description: 'Stable code, e.g. NATIONAL_ID_WRONG_LENGTH, DATE_IN_FUTURE, UNKNOWN_COMMUNE' }) code!: string;
  @ApiProperty() reason!: string;
}

class CreatedDto {
  @ApiProperty() persons!: number;
  @ApiProperty() decisions!: number;
  @ApiProperty() destinations!: number;
}

export class ImportReportDto {
  @ApiPropertyOptional({ format: 'uuid' }) importId?: string;
  @ApiProperty({ enum: ['completed', 'rejected', 'already_imported'] }) status!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() fileSha256!: string;
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: string;
  @ApiProperty() acceptValidRows!: boolean;
  @ApiProperty() rows!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() rejected!: number;
  @ApiPropertyOptional({ type: CreatedDto }) created?: CreatedDto;
  @ApiPropertyOptional({ description: 'Rows already in the register: nothing changed for them' }) unchanged?: number;
  @ApiProperty({ type: [ReportedProblemDto] }) rejections!: ReportedProblemDto[];
  @ApiProperty({ type: [ReportedProblemDto], description: 'The first 1000 warnings' }) warnings!: ReportedProblemDto[];
  @ApiProperty() warningCount!: number;
}
