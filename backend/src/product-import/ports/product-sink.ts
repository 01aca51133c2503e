import { ImportJobError, ImportJobMetrics } from '../domain/import-job';
import { ImportedCounts, ImportedRow, RowUpdate, RowUpdateResult } from '../domain/imported-row';
import { ProductRecord, RejectedProduct, UpsertResult } from '../domain/product-record';
import { SkuClaim } from '../domain/sku-claims';

/** The Lookbook side of one transaction: rows and cursor commit together or not at all. */
export interface ProductSinkTransaction {
  batchUpsertProducts(products: ProductRecord[]): Promise<UpsertResult>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
  /**
   * About `limit` rows with source_id > afterSourceId, in source_id order, read without locking.
   * The rows of the last source id are all included, so a chunk always holds every row of each of
   * its products.
   */
  readImportedChunk(afterSourceId: number, limit: number): Promise<ImportedRow[]>;
  /** The given rows as they are now, in source_id order, locked (those rows only) until the transaction ends. */
  lockRows(rowIds: number[]): Promise<ImportedRow[]>;
  /** For each product, the rows holding its SKU as Magento compares SKUs (locked), and which products have equal SKUs. */
  claimSkus(products: ProductRecord[]): Promise<SkuClaim[]>;
  /** Rewrites each row from its product where any written field differs; leaves equal rows alone. */
  updateRows(updates: RowUpdate[]): Promise<RowUpdateResult>;
  /** Marks the rows no longer on sale (in_stock false, stock_qty 0); every other field stays. */
  withdrawRows(rowIds: number[]): Promise<void>;
  countImported(): Promise<ImportedCounts>;
  /** Products on sale the Lookbook refused earlier and owes still, ascending: every job retries them. */
  owedSourceIds(): Promise<number[]>;
  /** Remembers products the Lookbook refused, with the reason, as owed. */
  recordOwed(rejected: RejectedProduct[], now: Date): Promise<void>;
  /** Forgets owed products that were written or are no longer on sale. */
  settleOwed(sourceIds: number[]): Promise<void>;
  /** How many products (distinct source ids) in afterSourceId < source_id ≤ upTo the Lookbook holds. */
  countImportedBetween(afterSourceId: number, upTo: number): Promise<number>;
  /**
   * Moves the resume cursor to `sourceId` unless it already points further: the cursor never moves
   * backwards, so re-importing an earlier range leaves it where it is.
   */
  advanceCursor(sourceId: number): Promise<void>;
  /**
   * Stores the job's counters (and heartbeat) if job `jobId` still runs under `lease`, else throws
   * JobLeaseLostError so the transaction rolls back instead of committing for a job another process
   * has taken over. Holds the job row until the transaction ends, so the stale rule cannot fail the
   * job between this check and the commit.
   */
  recordJobProgress(jobId: string, lease: string, progress: { metrics: ImportJobMetrics; errors: ImportJobError[] }, now: Date): Promise<void>;
}

/**
 * Where imported products go (the Lookbook database in production). Outside `transaction`, each
 * call is a transaction of its own.
 */
export abstract class ProductSink {
  abstract transaction<T>(work: (tx: ProductSinkTransaction) => Promise<T>): Promise<T>;

  batchUpsertProducts(products: ProductRecord[]): Promise<UpsertResult> {
    return this.transaction((tx) => tx.batchUpsertProducts(products));
  }

  getMeta(key: string): Promise<string | null> {
    return this.transaction((tx) => tx.getMeta(key));
  }

  setMeta(key: string, value: string): Promise<void> {
    return this.transaction((tx) => tx.setMeta(key, value));
  }

  readImportedChunk(afterSourceId: number, limit: number): Promise<ImportedRow[]> {
    return this.transaction((tx) => tx.readImportedChunk(afterSourceId, limit));
  }

  updateRows(updates: RowUpdate[]): Promise<RowUpdateResult> {
    return this.transaction((tx) => tx.updateRows(updates));
  }

  withdrawRows(rowIds: number[]): Promise<void> {
    return this.transaction((tx) => tx.withdrawRows(rowIds));
  }

  countImported(): Promise<ImportedCounts> {
    return this.transaction((tx) => tx.countImported());
  }

  owedSourceIds(): Promise<number[]> {
    return this.transaction((tx) => tx.owedSourceIds());
  }

  countImportedBetween(afterSourceId: number, upTo: number): Promise<number> {
    return this.transaction((tx) => tx.countImportedBetween(afterSourceId, upTo));
  }

  /** Computes what batchUpsertProducts would send for these products and sends nothing (a warm-up). */
  rehearseUpsert(_products: ProductRecord[]): void {}
}

export const CURSOR_META_KEY = 'last_successful_source_id';
/** The shop's base currency, as the shop last said it: prices stay in it while the shop does not answer. */
export const SHOP_CURRENCY_META_KEY = 'shop_currency';
