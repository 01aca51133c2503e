import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AdminOnly } from '../security/admin-only.decorator';
import { CreateImportJobCommand } from './commands/create-import-job.command';
import { CreateImportJobDto } from './dto/create-import-job.dto';
import { ErrorResponse } from '../http/error-response';
import { CreateImportJobResponse, ImportJobView, ImportStateView, JobConflictResponse } from './dto/import-job.view';
import { JOB_REQUEST_EXAMPLES, JOB_VIEW_EXAMPLES } from './dto/job-examples';
import { GetImportJobQuery } from './queries/get-import-job.query';
import { GetImportStateQuery } from './queries/get-import-state.query';

@ApiTags('product-import')
@AdminOnly()
@Controller('admin/product-import')
export class ProductImportController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('jobs')
  @HttpCode(201)
  @UseGuards(ThrottlerGuard)
  @ApiOperation({
    summary: 'Start an import or a refresh job',
    description:
      'Queues a job: by default one that imports the next batch of products on sale in the Magento store; with mode "refresh", one that re-checks ' +
      'every imported product against the shop. One job at a time, of either kind.',
  })
  // Every field has a default, so no body (or {}) starts an import with the defaults.
  @ApiBody({ type: CreateImportJobDto, required: false, examples: JOB_REQUEST_EXAMPLES })
  @ApiCreatedResponse({ type: CreateImportJobResponse })
  @ApiBadRequestResponse({ description: 'Invalid body (each problem named by field), an unknown field, or malformed JSON.', type: ErrorResponse })
  @ApiUnsupportedMediaTypeResponse({ description: 'A body that is not application/json.', type: ErrorResponse })
  @ApiConflictResponse({ description: 'A job is already queued or running.', type: JobConflictResponse })
  @ApiPayloadTooLargeResponse({ description: 'Body larger than the limit.', type: ErrorResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many job requests, or wrong tokens, from this client.', type: ErrorResponse })
  create(@Body() body: CreateImportJobDto): Promise<CreateImportJobResponse> {
    return this.commands.execute(new CreateImportJobCommand(body.toParams()));
  }

  @Get('jobs/:jobId')
  @ApiOperation({ summary: 'Poll an import job' })
  @ApiOkResponse({ type: ImportJobView, examples: JOB_VIEW_EXAMPLES })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.', type: ErrorResponse })
  @ApiNotFoundResponse({ description: 'No job with this id.', type: ErrorResponse })
  async get(@Param('jobId', new ParseUUIDPipe()) jobId: string): Promise<ImportJobView> {
    return ImportJobView.from(await this.queries.execute(new GetImportJobQuery(jobId)));
  }

  @Get('state')
  @ApiOperation({
    summary: 'Import state',
    description: 'The resume cursor, how many products on sale are not yet imported (after it), the active job, the last finished job and the last finished refresh, and how many imported products are on sale.',
  })
  @ApiOkResponse({ type: ImportStateView })
  async state(): Promise<ImportStateView> {
    const state = await this.queries.execute(new GetImportStateQuery());
    return {
      ...state,
      remaining_counted_at: state.remaining_counted_at?.toISOString() ?? null,
      active_job: state.active_job && ImportJobView.from(state.active_job),
      last_job: state.last_job && ImportJobView.from(state.last_job),
      last_refresh: state.last_refresh && ImportJobView.from(state.last_refresh),
    };
  }
}
