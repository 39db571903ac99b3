import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

/** In the body, not the URL: an ID number must not end up in access logs. */
export class PersonSearchDto {
  @ApiPropertyOptional({ description: 'exact ID number (12 digits), found through its keyed hash' }) @IsOptional() @Matches(/^\d{12}$/) nationalId?: string;
  @ApiPropertyOptional({ description: 'part of the name, with or without diacritics' }) @IsOptional() @IsString() @MinLength(2) name?: string;
  @ApiPropertyOptional({ description: 'commune of current residence' }) @IsOptional() @Matches(/^\d{5}$/) communeCode?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ description: 'the nextCursor of the previous page, with the same search' }) @IsOptional() @IsString() @MaxLength(500) cursor?: string;
}

export class MonthQueryDto {
  @ApiProperty({ example: '2026-12', description: 'YYYY-MM' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' }) month!: string;
}

export class PersonSummaryDto {
  @ApiProperty({ format: 'uuid' }) personRef!: string;
  @ApiProperty({ example: '091*******34' }) nationalIdMasked!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() sex!: string;
  @ApiProperty() dateOfBirth!: string;
  @ApiPropertyOptional() dateOfDeath?: string;
  @ApiPropertyOptional() communeCode?: string;
  @ApiProperty({ type: [String] }) programmes!: string[];
}

/** A page of a search, in name order; `nextCursor` (present while more may follow) asks for the next page. */
export class PersonSearchPageDto {
  @ApiProperty({ type: [PersonSummaryDto] }) persons!: PersonSummaryDto[];
  @ApiPropertyOptional() nextCursor?: string;
}

/** The decision that made a status change (a termination): its number, who signed it and when. */
export class ChangingDecisionDto {
  @ApiProperty({ example: '45/QĐ-UBND' }) decisionNumber!: string;
  @ApiProperty({ enum: ['district', 'commune'] }) signingLevel!: string;
  @ApiProperty({ example: '2026-07-05' }) signedOn!: string;
}

export class StatusChangeDto {
  @ApiProperty({ enum: ['active', 'suspended', 'terminated'] }) status!: string;
  @ApiProperty({ description: 'in force from this day (a change counts for the months whose first day is on or after it)' }) validFrom!: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ description: 'terminated: the reason code (NO_LONGER_ELIGIBLE, MOVED_OUT, RECOVERED, AGED_OUT, STUDIES_ENDED, OTHER_BENEFIT, DUPLICATE, OTHER)' })
  reasonCode?: string;

  @ApiPropertyOptional({ description: 'terminated: the last day paid (the day before validFrom)' }) lastDayPaid?: string;
  @ApiPropertyOptional({ type: ChangingDecisionDto, description: 'terminated through the API: the terminating decision' }) byDecision?: ChangingDecisionDto;
  @ApiProperty() withArrears!: boolean;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedAt!: string;
}

export class DecisionViewDto {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() programme!: string;
  @ApiProperty() groupCode!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() signingLevel!: string;
  @ApiProperty() signedOn!: string;
  @ApiProperty() effectiveFrom!: string;
  @ApiPropertyOptional() effectiveTo?: string;
  @ApiPropertyOptional() certificateDate?: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) attributes!: Record<string, unknown>;
  @ApiPropertyOptional({ format: 'uuid', description: 'an amending decision: the decision it continues (terminated, reason AMENDED)' }) amendsDecisionId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a care allowance held by the caring household: the person cared for' }) caredForRef?: string;
  @ApiProperty({ description: 'status today (a termination is final: no later change revives the decision)' }) status!: string;
  @ApiProperty({ type: [StatusChangeDto] }) statusHistory!: StatusChangeDto[];
}

export class PersonDetailDto extends PersonSummaryDto {
  @ApiPropertyOptional({ example: '*******678' }) phoneMasked?: string;
  @ApiPropertyOptional() householdCode?: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) poverty!: { year: number; status: string }[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) residences!: { communeCode?: string; provinceCode: string; address?: string; from: string; to?: string }[];
  @ApiProperty({ type: [DecisionViewDto] }) decisions!: DecisionViewDto[];
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'newest first; account numbers masked; purpose regular (the person\'s own) or funeral (their funeral organiser\'s, with payeeRelationship)' }) destinations!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object' } }) lifeEvents!: Record<string, unknown>[];
}

export class MonthDecisionDto {
  @ApiProperty({ format: 'uuid' }) decisionId!: string;
  @ApiProperty() programme!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() payable!: boolean;
  @ApiPropertyOptional({ description: 'payable: the group of the month (banded by age)' }) groupCode?: string;
  @ApiPropertyOptional() coefficient?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) inputs?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'not payable: machine reason, e.g. DECEASED, SUSPENDED, MOVED_OUT_OF_PROVINCE, ONE_CARE_ALLOWANCE_PER_COUPLE' }) reason?: string;
  @ApiPropertyOptional({ description: 'not payable: one sentence for the operator' }) detail?: string;
  @ApiPropertyOptional({ description: 'TERMINATED by an operator: the termination\'s reason code, e.g. MOVED_OUT, RECOVERED' }) decisionReasonCode?: string;
}

export class EligibilityViewDto {
  @ApiProperty({ format: 'uuid' }) personRef!: string;
  @ApiProperty() month!: string;
  @ApiProperty({ type: [MonthDecisionDto] }) decisions!: MonthDecisionDto[];
}
