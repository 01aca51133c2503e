import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse,
  ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AdminOnly } from '../security/admin-only.decorator';
import { CreateImportJobCommand } from './commands/create-import-job.command';
import { CreateImportJobDto } from './dto/create-import-job.dto';
import { ErrorResponse } from '../http/error-response';
import { CreateImportJobResponse, ImportJobView, ImportStateView, JobConflictResponse } from './dto/import-job.view';
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
  @ApiOperation({ summary: 'Start an import job', description: 'Queues a job that imports the next batch of products on sale in the Magento store. One job at a time.' })
  @ApiCreatedResponse({ type: CreateImportJobResponse })
  @ApiBadRequestResponse({ description: 'Invalid body: each problem named by field.', type: ErrorResponse })
  @ApiConflictResponse({ description: 'A job is already queued or running.', type: JobConflictResponse })
  @ApiPayloadTooLargeResponse({ description: 'Body larger than the limit.', type: ErrorResponse })
  @ApiTooManyRequestsResponse({ description: 'Too many job requests, or wrong tokens, from this client.', type: ErrorResponse })
  create(@Body() body: CreateImportJobDto): Promise<CreateImportJobResponse> {
    return this.commands.execute(new CreateImportJobCommand(body.toParams()));
  }

  @Get('jobs/:jobId')
  @ApiOperation({ summary: 'Poll an import job' })
  @ApiOkResponse({ type: ImportJobView })
  @ApiBadRequestResponse({ description: 'The id is not a UUID.', type: ErrorResponse })
  @ApiNotFoundResponse({ description: 'No job with this id.', type: ErrorResponse })
  async get(@Param('jobId', new ParseUUIDPipe()) jobId: string): Promise<ImportJobView> {
    return ImportJobView.from(await this.queries.execute(new GetImportJobQuery(jobId)));
  }

  @Get('state')
  @ApiOperation({ summary: 'Import state', description: 'The resume cursor, how many products on sale are not yet imported (after it), the active job and the last finished one.' })
  @ApiOkResponse({ type: ImportStateView })
  async state(): Promise<ImportStateView> {
    const state = await this.queries.execute(new GetImportStateQuery());
    return {
      ...state,
      active_job: state.active_job && ImportJobView.from(state.active_job),
      last_job: state.last_job && ImportJobView.from(state.last_job),
    };
  }
}
