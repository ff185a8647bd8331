import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../org/index.js';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 60)
  username: string;

  @ApiProperty({ example: 'demo-password' })
  @IsString()
  @Length(1, 200)
  password: string;
}

/** `POST /api/v1/auth/password`: the person's own new password, proven by the one they have. */
export class ChangePasswordDto extends LoginDto {
  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    description: 'Not on the list of common passwords, not the username, not the current password',
  })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `newPassword must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
  })
  newPassword: string;
}
