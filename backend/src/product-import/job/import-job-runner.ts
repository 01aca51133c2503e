import { Injectable } from '@nestjs/common';
import { ImportJob } from '../domain/import-job';
import { CatalogPage, UpsertResult } from '../domain/product-record';
import { CURSOR_META_KEY } from '../ports/product-sink';
import { inChunks } from './job-progress';
import { JobRun, JobRunner } from './job-runner';
import { inStage } from './stage-error';

export { SHUTDOWN_MESSAGE } from './job-runner';

/**
 * Runs one import job: selects the eligible products after the cursor, then imports them in chunks.
 * Each chunk's rows and the cursor commit in one Lookbook transaction, so whatever happens next,
 * the cursor never points past rows that are not written, nor behind them. That transaction also
 * confirms the run's lease on the job: a run whose job was failed by the stale rule (its process
 * was paused or cut off) commits nothing more and stops.
 */
@Injectable()
export class ImportJobRunner extends JobRunner {
  protected readonly kind = 'Import';

  protected describe({ params }: ImportJob): string {
    const from = params.resumeFromLast ? 'after the resume cursor' : `after source id ${params.startAfterId ?? 0}`;
    return `up to ${params.limit} products on sale ${from}`;
  }

  protected work(job: ImportJob, run: JobRun): Promise<void> {
    return this.importChunks(job, run);
  }

  private async importChunks(job: ImportJob, run: JobRun): Promise<void> {
    const { limit, resumeFromLast, startAfterId } = job.params;
    const cursor = resumeFromLast
      ? Number((await inStage('Lookbook', () => this.sink.getMeta(CURSOR_META_KEY))) ?? 0)
      : (startAfterId ?? 0);
    // The job's products are chosen once, up front: total_found is exact from the start, and the
    // chunks read those products by id rather than scanning for eligible ones again.
    const ids = await inStage('Magento', () => this.source.selectEligibleIds({ afterId: cursor, limit }));
    run.progress.metrics.total_found = ids.length;
    await this.saveProgress(run);

    // The shop and the Lookbook are two servers: the next chunk is read while this one is written
    // (one chunk ahead, no more, so memory stays bounded). Rows and cursor still commit in order.
    const chunks = inChunks(ids, this.config.import.chunkSize);
    let reading = chunks.length > 0 ? this.read(chunks[0]) : null;
    for (let i = 0; reading && !this.stopRequested; i++) {
      const page = await reading;
      reading = i + 1 < chunks.length ? this.read(chunks[i + 1]) : null;
      const result = await inStage('Lookbook', () => this.writeChunk(run, page));
      run.progress.addChunk(page, result);
      await this.saveProgress(run);
    }
  }

  /** A chunk read ahead; if the job stops first, its failure has nobody to tell and is dropped here. */
  private read(chunkIds: number[]): Promise<CatalogPage> {
    const page = inStage('Magento', () => this.source.fetchProducts(chunkIds));
    page.catch(() => undefined);
    return page;
  }

  /** The chunk's rows and the cursor, in one transaction that commits only under the run's lease. */
  private writeChunk(run: JobRun, page: CatalogPage): Promise<UpsertResult> {
    return this.sink.transaction(async (tx) => {
      const result = await tx.batchUpsertProducts(page.products);
      if (page.lastSourceId !== null) await tx.advanceCursor(page.lastSourceId);
      // Last, so the job row is locked only for the moment before commit.
      await tx.confirmLease(run.jobId, run.lease);
      return result;
    });
  }
}

