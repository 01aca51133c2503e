import type { Connection, RowDataPacket } from 'mysql2/promise';

/**
 * Counts the products a storefront would list on store 1, in plain SQL straight from Magento's
 * tables, as an independent check on what the generator produced. Stricter than the importer,
 * which takes qty > 0 alone as in stock (its contract) and so also imports products whose stock
 * flag is off (marked in_stock = false): it imports more than this counts.
 * - enabled: status for store 1, falling back to store 0, is 1;
 * - visible: visibility (same fallback) is not 1 "Not Visible Individually";
 * - in stock, legacy default stock: a simple/virtual has qty > 0 with is_in_stock = 1; a
 *   configurable has at least one enabled child with qty > 0 and is_in_stock = 1.
 */
export async function countEligibleProducts(conn: Connection): Promise<number> {
  const [attributes] = await conn.query<RowDataPacket[]>(
    `SELECT a.attribute_code, a.attribute_id
       FROM eav_attribute a
       JOIN eav_entity_type t ON t.entity_type_id = a.entity_type_id
      WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code IN ('status', 'visibility')`,
  );
  const idOf = (code: string): number => {
    const id = attributes.find((row) => row.attribute_code === code)?.attribute_id;
    if (id === undefined) throw new Error(`The catalog_product attribute "${code}" is missing`);
    return Number(id);
  };
  // Numeric ids read from the database, so inlining them into the SQL is safe.
  const status = idOf('status');
  const visibility = idOf('visibility');

  const [[{ eligible }]] = await conn.query<RowDataPacket[]>(
    `SELECT COUNT(*) AS eligible
       FROM catalog_product_entity p
       LEFT JOIN catalog_product_entity_int st0 ON st0.entity_id = p.entity_id AND st0.attribute_id = ${status} AND st0.store_id = 0
       LEFT JOIN catalog_product_entity_int st1 ON st1.entity_id = p.entity_id AND st1.attribute_id = ${status} AND st1.store_id = 1
       LEFT JOIN catalog_product_entity_int vi0 ON vi0.entity_id = p.entity_id AND vi0.attribute_id = ${visibility} AND vi0.store_id = 0
       LEFT JOIN catalog_product_entity_int vi1 ON vi1.entity_id = p.entity_id AND vi1.attribute_id = ${visibility} AND vi1.store_id = 1
       LEFT JOIN cataloginventory_stock_item si ON si.product_id = p.entity_id AND si.stock_id = 1
      WHERE COALESCE(st1.value, st0.value) = 1
        AND COALESCE(vi1.value, vi0.value) <> 1
        AND (
          (p.type_id <> 'configurable' AND si.qty > 0 AND si.is_in_stock = 1)
          OR (p.type_id = 'configurable' AND EXISTS (
            SELECT 1
              FROM catalog_product_super_link l
              JOIN cataloginventory_stock_item csi ON csi.product_id = l.product_id AND csi.stock_id = 1
              LEFT JOIN catalog_product_entity_int cs0 ON cs0.entity_id = l.product_id AND cs0.attribute_id = ${status} AND cs0.store_id = 0
              LEFT JOIN catalog_product_entity_int cs1 ON cs1.entity_id = l.product_id AND cs1.attribute_id = ${status} AND cs1.store_id = 1
             WHERE l.parent_id = p.entity_id
               AND COALESCE(cs1.value, cs0.value) = 1
               AND csi.qty > 0 AND csi.is_in_stock = 1))
        )`,
  );
  return Number(eligible);
}
