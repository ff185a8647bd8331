import { Module } from '@nestjs/common';
import { OrgModule } from '../org/index.js';
import { TeamsPageController } from './pages/teams.page-controller.js';
import { UserAccessPageController } from './pages/user-access.page-controller.js';
import { UserEditPageController } from './pages/user-edit.page-controller.js';
import { UsersPageController } from './pages/users.page-controller.js';
import { IdempotencyModule } from '../idempotency/index.js';

/**
 * The administrator's pages for people, teams and localities. A feature of its own because the
 * pages need auth and web, which both depend on org: org's pages cannot live inside org.
 */
@Module({
  imports: [IdempotencyModule, OrgModule],
  controllers: [UsersPageController, UserEditPageController, UserAccessPageController, TeamsPageController],
})
export class PeopleModule {}
