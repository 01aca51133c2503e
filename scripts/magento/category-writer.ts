import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

export const CATEGORY_ATTRIBUTE_SET_ID = 3;

export interface CategoryNode {
  id: number;
  /** Magento's materialised path of ids, e.g. "1/2/11/12". */
  path: string;
  level: number;
}

export interface CategoryNames {
  name: string;
  /** A store-1 override of the name. */
  storeName?: string;
}

/**
 * Inserts one category under `parent` (null for the tree root) the way Magento lays it out:
 * path of ids, level, position among siblings, and children_count kept on every ancestor.
 * Timestamps are given, never the clock, so seeded catalogs stay identical run to run.
 */
export async function insertCategory(
  conn: Connection,
  nameAttributeId: number,
  parent: CategoryNode | null,
  names: CategoryNames,
  timestamp: string,
): Promise<CategoryNode> {
  const parentId = parent?.id ?? 0;
  const [[{ position }]] = await conn.query<RowDataPacket[]>(
    'SELECT COUNT(*) + 1 AS position FROM catalog_category_entity WHERE parent_id = ?',
    [parentId],
  );
  const level = parent ? parent.level + 1 : 0;
  const [inserted] = await conn.query<ResultSetHeader>(
    `INSERT INTO catalog_category_entity
       (attribute_set_id, parent_id, created_at, updated_at, path, position, level, children_count)
     VALUES (?, ?, ?, ?, '', ?, ?, 0)`,
    [CATEGORY_ATTRIBUTE_SET_ID, parentId, timestamp, timestamp, position, level],
  );
  const id = inserted.insertId;
  const path = parent ? `${parent.path}/${id}` : String(id);
  // updated_at is assigned to itself so ON UPDATE CURRENT_TIMESTAMP does not stamp the clock.
  await conn.query('UPDATE catalog_category_entity SET path = ?, updated_at = updated_at WHERE entity_id = ?', [path, id]);
  if (parent) {
    await conn.query(
      'UPDATE catalog_category_entity SET children_count = children_count + 1, updated_at = updated_at WHERE entity_id IN (?)',
      [parent.path.split('/').map(Number)],
    );
  }

  const nameRows = [[nameAttributeId, 0, id, names.name]];
  if (names.storeName !== undefined) nameRows.push([nameAttributeId, 1, id, names.storeName]);
  await conn.query('INSERT INTO catalog_category_entity_varchar (attribute_id, store_id, entity_id, value) VALUES ?', [nameRows]);
  return { id, path, level };
}
