import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';

const providers = [AuthService, { provide: APP_GUARD, useClass: AuthGuard }];

@Module({ controllers: [AuthController], providers, exports: [AuthService] })
export class AuthModule {}
