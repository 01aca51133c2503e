import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JobNotFoundError } from '../domain/import-errors';
import { ImportJob } from '../domain/import-job';
import { ImportJobStore } from '../ports/import-job-store';
import { GetImportJobQuery } from './get-import-job.query';
import { RecentReads } from './recent-reads';

/**
 * How long one database read of a job answers every poll of it: a poll shows progress at most this
 * old. Fifty admins polling the same job then cost the Lookbook database a handful of reads a second
 * instead of one per poll.
 */
const JOB_READ_SHARED_FOR_MS = 200;
/**
 * Past this, a poll starts the next read while it is answered with the current one: under steady
 * polling the next read is done by the time the window closes, so no poll waits for the database
 * (which is busy with the job itself).
 */
const JOB_READ_AHEAD_AFTER_MS = 50;

@QueryHandler(GetImportJobQuery)
export class GetImportJobHandler implements IQueryHandler<GetImportJobQuery> {
  private readonly recentReads = new RecentReads<ImportJob | null>(JOB_READ_SHARED_FOR_MS, { readAheadAfterMs: JOB_READ_AHEAD_AFTER_MS });

  constructor(private readonly jobs: ImportJobStore) {}

  async execute({ jobId }: GetImportJobQuery): Promise<ImportJob> {
    const job = await this.recentReads.get(jobId, () => this.jobs.findById(jobId));
    if (!job) throw new JobNotFoundError(jobId);
    return job;
  }
}
