import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { inStage } from '../job/stage-error';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';
import { GetImportStateQuery, ImportState } from './get-import-state.query';
import { RemainingCount } from './remaining-count';

@QueryHandler(GetImportStateQuery)
export class GetImportStateHandler implements IQueryHandler<GetImportStateQuery> {
  constructor(
    private readonly remaining: RemainingCount,
    private readonly sink: ProductSink,
    private readonly jobs: ImportJobStore,
  ) {}

  async execute(): Promise<ImportState> {
    const [cursor, active_job] = await Promise.all([
      inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY)).then((value) => Number(value ?? 0)),
      this.jobs.findActive(),
    ]);
    const [remaining, last_job, last_refresh, counts] = await Promise.all([
      // The dialog waits on the shop only when nothing was ever counted (then a busy shop answers
      // 503 "Magento database busy" within seconds); otherwise it gets the kept count or an estimate.
      this.remaining.at(cursor, { jobRunning: active_job !== null }),
      this.jobs.findLastFinished(),
      this.jobs.findLastFinished('refresh'),
      inStage('Lookbook', () => this.sink.countImported()),
    ]);
    return {
      last_successful_source_id: cursor,
      remaining: remaining.remaining,
      remaining_estimated: remaining.estimated,
      remaining_counted_at: remaining.countedAt,
      active_job,
      last_job,
      imported: counts.imported,
      on_sale: counts.onSale,
      owed: counts.owed,
      last_refresh,
    };
  }
}
