import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { featureEntities } from '../persistence/index.js';
import { OrgModule } from '../org/index.js';
import { Session } from './session.entity.js';

const providers = [AuthService, { provide: APP_GUARD, useClass: AuthGuard }];

@Module({
  imports: [OrgModule, featureEntities([Session])],
  controllers: [AuthController],
  providers,
  exports: [AuthService],
})
export class AuthModule {}
