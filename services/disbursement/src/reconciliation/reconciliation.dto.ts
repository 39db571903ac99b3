import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { PageQuery } from '../common/page';
import { EXCEPTION_KINDS, type ExceptionKind } from './domain/classify';
import type { ExceptionStatus } from './reconciliation.entity';

export class ImportStatementQuery {
  @ApiPropertyOptional({ example: 'camt053-2026-11-05.xml', description: 'The file name, kept with the import' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  fileName?: string;
}

export class FetchStatementDto {
  @ApiProperty({ enum: ['bank', 'post_office'], description: "bank: the day's camt.053 of each paying account; post_office: the settlement report of every list of a run" })
  @IsIn(['bank', 'post_office'])
  source!: 'bank' | 'post_office';

  @ApiPropertyOptional({ example: '2026-11-05', description: 'bank: the business day (Vietnamese date)' })
  @ValidateIf((o: FetchStatementDto) => o.source === 'bank')
  // An existing day (2026-13-05 or 2026-11-31 would go to the bank as they are, and come back as its 400).
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be an existing day YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be an existing day YYYY-MM-DD' })
  date?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'post_office: the run whose lists are asked for' })
  @ValidateIf((o: FetchStatementDto) => o.source === 'post_office')
  @IsUUID()
  runId?: string;
}

export const EXCEPTION_STATUSES: readonly ExceptionStatus[] = ['open', 'assigned', 'resolved'];

export class ExceptionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "The run's exceptions: its payments', and the statements' own that hold up its sign-off" })
  @IsOptional()
  @IsUUID()
  runId?: string;

  @ApiPropertyOptional({ enum: EXCEPTION_STATUSES })
  @IsOptional()
  @IsIn(EXCEPTION_STATUSES)
  status?: ExceptionStatus;

  @ApiPropertyOptional({ enum: EXCEPTION_KINDS })
  @IsOptional()
  @IsIn(EXCEPTION_KINDS)
  kind?: ExceptionKind;

  @ApiPropertyOptional({ example: 'finance.lan' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignedTo?: string;
}

export class AssignExceptionDto {
  @ApiProperty({ example: 'finance.lan', description: 'Who is to resolve it' })
  @IsString()
  @Length(1, 200)
  assignee!: string;

  @ApiPropertyOptional({ example: 'Ngân hàng cần xác nhận bút toán' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class ResolveExceptionDto {
  @ApiProperty({ example: 'Bút toán trùng đã được ngân hàng hoàn lại ngày 07/11 (GD 88123)', description: 'How it was explained or put right' })
  @IsString()
  @Length(5, 2000)
  resolution!: string;
}

export class ReopenExceptionDto {
  @ApiProperty({ example: 'Hoàn trả chưa thấy trên sao kê ngày 08/11' })
  @IsString()
  @Length(5, 2000)
  note!: string;
}
