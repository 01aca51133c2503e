import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JobNotFoundError } from '../domain/import-errors';
import { ImportJob } from '../domain/import-job';
import { ImportJobStore } from '../ports/import-job-store';
import { GetImportJobQuery } from './get-import-job.query';
import { RecentReads } from './recent-reads';

/**
 * How long one database read of a job answers every poll of it. Fifty admins polling the same job
 * then cost the Lookbook database a handful of reads a second instead of one per poll.
 */
const JOB_READ_SHARED_FOR_MS = 200;
/**
 * While the next read is under way, polls are answered with the last one if it is no older than
 * this, so under steady polling no poll waits for the database (busy with the job itself). A poll
 * shows progress at most this old: inside the UI's one-second polling interval.
 */
const JOB_READ_SERVED_FOR_MS = 1_000;

@QueryHandler(GetImportJobQuery)
export class GetImportJobHandler implements IQueryHandler<GetImportJobQuery> {
  private readonly recentReads = new RecentReads<ImportJob | null>(JOB_READ_SHARED_FOR_MS, { staleForMs: JOB_READ_SERVED_FOR_MS });

  constructor(private readonly jobs: ImportJobStore) {}

  async execute({ jobId }: GetImportJobQuery): Promise<ImportJob> {
    const job = await this.recentReads.get(jobId, () => this.jobs.findById(jobId));
    if (!job) throw new JobNotFoundError(jobId);
    return job;
  }
}
