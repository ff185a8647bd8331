import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  isEmail,
  IsEnum,
  IsIn,
  IsInt,
  IsString,
  Length,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { IsNotBlank, IsPlainText, PageQueryDto, TEXT_LIMITS, IsOptional } from '../common/index.js';
import { Role } from './role.js';

/** An e-mail address of at most 254 characters (the most SMTP carries), said in one message. */
const IsEmailAddress = () =>
  ValidateBy({
    name: 'isEmailAddress',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length <= 254 && isEmail(value),
      defaultMessage: () =>
        'email must be an e-mail address of at most 254 characters, like name@example.org',
    },
  });

const wholeNumber = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value;

/** `?role=&team=&q=&status=` on the users list; a blank value means no filter. */
export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsEnum(Role, { message: 'role must be one of the roles' })
  role?: Role;

  @ApiPropertyOptional({ description: 'A team id' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : wholeNumber({ value })))
  @IsInt({ message: 'team must be a team id' })
  @Min(1, { message: 'team must be a team id' })
  team?: number;

  @ApiPropertyOptional({ description: 'Part of the name or username' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'deactivated'] })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value))
  @IsIn(['active', 'deactivated'], { message: 'status must be active or deactivated' })
  status?: 'active' | 'deactivated';
}

/** `PATCH users/:id`: a field left out stays; `team: null` leaves the team, `locality: null` takes the team's. */
export class ChangeUserDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(TEXT_LIMITS.personName)
  @IsNotBlank()
  displayName?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role, { message: 'role must be one of the roles' })
  role?: Role;

  @ApiPropertyOptional({ nullable: true, description: 'A team’s name, or null for no team' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MinLength(1, { message: 'team must name a team' })
  @IsPlainText(TEXT_LIMITS.teamName)
  team?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'A locality’s name, or null for the team’s' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MinLength(1, { message: 'locality must name a locality' })
  @IsPlainText(TEXT_LIMITS.localityName)
  locality?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'The register’s worker id or e-mail for this social worker (unique), or null to unlink',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @Length(1, 120, { message: 'workerKey must be 1 to 120 characters' })
  @IsNotBlank()
  workerKey?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    maxLength: 254,
    description: 'Where their notifications also go by e-mail, or null for the app only',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsEmailAddress()
  email?: string | null;
}

export class ResetPasswordDto {
  @ApiPropertyOptional({ minLength: 10, description: 'Left out, one is made up and answered once' })
  @IsOptional()
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters' })
  password?: string;
}

export class NewLocalityDto {
  @ApiProperty({ example: 'North' })
  @IsString()
  @IsPlainText(TEXT_LIMITS.localityName)
  @IsNotBlank()
  name: string;
}

export class NewTeamDto {
  @ApiProperty({ example: 'North Child Protection' })
  @IsString()
  @IsPlainText(TEXT_LIMITS.teamName)
  @IsNotBlank()
  name: string;

  @ApiProperty({ description: 'The locality’s name' })
  @IsString()
  @MinLength(1, { message: 'locality must name a locality' })
  @IsPlainText(TEXT_LIMITS.localityName)
  @IsNotBlank()
  locality: string;

  @ApiPropertyOptional({
    nullable: true,
    description: 'A cohort code; absent or null for a team that takes every cohort',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @IsPlainText(TEXT_LIMITS.cohortCode)
  cohort?: string | null;
}

export class ChangeTeamDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsPlainText(TEXT_LIMITS.teamName)
  @IsNotBlank()
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(1, { message: 'locality must name a locality' })
  @IsPlainText(TEXT_LIMITS.localityName)
  locality?: string;

  @ApiPropertyOptional({ nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @IsPlainText(TEXT_LIMITS.cohortCode)
  cohort?: string | null;
}
