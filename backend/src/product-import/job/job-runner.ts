import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { ImportJob } from '../domain/import-job';
import { CatalogSource } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { ProductSink } from '../ports/product-sink';
import { JobRun, executeJob } from './job-execution';

/** What every kind of job runner has: the ports, the stop request, and the shared job lifecycle. */
@Injectable()
export abstract class JobRunner {
  protected abstract readonly kind: string;
  protected readonly logger = new Logger(this.constructor.name);
  protected stopRequested = false;

  constructor(
    protected readonly source: CatalogSource,
    protected readonly sink: ProductSink,
    protected readonly jobs: ImportJobStore,
    @Inject(APP_CONFIG) protected readonly config: Pick<AppConfig, 'import'>,
  ) {}

  /** Asks running jobs to stop after the chunk they are writing. */
  requestStop(): void {
    this.stopRequested = true;
  }

  run(jobId: string): Promise<void> {
    const context = {
      jobs: this.jobs,
      logger: this.logger,
      kind: this.kind,
      staleAfterMs: this.config.import.staleAfterMs,
      stopping: () => this.stopRequested,
      describe: (job: ImportJob) => this.describe(job),
    };
    return executeJob(context, jobId, (job, run) => this.work(job, run));
  }

  /** What the job was asked to do, for its first log line. */
  protected abstract describe(job: ImportJob): string;

  /** The job's chunks; the lifecycle around them (lease, progress, outcome) is executeJob's. */
  protected abstract work(job: ImportJob, run: JobRun): Promise<void>;
}
