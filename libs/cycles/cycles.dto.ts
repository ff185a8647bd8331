import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class CycleFilterDto {
  @ApiPropertyOptional({ type: [String], example: ['CP'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  cohorts?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  teams?: string[];

  @ApiPropertyOptional({ type: [String], example: ['North'] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  localities?: string[];
}

export class OpenCycleDto {
  @ApiProperty({ example: '2026-12' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiPropertyOptional({ enum: ['monthly', 'themed'], default: 'monthly' })
  @IsOptional()
  @IsIn(['monthly', 'themed'])
  kind?: 'monthly' | 'themed';

  @ApiPropertyOptional({ example: 'Neglect: CP plans' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
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
  @IsISO8601({ strict: true }, { message: 'asOf must be a date YYYY-MM-DD' })
  asOf?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'deadline must be a date YYYY-MM-DD' })
  deadline?: string;

  @ApiPropertyOptional({ default: 0.1, description: 'Share of submitted audits sent to moderation' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  moderationRate?: number;

  @ApiPropertyOptional({ description: 'A published audit tool for this cycle (default: the standard tool)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  auditToolId?: number;

  @ApiPropertyOptional({ type: CycleFilterDto, description: 'Themed cycles only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CycleFilterDto)
  filter?: CycleFilterDto;
}

export class ReallocateDto {
  @ApiProperty()
  @IsInt()
  @Min(1)
  auditorId: number;

  @ApiProperty({ example: 'Auditor on long-term leave' })
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'Case closed before the audit' })
  @IsString()
  @Length(3, 500)
  reason: string;
}
