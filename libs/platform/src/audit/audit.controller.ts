import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Roles } from '../auth/decorators';
import type { AuditKind, ChainVerdict, StoredAuditEntry } from './audit-chain';
import { AuditRead } from './audit-http';
import { AuditTrail } from './audit-trail';

const KINDS: AuditKind[] = ['change', 'read', 'refusal'];

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'User id (the token subject)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actor?: string;

  @ApiPropertyOptional({ example: 'POST /runs/:id/approve', description: 'Exactly as recorded: "METHOD /route/:param" or a use case name (run.approve)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;

  @ApiPropertyOptional({ description: 'The run, payment, person reference ... the entry is about' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  resourceId?: string;

  @ApiPropertyOptional({ enum: KINDS })
  @IsOptional()
  @IsIn(KINDS)
  kind?: AuditKind;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00+07:00', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00+07:00', description: 'Until this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Only entries older than this one: send the id of the last entry of a page for the next page (the same filters)' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,18}$/, { message: 'beforeId must be the id of an audit entry' })
  beforeId?: string;

  @ApiPropertyOptional({ default: 100, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

/** The service's audit trail, for auditors: who did or read what, when, with what outcome; and its integrity. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly trail: AuditTrail) {}

  @Get()
  @Roles('auditor', 'admin')
  @AuditRead('audit')
  @ApiOperation({ summary: 'Audit entries, newest first, filtered by actor, action, resource, kind and time; `beforeId` = the last id of a page for the next one (an empty page: the end)' })
  find(@Query() query: AuditQueryDto): Promise<StoredAuditEntry[]> {
    return this.trail.find({
      actor: query.actor,
      action: query.action,
      resourceId: query.resourceId,
      kind: query.kind,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      beforeId: query.beforeId,
      limit: query.limit ?? 100,
    });
  }

  @Get('verify')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'Recompute the hash chain of the whole trail: ok, the entries checked, the last hash, and the first entry that does not match',
  })
  verify(): Promise<ChainVerdict> {
    return this.trail.verify();
  }
}
