import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { ChangePasswordController } from './change-password.controller.js';
import { SignInController } from './sign-in.controller.js';

/** The web pages' own routes: signing in and out, choosing a password, and each role's start page. */
@Module({
  imports: [AuthModule],
  controllers: [SignInController, ChangePasswordController],
})
export class WebModule {}
