import { QueryRunner } from 'typeorm';
import { ProductRecord } from '../../domain/product-record';
import { SkuClaim } from '../../domain/sku-claims';

/**
 * What the Lookbook holds for each product's SKU, compared as Magento compares SKUs (sku_key's
 * collation, the database's own rule rather than an imitation of it): the rows holding an equal SKU,
 * locked until the transaction ends, and which products of the batch have equal SKUs. One
 * statement for the batch, by the sku_key index; the batch's groups of equal SKUs by a window over
 * sku_key's collation (a subquery comparing every SKU with every other cost ~8 ms a chunk of 250,
 * the window ~2 ms).
 */
export async function readSkuClaims(runner: QueryRunner, products: ProductRecord[]): Promise<SkuClaim[]> {
  if (products.length === 0) return [];
  const values = products.map(() => 'SELECT ?, CONVERT(? USING utf8mb4) COLLATE utf8mb4_general_ci').join(' UNION ALL ');
  const rows: Array<Record<string, any>> = await runner.query(
    `WITH v (i, k) AS (${values})
     SELECT v.i, MIN(v.i) OVER (PARTITION BY v.k) AS grp, p.id, p.source_id, p.sku, p.in_stock, p.content_hash
       FROM v LEFT JOIN products p ON p.sku_key = v.k
      ORDER BY v.i, p.id
        FOR UPDATE`,
    products.flatMap((product, index) => [index, product.sku]),
  );
  const claims: SkuClaim[] = products.map((product, index) => ({ product, sameSkuGroup: index, holders: [] }));
  for (const row of rows) {
    const claim = claims[Number(row.i)];
    claim.sameSkuGroup = Number(row.grp);
    if (row.id === null) continue;
    claim.holders.push({
      id: Number(row.id),
      source_id: Number(row.source_id),
      sku: row.sku,
      in_stock: Number(row.in_stock) === 1,
      content_hash: row.content_hash,
    });
  }
  return claims;
}
