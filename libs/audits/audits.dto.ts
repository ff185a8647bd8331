import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsId, IsNotBlank } from '../common/validation.decorators.js';
import { COMPLIANCE_ANSWERS, GRADES, IMPROVED_ANSWERS } from '../audit-tools/audit-tool-definition.js';
import type { ComplianceAnswer, Grade, ImprovedAnswer } from '../audit-tools/audit-tool-definition.js';
import { AGREEMENTS, type Agreement, type DomainJudgement } from './audit-draft.js';

export class VersionDto {
  @ApiProperty({ description: 'The audit version you read; a stale one gets 409' })
  @IsId()
  version: number;
}

export class OverallDto {
  @ApiPropertyOptional({ enum: GRADES })
  @IsOptional()
  @IsIn(GRADES)
  grade?: Grade;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  rationale?: string;
}

export class ProposedActionDto {
  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  @IsNotBlank()
  what: string;

  @ApiProperty({ description: 'Who owns the action (a name or role)' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  owner: string;

  @ApiProperty({ example: '2026-12-31', description: 'Not before the audit started' })
  @IsCalendarDate()
  dueOn: string;
}

export class DraftDto extends VersionDto {
  @ApiPropertyOptional({ description: 'Domain key → { grade, evidence }' })
  @IsOptional()
  @IsObject()
  domains?: Record<string, DomainJudgement>;

  @ApiPropertyOptional({ description: `Item key → ${COMPLIANCE_ANSWERS.join(' | ')}` })
  @IsOptional()
  @IsObject()
  compliance?: Record<string, ComplianceAnswer>;

  @ApiPropertyOptional({ enum: IMPROVED_ANSWERS })
  @IsOptional()
  @IsIn(IMPROVED_ANSWERS)
  improved?: ImprovedAnswer;

  @ApiPropertyOptional({ type: OverallDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => OverallDto)
  overall?: OverallDto;

  @ApiPropertyOptional({ type: [ProposedActionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProposedActionDto)
  actions?: ProposedActionDto[];
}

export class DiscussionDto extends VersionDto {
  @ApiProperty()
  @IsBoolean()
  happened: boolean;

  @ApiPropertyOptional({
    example: '2026-12-10',
    description: 'Not in the future, nor before the audit started',
  })
  @IsOptional()
  @IsCalendarDate()
  heldOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notHeldReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  summary?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  workerReflection?: string;

  @ApiPropertyOptional({ enum: AGREEMENTS })
  @IsOptional()
  @IsIn(AGREEMENTS)
  agreement?: Agreement;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  disagreement?: string;
}

export class FamilyFeedbackDto extends VersionDto {
  @ApiProperty({ example: 'Mother' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  from: string;

  @ApiProperty({ example: 'Telephone call' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  how: string;

  @ApiProperty({ description: 'What they said, recorded as given' })
  @IsString()
  @Length(1, 10_000)
  @IsNotBlank()
  said: string;
}

export class EscalationDto {
  @ApiProperty({ description: 'What is unsafe and needs immediate action' })
  @IsString()
  @Length(5, 5000)
  @IsNotBlank()
  reason: string;
}

export class AcknowledgeDto {
  @ApiProperty({ description: 'What the head of service has done or will do (required, not blank)' })
  @IsString({ message: 'response must be text' })
  @IsNotBlank({ message: 'response must not be blank: say what has been or will be done' })
  @MaxLength(5000)
  response: string;
}

export class ModerationDto extends VersionDto {
  @ApiProperty({ enum: GRADES })
  @IsIn(GRADES)
  overallGrade: Grade;

  @ApiPropertyOptional({ description: 'Domain key → grade, for the domains the moderator re-grades' })
  @IsOptional()
  @IsObject()
  domains?: Record<string, Grade>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}
