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
      // Never waits for a count: the kept count, an estimate from it, or "being counted" after boot.
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
      remaining_counting: remaining.counting,
      active_job,
      last_job,
      imported: counts.imported,
      on_sale: counts.onSale,
      last_refresh,
    };
  }
}
