import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser } from '../auth/index.js';
import { PageQueryDto, pageRequest, ParseIdPipe } from '../common/index.js';
import { IdempotentCreate } from '../idempotency/index.js';
import { Role, Roles } from '../org/index.js';
import { ChangePlanItemDto, NewPlanItemDto } from './plan-items.dto.js';
import { PLAN_READERS } from './plan-readers.js';
import { PlanItemsService } from './plan-items.service.js';

/**
 * The improvement-plan items and inspection recommendations, each with its RAG status from the
 * linked actions the caller may read.
 */
@ApiTags('plan items')
@ApiBearerAuth()
@Controller('api/v1/plan-items')
export class PlanItemsController {
  constructor(private readonly items: PlanItemsService) {}

  @Get()
  @Roles(...PLAN_READERS)
  list(@Query() query: PageQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.items.list(pageRequest(query), user);
  }

  @Get(':id')
  @Roles(...PLAN_READERS)
  @ApiNotFoundResponse()
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.items.get(id, user);
  }

  @Post()
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'Another item has that reference' })
  @ApiUnprocessableEntityResponse({ description: 'A field is missing or invalid' })
  create(@Body() body: NewPlanItemDto) {
    return this.items.create(body);
  }

  @Put(':id')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Another item has that reference, or the version is stale' })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid' })
  update(@Param('id', ParseIdPipe) id: number, @Body() body: ChangePlanItemDto) {
    const { version, ...change } = body;
    return this.items.update(id, change, version);
  }
}
