import { CatalogPage } from '../domain/product-record';

/** Where eligible products come from (the shop's Magento database in production). */
export abstract class CatalogSource {
  /** Up to `limit` eligible products with source_id > afterId, in source_id order. */
  abstract fetchEligible(query: { afterId: number; limit: number }): Promise<CatalogPage>;
  /** How many eligible products have source_id > afterId (counting stops at `limit` when given). */
  abstract countEligible(query: { afterId: number; limit?: number }): Promise<number>;
}
