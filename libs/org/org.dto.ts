import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsNotBlank, IsPlainText, TEXT_LIMITS, IsOptional } from '../common/index.js';
import { Role } from './role.js';

const COHORT_CODE = new RegExp(`^[A-Z][A-Z0-9_-]{0,${TEXT_LIMITS.cohortCode - 1}}$`);

export class NewCohortDto {
  @ApiProperty({ example: 'EH', description: 'Short upper-case code used in registers' })
  @Matches(COHORT_CODE, {
    message: `code must be 1-${TEXT_LIMITS.cohortCode} upper-case letters, digits, - or _`,
  })
  code: string;

  @ApiProperty({ example: 'Early help' })
  @IsString()
  @IsPlainText(TEXT_LIMITS.cohortTitle)
  @IsNotBlank()
  title: string;

  @ApiPropertyOptional({ description: 'Higher wins when a child is on several lists', default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  specificity = 0;
}

export class NewUserDto {
  @ApiProperty()
  @Matches(/^[a-z0-9._-]{2,60}$/, { message: 'username must be 2-60 lower-case letters, digits, . _ or -' })
  username: string;

  @ApiProperty()
  @IsString()
  @IsPlainText(TEXT_LIMITS.personName)
  @IsNotBlank()
  displayName: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ minLength: 10, description: 'Left out, one is made up and answered once' })
  @IsOptional()
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters' })
  password?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(TEXT_LIMITS.teamName)
  team?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(TEXT_LIMITS.localityName)
  locality?: string;

  @ApiPropertyOptional({ description: 'The register’s worker id or e-mail for this social worker (unique)' })
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'workerKey must be 1 to 120 characters' })
  @IsNotBlank()
  workerKey?: string;
}
