import { ProductRecord, UpsertResult } from '../domain/product-record';

/** The Lookbook side of one transaction: rows and cursor commit together or not at all. */
export interface ProductSinkTransaction {
  batchUpsertProducts(products: ProductRecord[]): Promise<UpsertResult>;
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;
}

/** Where imported products go (the Lookbook database in production). */
export abstract class ProductSink implements ProductSinkTransaction {
  abstract transaction<T>(work: (tx: ProductSinkTransaction) => Promise<T>): Promise<T>;
  abstract batchUpsertProducts(products: ProductRecord[]): Promise<UpsertResult>;
  abstract getMeta(key: string): Promise<string | null>;
  abstract setMeta(key: string, value: string): Promise<void>;
}

export const CURSOR_META_KEY = 'last_successful_source_id';
