import { CatalogPage } from '../domain/product-record';

/** Where eligible products come from (the shop's Magento database in production). */
export abstract class CatalogSource {
  /**
   * The source ids of up to `limit` eligible products with source_id > afterId, ascending. A job
   * selects its products once with this, then reads them chunk by chunk with fetchProducts.
   */
  abstract selectEligibleIds(query: { afterId: number; limit: number }): Promise<number[]>;
  /**
   * The given products (ids from selectEligibleIds, ascending) as a page. An id no longer in the
   * catalog comes back as skipped, so every id asked for is accounted for.
   */
  abstract fetchProducts(sourceIds: number[]): Promise<CatalogPage>;
  /** Of the given source ids, those eligible now (sold by the shop, by the import's rules), ascending. Ids gone from the catalog are simply not returned. */
  abstract filterEligible(sourceIds: number[]): Promise<number[]>;
  /** Resolves when the shop's database answers; rejects with the reason it does not. */
  abstract ping(): Promise<void>;
  /** How many eligible products have source_id > afterId. */
  abstract countEligible(query: { afterId: number }): Promise<number>;
}
