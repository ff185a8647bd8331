import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsId, IsNotBlank, IsPlainText, IsOptional } from '../common/index.js';

/*
 * The DTOs check shape and size only. What makes a definition publishable (key format, unique
 * keys, non-blank text, known cohorts) is validateDefinition's job, so that a draft can be saved
 * half-finished and every rule reports the same field names (`definition.domains[2].key`).
 */

const COHORTS_DOC: ApiPropertyOptions = {
  type: [String],
  nullable: true,
  example: ['CLA'],
  description: 'Cohort codes it applies to; absent, null or empty means every cohort',
};

export class ToolDomainDto {
  @ApiProperty({ example: 'voice_of_child', description: 'lower_snake_case, unique in the tool' })
  @IsString()
  @MaxLength(200)
  key: string;

  @ApiProperty({ example: 'Voice of the child and lived experience' })
  @IsString()
  @MaxLength(200)
  title: string;

  @ApiPropertyOptional({ type: [String], example: ['Is the child seen, and seen alone where appropriate?'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(1000, { each: true })
  guidance?: string[];

  @ApiPropertyOptional(COHORTS_DOC)
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  cohorts?: string[] | null;
}

export class ToolComplianceItemDto {
  @ApiProperty({ example: 'basic_details', description: 'lower_snake_case, unique in the tool' })
  @IsString()
  @MaxLength(200)
  key: string;

  @ApiProperty({ example: 'Basic details are complete, including school and GP' })
  @IsString()
  @MaxLength(500)
  question: string;

  @ApiPropertyOptional(COHORTS_DOC)
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(20, { each: true })
  cohorts?: string[] | null;
}

export class AuditToolDefinitionDto {
  @ApiProperty({
    type: [ToolDomainDto],
    description: 'Practice domains, each graded Outstanding to Inadequate',
  })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ToolDomainDto)
  domains: ToolDomainDto[];

  @ApiProperty({ type: [ToolComplianceItemDto], description: 'The compliance checklist' })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ToolComplianceItemDto)
  compliance: ToolComplianceItemDto[];
}

export class NewAuditToolDraftDto {
  @ApiProperty({
    example: 'standard',
    description: 'The tool across versions; a new key starts at version 1',
  })
  @Matches(/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, {
    message: 'key must be lower-case words of letters and digits joined by single underscores',
  })
  @MaxLength(60)
  key: string;

  @ApiProperty({ example: 'Case audit toolkit' })
  @IsString()
  @IsPlainText(200) // audit_tools.title is varchar(200)
  @IsNotBlank()
  title: string;

  @ApiPropertyOptional({ type: AuditToolDefinitionDto, description: 'Required unless fromToolId is given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditToolDefinitionDto)
  definition?: AuditToolDefinitionDto;

  @ApiPropertyOptional({ description: 'Copy the definition of this tool version instead' })
  @IsOptional()
  @IsId()
  fromToolId?: number;
}

export class UpdateAuditToolDraftDto {
  @ApiPropertyOptional({ example: 'Case audit toolkit (2027)' })
  @IsOptional()
  @IsString()
  @IsPlainText(200)
  @IsNotBlank()
  title?: string;

  @ApiProperty({ type: AuditToolDefinitionDto, description: 'The whole definition: it replaces the draft’s' })
  @ValidateNested()
  @Type(() => AuditToolDefinitionDto)
  definition: AuditToolDefinitionDto;

  @ApiProperty({ description: 'The rowVersion you read; 409 if the draft changed since' })
  @IsId()
  rowVersion: number;
}
