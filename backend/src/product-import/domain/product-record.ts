/** One Lookbook product as mapped from the shop: the row the importer writes, keyed by SKU. */
export interface ProductRecord {
  source_id: number;
  sku: string;
  title: string;
  /** Decimal as a string (e.g. "52.0000"), so no price ever passes through a float. */
  price: string | null;
  stock_qty: string;
  in_stock: boolean;
  size_range: string | null;
  color: string | null;
  material: string | null;
  pattern: string | null;
  occasion: string | null;
  season: string | null;
  image_key: string | null;
  url_key: string | null;
  category: string | null;
  attributes: Record<string, string | string[]>;
  /** "YYYY-MM-DD HH:MM:SS" as Magento stores it. */
  product_created_at: string | null;
}

/** An eligible source product the mapping cannot turn into a Lookbook row (e.g. an empty SKU). */
export interface SkippedProduct {
  source_id: number;
  sku: string;
  reason: string;
}

/** A page of eligible products, in source_id order. */
export interface CatalogPage {
  products: ProductRecord[];
  skipped: SkippedProduct[];
  /** The highest source_id on the page (products and skipped alike), or null for an empty page. */
  lastSourceId: number | null;
}

/** A row the Lookbook database refused, with the reason it gave. */
export interface RejectedProduct {
  source_id: number;
  sku: string;
  message: string;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  unchanged: number;
  skus: { inserted: string[]; updated: string[]; unchanged: string[] };
  rejected: RejectedProduct[];
  /** Products whose row went to the product that holds its SKU now: each is owed a row of its own. */
  displaced: RejectedProduct[];
}

export function emptyUpsertResult(): UpsertResult {
  return { inserted: 0, updated: 0, unchanged: 0, skus: { inserted: [], updated: [], unchanged: [] }, rejected: [], displaced: [] };
}
