import { Query } from '@nestjs/cqrs';
import { ShopFindings } from '../diagnosis/shop-diagnosis-monitor';
import { ImportJob } from '../domain/import-job';

export interface ImportState {
  last_successful_source_id: number;
  /** Null while the shop has a problem: nothing can be counted there. */
  remaining: number | null;
  remaining_estimated: boolean;
  remaining_counted_at: Date | null;
  remaining_counting: boolean;
  active_job: ImportJob | null;
  last_job: ImportJob | null;
  imported: number;
  on_sale: number;
  owed: number;
  last_refresh: ImportJob | null;
  shop: ShopFindings;
}

/** What the import dialog shows when it opens. */
export class GetImportStateQuery extends Query<ImportState> {}
