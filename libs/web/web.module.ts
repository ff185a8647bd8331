import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/index.js';
import { SignInController } from './sign-in.controller.js';

/** The web pages' own routes: signing in and out, and each role's start page. */
@Module({
  imports: [AuthModule],
  controllers: [SignInController],
})
export class WebModule {}
