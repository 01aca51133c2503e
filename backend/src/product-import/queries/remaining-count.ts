import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { withStatementBound } from '../../database/statement-bound';
import { isBusy } from '../../database/database-failure';
import { StageError, inStage } from '../job/stage-error';
import { CatalogSource } from '../ports/catalog-source';
import { CURSOR_META_KEY, ProductSink } from '../ports/product-sink';

/**
 * A count younger than this, for the cursor asked about, is given as exact; an older one is
 * labelled an estimate and redone in the background when the dialog asks. One bound for both, so
 * "about" is only ever shown while a fresh count is on its way.
 */
const RECOUNT_AFTER_MS = 30_000;

/** How many products on sale are not yet imported, and how sure that number is. */
export interface Remaining {
  remaining: number;
  /** False: counted for this cursor within the last 30 s. True: derived from an older count or another cursor's. */
  estimated: boolean;
  /** When the count the number comes from was taken. */
  countedAt: Date;
}

interface Count {
  cursor: number;
  count: number;
  countedAt: number;
}

/**
 * The dialog's "remaining" without making it wait on the shop. Counting what is on sale after the
 * cursor reads every product after it (3.5 s on a 480,000-product shop), so the count is kept and
 * redone in the background: at boot, and when the dialog asks and it is old or for another cursor.
 * Meanwhile the answer is the last count less what was imported since (from the Lookbook, by
 * index), labelled as an estimate with its age. Only when nothing was ever counted does a request
 * wait for the count (bounded: a busy shop answers 503); a shop that does not answer at all is a
 * 503 whatever was counted before.
 */
@Injectable()
export class RemainingCount implements OnApplicationBootstrap {
  private readonly logger = new Logger(RemainingCount.name);
  private latest?: Count;
  private counting?: Promise<Count>;

  constructor(
    private readonly source: CatalogSource,
    private readonly sink: ProductSink,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'magento'>,
  ) {}

  /** The clock; a unit test sets its own. */
  now: () => number = Date.now;

  onApplicationBootstrap(): void {
    this.sink
      .getMeta(CURSOR_META_KEY)
      .then((cursor) => this.recount(Number(cursor ?? 0)))
      .catch((error: Error) => {
        // A shop out of reach or not as configured is the shop check's to say, once; a busy one is this count's.
        if (error instanceof StageError && error.database === 'Magento' && !isBusy(error.cause)) return;
        this.logger.warn(`Could not count the products on sale at boot (${error.message}); counted when the dialog asks`);
      });
  }

  /**
   * While a job runs, the cursor moves with every chunk: a count would be out of date before it
   * ends and would take a core from the job, so the answer stays an estimate until the job is over.
   */
  async at(cursor: number, { jobRunning = false } = {}): Promise<Remaining> {
    const latest = this.latest;
    // A kept count must not hide that the shop is gone: one cheap round trip says whether it answers.
    if (latest) await inStage('Magento', () => this.source.ping());
    if (!latest) {
      let count = await this.recount(cursor);
      // A count already under way (the boot's) may be for a cursor that moved since.
      if (count.cursor !== cursor) count = await this.recount(cursor);
      return this.exact(count);
    }
    const age = this.now() - latest.countedAt;
    if (!jobRunning && (latest.cursor !== cursor || age > RECOUNT_AFTER_MS)) void this.recount(cursor).catch(() => undefined);
    if (latest.cursor === cursor) return { remaining: latest.count, estimated: age > RECOUNT_AFTER_MS, countedAt: new Date(latest.countedAt) };
    // The cursor only moves over products a job imported: take those off (or, for a cursor set back, add them).
    const [from, to] = cursor > latest.cursor ? [latest.cursor, cursor] : [cursor, latest.cursor];
    const between = await inStage('Lookbook', () => this.sink.countImportedBetween(from, to));
    const remaining = Math.max(0, cursor > latest.cursor ? latest.count - between : latest.count + between);
    return { remaining, estimated: true, countedAt: new Date(latest.countedAt) };
  }

  private exact(count: Count): Remaining {
    return { remaining: count.count, estimated: false, countedAt: new Date(count.countedAt) };
  }

  /** One count at a time; a failure leaves the last good count in place. */
  private recount(cursor: number): Promise<Count> {
    if (this.counting) return this.counting;
    const counting = inStage('Magento', () =>
      withStatementBound(this.config.magento.stateQueryTimeoutMs, () => this.source.countEligible({ afterId: cursor })),
    )
      .then((count) => {
        const counted = { cursor, count, countedAt: this.now() };
        if (!this.latest || counted.countedAt >= this.latest.countedAt) this.latest = counted;
        return counted;
      })
      .finally(() => {
        this.counting = undefined;
      });
    this.counting = counting;
    return counting;
  }
}
