import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, Validate, ValidateNested, ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { PROGRAMMES, type Programme } from '@benefits/contracts';
import { PageQuery } from '../common/page';
import { RUN_STATUSES, type RunStatus } from './domain/run-status';
import { unpairedProgramme } from './domain/scope';
import type { RunEntity, RunStatusChangeEntity } from './run.entity';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

@ValidatorConstraint({ name: 'pairedProgrammes' })
class PairedProgrammes implements ValidatorConstraintInterface {
  validate(programmes: unknown): boolean {
    return !Array.isArray(programmes) || unpairedProgramme(programmes as Programme[]) === null;
  }

  defaultMessage(): string {
    return 'programmes must name social_assistance and social_pension together: a person entitled to both is paid only the higher, which one run decides';
  }
}

export class RunScopeDto {
  @ApiProperty({ example: '91', description: '2-digit province code (An Giang = 91)' })
  @Matches(/^\d{2}$/)
  provinceCode!: string;

  @ApiProperty({
    enum: PROGRAMMES,
    isArray: true,
    example: ['social_assistance', 'social_pension'],
    description: 'social_assistance and social_pension together or neither (only the higher of the two is paid)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PROGRAMMES, { each: true })
  @Validate(PairedProgrammes)
  programmes!: Programme[];

  @ApiPropertyOptional({ type: [String], example: ['30316'], description: '5-digit commune codes; all communes of the province when absent' })
  @IsOptional()
  @IsArray()
  @Matches(/^\d{5}$/, { each: true })
  communeCodes?: string[];
}

export class CreateRunDto {
  @ApiProperty({ example: '2026-11', description: 'The month paid, YYYY-MM' })
  @Matches(MONTH, { message: 'month must be YYYY-MM' })
  month!: string;

  @ApiProperty({ type: RunScopeDto })
  @ValidateNested()
  @Type(() => RunScopeDto)
  scope!: RunScopeDto;
}

export class ReasonDto {
  @ApiProperty({ example: 'Bảng lương tháng 11 chưa có quyết định mới của xã' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ListRunsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(MONTH)
  month?: string;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;
}

export interface RunView {
  id: string;
  month: string;
  scope: { provinceCode: string; programmes: Programme[]; communeCodes?: string[] };
  status: RunStatus;
  requestedBy: string;
  requestedAt: Date;
  statusChangedAt: Date;
  haltReason: string | null;
  declared: { chunkCount: number | null; totals: unknown } | null;
  preparation: RunEntity['preparation'];
  history?: { from: RunStatus | null; to: RunStatus; by: string; at: Date; reason: string | null }[];
}

/** What a run's view is made of: a run as stored, or as a list reads it. */
export type RunListed = Pick<
  RunEntity,
  | 'id' | 'month' | 'provinceCode' | 'programmes' | 'communeCodes' | 'status' | 'requestedBy' | 'requestedAt' | 'statusChangedAt' | 'haltReason'
  | 'declaredChunkCount' | 'declaredTotals' | 'entitlementCompletedAt' | 'preparation'
>;

export function runView(run: RunListed, history?: RunStatusChangeEntity[]): RunView {
  return {
    id: run.id,
    month: run.month,
    scope: { provinceCode: run.provinceCode, programmes: run.programmes, ...(run.communeCodes ? { communeCodes: run.communeCodes } : {}) },
    status: run.status,
    requestedBy: run.requestedBy,
    requestedAt: run.requestedAt,
    statusChangedAt: run.statusChangedAt,
    haltReason: run.haltReason,
    declared: run.entitlementCompletedAt ? { chunkCount: run.declaredChunkCount, totals: run.declaredTotals } : null,
    preparation: run.preparation,
    ...(history ? { history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, by: h.changedBy, at: h.changedAt, reason: h.reason })) } : {}),
  };
}
