import { ProductRecord, RejectedProduct } from './product-record';

/** A Lookbook row whose SKU the database finds equal to a product's (by Magento's comparison). */
export interface SkuHolder {
  id: number;
  source_id: number;
  sku: string;
  in_stock: boolean;
  content_hash: string;
}

/** One product of a batch claiming its SKU, with what the database knows about that SKU. */
export interface SkuClaim {
  product: ProductRecord;
  /** Identifies the products of the batch whose SKUs the database finds equal: the same value for all of them. */
  sameSkuGroup: number;
  holders: SkuHolder[];
}

/** The product owns the SKU: write it into `row` (null: no row holds the SKU yet). */
export interface SkuWon {
  product: ProductRecord;
  row: SkuHolder | null;
  /** The row belonged to another shop product until now; that product is owed its own row. */
  takenFrom: SkuHolder | null;
}

export interface SkuClaimsResolved {
  won: SkuWon[];
  /** Products that lost the SKU to another: not written, listed as errors naming both. */
  lost: RejectedProduct[];
}

/**
 * The one rule for SKUs: a Lookbook row belongs to the product that holds its SKU in the shop now,
 * with SKUs compared as Magento compares them (trimmed, case and accents aside). When several
 * products on sale hold equal SKUs, the one with the lowest entity_id owns the row — the product
 * Magento's own lookup by SKU finds — and each other one is an error naming both. A row of another
 * product is taken over when that product is not on sale as far as the Lookbook knows (a withdrawn
 * row), or has the higher entity_id; that product is then owed its own row.
 *
 * Deterministic in the shop's state, so no row moves back and forth between two products.
 */
export function resolveSkuClaims(claims: SkuClaim[]): SkuClaimsResolved {
  const resolved: SkuClaimsResolved = { won: [], lost: [] };
  const groupOwners = new Map<number, ProductRecord>();
  for (const { product, sameSkuGroup, holders } of [...claims].sort((a, b) => a.product.source_id - b.product.source_id)) {
    const owner = groupOwners.get(sameSkuGroup);
    const rival = holders
      .filter((h) => h.source_id !== product.source_id && h.in_stock && h.source_id < product.source_id)
      .sort((a, b) => a.source_id - b.source_id)[0];
    if (owner || rival) {
      const keeper = owner ? { source_id: owner.source_id, sku: owner.sku } : rival!;
      resolved.lost.push({ source_id: product.source_id, sku: product.sku, message: lostMessage(product, keeper) });
      continue;
    }
    groupOwners.set(sameSkuGroup, product);
    const own = holders.filter((h) => h.source_id === product.source_id).sort((a, b) => b.id - a.id);
    const others = holders.filter((h) => h.source_id !== product.source_id).sort((a, b) => a.id - b.id);
    const row = own.find((h) => h.sku === product.sku) ?? own[0] ?? others[0] ?? null;
    resolved.won.push({ product, row, takenFrom: row && row.source_id !== product.source_id ? row : null });
  }
  return resolved;
}

function lostMessage(product: ProductRecord, keeper: { source_id: number; sku: string }): string {
  return (
    `SKU "${product.sku}" of product ${product.source_id} is the same SKU to Magento as "${keeper.sku}" of product ${keeper.source_id}, ` +
    `which keeps it (the lower entity_id); not written until one of them changes`
  );
}

/** The product whose row another product took: it is owed a row of its own (if it still sells). */
export function displaced(from: { source_id: number; sku: string }, by: ProductRecord): RejectedProduct {
  return {
    source_id: from.source_id,
    sku: from.sku,
    message: `Its Lookbook row went to product ${by.source_id}, which holds SKU "${by.sku}" in the shop now`,
  };
}
