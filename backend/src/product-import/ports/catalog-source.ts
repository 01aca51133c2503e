import { CatalogPage } from '../domain/product-record';

export interface EligibleIdsQuery {
  afterId: number;
  limit: number;
  /** True when the same job already selected its first products a moment ago. */
  continuing?: boolean;
}

/** Where eligible products come from (the shop's Magento database in production). */
export abstract class CatalogSource {
  /**
   * The source ids of up to `limit` eligible products with source_id > afterId, ascending. A job
   * selects its products with this up front, then reads them chunk by chunk with fetchProducts.
   * A job's first call reads the shop's shape afresh; `continuing` calls of the same job reuse it.
   */
  abstract selectEligibleIds(query: EligibleIdsQuery): Promise<number[]>;
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
