import { Body, Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { ALL_ROLES } from '../org/role.js';
import { CurrentUser, Public, Roles } from './auth.decorators.js';
import { LoginDto } from './auth.dto.js';
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
  login(@Body() body: LoginDto, @Req() request: Request) {
    // request.ip is the socket's address unless TRUST_PROXY says which proxies to believe.
    return this.auth.login(body.username, body.password, request.ip ?? 'unknown');
  }

  @Roles(...ALL_ROLES)
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
