import { ProductRecord, UpsertResult } from '../domain/product-record';

/** The Lookbook side of one transaction: rows and cursor commit together or not at all. */
export interface ProductSinkTransaction {
  batchUpsertProducts(products: ProductRecord[]): Promise<UpsertResult>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

/**
 * Where imported products go (the Lookbook database in production). Outside `transaction`, each
 * call is a transaction of its own.
 */
export abstract class ProductSink implements ProductSinkTransaction {
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
}

export const CURSOR_META_KEY = 'last_successful_source_id';
