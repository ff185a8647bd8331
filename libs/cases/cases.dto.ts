import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, Max, Min } from 'class-validator';
import { IsCalendarDate, IsOptional } from '../common/index.js';
import type { RegisterFormat } from './import/index.js';

/** Multipart fields are text: "true"/"false" become booleans; anything else is refused by @IsBoolean. */
const formBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

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
  @Transform(formBoolean)
  @IsBoolean()
  full?: boolean;

  @ApiPropertyOptional({ description: 'Report what the import would do and write nothing', default: false })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  dryRun?: boolean;

  @ApiPropertyOptional({
    description:
      'The exact number of cases the import closes; required when a full import would close more than ' +
      'IMPORT_MAX_CLOSURE_SHARE (default 10%) of the open cases',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'confirmClosures must be a whole number' })
  @Min(0)
  @Max(999_999_999)
  confirmClosures?: number;

  @ApiPropertyOptional({
    description: 'Refuse rows naming a team the register has never seen, instead of creating it',
    default: false,
  })
  @IsOptional()
  @Transform(formBoolean)
  @IsBoolean()
  strictTeams?: boolean;
}
