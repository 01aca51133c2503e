import { Injectable } from '@nestjs/common';
import { ImportJob } from '../domain/import-job';
import { ImportedRow } from '../domain/imported-row';
import { CatalogPage } from '../domain/product-record';
import { ProductSinkTransaction } from '../ports/product-sink';
import { ChunkCounts } from './job-progress';
import { JobRun, JobRunner } from './job-runner';
import { planRefresh } from './refresh-plan';
import { inStage } from './stage-error';

/**
 * Runs one refresh job: walks every Lookbook product that came from the shop, in source_id order,
 * and brings each chunk in line with what the shop sells now (see planRefresh). Each chunk's rows are
 * locked, decided and written in one short Lookbook transaction after the shop was read, which
 * commits with the job's counters only while the run still holds its job; the cursor is never touched, so a refresh that dies is simply run again.
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
      const chunk = await this.refreshChunk(run, afterSourceId);
      if (!chunk) break;
      afterSourceId = chunk.lastSourceId!;
    }
    // Last, so a product that lost its row in this refresh to the one holding its SKU now, or
    // waited on a row this refresh renamed, is written by this same refresh.
    if (!this.stopRequested) await this.retryOwed(run);
  }

  /**
   * The next chunk of rows after `afterSourceId`, checked against the shop and written; null when
   * none is left. The rows are read without a lock, the shop is asked about them, and only then are
   * they locked (by id, those rows alone) for the moment it takes to decide and write them: a
   * process paused while it reads the shop holds nothing another job could wait for.
   */
  private async refreshChunk(run: JobRun, afterSourceId: number): Promise<ChunkCounts | null> {
    const read = await inStage('Lookbook', () => this.sink.readImportedChunk(afterSourceId, this.config.import.chunkSize));
    if (read.length === 0) return null;
    const sourceIds = [...new Set(read.map((r) => r.source_id))];
    const eligible = await inStage('Magento', () => this.source.filterEligible(sourceIds));
    const page = await inStage('Magento', () => this.source.fetchProducts(eligible));
    return this.commitChunk(run, (tx) => this.writeChunk(tx, run, read, eligible, page));
  }

  private async writeChunk(tx: ProductSinkTransaction, run: JobRun, read: ImportedRow[], eligible: number[], page: CatalogPage): Promise<ChunkCounts> {
    // A row that changed product since it was read (another job's write) belongs to a later chunk, or an earlier one.
    const sourceIds = new Set(read.map((r) => r.source_id));
    const rows = (await tx.lockRows(read.map((r) => r.id))).filter((r) => sourceIds.has(r.source_id));
    const claims = await tx.claimSkus(page.products.filter((p) => sourceIds.has(p.source_id)));

    const plan = planRefresh(rows, new Set(eligible), page, claims);
    if (plan.withdraw.length) await tx.withdrawRows(plan.withdraw);
    const written = await tx.updateRows(plan.updates);
    const refused = [...plan.lost, ...written.rejected];
    await this.settleOwed(tx, run, [...sourceIds], refused, plan.displaced);
    return {
      processed: read.length,
      updated: written.updated,
      unchanged: written.unchanged + plan.alreadyWithdrawn,
      withdrawn: plan.withdrawn,
      skipped: plan.skipped,
      errors: refused,
      lastSourceId: Math.max(...sourceIds),
      notices: page.notices,
    };
  }
}
