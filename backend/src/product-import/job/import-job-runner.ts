import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ImportJob, ImportParams } from '../domain/import-job';
import { CatalogPage } from '../domain/product-record';
import { EligibleIdsQuery } from '../ports/catalog-source';
import { CURSOR_META_KEY } from '../ports/product-sink';
import { ChunkCounts, importedChunk, inChunks } from './job-progress';
import { ReadAhead } from './read-ahead';
import { JobRun, JobRunner } from './job-runner';
import { inStage } from './stage-error';

export { SHUTDOWN_MESSAGE } from './job-runner';

/**
 * Chunks read from the shop while one is written to the Lookbook. A page's ~22 reads run one after
 * another, each waiting for the backend to take the last one's rows, so each read in flight leaves
 * the shop's server idle part of the time. Measured on 2 cores, 1,000-product jobs alternating in
 * one backend over the same products: one chunk ahead left the job waiting on reads; three against
 * two took 0.93-0.97x the time on the configurable-heavy catalog, 0.96x attribute-heavy, 0.98x on
 * the demo catalog and on Adobe Commerce + MSI; four against three 1.01x.
 */
const READ_AHEAD_CHUNKS = 3;
/**
 * A process's first job runs its code before V8 has optimized it, and V8's compiler threads want
 * a core meanwhile: that job reads each chunk only once the one before is written, which leaves
 * the event loop more of the CPU. Measured on 2 cores, that job's longest event-loop delay was
 * mostly the backend waiting for a core; over six fresh processes each, its median went from 16 ms
 * (reading one chunk ahead) and ~25 ms (two) to 12 ms, for ~50 ms more on that one job.
 */
const FIRST_JOB_READ_AHEAD_CHUNKS = 0;
/**
 * Products the warm-up at boot reads and rehearses: enough calls of the per-row code (reading,
 * grouping, mapping, hashing, building statements) for V8 to optimize it. Measured on 2 cores and
 * the attribute-heavy catalog, with 500 the two jobs after it still ran at ~1.4x and ~1.2x a warm
 * job's time (the backend's CPU 510 and 390 ms against 230); with 2,000 the second already ran
 * like the later ones, the first at 1.1-1.3x (up to 1.5x on Adobe Commerce + MSI, its backend's CPU
 * 330 ms against 180-230). With 4,000, four fresh processes each, side by side with 2,000: the first
 * job at 0.99-1.01x a warm one against 1.11-1.31x on the configurable-heavy catalog, 1.00-1.16x
 * against 1.14-1.32x on Commerce + MSI. It costs the shop about four 1,000-product jobs' reads
 * once per boot (on the configurable-heavy catalog 2.1 s against 1.2 s, read a chunk at a time;
 * read as a job reads, 1.1-1.2 s on the demo catalog), which a job started meanwhile waits for.
 */
const WARM_UP_PRODUCTS = 4_000;
/**
 * Runs one import job: retries the products the Lookbook owes, selects the eligible products after
 * the cursor, then imports them in chunks.
 * Each chunk's rows, the cursor and the job's counters commit in one Lookbook transaction, so
 * whatever happens next, the cursor never points past rows that are not written, nor behind them,
 * and the job counts exactly the chunks committed. That transaction also confirms the run's lease
 * on the job: a run whose job was failed by the stale rule (its process was paused or cut off)
 * commits nothing more and stops.
 */
@Injectable()
export class ImportJobRunner extends JobRunner implements OnApplicationBootstrap {
  protected readonly kind = 'Import';
  /** Whether this process has run a job's code yet (a job's chunk, or the warm-up), i.e. the code V8 then optimizes. */
  private importedBefore = false;
  /** The warm-up at boot; a job started while it still runs (a slow shop) waits for it rather than share the cores. */
  private warming?: Promise<void>;

  /**
   * Warms up in the background: the backend listens at once whatever the shop does, and an admin's
   * first job waits for the warm-up rather than share the cores with it. Not with
   * IMPORT_TEST_SOURCE_DELAY_MS: that test hook makes every read of a page sleep on the shop, and
   * the tests that use it watch those sleeping reads.
   */
  onApplicationBootstrap(): void {
    if (this.config.import.sourceDelayMs > 0) return;
    this.warming = this.warmUp().catch((error: Error) => {
      this.logger.debug(`No warm-up at boot (${(error as { code?: string }).code ?? error.message}); the first job warms up`);
    });
  }

  /**
   * A fresh process's first job took ~1.6x a later one with the same queries and no connection
   * opened during it (the bench's first-job probe counts both; the shop's profile is read by every
   * job anyway): what is left is code V8 had not optimized yet, and that job reading one chunk at a
   * time because of it. So at boot the backend reads the first chunks after the cursor and computes
   * what it would write, writing nothing, and its first job then runs like any other.
   */
  async warmUp(): Promise<void> {
    const { chunkSize } = this.config.import;
    const cursor = Number((await this.sink.getMeta(CURSOR_META_KEY)) ?? 0);
    // continuing: the shop's profile resolved at boot is reused rather than read again.
    const next = await this.source.selectEligibleIds({ afterId: cursor, limit: WARM_UP_PRODUCTS, continuing: true });
    // With the cursor at the catalog's end, the first products rehearse the same code.
    const first = next.length < WARM_UP_PRODUCTS && cursor > 0 ? await this.source.selectEligibleIds({ afterId: 0, limit: WARM_UP_PRODUCTS - next.length, continuing: true }) : [];
    const ids = [...new Set([...next, ...first])];
    // Read as a job reads them, several chunks at a time: reading one at a time, a fresh process's
    // first job still ran 1.03-1.28x a warm one (six fresh processes each), against 1.02-1.15x.
    const reads = new ReadAhead(READ_AHEAD_CHUNKS, (chunk: number[]) => this.source.fetchProducts(chunk));
    for (const chunk of inChunks(ids, chunkSize)) reads.add(chunk);
    for (let page = await reads.next(); page; page = await reads.next()) this.sink.rehearseUpsert(page.products);
    this.importedBefore = true;
  }

  /** Settles once the warm-up at boot has ended (or there was none): the bench starts its jobs then. */
  async warmedUp(): Promise<void> {
    await this.warming;
  }

  protected describe(job: ImportJob): string {
    const params = importParams(job);
    const from = params.resumeFromLast ? 'after the resume cursor' : `after source id ${params.startAfterId ?? 0}`;
    return `up to ${params.limit} products on sale ${from}`;
  }

  protected work(job: ImportJob, run: JobRun): Promise<void> {
    return this.importChunks(job, run);
  }

  private async importChunks(job: ImportJob, run: JobRun): Promise<void> {
    const { limit, resumeFromLast, startAfterId } = importParams(job);
    const { chunkSize } = this.config.import;
    // Never rejects; bounded by the shop's statement bound like the job's own reads, and cut off
    // with them on shutdown, after which the job stops here.
    await this.warming;
    if (this.stopRequested) return;
    const cursor = resumeFromLast
      ? Number((await inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY))) ?? 0)
      : (startAfterId ?? 0);
    // The job's products are chosen once, up front: total_found is exact before the first chunk
    // commits, and the chunks read those products by id rather than scanning for eligible ones
    // again. The first chunk's products are chosen on their own, so reading them overlaps choosing
    // the rest: the shop's database has two cores' worth of work from the start (once the
    // process's code is optimized, see FIRST_JOB_READ_AHEAD_CHUNKS).
    const first = await this.select({ afterId: cursor, limit: Math.min(limit, chunkSize), continuing: false });
    // What the Lookbook owes goes first; a product retried so is not written a second time by this job.
    const owed = await this.retryOwed(run);
    const notRetried = (ids: number[]) => ids.filter((id) => !run.retried.has(id));
    const depth = this.importedBefore ? READ_AHEAD_CHUNKS : FIRST_JOB_READ_AHEAD_CHUNKS;
    const reads = new ReadAhead(depth, (ids: number[]) => inStage('Magento', () => this.source.fetchProducts(ids)));
    if (notRetried(first).length > 0) reads.add(notRetried(first));
    const rest = first.length < chunkSize || limit <= chunkSize ? [] : await this.select({ afterId: first.at(-1)!, limit: limit - first.length, continuing: true });
    run.progress.metrics.total_found = owed + notRetried(first).length + notRetried(rest).length;
    await this.saveProgress(run);
    for (const chunk of inChunks(notRetried(rest), chunkSize)) reads.add(chunk);

    for (let page = await reads.next(); page && !this.stopRequested; page = await reads.next()) {
      await this.writeChunk(run, page);
      this.importedBefore = true;
    }
  }

  private select(query: EligibleIdsQuery): Promise<number[]> {
    return inStage('Magento', () => this.source.selectEligibleIds(query));
  }

  /** The chunk's rows and the cursor, committed with the job's counters (see commitChunk). */
  private writeChunk(run: JobRun, page: CatalogPage): Promise<ChunkCounts> {
    return this.commitChunk(run, async (tx) => {
      const result = await tx.batchUpsertProducts(page.products);
      const sourceIds = [...page.products, ...page.skipped].map((p) => p.source_id);
      await this.settleOwed(tx, run, sourceIds, result.rejected, result.displaced);
      if (page.lastSourceId !== null) await tx.advanceCursor(page.lastSourceId);
      return importedChunk(page, result);
    });
  }
}

/** An import job's parameters; the runner is only ever handed import jobs. */
function importParams(job: ImportJob): ImportParams {
  if (job.params.mode !== 'import') throw new Error(`Job ${job.id} is a ${job.params.mode}, not an import`);
  return job.params;
}
