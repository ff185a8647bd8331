import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LOGIN_LIMITS, loginLimitsFromEnv } from './login-limits.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';

const providers = [
  AuthService,
  LoginThrottleService,
  PasswordHasher,
  { provide: LOGIN_LIMITS, useFactory: () => loginLimitsFromEnv() },
  { provide: APP_GUARD, useClass: AuthGuard },
];

@Module({ controllers: [AuthController], providers, exports: [AuthService] })
export class AuthModule {}
