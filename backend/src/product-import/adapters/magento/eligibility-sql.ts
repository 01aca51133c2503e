import { StockSource } from '../../../config/app-config';

export interface EligibilityOptions {
  storeId: number;
  stockSource: StockSource;
  includeNotVisible: boolean;
  statusAttributeId: number;
  visibilityAttributeId: number | null;
}

/**
 * The SQL that picks eligible products after a cursor, in entity_id order. Everything it needs is
 * a parameter; it walks the primary key from the cursor and stops at the limit (keyset paging), so
 * its cost does not depend on how far the cursor has advanced.
 *
 * Eligible: enabled for the store (store value, else the admin value), visible unless
 * includeNotVisible, and with stock: a configurable through at least one enabled child with
 * qty > 0, any other type through its own qty.
 */
export function eligibleIdsQuery(options: EligibilityOptions, afterId: number, limit: number | null) {
  const params: unknown[] = [];
  const scoped = (entity: string, attributeId: number, alias: string) => {
    params.push(attributeId, options.storeId, attributeId);
    return `LEFT JOIN catalog_product_entity_int ${alias}_s
              ON ${alias}_s.entity_id = ${entity} AND ${alias}_s.attribute_id = ? AND ${alias}_s.store_id = ?
            LEFT JOIN catalog_product_entity_int ${alias}_d
              ON ${alias}_d.entity_id = ${entity} AND ${alias}_d.attribute_id = ? AND ${alias}_d.store_id = 0`;
  };
  const value = (alias: string) => `IF(${alias}_s.value_id IS NULL, ${alias}_d.value, ${alias}_s.value)`;

  const joins = [scoped('e.entity_id', options.statusAttributeId, 'status')];
  const visible = !options.includeNotVisible && options.visibilityAttributeId !== null;
  if (visible) joins.push(scoped('e.entity_id', options.visibilityAttributeId!, 'vis'));

  // Placeholders are bound in the order they appear in the text: outer joins, cursor, child joins.
  params.push(afterId);
  const childStatusJoin = scoped('c.entity_id', options.statusAttributeId, 'cstatus');
  const childStock = options.stockSource === 'legacy' ? legacyQtyPositive('c.entity_id') : msiQtyPositive('c.sku');
  const ownStock = options.stockSource === 'legacy' ? legacyQtyPositive('e.entity_id') : msiQtyPositive('e.sku');

  const sql = `
    SELECT e.entity_id, e.type_id, e.sku, DATE_FORMAT(e.created_at, '%Y-%m-%d %H:%i:%s') AS created_at
      FROM catalog_product_entity e
      ${joins.join('\n')}
     WHERE e.entity_id > ?
       AND ${value('status')} = 1
       ${visible ? `AND COALESCE(${value('vis')}, 4) <> 1` : ''}
       AND IF(e.type_id = 'configurable',
              EXISTS (SELECT 1
                        FROM catalog_product_super_link l
                        JOIN catalog_product_entity c ON c.entity_id = l.product_id
                        ${childStatusJoin}
                       WHERE l.parent_id = e.entity_id
                         AND ${value('cstatus')} = 1
                         AND ${childStock}),
              ${ownStock})
     ORDER BY e.entity_id
     ${limit === null ? '' : 'LIMIT ?'}`;
  if (limit !== null) params.push(limit);
  return { sql, params };
}

function legacyQtyPositive(entity: string): string {
  return `EXISTS (SELECT 1 FROM cataloginventory_stock_item si
                   WHERE si.product_id = ${entity} AND si.stock_id = 1 AND si.qty > 0)`;
}

function msiQtyPositive(sku: string): string {
  return `(SELECT COALESCE(SUM(isi.quantity), 0) FROM inventory_source_item isi
            WHERE isi.sku = ${sku} AND isi.status = 1) > 0`;
}
