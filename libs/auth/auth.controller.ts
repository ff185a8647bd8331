import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ALL_ROLES, Roles } from '../org/index.js';
import { CurrentUser, Public } from './auth.decorators.js';
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
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
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
