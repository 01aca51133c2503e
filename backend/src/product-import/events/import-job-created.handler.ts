import { EventsHandler, IEventHandler } from '@nestjs/cqrs';
import { ImportJobSupervisor } from '../job/import-job-supervisor';
import { ImportJobCreatedEvent } from './import-job-created.event';

/** Runs a newly queued job in the background of the process that accepted it. */
@EventsHandler(ImportJobCreatedEvent)
export class ImportJobCreatedHandler implements IEventHandler<ImportJobCreatedEvent> {
  constructor(private readonly supervisor: ImportJobSupervisor) {}

  handle({ jobId, mode }: ImportJobCreatedEvent): void {
    this.supervisor.start(jobId, mode);
  }
}
