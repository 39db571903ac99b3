import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { channelSchema, programmeSchema } from '@benefits/contracts';

/** Dates are YYYY-MM-DD; every value is checked by the same validation as an import row (422 with the fields). */
class HouseholdDto {
  @ApiProperty({ example: 'HH-30742-0001' }) @IsString() @MaxLength(50) code!: string;
  @ApiPropertyOptional({ example: 2026 }) @IsOptional() @IsInt() povertyYear?: number;
  @ApiPropertyOptional({ enum: ['poor', 'near_poor', 'none'] }) @IsOptional() @IsString() povertyStatus?: string;
}

class ResidenceDto {
  @ApiProperty({ example: '30742' }) @IsString() communeCode!: string;
  @ApiProperty({ example: '1990-01-01' }) @IsString() from!: string;
  @ApiPropertyOptional({ example: 'Ấp Phú Hòa', description: "hamlet or street address (thôn, ấp, tổ, khóm; số nhà), printed on the post office's cash list" })
  @IsOptional()
  @IsString()
  address?: string;
}

class DecisionDto {
  @ApiProperty({ enum: programmeSchema.options }) @IsIn(programmeSchema.options) programme!: string;
  @ApiProperty({ example: 'SA_ELDERLY_POOR_NO_SUPPORT' }) @IsString() groupCode!: string;
  @ApiProperty({ example: '12/QĐ-UBND' }) @IsString() decisionNumber!: string;
  @ApiProperty({ enum: ['district', 'commune'] }) @IsString() signingLevel!: string;
  @ApiProperty({ example: '2025-09-10' }) @IsString() signedOn!: string;
  @ApiProperty({ example: '2025-09-10' }) @IsString() effectiveFrom!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() effectiveTo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() certificateDate?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @IsInt() injuryRate?: number;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() especiallySevereWound?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() seniorityYears?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() studyingFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() studyingTo?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @IsString({ each: true }) childrenBirthDates?: string[];
  @ApiPropertyOptional({
    example: '091223004567',
    description: 'care allowances held by the caring household (CARE_FOSTER_*, CARE_HOUSEHOLD_ESPECIALLY_SEVERE_DISABLED): ID number of the person cared for, already in the register',
  })
  @IsOptional()
  @IsString()
  caredForNationalId?: string;

  @ApiPropertyOptional({ description: "with caredForNationalId: the date of birth of the person cared for, checked against the register's" })
  @IsOptional()
  @IsString()
  caredForDateOfBirth?: string;
}

class DestinationDto {
  @ApiProperty({ enum: channelSchema.options }) @IsIn(channelSchema.options) channel!: string;
  @ApiPropertyOptional({ example: '970436' }) @IsOptional() @IsString() bankBin?: string;
  @ApiPropertyOptional({ example: '0123456789' }) @IsOptional() @IsString() accountNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() holderName?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cashPointCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() validFrom?: string;
}

export class RegisterPersonDto {
  @ApiProperty({ example: '091150001234', description: '12 digits; never returned whole' }) @IsString() nationalId!: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) @IsString() fullName!: string;
  @ApiProperty({ enum: ['male', 'female'] }) @IsString() sex!: string;
  @ApiProperty({ example: '1950-06-20' }) @IsString() dateOfBirth!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() dateOfDeath?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() phone?: string;
  @ApiPropertyOptional({ type: HouseholdDto }) @IsOptional() @ValidateNested() @Type(() => HouseholdDto) household?: HouseholdDto;
  @ApiProperty({ type: ResidenceDto }) @ValidateNested() @Type(() => ResidenceDto) residence!: ResidenceDto;
  @ApiProperty({ type: DecisionDto }) @ValidateNested() @Type(() => DecisionDto) decision!: DecisionDto;
  @ApiProperty({ type: DestinationDto }) @ValidateNested() @Type(() => DestinationDto) destination!: DestinationDto;
}

export class RegisteredDto {
  @ApiProperty({ format: 'uuid' }) personRef!: string;
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty({ description: 'false when the person was already in the register (their data is kept)' }) personCreated!: boolean;
}
