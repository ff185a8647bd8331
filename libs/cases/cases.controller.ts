import { Body, Controller, Get, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { actorOf, type AuthenticatedUser } from '../auth/index.js';
import { CurrentUser } from '../auth/index.js';
import { DomainError, ErrorCode } from '../common/index.js';
import { PageQueryDto, pageRequest } from '../common/index.js';
import { Role, Roles } from '../org/index.js';
import { ImportRegisterDto } from './cases.dto.js';
import { CasesImportService } from './cases-import.service.js';
import { RegisterUploadInterceptor } from './register-upload.interceptor.js';
import { IdempotencyInterceptor, IdempotencyKeyHeader } from '../idempotency/index.js';

/** The part of multer's file we use; memory storage keeps the upload off the disk. */
interface UploadedFile {
  originalname: string;
  buffer: Buffer;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(private readonly imports: CasesImportService) {}

  @Get('imports')
  @Roles(Role.Administrator)
  runs(@Query() query: PageQueryDto) {
    return this.imports.runs(pageRequest(query));
  }

  @Post('import')
  @Roles(Role.Administrator)
  // The idempotency check runs after the upload is read: the files make a request the same.
  @UseInterceptors(RegisterUploadInterceptor(2, 'throw'), IdempotencyInterceptor)
  @IdempotencyKeyHeader()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['files'],
      properties: {
        files: {
          type: 'array',
          items: { type: 'string', format: 'binary' },
          description: 'One CSV, one Annex A workbook, or header.csv + episodes.csv',
        },
        format: { type: 'string', enum: ['csv', 'annex-a', 'ssda903'] },
        asOf: { type: 'string', format: 'date' },
        full: { type: 'boolean' },
        dryRun: { type: 'boolean' },
        confirmClosures: { type: 'integer', minimum: 0 },
        strictTeams: { type: 'boolean' },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      'A dry run answers 200 with the same document. ' +
      '{ dryRun, openBefore, imported, updated, closed, unchanged, rejected: [{ row, reason }], newTeams }',
  })
  @ApiUnprocessableEntityResponse({
    description:
      'Not the format claimed, a required column is missing, or a full import would close more than ' +
      'the allowed share of open cases without confirmClosures stating the number, or a file ' +
      'breaks an upload limit (`limit` names it, `max` gives its value; see the README)',
  })
  @ApiTooManyRequestsResponse({
    description: 'Another register import is running in this instance; Retry-After gives the seconds to wait',
  })
  importRegister(
    @UploadedFiles() files: UploadedFile[] | undefined,
    @Body() body: ImportRegisterDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (!files?.length) {
      throw new DomainError(
        ErrorCode.Validation,
        'files: attach the register file(s) as multipart field "files"',
        {
          errors: [{ field: 'files', message: 'at least one file is required' }],
        },
      );
    }
    // A dry run creates nothing: 200, not 201.
    if (body.dryRun) response.status(200);
    return this.imports.importRegister({
      files: files.map((f) => ({ name: f.originalname, content: f.buffer })),
      format: body.format,
      asOf: body.asOf,
      full: body.full,
      dryRun: body.dryRun,
      confirmClosures: body.confirmClosures,
      strictTeams: body.strictTeams,
      actor: actorOf(user).label,
    });
  }
}
