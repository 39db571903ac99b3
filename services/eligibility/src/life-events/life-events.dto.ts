import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { channelSchema, lifeEventKindSchema, programmeSchema } from '@benefits/contracts';

export class NewDestinationDto {
  @ApiProperty({ enum: channelSchema.options }) @IsIn(channelSchema.options) channel!: string;
  @ApiPropertyOptional({ example: '970436' }) @IsOptional() @IsString() bankBin?: string;
  @ApiPropertyOptional({ example: '0123456789' }) @IsOptional() @IsString() accountNumber?: string;
  @ApiPropertyOptional({ description: 'default: the person\'s full name' }) @IsOptional() @IsString() holderName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cashPointCode?: string;
}

/**
 * Who organised the funeral (D20 Art.11: the funeral support is paid to them, never to the deceased's account) and
 * where they are paid. Without one, the support waits at the post office of the deceased's commune, in cash.
 */
export class FuneralOrganiserDto {
  @ApiProperty({ example: 'Trần Văn Minh' }) @IsString() @MaxLength(200) fullName!: string;
  @ApiProperty({ example: 'con trai', description: 'to the deceased (con, vợ, chồng ...), or the organisation (UBND xã) when no relative did' })
  @IsString()
  @MaxLength(100)
  relationship!: string;

  @ApiProperty({ type: NewDestinationDto, description: 'holderName defaults to fullName' })
  @ValidateNested()
  @Type(() => NewDestinationDto)
  destination!: NewDestinationDto;
}

/**
 * The kinds recorded here; a decision is terminated through POST /persons/:personRef/decisions/:decisionId/terminate,
 * and a care allowance ends by the death of the person cared for (recorded as that person's death).
 */
const RECORDED_KINDS = lifeEventKindSchema.options.filter((kind) => kind !== 'decision_terminated' && kind !== 'cared_for_died');

/** One life event; which fields apply depends on the kind (see each field). */
export class LifeEventDto {
  @ApiProperty({ enum: RECORDED_KINDS }) @IsIn(RECORDED_KINDS) kind!: string;
  @ApiProperty({ example: '2026-11-15', description: 'the date of the fact (death, move, suspension ...)' }) @IsString() effectiveOn!: string;
  @ApiPropertyOptional({ description: 'suspended/resumed/studying_ended: one decision (default: all of the person\'s)' }) @IsOptional() @IsUUID() decisionId?: string;
  @ApiPropertyOptional({ enum: programmeSchema.options, description: 'suspended/resumed/studying_ended: only this programme' }) @IsOptional() @IsIn(programmeSchema.options) programme?: string;
  @ApiPropertyOptional({ description: 'suspended (required), resumed' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
  @ApiPropertyOptional({ description: 'resumed: the suspended months are owed (truy lĩnh)' }) @IsOptional() @IsBoolean() withArrears?: boolean;
  @ApiPropertyOptional({ description: 'moved_within_province (required), moved_out_of_province' }) @IsOptional() @IsString() communeCode?: string;
  @ApiPropertyOptional({ description: 'moved_out_of_province: the new province' }) @IsOptional() @IsString() provinceCode?: string;
  @ApiPropertyOptional({ description: "moved_within_province: the hamlet or street address in the new commune, printed on the post office's cash list" })
  @IsOptional()
  @IsString()
  address?: string;
  @ApiPropertyOptional({ description: 'poverty_status_changed: the year of the list (default: the year of effectiveOn)' }) @IsOptional() @IsInt() year?: number;
  @ApiPropertyOptional({ enum: ['poor', 'near_poor', 'none'], description: 'poverty_status_changed' }) @IsOptional() @IsString() povertyStatus?: string;
  @ApiPropertyOptional({ type: NewDestinationDto, description: 'payment_destination_changed' })
  @IsOptional()
  @ValidateNested()
  @Type(() => NewDestinationDto)
  destination?: NewDestinationDto;

  @ApiPropertyOptional({ type: FuneralOrganiserDto, description: 'death: who organised the funeral and is paid the funeral support' })
  @IsOptional()
  @ValidateNested()
  @Type(() => FuneralOrganiserDto)
  funeralOrganiser?: FuneralOrganiserDto;
}

export class LifeEventResultDto {
  @ApiProperty({ format: 'uuid' }) lifeEventId!: string;
  @ApiProperty({ format: 'uuid' }) personRef!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty({ type: [String], description: 'decisions whose status or attributes changed' }) decisionIds!: string[];
  @ApiProperty({ description: 'false when the event changed nothing (e.g. already suspended then)' }) changed!: boolean;
}
