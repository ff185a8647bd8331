import { Module } from '@nestjs/common';
import { featureEntities } from '../persistence/index.js';
import { Cohort } from './cohort.entity.js';
import { Locality } from './locality.entity.js';
import { OrgController } from './org.controller.js';
import { OrgService } from './org.service.js';
import { Team } from './team.entity.js';
import { User } from './user.entity.js';

@Module({
  imports: [featureEntities([Locality, Cohort, Team, User])],
  controllers: [OrgController],
  providers: [OrgService],
  exports: [OrgService],
})
export class OrgModule {}
