import { Query } from '@nestjs/cqrs';
import { ImportJob } from '../domain/import-job';

export interface ImportState {
  last_successful_source_id: number;
  remaining: number | null;
  remaining_estimated: boolean;
  remaining_counted_at: Date | null;
  remaining_counting: boolean;
  active_job: ImportJob | null;
  last_job: ImportJob | null;
  imported: number;
  on_sale: number;
  last_refresh: ImportJob | null;
}

/** What the import dialog shows when it opens. */
export class GetImportStateQuery extends Query<ImportState> {}
