import { Query } from '@nestjs/cqrs';
import { ImportJob } from '../domain/import-job';

export class GetImportJobQuery extends Query<ImportJob> {
  constructor(readonly jobId: string) {
    super();
  }
}
