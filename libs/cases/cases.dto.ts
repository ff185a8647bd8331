import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../common/validation.decorators.js';
import type { RegisterFormat } from './import/index.js';

/** The form fields beside the uploaded files (multipart field `files`: one or two files). */
export class ImportRegisterDto {
  @ApiPropertyOptional({
    enum: ['csv', 'annex-a', 'ssda903'],
    description: 'Detected from the file names when absent',
  })
  @IsOptional()
  @IsIn(['csv', 'annex-a', 'ssda903'])
  format?: RegisterFormat;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'The date the register describes (default today)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Close open cases missing from the file', default: false })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  full?: boolean;
}
