import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JobNotFoundError } from '../domain/import-errors';
import { ImportJob } from '../domain/import-job';
import { ImportJobStore } from '../ports/import-job-store';
import { GetImportJobQuery } from './get-import-job.query';

@QueryHandler(GetImportJobQuery)
export class GetImportJobHandler implements IQueryHandler<GetImportJobQuery> {
  constructor(private readonly jobs: ImportJobStore) {}

  async execute({ jobId }: GetImportJobQuery): Promise<ImportJob> {
    const job = await this.jobs.findById(jobId);
    if (!job) throw new JobNotFoundError(jobId);
    return job;
  }
}
