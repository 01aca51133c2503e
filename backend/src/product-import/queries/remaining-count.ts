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
  /** Null while nothing was counted yet (see counting). */
  remaining: number | null;
  /** False: counted for this cursor within the last 30 s. True: derived from an older count or another cursor's. */
  estimated: boolean;
  /** When the count the number comes from was taken; null while nothing was counted yet. */
  countedAt: Date | null;
  /** True while no count exists yet and the first is under way: ask again shortly. */
  counting: boolean;
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
 * index), labelled as an estimate with its age. No request waits for a count: until the first one
 * is done (right after boot, 3.5 s on that shop) the answer is "being counted", with no number.
 * While none succeeded, a count a request started that failed (a busy shop) is the next answer, a
 * 503, which starts another. A shop that does not answer at all is a 503 whatever was counted before.
 */
@Injectable()
export class RemainingCount implements OnApplicationBootstrap {
  private readonly logger = new Logger(RemainingCount.name);
  private latest?: Count;
  private counting?: Promise<Count>;
  /** Why the last count failed, while none ever succeeded. */
  private firstCountFailure?: Error;

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
        // Nobody asked yet: the dialog's first request starts another count rather than hear of this one.
        this.firstCountFailure = undefined;
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
    // A kept count must not hide that the shop is gone: one cheap round trip says whether it answers.
    await inStage('Magento', () => this.source.ping());
    const latest = this.latest;
    if (!latest) return this.notYetCounted(cursor);
    const age = this.now() - latest.countedAt;
    if (!jobRunning && (latest.cursor !== cursor || age > RECOUNT_AFTER_MS)) void this.recount(cursor).catch(() => undefined);
    const countedAt = new Date(latest.countedAt);
    if (latest.cursor === cursor) return { remaining: latest.count, estimated: age > RECOUNT_AFTER_MS, countedAt, counting: false };
    // The cursor only moves over products a job imported: take those off (or, for a cursor set back, add them).
    const [from, to] = cursor > latest.cursor ? [latest.cursor, cursor] : [cursor, latest.cursor];
    const between = await inStage('Lookbook', () => this.sink.countImportedBetween(from, to));
    const remaining = Math.max(0, cursor > latest.cursor ? latest.count - between : latest.count + between);
    return { remaining, estimated: true, countedAt, counting: false };
  }

  /** Starts the first count unless it is under way; says why the last attempt failed, if it did. */
  private notYetCounted(cursor: number): Remaining {
    const failure = this.counting ? undefined : this.firstCountFailure;
    // A count under way (the boot's) may be for a cursor that moved since: the next one is for this.
    void this.recount(cursor).catch(() => undefined);
    if (failure) throw failure;
    return { remaining: null, estimated: false, countedAt: null, counting: true };
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
        this.firstCountFailure = undefined;
        return counted;
      })
      .catch((error: Error) => {
        if (!this.latest) this.firstCountFailure = error;
        throw error;
      })
      .finally(() => {
        this.counting = undefined;
      });
    this.counting = counting;
    return counting;
  }
}
