import { Body, Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ALL_ROLES, Roles } from '../org/index.js';
import { AllowedBeforePasswordChange, CurrentUser, Public } from './auth.decorators.js';
import { ChangePasswordDto, LoginDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import type { AuthenticatedUser } from './authenticated-user.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A bearer token for the Authorization header, valid for 8 hours' })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong password' })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed logins; Retry-After gives the seconds to wait',
  })
  @ApiForbiddenResponse({
    description:
      'PASSWORD_CHANGE_REQUIRED (`passwordChangeRequired: true`): an administrator set the password; ' +
      'choose your own with POST /api/v1/auth/password',
  })
  login(@Body() body: LoginDto, @Req() request: Request) {
    // request.ip is the socket's address unless TRUST_PROXY says which proxies to believe.
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  /** Public like login, and counted against the same limits: the current password is the proof. */
  @Public()
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({
    description: 'The password is changed, every other session ended, and a new bearer token',
  })
  @ApiUnauthorizedResponse({ description: 'Unknown username or wrong current password' })
  @ApiUnprocessableEntityResponse({
    description: 'The new password is refused: too short, common, the username, or the current one',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many failed attempts; Retry-After gives the seconds to wait',
  })
  changePassword(@Body() body: ChangePasswordDto, @Req() request: Request) {
    return this.auth.changePassword(body.username, body.password, body.newPassword, request.ip ?? 'unknown');
  }

  @Roles(...ALL_ROLES)
  @AllowedBeforePasswordChange()
  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Headers('authorization') authorization: string): Promise<void> {
    await this.auth.logout(authorization.replace(/^Bearer\s+/i, ''));
  }

  @Roles(...ALL_ROLES)
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
