import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto, pageRequest } from '../common/index.js';
import { NewCohortDto, NewUserDto } from './org.dto.js';
import { OrgService } from './org.service.js';
import { ALL_ROLES, Role } from './role.js';
import { Roles } from './roles.decorator.js';
import { IdempotentCreate } from '../idempotency/index.js';

@ApiTags('organisation')
@ApiBearerAuth()
@Controller('api/v1/org')
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get()
  @Roles(...ALL_ROLES)
  overview() {
    return this.org.overview();
  }

  @Get('cohorts')
  @Roles(...ALL_ROLES)
  cohorts(@Query() query: PageQueryDto) {
    return this.org.cohorts(pageRequest(query));
  }

  @Post('cohorts')
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'The cohort code exists' })
  addCohort(@Body() body: NewCohortDto) {
    return this.org.addCohort(body.code, body.title, body.specificity);
  }

  @Post('users')
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'The username is taken' })
  createUser(@Body() body: NewUserDto) {
    return this.org.createUser(body);
  }
}
