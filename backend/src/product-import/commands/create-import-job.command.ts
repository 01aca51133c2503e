import { Command } from '@nestjs/cqrs';
import { ImportJobParams } from '../domain/import-job';

/** Queue an import job with these (already validated) parameters; results in the new job's id. */
export class CreateImportJobCommand extends Command<{ jobId: string }> {
  constructor(readonly params: ImportJobParams) {
    super();
  }
}
