import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsNotBlank } from '../common/index.js';
import { Role } from './role.js';

export class NewCohortDto {
  @ApiProperty({ example: 'EH', description: 'Short upper-case code used in registers' })
  @Matches(/^[A-Z][A-Z0-9_-]{0,19}$/, { message: 'code must be 1-20 upper-case letters, digits, - or _' })
  code: string;

  @ApiProperty({ example: 'Early help' })
  @IsString()
  @Length(1, 100)
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
  @Length(1, 120)
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
  @MaxLength(120)
  team?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  locality?: string;

  @ApiPropertyOptional({ description: 'The register’s worker id or e-mail for this social worker (unique)' })
  @IsOptional()
  @IsString()
  @Length(1, 120, { message: 'workerKey must be 1 to 120 characters' })
  @IsNotBlank()
  workerKey?: string;
}
