import { Injectable } from '@nestjs/common';
import { ImportJob } from '../domain/import-job';
import { ProductSinkTransaction } from '../ports/product-sink';
import { ChunkCounts } from './job-progress';
import { JobRun, JobRunner } from './job-runner';
import { newSkus, planRefresh } from './refresh-plan';
import { inStage } from './stage-error';

/**
 * Runs one refresh job: walks every Lookbook product that came from the shop, in source_id order,
 * and brings each chunk in line with what the shop sells now (see planRefresh). Each chunk is read,
 * decided and written in one Lookbook transaction, which commits only while the run still holds its
 * job; the cursor is never touched, so a refresh that dies is simply run again.
 */
@Injectable()
export class RefreshJobRunner extends JobRunner {
  protected readonly kind = 'Refresh';

  protected describe(_job: ImportJob): string {
    return 'every imported product against the shop';
  }

  protected work(_job: ImportJob, run: JobRun): Promise<void> {
    return this.refreshChunks(run);
  }

  private async refreshChunks(run: JobRun): Promise<void> {
    // No import runs beside a refresh (one job at a time), so the rows counted here are the rows walked.
    run.progress.metrics.total_found = (await inStage('Lookbook', () => this.sink.countImported())).imported;
    await this.saveProgress(run);

    let afterSourceId = 0;
    while (!this.stopRequested) {
      const chunk = await inStage('Lookbook', () => this.sink.transaction((tx) => this.refreshChunk(tx, run, afterSourceId)));
      if (!chunk) break;
      run.progress.add(chunk);
      afterSourceId = chunk.lastSourceId!;
      await this.saveProgress(run);
    }
  }

  /** The next chunk of rows after `afterSourceId`: locked, checked against the shop, written; null when none is left. */
  private async refreshChunk(tx: ProductSinkTransaction, run: JobRun, afterSourceId: number): Promise<ChunkCounts | null> {
    const rows = await tx.lockImportedRows(afterSourceId, this.config.import.chunkSize);
    if (rows.length === 0) return null;
    const sourceIds = [...new Set(rows.map((r) => r.source_id))];
    const eligible = await inStage('Magento', () => this.source.filterEligible(sourceIds));
    const page = await inStage('Magento', () => this.source.fetchProducts(eligible));
    const renamedTo = newSkus(rows, page);
    const holders = renamedTo.length ? await tx.findSkuHolders(renamedTo) : new Map<string, number>();

    const plan = planRefresh(rows, new Set(eligible), page, holders);
    if (plan.withdraw.length) await tx.withdrawRows(plan.withdraw);
    const written = await tx.updateRows(plan.updates);
    // Last, so the job row is locked only for the moment before commit (see ImportJobRunner).
    await tx.confirmLease(run.jobId, run.lease);
    return {
      processed: rows.length,
      updated: written.updated,
      unchanged: written.unchanged + plan.alreadyWithdrawn,
      withdrawn: plan.withdraw.length,
      skipped: plan.skipped,
      errors: [...plan.errors, ...written.rejected],
      lastSourceId: sourceIds[sourceIds.length - 1],
      notices: page.notices,
    };
  }
}
