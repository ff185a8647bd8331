import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { OrgModule } from '../org/index.js';
import { featureEntities } from '../persistence/index.js';
import { LoginAttempt } from './login-attempt.entity.js';
import { LOGIN_LIMITS, loginLimitsFromEnv } from './login-limits.js';
import { LoginThrottleService } from './login-throttle.service.js';
import { PasswordHasher } from './password-hasher.js';
import { Session } from './session.entity.js';
import { SessionRevocation } from './session-revocation.js';

const providers = [
  AuthService,
  LoginThrottleService,
  PasswordHasher,
  SessionRevocation,
  { provide: LOGIN_LIMITS, useFactory: () => loginLimitsFromEnv() },
  { provide: APP_GUARD, useClass: AuthGuard },
];

@Module({
  imports: [OrgModule, featureEntities([Session, LoginAttempt])],
  controllers: [AuthController],
  providers,
  exports: [AuthService],
})
export class AuthModule {}
