import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { withStatementBound } from '../../database/statement-bound';
import { inStage } from '../job/stage-error';
import { CatalogSource } from '../ports/catalog-source';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';
import { GetImportStateQuery, ImportState } from './get-import-state.query';

@QueryHandler(GetImportStateQuery)
export class GetImportStateHandler implements IQueryHandler<GetImportStateQuery> {
  constructor(
    private readonly source: CatalogSource,
    private readonly sink: ProductSink,
    private readonly jobs: ImportJobStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(): Promise<ImportState> {
    const cursor = Number((await inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY))) ?? 0);
    const [remaining, active_job, last_job, last_refresh, counts] = await Promise.all([
      // The dialog waits on this: a busy shop answers 503 "Magento database busy" within seconds.
      inStage('Magento', () => withStatementBound(this.config.magento.stateQueryTimeoutMs, () => this.source.countEligible({ afterId: cursor }))),
      this.jobs.findActive(),
      this.jobs.findLastFinished(),
      this.jobs.findLastFinished('refresh'),
      inStage('Lookbook', () => this.sink.countImported()),
    ]);
    return { last_successful_source_id: cursor, remaining, active_job, last_job, imported: counts.imported, on_sale: counts.onSale, last_refresh };
  }
}
