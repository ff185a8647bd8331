import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { IsNotBlank, IsOptional, IsPlainText, MAX_INT32 } from '../common/index.js';
import { PLAN_SOURCES, type PlanSource } from './plan-item.entity.js';

/** The plan_items columns' widths (libs/persistence/migrations/1764700000000-actions.ts). */
export const PLAN_ITEM_LIMITS = { reference: 30, title: 300, owner: 120 } as const;

const SOURCE_MESSAGE = `source must be one of ${PLAN_SOURCES.join(', ')}`;

export class NewPlanItemDto {
  @ApiProperty({ example: 'IP-3.2', description: 'The council’s own reference; unique, whatever its case' })
  @IsString()
  @IsPlainText(PLAN_ITEM_LIMITS.reference)
  @IsNotBlank()
  reference: string;

  @ApiProperty({ example: 'Plans for children in need have timescales and a contingency' })
  @IsString()
  @IsPlainText(PLAN_ITEM_LIMITS.title)
  @IsNotBlank()
  title: string;

  @ApiProperty({ enum: PLAN_SOURCES })
  @IsIn(PLAN_SOURCES, { message: SOURCE_MESSAGE })
  source: PlanSource;

  @ApiProperty({
    example: 'Head of Service, North',
    description: 'A person or a role, as the plan names them',
  })
  @IsString()
  @IsPlainText(PLAN_ITEM_LIMITS.owner)
  @IsNotBlank()
  owner: string;
}

/** The fields to change (those left out are kept) and the version the editor read. */
export class ChangePlanItemDto {
  @ApiProperty({ description: 'The version you read; a stale one gets 409' })
  @IsInt({ message: 'version must be a whole number' })
  @Min(1)
  @Max(MAX_INT32)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(PLAN_ITEM_LIMITS.reference)
  @IsNotBlank()
  reference?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(PLAN_ITEM_LIMITS.title)
  @IsNotBlank()
  title?: string;

  @ApiPropertyOptional({ enum: PLAN_SOURCES })
  @IsOptional()
  @IsIn(PLAN_SOURCES, { message: SOURCE_MESSAGE })
  source?: PlanSource;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(PLAN_ITEM_LIMITS.owner)
  @IsNotBlank()
  owner?: string;
}
