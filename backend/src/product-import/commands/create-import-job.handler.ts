import { randomUUID } from 'node:crypto';
import { CommandHandler, EventBus, ICommandHandler } from '@nestjs/cqrs';
import { ImportJobCreatedEvent } from '../events/import-job-created.event';
import { ImportJobStore } from '../ports/import-job-store';
import { CreateImportJobCommand } from './create-import-job.command';

/**
 * Inserts the job as queued (the database refuses a second active job, see ImportJobStore) and
 * announces it; the job itself runs in the background.
 */
@CommandHandler(CreateImportJobCommand)
export class CreateImportJobHandler implements ICommandHandler<CreateImportJobCommand> {
  constructor(
    private readonly jobs: ImportJobStore,
    private readonly events: EventBus,
  ) {}

  async execute({ params }: CreateImportJobCommand): Promise<{ jobId: string }> {
    const jobId = randomUUID();
    await this.jobs.createQueued(jobId, params, new Date());
    this.events.publish(new ImportJobCreatedEvent(jobId, params.mode));
    return { jobId };
  }
}
