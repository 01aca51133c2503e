import { ProductRecord, RejectedProduct } from './product-record';

/** A Lookbook product row as a refresh sees it: which shop product it came from, and its stock. */
export interface ImportedRow {
  /** The Lookbook row's own id: a SKU may change, the row stays. */
  id: number;
  source_id: number;
  sku: string;
  in_stock: boolean;
  /** Decimal as a string, as stored. */
  stock_qty: string;
}

/** A row to bring up to date from the shop's current record (which may carry a new SKU). */
export interface RowUpdate {
  rowId: number;
  product: ProductRecord;
}

/** What writing a refresh chunk's updates did: rows rewritten, rows already equal, rows refused. */
export interface RowUpdateResult {
  updated: number;
  unchanged: number;
  rejected: RejectedProduct[];
}

/** How many Lookbook products came from the shop, how many of those are on sale, and how many the Lookbook owes. */
export interface ImportedCounts {
  imported: number;
  onSale: number;
  /** Products on sale the Lookbook refused to store, retried by every job (see OwedProducts). */
  owed: number;
}
