import { ParseIdPipe } from '../common/index.js';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/index.js';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { PageQueryDto, pageRequest } from '../common/index.js';
import { ALL_ROLES, Role, Roles } from '../org/index.js';
import { NewAuditToolDraftDto, UpdateAuditToolDraftDto } from './audit-tools.dto.js';
import { AuditToolsService } from './audit-tools.service.js';
import { IdempotentCreate } from '../idempotency/index.js';

@ApiTags('audit tools')
@ApiBearerAuth()
@Controller('api/v1/audit-tools')
export class AuditToolsController {
  constructor(private readonly tools: AuditToolsService) {}

  // Everyone who audits, is audited or reads the report may see the form the audits use.
  @Get()
  @Roles(...ALL_ROLES)
  list(@Query() query: PageQueryDto) {
    return this.tools.list(pageRequest(query));
  }

  @Get(':id')
  @Roles(...ALL_ROLES)
  @ApiNotFoundResponse()
  get(@Param('id', ParseIdPipe) id: number) {
    return this.tools.get(id);
  }

  @Get(':id/history')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  history(@Param('id', ParseIdPipe) id: number, @Query() query: PageQueryDto) {
    return this.tools.history(id, pageRequest(query));
  }

  @Post()
  @IdempotentCreate()
  @Roles(Role.Administrator)
  @ApiConflictResponse({ description: 'The key already has a draft' })
  @ApiUnprocessableEntityResponse({
    description: 'A field is invalid, or neither definition nor fromToolId is given',
  })
  createDraft(@Body() body: NewAuditToolDraftDto, @CurrentUser() user: AuthenticatedUser) {
    return this.tools.createDraft(body, actorOf(user));
  }

  @Put(':id')
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'The version is published or retired (frozen), or rowVersion is stale',
  })
  @ApiUnprocessableEntityResponse({ description: 'A field is invalid' })
  updateDraft(
    @Param('id', ParseIdPipe) id: number,
    @Body() body: UpdateAuditToolDraftDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.tools.updateDraft(id, body, actorOf(user));
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The version is not a draft' })
  @ApiUnprocessableEntityResponse({ description: 'The definition is not valid; errors[] name the fields' })
  publish(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.tools.publish(id, actorOf(user));
  }

  @Post(':id/retire')
  @HttpCode(200)
  @Roles(Role.Administrator)
  @ApiNotFoundResponse()
  @ApiConflictResponse({
    description: 'The version is not published, or is the last published standard tool',
  })
  retire(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthenticatedUser) {
    return this.tools.retire(id, actorOf(user));
  }
}
