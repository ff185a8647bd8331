import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { AUDIT_STATES, MY_AUDIT_GROUPS, type MyAuditGroup } from '../audits/index.js';
import {
  IsCalendarDate,
  IsCalendarMonth,
  IsId,
  IsNotBlank,
  IsPlainText,
  PageQueryDto,
  IsOptional,
} from '../common/index.js';

/** The largest fixed sample: far above any council's open cases, well inside an integer column. */
const MAX_SAMPLE_COUNT = 1_000_000;

export class CycleFilterDto {
  @ApiPropertyOptional({ type: [String], example: ['CP'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  cohorts?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(120, { each: true })
  teams?: string[];

  @ApiPropertyOptional({ type: [String], example: ['North'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  localities?: string[];
}

export class OpenCycleDto {
  @ApiProperty({ example: '2026-12' })
  @IsCalendarMonth()
  month: string;

  @ApiPropertyOptional({ enum: ['monthly', 'themed'], default: 'monthly' })
  @IsOptional()
  @IsIn(['monthly', 'themed'])
  kind?: 'monthly' | 'themed';

  @ApiPropertyOptional({ example: 'Neglect: CP plans' })
  @IsOptional()
  @IsString()
  @IsPlainText(200) // cycles.title is varchar(200)
  @IsNotBlank()
  title?: string;

  @ApiPropertyOptional({ default: 0.1, description: 'Share of open cases in scope to audit' })
  @IsOptional()
  @IsNumber()
  @Min(0.001)
  @Max(1)
  rate?: number;

  @ApiPropertyOptional({ description: 'A fixed sample size instead of a rate' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SAMPLE_COUNT)
  count?: number;

  @ApiPropertyOptional({ description: 'Recorded on the cycle; the same seed gives the same sample' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'seed must be 1-64 letters, digits, . _ or -' })
  seed?: string;

  @ApiPropertyOptional({ default: 6 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36)
  excludeMonths?: number;

  @ApiPropertyOptional({ default: 2 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  tier3Count?: number;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'Cases open on this date are in scope (default: first of the month)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsCalendarDate()
  deadline?: string;

  @ApiPropertyOptional({ default: 0.1, description: 'Share of submitted audits sent to moderation' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  moderationRate?: number;

  @ApiPropertyOptional({ description: 'A published audit tool for this cycle (default: the standard tool)' })
  @IsOptional()
  @IsId()
  auditToolId?: number;

  @ApiPropertyOptional({ type: CycleFilterDto, description: 'Themed cycles only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CycleFilterDto)
  filter?: CycleFilterDto;

  @ApiPropertyOptional({
    description:
      'The previewDigest of POST cycles/preview: the cycle opens only if its sample is the one previewed (else 409)',
  })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'previewDigest must be the 64-character digest a preview gave' })
  previewDigest?: string;
}

/** A filter form sends its "any" choice as an empty value. */
const blankIsAbsent = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/** The audits of a cycle, one page, narrowed by state and team. */
export class CycleAuditsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: AUDIT_STATES, description: 'Blank means any state' })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsIn(AUDIT_STATES, { message: `state must be one of ${AUDIT_STATES.join(', ')}` })
  state?: string;

  @ApiPropertyOptional({ description: 'A team name, as the cycle lists it; blank means any team' })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsString()
  @Length(1, 120)
  team?: string;

  @ApiPropertyOptional({ description: 'Part of a case reference, in any case; blank means any case' })
  @Transform(blankIsAbsent)
  @IsOptional()
  @IsString()
  @Length(1, 64)
  caseRef?: string;
}

export class ReallocateDto {
  @ApiProperty()
  @IsId()
  auditorId: number;

  @ApiProperty({ example: 'Auditor on long-term leave' })
  @IsString()
  @Length(3, 500)
  @IsNotBlank()
  reason: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'Case closed before the audit' })
  @IsString()
  @MinLength(3)
  @IsPlainText(500, { prose: true }) // audits.withdrawn_reason is varchar(500)
  @IsNotBlank()
  reason: string;
}

export class MyAuditsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MY_AUDIT_GROUPS, description: 'Only the audits of this group' })
  @IsOptional()
  @IsIn(MY_AUDIT_GROUPS, { message: `group must be one of ${MY_AUDIT_GROUPS.join(', ')}` })
  group?: MyAuditGroup;
}
