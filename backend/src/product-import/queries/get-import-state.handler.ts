import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isBusy, isOutage } from '../../database/database-failure';
import { ShopDiagnosisMonitor, ShopFindings } from '../diagnosis/shop-diagnosis-monitor';
import { StageError, inStage } from '../job/stage-error';
import { ImportJobStore } from '../ports/import-job-store';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';
import { GetImportStateQuery, ImportState } from './get-import-state.query';
import { Remaining, RemainingCount } from './remaining-count';

/** What the answer needs besides the shop's diagnosis (the Lookbook's reads), kept inside the state's bound. */
const LOOKBOOK_SHARE_MS = 500;
const diagnosisWaitMs = (boundMs: number) => Math.max(100, boundMs - LOOKBOOK_SHARE_MS);

@QueryHandler(GetImportStateQuery)
export class GetImportStateHandler implements IQueryHandler<GetImportStateQuery> {
  constructor(
    private readonly remaining: RemainingCount,
    private readonly sink: ProductSink,
    private readonly jobs: ImportJobStore,
    private readonly diagnosis: ShopDiagnosisMonitor,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'magento'>,
  ) {}

  async execute(): Promise<ImportState> {
    const [cursor, active_job, last_job] = await Promise.all([
      inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY)).then((value) => Number(value ?? 0)),
      this.jobs.findActive(),
      this.jobs.findLastFinished(),
    ]);
    // Bounded: a shop that does not answer is a problem to show, not a reason to keep the dialog waiting.
    const findings = await this.diagnosis.current(diagnosisWaitMs(this.config.magento.stateQueryTimeoutMs), last_job);
    const [counted, last_refresh, counts] = await Promise.all([
      this.remainingUnlessProblem(cursor, active_job !== null, findings),
      this.jobs.findLastFinished('refresh'),
      inStage('Lookbook', () => this.sink.countImported()),
    ]);
    return {
      last_successful_source_id: cursor,
      remaining: counted.remaining?.remaining ?? null,
      remaining_estimated: counted.remaining?.estimated ?? false,
      remaining_counted_at: counted.remaining?.countedAt ?? null,
      remaining_counting: counted.remaining?.counting ?? false,
      active_job,
      last_job,
      imported: counts.imported,
      on_sale: counts.onSale,
      owed: counts.owed,
      last_refresh,
      shop: counted.shop,
    };
  }

  /**
   * The dialog waits on the shop only when nothing was ever counted (then a busy shop answers 503
   * "Magento database busy" within seconds); otherwise it gets the kept count or an estimate. A shop
   * with a problem is not counted; one that stopped answering since its last check is checked again.
   */
  private async remainingUnlessProblem(cursor: number, jobRunning: boolean, shop: ShopFindings): Promise<{ remaining: Remaining | null; shop: ShopFindings }> {
    if (shop.problems.length > 0) return { remaining: null, shop };
    try {
      return { remaining: await this.remaining.at(cursor, { jobRunning }), shop };
    } catch (error) {
      const shopGone = error instanceof StageError && error.database === 'Magento' && isOutage(error.cause) && !isBusy(error.cause);
      if (!shopGone) throw error;
      const rechecked = await this.diagnosis.recheck(diagnosisWaitMs(this.config.magento.stateQueryTimeoutMs));
      if (rechecked.problems.length === 0) throw error;
      return { remaining: null, shop: rechecked };
    }
  }
}
