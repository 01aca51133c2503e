import mysql from 'mysql2/promise';

/**
 * The eligible products of a Magento database in the simplest SQL that states the rule (store 1
 * values over store 0; enabled; visible; qty > 0 of its own or through an enabled child), written
 * independently of the importer's reader so tests can check the importer against it.
 */
export async function eligibleSourceIds(conn: mysql.Connection, database: string): Promise<number[]> {
  const [rows] = await conn.query<mysql.RowDataPacket[]>(
    `SELECT p.entity_id
       FROM \`${database}\`.catalog_product_entity p
      WHERE ${scoped(database, 'p.entity_id', 'status')} = 1
        AND COALESCE(${scoped(database, 'p.entity_id', 'visibility')}, 4) <> 1
        AND IF(p.type_id = 'configurable',
               EXISTS (SELECT 1 FROM \`${database}\`.catalog_product_super_link l
                         JOIN \`${database}\`.cataloginventory_stock_item s ON s.product_id = l.product_id AND s.stock_id = 1
                        WHERE l.parent_id = p.entity_id AND s.qty > 0 AND ${scoped(database, 'l.product_id', 'status')} = 1),
               EXISTS (SELECT 1 FROM \`${database}\`.cataloginventory_stock_item s
                        WHERE s.product_id = p.entity_id AND s.stock_id = 1 AND s.qty > 0))
      ORDER BY p.entity_id`,
  );
  return rows.map((r) => Number(r.entity_id));
}

function scoped(database: string, entity: string, code: string): string {
  const attribute = `(SELECT a.attribute_id FROM \`${database}\`.eav_attribute a
                        JOIN \`${database}\`.eav_entity_type t ON t.entity_type_id = a.entity_type_id
                       WHERE t.entity_type_code = 'catalog_product' AND a.attribute_code = '${code}')`;
  const at = (store: number) =>
    `(SELECT v.value FROM \`${database}\`.catalog_product_entity_int v
       WHERE v.entity_id = ${entity} AND v.attribute_id = ${attribute} AND v.store_id = ${store})`;
  return `COALESCE(${at(1)}, ${at(0)})`;
}
