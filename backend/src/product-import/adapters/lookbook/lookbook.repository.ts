import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { JobLeaseLostError } from '../../domain/import-errors';
import { ImportJobError, ImportJobMetrics } from '../../domain/import-job';
import { ImportedCounts, ImportedRow, RowUpdate, RowUpdateResult } from '../../domain/imported-row';
import { ProductRecord, RejectedProduct, UpsertResult } from '../../domain/product-record';
import { SkuClaim } from '../../domain/sku-claims';
import { CURSOR_META_KEY, ProductSink, ProductSinkTransaction } from '../../ports/product-sink';
import { saveJobProgress } from './import-job.repository';
import { ImportedRows } from './imported-rows';
import { OwedProducts } from './owed-products';
import { readSkuClaims } from './sku-claims-query';
import { ProductWriter } from './product-writer';

/**
 * The Lookbook database side of an import. `transaction` hands out one connection in one
 * transaction, so a chunk's rows and the cursor that points past them commit together.
 */
@Injectable()
export class LookbookRepository extends ProductSink {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async transaction<T>(work: (tx: ProductSinkTransaction) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const result = await work(new LookbookTransaction(runner));
      await runner.commitTransaction();
      return result;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /** A single read needs neither a transaction nor strict mode. */
  override async getMeta(key: string): Promise<string | null> {
    return readMeta(this.dataSource, key);
  }

  override rehearseUpsert(products: ProductRecord[]): void {
    ProductWriter.rehearse(products);
  }

  override async countImported(): Promise<ImportedCounts> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return await new ImportedRows(runner).counts();
    } finally {
      await runner.release();
    }
  }
}

class LookbookTransaction implements ProductSinkTransaction {
  private readonly imported: ImportedRows;
  private readonly owed: OwedProducts;

  constructor(private readonly runner: QueryRunner) {
    this.imported = new ImportedRows(runner);
    this.owed = new OwedProducts(runner);
  }

  owedSourceIds(): Promise<number[]> {
    return this.owed.sourceIds();
  }

  recordOwed(rejected: RejectedProduct[], now: Date): Promise<void> {
    return this.owed.record(rejected, now);
  }

  settleOwed(sourceIds: number[]): Promise<void> {
    return this.owed.settle(sourceIds);
  }

  batchUpsertProducts(products: ProductRecord[]): Promise<UpsertResult> {
    return new ProductWriter(this.runner).upsert(products);
  }

  getMeta(key: string): Promise<string | null> {
    return readMeta(this.runner, key);
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.runner.query(
      'INSERT INTO product_import_meta (`key`, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)',
      [key, value],
    );
  }

  readImportedChunk(afterSourceId: number, limit: number): Promise<ImportedRow[]> {
    return this.imported.readChunk(afterSourceId, limit);
  }

  lockRows(rowIds: number[]): Promise<ImportedRow[]> {
    return this.imported.lock(rowIds);
  }

  claimSkus(products: ProductRecord[]): Promise<SkuClaim[]> {
    return readSkuClaims(this.runner, products);
  }

  updateRows(updates: RowUpdate[]): Promise<RowUpdateResult> {
    return this.imported.update(updates);
  }

  withdrawRows(rowIds: number[]): Promise<void> {
    return this.imported.withdraw(rowIds);
  }

  countImported(): Promise<ImportedCounts> {
    return this.imported.counts();
  }

  countImportedBetween(afterSourceId: number, upTo: number): Promise<number> {
    return this.imported.countBetween(afterSourceId, upTo);
  }

  async advanceCursor(sourceId: number): Promise<void> {
    await this.runner.query(
      `INSERT INTO product_import_meta (\`key\`, value) VALUES (?, ?)
       ON DUPLICATE KEY UPDATE value = GREATEST(CAST(value AS UNSIGNED), CAST(VALUES(value) AS UNSIGNED))`,
      [CURSOR_META_KEY, String(sourceId)],
    );
  }

  async recordJobProgress(jobId: string, lease: string, progress: { metrics: ImportJobMetrics; errors: ImportJobError[] }, now: Date): Promise<void> {
    if (!(await saveJobProgress(this.runner, jobId, lease, progress, now))) throw new JobLeaseLostError(jobId);
  }
}

async function readMeta(db: DataSource | QueryRunner, key: string): Promise<string | null> {
  const rows: Array<{ value: string }> = await db.query('SELECT value FROM product_import_meta WHERE `key` = ?', [key]);
  return rows[0]?.value ?? null;
}
