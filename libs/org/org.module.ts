import { Module } from '@nestjs/common';
import { featureEntities } from '../persistence/index.js';
import { Cohort } from './cohort.entity.js';
import { Locality } from './locality.entity.js';
import { OrgController } from './org.controller.js';
import { OrgService } from './org.service.js';
import { PeopleController } from './people.controller.js';
import { TeamsService } from './teams.service.js';
import { UserAdminService } from './user-admin.service.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';
import { IdempotencyModule } from '../idempotency/index.js';

const providers = [OrgService, UserAdminService, TeamsService];

@Module({
  imports: [IdempotencyModule, featureEntities([Locality, Cohort, Team, User])],
  controllers: [OrgController, PeopleController],
  providers,
  exports: providers,
})
export class OrgModule {}
