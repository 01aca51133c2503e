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
  /** What a guest pays for one unit today (the regular price lowered by any offer), 4 places. */
  final_price: string | null;
  /** The product's own gallery as the storefront shows it, in order. */
  images: ProductImage[];
  /** Absolute URL of the photo to show for the product. */
  image_url: string | null;
  /** Absolute URL of the product's page in the shop. */
  product_url: string | null;
  /** One per colour of a configurable's counted children; [] for other products. */
  variants: ProductVariant[];
}

export type ImageRole = 'image' | 'small_image' | 'thumbnail' | 'swatch_image';

export interface ProductImage {
  url: string;
  label: string | null;
  roles: ImageRole[];
}

export interface ProductVariant {
  color: string;
  /** The colour option's hex swatch, as the shop stores it. */
  swatch: string | null;
  image_url: string | null;
  sizes: string[];
  stock_qty: number;
  final_price: string | null;
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
  /** Shop settings that could not be used for the page (a base URL, a timezone), as sentences: a job lists each once. */
  notices?: string[];
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
