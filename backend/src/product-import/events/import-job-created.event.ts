import { JobMode } from '../domain/import-job';

export class ImportJobCreatedEvent {
  constructor(
    readonly jobId: string,
    readonly mode: JobMode,
  ) {}
}
