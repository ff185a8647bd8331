import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsId, IsNotBlank, PageQueryDto, IsOptional } from '../common/index.js';
import { auditMachine } from '../../workflows/audit.machine.js';
import { COMPLIANCE_ANSWERS, GRADES, IMPROVED_ANSWERS } from '../../workflows/audit-tool-definition.js';
import type { ComplianceAnswer, Grade, ImprovedAnswer } from '../../workflows/audit-tool-definition.js';
import { AGREEMENTS, type Agreement, type DomainJudgement } from '../../workflows/audit-draft.js';

export const AUDIT_STATES = Object.keys(auditMachine.states);

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
  @ApiProperty({ description: 'What must change: specific and measurable' })
  @IsString()
  @Length(1, 1000)
  @IsNotBlank()
  what: string;

  @ApiPropertyOptional({ description: 'Why: the finding (required before grading is finished)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  why?: string;

  @ApiPropertyOptional({ description: 'The tool domain the finding comes from' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  domainKey?: string;

  @ApiPropertyOptional({
    description: 'The owner: an active user in the case’s locality (required before grading is finished)',
  })
  @IsOptional()
  @IsId()
  ownerId?: number;

  @ApiPropertyOptional({
    description: 'Read only in effect: the free-text owner of a draft saved before owners were users',
    deprecated: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  owner?: string;

  @ApiProperty({
    example: '2026-12-31',
    description: 'From today to a year ahead, not before the audit started',
  })
  @IsCalendarDate()
  dueOn: string;

  @ApiPropertyOptional({ description: 'How success will be seen (required before grading is finished)' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  successMeasure?: string;

  @ApiPropertyOptional({ description: 'The improvement-plan item or inspection recommendation it answers' })
  @IsOptional()
  @IsId()
  planItemId?: number;
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

/** A select left on "All" sends an empty value: that is no filter, not a value to match. */
const blankIsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const wholeNumberOrText = ({ value }: { value: unknown }) =>
  value === '' ? undefined : typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

/** `GET audits`: the audits a head of service (their locality) or the director (all) oversees. */
export class OversightQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Team id' })
  @IsOptional()
  @Transform(wholeNumberOrText)
  @IsId({ message: 'team must be a team id' })
  team?: number;

  @ApiPropertyOptional({ description: 'Cohort code, e.g. CP' })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsString()
  @MaxLength(20)
  cohort?: string;

  @ApiPropertyOptional({ enum: AUDIT_STATES })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(AUDIT_STATES, { message: `state must be one of ${AUDIT_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ enum: GRADES, description: 'The auditor’s overall grade' })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(GRADES, { message: `grade must be one of ${GRADES.join(', ')}` })
  grade?: Grade;
}

export const ESCALATION_STATES = ['raised', 'acknowledged'] as const;

/** `GET escalations`: optionally only those waiting (raised) or only those acknowledged. */
export class EscalationsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ESCALATION_STATES })
  @IsOptional()
  @Transform(blankIsAbsent)
  @IsIn(ESCALATION_STATES, { message: `state must be one of ${ESCALATION_STATES.join(', ')}` })
  state?: (typeof ESCALATION_STATES)[number];
}
