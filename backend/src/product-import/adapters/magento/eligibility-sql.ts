import { StockSource } from '../../../config/app-config';

export interface EligibilityOptions {
  storeId: number;
  stockSource: StockSource;
  includeNotVisible: boolean;
  statusAttributeId: number;
  visibilityAttributeId: number | null;
}

/**
 * The SQL that picks eligible products after a cursor (or among given ids), in entity_id order. Everything it needs is
 * a parameter; it walks the primary key from the cursor and stops at the limit (keyset paging), so
 * its cost does not depend on how far the cursor has advanced.
 *
 * Eligible: enabled for the store (store value, else the admin value), visible unless
 * includeNotVisible, and with stock: a configurable through at least one enabled child with
 * qty > 0, any other type through its own qty.
 *
 * Every test is a correlated subquery on the product row, and MariaDB evaluates them in the order
 * written: visibility first (it rules out most rows, the configurables' children), stock last (the
 * dearest). As LEFT JOINs the stock test ran first, on every row (measured 56 → 34 ms a job).
 */
export function eligibleIdsQuery(options: EligibilityOptions, afterId: number, limit: number | null, onlyIds: number[] | null = null) {
  // Built in the order the placeholders appear in the text, which is the order they are bound.
  const params: unknown[] = onlyIds ? [afterId, onlyIds] : [afterId];
  const scoped = (entity: string, attributeId: number) => {
    params.push(attributeId, options.storeId);
    return scopedIntValue(entity);
  };
  const visible = !options.includeNotVisible && options.visibilityAttributeId !== null;
  const visibilityTest = visible ? `AND COALESCE(${scoped('e.entity_id', options.visibilityAttributeId!)}, 4) <> 1` : '';
  const statusTest = `${scoped('e.entity_id', options.statusAttributeId)} = 1`;
  const childTest = `${scoped('c.entity_id', options.statusAttributeId)} = 1 AND ${qtyPositive(options.stockSource, 'c')}`;

  const sql = `
    SELECT e.entity_id
      FROM catalog_product_entity e
     WHERE e.entity_id > ?
       ${onlyIds ? 'AND e.entity_id IN (?)' : ''}
       ${visibilityTest}
       AND ${statusTest}
       AND IF(e.type_id = 'configurable',
              EXISTS (SELECT 1
                        FROM catalog_product_super_link l
                        JOIN catalog_product_entity c ON c.entity_id = l.product_id
                       WHERE l.parent_id = e.entity_id
                         AND ${childTest}),
              ${qtyPositive(options.stockSource, 'e')})
     ORDER BY e.entity_id
     ${limit === null ? '' : 'LIMIT ?'}`;
  if (limit !== null) params.push(limit);
  return { sql, params };
}

/**
 * One int attribute's value for the store: its own row wins over the admin (store 0) row, even
 * when that row holds NULL. Binds the attribute id, then the store id.
 */
function scopedIntValue(entity: string): string {
  return `(SELECT v.value FROM catalog_product_entity_int v
            WHERE v.entity_id = ${entity} AND v.attribute_id = ? AND v.store_id IN (0, ?)
            ORDER BY v.store_id DESC LIMIT 1)`;
}

/** Whether a product (the alias of its catalog_product_entity row) has a positive quantity. */
function qtyPositive(source: StockSource, product: string): string {
  return source === 'legacy'
    ? `EXISTS (SELECT 1 FROM cataloginventory_stock_item si
                WHERE si.product_id = ${product}.entity_id AND si.stock_id = 1 AND si.qty > 0)`
    : `(SELECT COALESCE(SUM(isi.quantity), 0) FROM inventory_source_item isi
         WHERE isi.sku = ${product}.sku AND isi.status = 1) > 0`;
}
